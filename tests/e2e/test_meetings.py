"""Meetings, notices and refusal escalations over HTTP, on SQLite and PostgreSQL (ENG-V, ENG-VI)."""

from __future__ import annotations

from typing import Any

from tests.conftest import Clock
from tests.e2e.conftest import Api, assert_problem


def _meeting(api: Api, case_id: str, held_on: str = "2026-03-20", kind: str = "team") -> str:
    response = api.post(f"/cases/{case_id}/meetings", {"kind": kind, "held_on": held_on}, "alice")
    assert response.status_code == 201, response.json
    meeting_id: str = response.json["meeting_id"]
    return meeting_id


def _notices(api: Api, case_id: str) -> list[dict[str, Any]]:
    answer = api.get(f"/cases/{case_id}/obligations", "alice").json
    return [o for o in answer["obligations"] if o["kind"] == "meeting_notice"]


def test_a_scheduled_meeting_owes_notice_to_the_non_custodial_father_until_it_is_sent(
    api: Api,
) -> None:
    case_id = api.open_case()
    api.add_parent(case_id)  # custodial mother: owed no notice
    father = api.add_parent(case_id, name="Tom", custodial=False)
    meeting_id = _meeting(api, case_id)
    (owed,) = _notices(api, case_id)
    assert (owed["parent_id"], owed["status"], owed["due"]) == (father, "open", "2026-03-20")
    assert owed["citation"]["clause"] == "ENG-V"
    body = {"parent_id": father, "outcome": "sent", "on": "2026-03-10"}
    sent = api.post(f"/cases/{case_id}/meetings/{meeting_id}/notices", body, "alice")
    assert sent.status_code == 201, sent.json
    (met,) = _notices(api, case_id)
    assert (met["status"], met["satisfied_by"]) == ("met", [sent.json["notice_id"]])
    (meeting,) = api.get(f"/cases/{case_id}", "alice").json["meetings"]
    assert (meeting["meeting_id"], meeting["kind"], meeting["held_on"]) == (
        meeting_id,
        "team",
        "2026-03-20",
    )
    assert meeting["notices"] == [
        {
            "notice_id": sent.json["notice_id"],
            "parent_id": father,
            "outcome": "sent",
            "on": "2026-03-10",
            "reason": None,
        }
    ]


def test_a_notice_withheld_as_unsafe_is_exempt_citing_eng_v(api: Api) -> None:
    case_id = api.open_case()
    father = api.add_parent(case_id, name="Tom", custodial=False)
    meeting_id = _meeting(api, case_id, kind="court")
    body = {"parent_id": father, "outcome": "withheld", "on": "2026-03-09", "reason": "unsafe"}
    withheld = api.post(f"/cases/{case_id}/meetings/{meeting_id}/notices", body, "alice")
    assert withheld.status_code == 201, withheld.json
    (exempt,) = _notices(api, case_id)
    assert (exempt["status"], exempt["citation"]["clause"]) == ("exempt", "ENG-V")


def test_a_withheld_notice_without_a_valid_reason_is_422_naming_eng_v(api: Api) -> None:
    case_id = api.open_case(program="NH-JJS")
    father = api.add_parent(case_id, name="Tom", custodial=False)
    meeting_id = _meeting(api, case_id, kind="ppt")
    path = f"/cases/{case_id}/meetings/{meeting_id}/notices"
    before = api.events()
    body = {"parent_id": father, "outcome": "withheld", "on": "2026-03-09"}
    problem = assert_problem(api.post(path, body, "alice"), 422)
    assert (problem["clause"], list(problem["errors"])) == ("ENG-V", ["reason"])
    problem = assert_problem(api.post(path, body | {"reason": "putative_father"}, "alice"), 422)
    assert problem["clause"] == "ENG-V"
    assert problem["type"].endswith("/notice-reason-refused")
    problem = assert_problem(api.post(path, body | {"reason": "bored"}, "alice"), 422)
    assert "reason" in problem["errors"]
    assert api.events() == before


def test_a_notice_withheld_under_a_court_order_without_one_is_422_naming_eng_v(api: Api) -> None:
    case_id = api.open_case(program="NH-JJS")
    father = api.add_parent(case_id, name="Tom", custodial=False)
    meeting_id = _meeting(api, case_id)
    path = f"/cases/{case_id}/meetings/{meeting_id}/notices"
    body = {"parent_id": father, "outcome": "withheld", "on": "2026-03-09", "reason": "court_order"}
    before = api.events()
    problem = assert_problem(api.post(path, body, "alice"), 422)
    assert (problem["clause"], list(problem["errors"])) == ("ENG-V", ["reason"])
    assert problem["type"].endswith("/notice-reason-refused")
    assert api.events() == before
    order = {"kind": "no_notification", "parent_id": father, "effective_on": "2026-03-09"}
    recorded = api.post(f"/cases/{case_id}/court-orders", order, "alice")
    assert recorded.status_code == 201, recorded.json
    (by_order,) = _notices(api, case_id)  # the order alone exempts the notice
    assert (by_order["status"], by_order["satisfied_by"]) == ("exempt", [recorded.json["order_id"]])
    withheld = api.post(path, body, "alice")
    assert withheld.status_code == 201, withheld.json
    (exempt,) = _notices(api, case_id)
    assert (exempt["status"], exempt["citation"]["clause"]) == ("exempt", "ENG-V")
    assert exempt["satisfied_by"] == [withheld.json["notice_id"]]


def test_an_unknown_meeting_is_404_and_an_unknown_parent_422(api: Api) -> None:
    case_id = api.open_case()
    father = api.add_parent(case_id, name="Tom", custodial=False)
    meeting_id = _meeting(api, case_id)
    body = {"parent_id": father, "outcome": "sent", "on": "2026-03-09"}
    missing = f"/cases/{case_id}/meetings/00000000-0000-4000-8000-000000000000/notices"
    assert assert_problem(api.post(missing, body, "alice"), 404)["type"].endswith(
        "/meeting-not-found"
    )
    stranger = body | {"parent_id": "00000000-0000-4000-8000-000000000000"}
    path = f"/cases/{case_id}/meetings/{meeting_id}/notices"
    problem = assert_problem(api.post(path, stranger, "alice"), 422)
    assert problem["type"].endswith("/unknown-parent")


def test_meeting_bodies_refuse_unknown_fields_and_words_outside_the_enumeration(api: Api) -> None:
    case_id = api.open_case()
    path = f"/cases/{case_id}/meetings"
    for body in (
        {"kind": "picnic", "held_on": "2026-03-20"},
        {"kind": "team", "held_on": "2026-03-20", "actor": "mallory"},
        {"kind": "team"},
    ):
        assert_problem(api.post(path, body, "alice"), 422)
    problem = assert_problem(
        api.post(path, {"kind": "team", "held_on": "2025-12-01"}, "alice"), 422
    )
    assert problem["type"].endswith("/before-case-opened")


def test_scheduling_a_meeting_again_with_the_same_idempotency_key_records_it_once(
    api: Api,
) -> None:
    case_id = api.open_case()
    key = {"Idempotency-Key": "meeting-1"}
    body = {"kind": "treatment", "held_on": "2026-03-20"}
    first = api.post(f"/cases/{case_id}/meetings", body, "alice", key)
    before = api.events()
    again = api.post(f"/cases/{case_id}/meetings", body, "alice", key)
    assert (first.status_code, again.status_code, again.json) == (201, 201, first.json)
    assert api.events() == before


def _refusal(api: Api) -> tuple[str, str, str]:
    case_id = api.open_case(program="NH-JJS")
    household = {"effective_on": "2026-01-05", "children_in_home": False, "in_placement": True}
    assert api.post(f"/cases/{case_id}/household", household, "alice").status_code == 201
    father = api.add_parent(case_id, name="Tom", custodial=False)
    contact = {
        "parent_id": father,
        "occurred_at": "2026-03-09T10:00:00-05:00",
        "method": "phone",
        "outcome": "refused",
        "purpose": "Monthly contact",
    }
    response = api.post(f"/cases/{case_id}/contacts", contact, "alice")
    assert response.status_code == 201, response.json
    return case_id, father, response.json["contact_id"]


def test_a_refusal_escalated_to_the_supervisor_then_a_cps_supervisor_meets_eng_vi(
    api: Api,
) -> None:
    case_id, father, contact_id = _refusal(api)
    owed = [
        o
        for o in api.get(f"/cases/{case_id}/obligations", "alice").json["obligations"]
        if o["kind"] == "refusal_escalation"
    ]
    assert [(o["parent_id"], o["status"], o["due"]) for o in owed] == [
        (father, "open", "2026-03-16")
    ]
    path = f"/cases/{case_id}/refusal-escalations"
    first = {
        "contact_id": contact_id,
        "step": "supervisor_consulted",
        "occurred_at": "2026-03-09T15:00:00-05:00",
        "consultant": "sam",
    }
    assert api.post(path, first, "alice").status_code == 201
    closing = first | {"step": "cps_supervisor_consulted", "consultant": "Lee, CPS supervisor"}
    assert_problem(api.post(path, closing, "alice"), 403)  # the supervisor's step, not the JPPO's
    closed = api.post(path, closing | {"occurred_at": "2026-03-10T09:00:00-05:00"}, "sam")
    assert closed.status_code == 201, closed.json
    (met,) = [
        o
        for o in api.get(f"/cases/{case_id}/obligations", "alice").json["obligations"]
        if o["kind"] == "refusal_escalation"
    ]
    assert (met["status"], met["citation"]["clause"]) == ("met", "ENG-VI")
    assert met["satisfied_by"][-1] == closed.json["escalation_id"]


def test_a_finding_before_the_supervisor_was_consulted_is_422_naming_eng_vi(api: Api) -> None:
    case_id, _, contact_id = _refusal(api)
    body = {
        "contact_id": contact_id,
        "step": "permanency_not_affected",
        "occurred_at": "2026-03-09T15:00:00-05:00",
    }
    problem = assert_problem(api.post(f"/cases/{case_id}/refusal-escalations", body, "sam"), 422)
    assert (problem["clause"], list(problem["errors"])) == ("ENG-VI", ["step"])
    unknown = body | {"contact_id": "00000000-0000-4000-8000-000000000000"}
    problem = assert_problem(api.post(f"/cases/{case_id}/refusal-escalations", unknown, "sam"), 422)
    assert problem["type"].endswith("/unknown-contact")


def test_the_new_calls_are_in_the_openapi_document(api: Api) -> None:
    paths = api.get("/openapi.json", None).json["paths"]
    assert "post" in paths["/api/v1/cases/{case_id}/meetings"]
    assert "post" in paths["/api/v1/cases/{case_id}/meetings/{meeting_id}/notices"]
    assert "post" in paths["/api/v1/cases/{case_id}/refusal-escalations"]


def test_known_at_before_the_meeting_was_scheduled_shows_no_notice_owed(
    api: Api, clock: Clock
) -> None:
    case_id = api.open_case()
    api.add_parent(case_id, name="Tom", custodial=False)
    clock.advance(hours=1)
    _meeting(api, case_id)
    before = api.get(f"/cases/{case_id}/obligations?known_at=2026-03-10T11:30:00-05:00", "alice")
    assert before.status_code == 200, before.json
    assert [o for o in before.json["obligations"] if o["kind"] == "meeting_notice"] == []
    assert len(_notices(api, case_id)) == 1
