"""GET /cases/{id}/audit as JSON, html and PDF, and GET .../audit/verify (issue 5, 2-3, 5)."""

from __future__ import annotations

import io
import re
import uuid

import pypdf
import pytest

from tests.conftest import Clock
from tests.e2e import audit_fixtures
from tests.e2e.audit_fixtures import AuditedCase
from tests.e2e.conftest import Api, assert_problem
from tests.integration.audit_helpers import EventsTable
from web import audit_report

app = audit_fixtures.app
case = audit_fixtures.case


def _pdf_text(data: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_the_history_chains_every_entry_in_recording_order(api: Api, case: AuditedCase) -> None:
    response = api.get(f"/cases/{case.case_id}/audit", "alice")
    assert response.status_code == 200
    body = response.json
    types = [e["event_type"] for e in body["entries"]]
    assert types == ["CaseOpened", "ParentIdentified", "ContactRecorded", "ContactAmended"]
    assert [e["seq"] for e in body["entries"]] == [1, 2, 3, 4]
    prevs = [e["prev_hash"] for e in body["entries"]]
    assert prevs == [None, *(e["hash"] for e in body["entries"][:-1])]
    assert body["head_hash"] == body["entries"][-1]["hash"]


def test_known_at_keeps_only_what_was_recorded_by_then(
    api: Api, case: AuditedCase, clock: Clock
) -> None:
    before_amendment = "2026-03-10T16:30:00+00:00"
    response = api.get(
        f"/cases/{case.case_id}/audit", "alice", query_string={"known_at": before_amendment}
    )
    assert [e["seq"] for e in response.json["entries"]] == [1, 2, 3]


def test_a_naive_known_at_is_refused(api: Api, case: AuditedCase) -> None:
    response = api.get(
        f"/cases/{case.case_id}/audit", "alice", query_string={"known_at": "2026-03-10T16:30"}
    )
    assert_problem(response, 422)


def test_the_pdf_opens_and_holds_the_chronology_amendment_and_late_mark(
    api: Api, case: AuditedCase
) -> None:
    response = api.client.get(
        f"/api/v1/cases/{case.case_id}/audit",
        headers=api.headers("audrey", {"Accept": "application/pdf"}),
    )
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    text = _pdf_text(response.data)
    assert "Chronology" in text
    # A line per entry: seq, recorded (UTC), occurred (local), by, the late mark, summary.
    lines = [
        r"^ +1 2026-03-10 16:00Z 2026-01-05 +alice +Case NH-2026-0001 opened",
        r"^ +3 2026-03-10 16:00Z 2026-03-02 15:00 alice +LATE Contact in home",
        # Only the contact was documented late; the amendment's line carries no mark.
        r"^ +4 2026-03-10 17:00Z 2026-03-10 13:00 alice +Contact \w+ amended",
    ]
    for line in lines:
        assert re.search(line, text, re.M), (line, text)
    assert "Wrong purpose" in text  # the amendment's reason beside the original
    assert "Monthly visit" in text  # the original purpose is kept
    assert "How to verify" in text


def test_the_same_known_at_gives_the_same_pdf_bytes_after_more_is_recorded(
    api: Api, case: AuditedCase, clock: Clock, app
) -> None:
    path = f"/cases/{case.case_id}/audit"
    query = {"format": "pdf", "known_at": "2026-03-10T17:00:00+00:00"}
    first = api.get(path, "alice", query_string=query).data
    clock.advance(days=1)
    api.post(f"/cases/{case.case_id}/contacts/{case.contact_id}/voids", {"reason": "x"}, "alice")
    with app.app_context():
        from web.audit import trail

        trail().create_checkpoint(clock.now)
    second = api.get(path, "alice", query_string=query).data
    assert first.startswith(b"%PDF")
    assert first == second


def test_without_known_at_the_page_states_the_instant_it_was_taken(
    api: Api, case: AuditedCase, clock: Clock
) -> None:
    page = api.get(f"/cases/{case.case_id}/audit?format=html", "alice").get_data(as_text=True)
    assert "2026-03-10T17:00:00.000000+00:00" in page
    assert "when this export was taken" in page


def test_the_page_escapes_free_text(api: Api, case: AuditedCase) -> None:
    response = api.get(f"/cases/{case.case_id}/audit?format=html", "alice")
    page = response.get_data(as_text=True)
    assert response.mimetype == "text/html"
    assert "<script>" not in page
    assert "<b>Lopez" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_the_page_shows_obligations_with_their_clauses_and_the_signed_checkpoint(
    api: Api, case: AuditedCase, app, clock: Clock
) -> None:
    with app.app_context():
        from web.audit import caught_up

        signed = caught_up().create_checkpoint(clock.now)
    page = api.get(f"/cases/{case.case_id}/audit?format=html", "audrey").get_data(as_text=True)
    assert "monthly contact" in page
    assert re.search(r"ENG-I[.A-Z0-9]*", page)
    assert signed.signature in page
    assert "NOT valid" not in page


def test_verify_reports_the_chain_of_an_intact_case(api: Api, case: AuditedCase) -> None:
    history = api.get(f"/cases/{case.case_id}/audit", "sam").json
    response = api.get(f"/cases/{case.case_id}/audit/verify", "sam")
    assert response.json == {
        "ok": True,
        "entries": 4,
        "head_hash": history["head_hash"],
        "first_bad_seq": None,
    }


def test_verify_names_the_first_bad_seq_of_an_edited_event(api: Api, case: AuditedCase) -> None:
    api.get(f"/cases/{case.case_id}/audit", "alice")  # the trail has stored every hash
    table = EventsTable(api.ledger)
    rows = table.case_rows(uuid.UUID(case.case_id))
    nid, _, _, _, state = rows[2]
    table.run(table.set(nid, "state", bytes(state).replace(b"Monthly", b"Weekly!")))
    response = api.get(f"/cases/{case.case_id}/audit/verify", "audrey")
    assert response.status_code == 200
    assert response.json["ok"] is False
    assert response.json["first_bad_seq"] == 3


@pytest.mark.parametrize("reader", ["alice", "sam", "audrey", "ada"])
def test_the_worker_supervisor_auditor_and_admin_read_the_history(
    api: Api, case: AuditedCase, reader: str
) -> None:
    for suffix in ("", "/verify"):
        assert api.get(f"/cases/{case.case_id}/audit{suffix}", reader).status_code == 200


@pytest.mark.parametrize("outsider", ["bob", "tess", "pat"])
def test_others_find_no_such_case_and_the_refusal_is_logged(
    api: Api, case: AuditedCase, outsider: str
) -> None:
    response = api.get(f"/cases/{case.case_id}/audit?format=pdf", outsider)
    assert_problem(response, 404)
    log = api.get("/access-log", "audrey", query_string={"case_id": case.case_id}).json
    refusals = [e for e in log["entries"] if e["user"] == outsider]
    assert refusals[0]["outcome"] == "denied"
    assert refusals[0]["action"] == "GET /cases/{case_id}/audit?format=pdf"


def test_an_unknown_case_answers_404(api: Api, case: AuditedCase) -> None:
    missing = "00000000-0000-4000-8000-000000000000"
    assert_problem(api.get(f"/cases/{missing}/audit", "audrey"), 404)


def test_a_long_case_prints_only_its_corrected_contacts_in_full(
    api: Api, case: AuditedCase, monkeypatch: pytest.MonkeyPatch
) -> None:
    second = {
        "parent_id": case.parent_id,
        "occurred_at": "2026-03-10T09:00:00-05:00",
        "method": "in_home",
        "outcome": "completed",
        "purpose": "canary-purpose-7e2a",
        "narrative": "Seen with the children.",
    }
    recorded = api.post(f"/cases/{case.case_id}/contacts", second, "alice")
    assert recorded.status_code == 201, recorded.json
    path = f"/cases/{case.case_id}/audit?format=html"
    assert "canary-purpose-7e2a" in api.get(path, "alice").text
    monkeypatch.setattr(audit_report, "CONTACTS_IN_FULL", 1)
    page = api.get(path, "alice").text
    contacts = page.split("Contacts amended or voided")[1].split("<h2>")[0]
    assert "canary-purpose-7e2a" not in contacts  # its line in the chronology stands for it
    assert "Monthly visit" in contacts  # the amended one, as first recorded
    assert "Wrong purpose" in contacts


def test_documentation_obligations_are_counted_and_their_misses_marked_in_the_chronology(
    api: Api, case: AuditedCase
) -> None:
    page = api.get(f"/cases/{case.case_id}/audit?format=html", "alice").text
    obligations = page.split("Obligations met and missed")[1].split("Clauses cited")[0]
    assert re.search(r"documentation:\s+1 missed\s+\(ENG-VII\)", obligations)
    assert not re.search(r"^\S+ +documentation ", obligations, re.M)  # no line of its own
    assert re.search(r"^\S+ +monthly_contact ", obligations, re.M)
