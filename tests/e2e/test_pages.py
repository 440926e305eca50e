"""The pages: sign in, what is due, a case, and the contact form (same rules as the API)."""

from __future__ import annotations

import datetime as dt
import re
from uuid import UUID

from flask import Flask
from werkzeug.test import TestResponse

from domain.values import Role
from tests.e2e.conftest import Api
from web.access_log import EXTENSION as ACCESS_LOG

CSRF = "test-form-token"


def _sign_in(api: Api, username: str) -> None:
    with api.client.session_transaction() as session:
        session["token"] = api.tokens[username]
        session["csrf"] = CSRF


def _case_with_mother(api: Api) -> tuple[str, str]:
    case_id = api.open_case()
    return case_id, api.add_parent(case_id)


def _contact_form(parent_id: str, **fields: str) -> dict[str, str]:
    return {
        "csrf_token": CSRF,
        "form_id": "form-1",
        "parent_id": parent_id,
        "occurred_at": "2026-03-09T23:30",
        "method": "in_home",
        "location": "the family home",
        "outcome": "completed",
        "purpose": "monthly visit",
        "narrative": "Talked about school.",
    } | fields


def _post_contact(api: Api, case_id: str, form: dict[str, str]) -> TestResponse:
    return api.client.post(f"/cases/{case_id}/contacts", data=form)


def _access_log(app: Flask) -> list[dict[str, object]]:
    entries: list[dict[str, object]] = app.extensions[ACCESS_LOG].entries(None, 50)
    return entries


def test_a_page_without_a_session_sends_the_person_to_sign_in(api: Api) -> None:
    case_id, _ = _case_with_mother(api)
    response = api.client.get(f"/cases/{case_id}")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=/cases/")


def test_signing_in_with_a_token_opens_the_page_asked_for(api: Api) -> None:
    case_id, _ = _case_with_mother(api)
    login = api.client.get(f"/login?next=/cases/{case_id}")
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', login.text)
    assert csrf is not None
    response = api.client.post(
        "/login",
        data={
            "csrf_token": csrf.group(1),
            "token": api.tokens["alice"],
            "next": f"/cases/{case_id}",
        },
    )
    assert response.status_code == 303
    assert response.headers["Location"] == f"/cases/{case_id}"
    assert "NH-2026-0001" in api.client.get(f"/cases/{case_id}").text


def test_a_wrong_token_is_refused_and_the_denial_is_in_the_access_log(app: Flask, api: Api) -> None:
    api.client.get("/login")
    with api.client.session_transaction() as session:
        csrf = session["csrf"]
    response = api.client.post("/login", data={"csrf_token": csrf, "token": "not-a-token"})
    assert response.status_code == 401
    assert "not valid" in response.text
    assert _access_log(app)[0]["action"] == "PAGE POST /login"
    assert _access_log(app)[0]["outcome"] == "denied"


def test_sign_in_never_redirects_off_the_site(api: Api) -> None:
    api.client.get("/login")
    with api.client.session_transaction() as session:
        csrf = session["csrf"]
    form = {"csrf_token": csrf, "token": api.tokens["alice"], "next": "//evil.example/"}
    assert api.client.post("/login", data=form).headers["Location"] == "/"


def test_the_case_page_shows_what_is_owed_with_its_clause(api: Api) -> None:
    case_id, _ = _case_with_mother(api)
    _sign_in(api, "alice")
    page = api.client.get(f"/cases/{case_id}")
    assert page.status_code == 200
    assert page.mimetype == "text/html"
    assert "Maria Lopez" in page.text
    assert "monthly contact" in page.text
    assert "ENG-I" in page.text


def test_home_lists_a_missed_month_on_the_workers_case(api: Api) -> None:
    _case_with_mother(api)
    _sign_in(api, "alice")
    page = api.client.get("/")
    assert page.status_code == 200
    assert "NH-2026-0001" in page.text
    assert "status-missed" in page.text  # January and February passed without a visit


def test_a_contact_from_the_form_is_recorded_in_the_programs_local_time(api: Api) -> None:
    case_id, parent_id = _case_with_mother(api)
    _sign_in(api, "alice")
    response = _post_contact(api, case_id, _contact_form(parent_id))
    assert response.status_code == 303
    (contact,) = api.ledger.get_case(UUID(case_id)).contacts.values()
    assert contact.occurred_at == dt.datetime(2026, 3, 10, 3, 30, tzinfo=dt.UTC)  # 23:30 EDT
    page = api.client.get(response.headers["Location"])
    assert "Contact recorded" in page.text


def test_the_form_contact_meets_the_month_on_the_next_page(api: Api) -> None:
    case_id, parent_id = _case_with_mother(api)
    _sign_in(api, "alice")
    _post_contact(api, case_id, _contact_form(parent_id))
    page = api.client.get(f"/cases/{case_id}").text
    march = page.split("<td>2026-03</td>")[0].rsplit("<tr>", 1)[1]
    assert "status-met" in march


def test_a_resent_contact_form_records_one_contact(api: Api) -> None:
    case_id, parent_id = _case_with_mother(api)
    _sign_in(api, "alice")
    assert _post_contact(api, case_id, _contact_form(parent_id)).status_code == 303
    assert _post_contact(api, case_id, _contact_form(parent_id)).status_code == 303
    assert len(api.ledger.get_case(UUID(case_id)).contacts) == 1


def test_a_form_post_without_the_session_token_records_nothing(api: Api) -> None:
    case_id, parent_id = _case_with_mother(api)
    _sign_in(api, "alice")
    before = api.events()
    response = _post_contact(api, case_id, _contact_form(parent_id, csrf_token="forged"))
    assert response.status_code == 400
    assert api.events() == before


def test_an_invalid_contact_form_shows_why_and_records_nothing(api: Api) -> None:
    case_id, parent_id = _case_with_mother(api)
    _sign_in(api, "alice")
    before = api.events()
    response = _post_contact(api, case_id, _contact_form(parent_id, purpose="", method="smoke"))
    assert response.status_code == 422
    assert response.mimetype == "text/html"
    assert "was not recorded" in response.text
    assert "method" in response.text
    assert "purpose" in response.text
    assert api.events() == before


def test_a_contact_in_the_future_is_refused_on_the_page(api: Api) -> None:
    case_id, parent_id = _case_with_mother(api)
    _sign_in(api, "alice")
    response = _post_contact(api, case_id, _contact_form(parent_id, occurred_at="2026-04-01T10:00"))
    assert response.status_code == 422
    assert "was not recorded" in response.text


def test_another_workers_case_does_not_exist_on_the_pages(api: Api) -> None:
    case_id, _ = _case_with_mother(api)
    api.user("bob", Role.CASEWORKER, "south")
    _sign_in(api, "bob")
    response = api.client.get(f"/cases/{case_id}")
    assert response.status_code == 404
    assert response.mimetype == "text/html"


def test_a_page_read_is_in_the_access_log_as_a_page(app: Flask, api: Api) -> None:
    case_id, _ = _case_with_mother(api)
    _sign_in(api, "alice")
    api.client.get(f"/cases/{case_id}")
    entry = _access_log(app)[0]
    assert entry["action"] == "PAGE GET /cases/{case_id}"
    assert entry["case_id"] == case_id
    assert entry["user"] == "alice"


def test_the_coordinators_home_is_the_referral_board(api: Api) -> None:
    api.user("cora", Role.PBP_COORDINATOR)
    _sign_in(api, "cora")
    page = api.client.get("/")
    assert page.status_code == 200
    assert "Parents Becoming Partners referrals" in page.text


def test_signing_out_ends_the_session(api: Api) -> None:
    _sign_in(api, "alice")
    assert api.client.post("/logout", data={"csrf_token": CSRF}).status_code == 303
    assert api.client.get("/").status_code == 302


def test_the_case_page_links_its_printable_history_and_the_pdf_for_court(
    app: Flask, api: Api
) -> None:
    case_id, _ = _case_with_mother(api)
    _sign_in(api, "alice")
    assert f'href="/cases/{case_id}/audit"' in api.client.get(f"/cases/{case_id}").text
    page = api.client.get(f"/cases/{case_id}/audit")
    assert page.status_code == 200
    assert "Chronology" in page.text
    assert "Maria" in page.text
    pdf = api.client.get(f"/cases/{case_id}/audit?format=pdf")
    assert pdf.mimetype == "application/pdf"
    assert pdf.data.startswith(b"%PDF")
    entry = _access_log(app)[0]
    assert entry["action"] == "PAGE GET /cases/{case_id}/audit?format=pdf"
    assert entry["case_id"] == case_id


def test_the_permanency_jppo_gets_no_history_page(api: Api) -> None:
    api.user("petra", Role.PERMANENCY_WORKER, "north")
    case_id = api.open_case(program="NH-JJS", case_number="JJS-1")
    _sign_in(api, "petra")
    assert "Audit history" not in api.client.get(f"/cases/{case_id}").text
    page = api.client.get(f"/cases/{case_id}/audit")
    assert page.status_code == 403
    assert page.mimetype == "text/html"


def test_another_workers_case_has_no_history_page(api: Api) -> None:
    case_id, _ = _case_with_mother(api)
    api.user("bob", Role.CASEWORKER, "south")
    _sign_in(api, "bob")
    assert api.client.get(f"/cases/{case_id}/audit").status_code == 404
