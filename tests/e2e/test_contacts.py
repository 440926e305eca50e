"""Contacts over HTTP: the contracted answer, deadlines per state, corrections."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tests.conftest import Clock
from tests.e2e.conftest import Api, assert_problem


def contact(parent_id: str, occurred_at: str, **fields: Any) -> dict[str, Any]:
    """A completed in-home contact body."""
    return {
        "parent_id": parent_id,
        "occurred_at": occurred_at,
        "method": "in_home",
        "outcome": "completed",
        "purpose": "Monthly visit",
        "topics": ["safety_wellbeing_case_plan", "needs_services"],
        "narrative": "Saw both children; the safety plan is being followed.",
    } | fields


def opened(api: Api, program: str = "NH-CPS", number: str = "C-1") -> tuple[str, str]:
    case_id = api.open_case(case_number=number, program=program)
    return case_id, api.add_parent(case_id)


def test_a_contact_answers_its_id_recording_time_and_deadline(api: Api) -> None:
    case_id, parent_id = opened(api)
    body = contact(parent_id, "2026-03-09T10:00:00-04:00", location="Family home")
    response = api.post(f"/cases/{case_id}/contacts", body, "alice")
    assert response.status_code == 201
    assert response.json["recorded_at"] == "2026-03-10T16:00:00+00:00"
    assert response.json["documentation_due"] == "2026-03-10T23:59:59-04:00"
    assert response.json["documented_late"] is False
    (kept,) = api.get(f"/cases/{case_id}", "alice").json["contacts"]
    assert kept["contact_id"] == response.json["contact_id"]
    assert kept["recorded_by"] == "alice"
    assert kept["topics"] == ["safety_wellbeing_case_plan", "needs_services"]
    assert (kept["amendments"], kept["voided"]) == (0, False)


def test_a_friday_contact_before_a_monday_holiday_is_due_on_tuesday(api: Api, clock: Clock) -> None:
    case_id, parent_id = opened(api)
    clock.now = dt.datetime(2026, 2, 17, 12, 0, tzinfo=dt.UTC)
    body = contact(parent_id, "2026-02-13T15:00:00-05:00")  # Washington's Birthday on the 16th
    response = api.post(f"/cases/{case_id}/contacts", body, "alice")
    assert response.json["documentation_due"] == "2026-02-17T23:59:59-05:00"
    assert response.json["documented_late"] is False


def test_recording_after_the_deadline_is_documented_late(api: Api, clock: Clock) -> None:
    case_id, parent_id = opened(api)
    clock.now = dt.datetime(2026, 2, 18, 5, 0, tzinfo=dt.UTC)  # 00:00 on the 18th in NH
    body = contact(parent_id, "2026-02-13T15:00:00-05:00")
    response = api.post(f"/cases/{case_id}/contacts", body, "alice")
    assert response.json["documented_late"] is True


def test_the_deadline_follows_the_programs_state_time_zone(api: Api) -> None:
    nh_case, nh_parent = opened(api, "NH-JJS", "NH-1")
    tn_case, tn_parent = opened(api, "TN-DCS", "TN-1")
    instant = "2026-03-06T05:30:00+00:00"  # Friday 00:30 in NH, Thursday 23:30 in TN
    nh = api.post(f"/cases/{nh_case}/contacts", contact(nh_parent, instant), "alice").json
    tn = api.post(f"/cases/{tn_case}/contacts", contact(tn_parent, instant), "alice").json
    assert nh["documentation_due"] == "2026-03-09T23:59:59-04:00"
    assert tn["documentation_due"] == "2026-03-06T23:59:59-06:00"


def test_good_friday_is_a_tennessee_holiday_but_not_a_new_hampshire_one(
    api: Api, clock: Clock
) -> None:
    nh_case, nh_parent = opened(api, "NH-CPS", "NH-2")
    tn_case, tn_parent = opened(api, "TN-DCS", "TN-2")
    clock.now = dt.datetime(2026, 4, 6, 12, 0, tzinfo=dt.UTC)
    instant = "2026-04-02T15:00:00+00:00"
    nh = api.post(f"/cases/{nh_case}/contacts", contact(nh_parent, instant), "alice").json
    tn = api.post(f"/cases/{tn_case}/contacts", contact(tn_parent, instant), "alice").json
    assert nh["documentation_due"] == "2026-04-03T23:59:59-04:00"
    assert (nh["documented_late"], tn["documented_late"]) == (True, False)
    assert tn["documentation_due"] == "2026-04-06T23:59:59-05:00"


def test_a_completed_contact_without_narrative_is_422_citing_the_clause(api: Api) -> None:
    case_id, parent_id = opened(api)
    before = api.events()
    body = contact(parent_id, "2026-03-09T10:00:00-04:00", narrative=None)
    problem = assert_problem(api.post(f"/cases/{case_id}/contacts", body, "alice"), 422)
    assert problem["clause"] == "ENG-VII"
    assert "narrative" in problem["errors"]
    assert api.events() == before


def test_an_attempted_contact_needs_no_narrative(api: Api) -> None:
    case_id, parent_id = opened(api)
    body = contact(parent_id, "2026-03-09T10:00:00-04:00", outcome="attempted", narrative=None)
    assert api.post(f"/cases/{case_id}/contacts", body, "alice").status_code == 201


@pytest.fixture
def recorded(api: Api) -> tuple[str, str]:
    """A case and one contact on it."""
    case_id, parent_id = opened(api)
    response = api.post(
        f"/cases/{case_id}/contacts", contact(parent_id, "2026-03-09T10:00:00-04:00"), "alice"
    )
    return case_id, response.json["contact_id"]


def test_an_amendment_shows_the_corrected_values(api: Api, recorded: tuple[str, str]) -> None:
    case_id, contact_id = recorded
    body = {"reason": "Wrong day", "occurred_at": "2026-03-06T10:00:00-05:00", "method": "video"}
    response = api.post(f"/cases/{case_id}/contacts/{contact_id}/amendments", body, "alice")
    assert response.status_code == 201
    assert response.json["documentation_due"] == "2026-03-09T23:59:59-04:00"
    (kept,) = api.get(f"/cases/{case_id}", "alice").json["contacts"]
    assert (kept["method"], kept["amendments"]) == ("video", 1)
    assert kept["occurred_at"] == "2026-03-06T10:00:00-05:00"
    assert kept["recorded_at"] == "2026-03-10T16:00:00+00:00"


def test_an_amendment_without_a_reason_is_422(api: Api, recorded: tuple[str, str]) -> None:
    case_id, contact_id = recorded
    body = {"method": "video"}
    path = f"/cases/{case_id}/contacts/{contact_id}/amendments"
    assert "reason" in assert_problem(api.post(path, body, "alice"), 422)["errors"]


def test_a_void_keeps_the_contact_visible_and_refuses_later_corrections(
    api: Api, recorded: tuple[str, str]
) -> None:
    case_id, contact_id = recorded
    void = f"/cases/{case_id}/contacts/{contact_id}/voids"
    assert api.post(void, {"reason": "Wrong family"}, "alice").status_code == 201
    (kept,) = api.get(f"/cases/{case_id}", "alice").json["contacts"]
    assert (kept["voided"], kept["void_reason"]) == (True, "Wrong family")
    before = api.events()
    assert_problem(api.post(void, {"reason": "Again"}, "alice"), 422)
    amend = f"/cases/{case_id}/contacts/{contact_id}/amendments"
    assert_problem(api.post(amend, {"reason": "Late fix", "method": "phone"}, "alice"), 422)
    assert api.events() == before


def test_a_contact_id_from_another_case_is_404(api: Api, recorded: tuple[str, str]) -> None:
    _, contact_id = recorded
    other_case = api.open_case(case_number="C-OTHER")
    path = f"/cases/{other_case}/contacts/{contact_id}/voids"
    assert_problem(api.post(path, {"reason": "Swap"}, "alice"), 404)
