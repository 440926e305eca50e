"""The supervisor's review page: rationale on screen, reviews bound to what was read."""

from __future__ import annotations

from uuid import UUID

from tests.conftest import Clock
from tests.e2e.conftest import Api
from tests.e2e.test_decisions import case, decision, review
from tests.e2e.test_meetings import _refusal
from tests.e2e.test_pages import CSRF, _sign_in

__all__ = ["case"]


def _pending(api: Api, case_id: str, parent_id: str) -> tuple[str, str]:
    answer = api.post(f"/cases/{case_id}/decisions", decision(parent_id), "alice").json
    return answer["decision_id"], answer["decision_hash"]


def _review_form(decision_hash: str, outcome: str, notes: str = "Agreed.") -> dict[str, str]:
    return {
        "csrf_token": CSRF,
        "form_id": f"review-{decision_hash}",
        "decision_hash": decision_hash,
        "outcome": outcome,
        "notes": notes,
    }


def _status(api: Api, case_id: str, decision_id: str) -> str:
    case = api.ledger.get_case(UUID(case_id))
    return str(case.decision(UUID(decision_id)).status.value)


def test_the_review_page_shows_a_pending_decision_with_its_rationale(
    api: Api, case: tuple[str, str]
) -> None:
    case_id, parent_id = case
    _pending(api, case_id, parent_id)
    _sign_in(api, "sam")
    page = api.client.get("/review")
    assert page.status_code == 200
    assert "Pending decision" in page.text
    assert "The partner threatened staff at the home." in page.text
    assert "Police report 26-114" in page.text
    assert 'value="approved"' in page.text
    assert 'value="declined"' in page.text


def test_approving_from_the_page_records_the_review_and_empties_the_queue(
    api: Api, case: tuple[str, str]
) -> None:
    case_id, parent_id = case
    decision_id, decision_hash = _pending(api, case_id, parent_id)
    _sign_in(api, "sam")
    path = f"/cases/{case_id}/decisions/{decision_id}/reviews"
    response = api.client.post(path, data=_review_form(decision_hash, "approved"))
    assert response.status_code == 303
    assert _status(api, case_id, decision_id) == "approved"
    page = api.client.get("/review")
    assert "approved." in page.text
    assert "Pending decision" not in page.text


def test_a_review_form_for_a_decision_changed_since_it_was_read_is_refused(
    api: Api, case: tuple[str, str]
) -> None:
    case_id, parent_id = case
    decision_id, read_hash = _pending(api, case_id, parent_id)
    reviews = f"/cases/{case_id}/decisions/{decision_id}/reviews"
    assert api.post(reviews, review("approved"), "sam").status_code == 201
    _sign_in(api, "sam")
    response = api.client.post(reviews, data=_review_form(read_hash, "ended"))
    assert response.status_code == 409
    assert response.mimetype == "text/html"
    assert _status(api, case_id, decision_id) == "approved"


def test_a_review_without_notes_is_shown_back_and_records_nothing(
    api: Api, case: tuple[str, str]
) -> None:
    case_id, parent_id = case
    decision_id, decision_hash = _pending(api, case_id, parent_id)
    _sign_in(api, "sam")
    path = f"/cases/{case_id}/decisions/{decision_id}/reviews"
    response = api.client.post(path, data=_review_form(decision_hash, "approved", notes=""))
    assert response.status_code == 422
    assert "The review was not recorded" in response.text
    assert _status(api, case_id, decision_id) == "pending_review"


def test_a_caseworker_has_no_review_page(api: Api) -> None:
    _sign_in(api, "alice")
    response = api.client.get("/review")
    assert response.status_code == 403
    assert response.mimetype == "text/html"


def test_the_review_page_shows_an_open_escalation_and_an_overdue_ppt_task(
    api: Api, clock: Clock
) -> None:
    _refusal(api)
    case_id = api.open_case(program="NH-JJS", case_number="JJS-1")
    task = {
        "description": "Call the school",
        "assigned_to": "alice",
        "assigned_on": "2026-03-02",
        "due_on": "2026-03-09",
    }
    assert api.post(f"/cases/{case_id}/ppt/tasks", task, "alice").status_code == 201
    _sign_in(api, "sam")
    page = api.client.get("/review").text
    assert "Open escalation" in page
    assert "refused contact on 2026-03-09" in page
    assert "No step recorded yet" in page
    assert "Overdue ppt task" in page
    assert "“Call the school” assigned to alice on 2026-03-02 was due 2026-03-09" in page
