"""The obligation calls over HTTP, on SQLite and PostgreSQL (api-contract "Obligations")."""

from __future__ import annotations

import datetime as dt
from typing import Any

from domain.values import Role
from tests.conftest import Clock
from tests.e2e.conftest import Api, assert_problem

CONTRACT_KEYS = {
    "obligation_id",
    "parent_id",
    "kind",
    "period",
    "due",
    "requires",
    "required_count",
    "status",
    "satisfied_by",
    "citation",
}


def _visit(api: Api, case_id: str, parent_id: str, occurred_at: str) -> str:
    body = {
        "parent_id": parent_id,
        "occurred_at": occurred_at,
        "method": "in_home",
        "outcome": "completed",
        "purpose": "Monthly visit",
        "narrative": "Mother and children seen at home.",
    }
    response = api.post(f"/cases/{case_id}/contacts", body, "alice")
    assert response.status_code == 201, response.json
    contact_id: str = response.json["contact_id"]
    return contact_id


def _month(answer: dict[str, Any], period: str) -> dict[str, Any]:
    (found,) = [
        o for o in answer["obligations"] if o["kind"] == "monthly_contact" and o["period"] == period
    ]
    return found


def test_a_case_answers_its_obligations_judged_today_in_its_zone(api: Api) -> None:
    case_id = api.open_case()
    parent_id = api.add_parent(case_id)
    response = api.get(f"/cases/{case_id}/obligations", "alice")
    assert response.status_code == 200
    answer = response.json
    assert (answer["case_id"], answer["as_of"]) == (case_id, "2026-03-10")
    assert answer["known_at"] == "2026-03-10T16:00:00+00:00"
    assert all(set(o) == CONTRACT_KEYS for o in answer["obligations"])
    march = _month(answer, "2026-03")
    assert (march["parent_id"], march["status"], march["requires"]) == (
        parent_id,
        "open",
        "in_home",
    )
    assert _month(answer, "2026-01")["status"] == "missed"


def test_a_contact_just_recorded_shows_in_the_very_next_case_obligations_call(
    api: Api,
) -> None:
    case_id = api.open_case()
    parent_id = api.add_parent(case_id)
    before = api.get(f"/cases/{case_id}/obligations", "alice").json
    assert _month(before, "2026-03")["status"] == "open"
    contact_id = _visit(api, case_id, parent_id, "2026-03-09T15:00:00-05:00")
    march = _month(api.get(f"/cases/{case_id}/obligations", "alice").json, "2026-03")
    assert (march["status"], march["satisfied_by"]) == ("met", [contact_id])


def test_a_contact_just_recorded_shows_in_the_very_next_list_call(api: Api) -> None:
    case_id = api.open_case()
    parent_id = api.add_parent(case_id)
    listed = api.get("/obligations?status=open", "sam").json["obligations"]
    assert any(o["period"] == "2026-03" and o["case_id"] == case_id for o in listed)
    _visit(api, case_id, parent_id, "2026-03-09T15:00:00-05:00")
    listed = api.get("/obligations?status=open", "sam").json["obligations"]
    assert not any(o["kind"] == "monthly_contact" for o in listed)
    met = api.get("/obligations?status=met", "alice").json["obligations"]
    assert {(o["kind"], o["period"], o["worker"]) for o in met} >= {
        ("monthly_contact", "2026-03", "alice")
    }


def test_as_of_judges_the_statuses_at_an_earlier_day(api: Api) -> None:
    case_id = api.open_case()
    api.add_parent(case_id)
    answer = api.get(f"/cases/{case_id}/obligations?as_of=2026-02-15", "alice").json
    assert answer["as_of"] == "2026-02-15"
    assert _month(answer, "2026-02")["status"] == "open"
    assert not [o for o in answer["obligations"] if o["period"] == "2026-03"]


def test_known_at_answers_from_what_was_recorded_by_that_instant(api: Api, clock: Clock) -> None:
    case_id = api.open_case()
    parent_id = api.add_parent(case_id)
    clock.advance(hours=2)
    _visit(api, case_id, parent_id, "2026-03-10T09:00:00-05:00")
    path = f"/cases/{case_id}/obligations?known_at="
    earlier = api.get(path + "2026-03-10T12:30:00-04:00", "alice").json
    later = api.get(path + "2026-03-10T18:00:00%2B00:00", "alice").json
    assert _month(earlier, "2026-03")["status"] == "open"
    assert _month(later, "2026-03")["status"] == "met"
    assert earlier["known_at"] == "2026-03-10T12:30:00-04:00"
    assert earlier["as_of"] == "2026-03-10"
    before_opening = api.get(path + "2026-01-01T00:00:00Z", "alice").json
    assert before_opening["obligations"] == []


def test_a_bad_as_of_or_a_known_at_without_offset_is_a_422_problem(api: Api) -> None:
    case_id = api.open_case()
    for query in ("as_of=2026-13-01", "known_at=2026-03-10T10:00:00", "known_at=soon"):
        problem = assert_problem(api.get(f"/cases/{case_id}/obligations?{query}", "alice"), 422)
        assert set(problem["errors"]) == {query.split("=")[0]}


def test_a_case_the_caller_may_not_read_answers_404(api: Api) -> None:
    case_id = api.open_case()
    api.user("olga", Role.CASEWORKER, "south")
    assert_problem(api.get(f"/cases/{case_id}/obligations", "olga"), 404)


def _south_case(api: Api, supervisor: str) -> str:
    return api.open_case(
        as_user="olga",
        case_number=f"NH-SOUTH-{supervisor}",
        worker="olga",
        supervisor=supervisor,
    )


def test_a_supervisor_lists_the_team_and_the_cases_naming_them(api: Api) -> None:
    api.user("olga", Role.CASEWORKER, "south")
    api.user("sue", Role.SUPERVISOR, "south")
    api.user("ruth", Role.AUDITOR)
    north = api.open_case()
    api.add_parent(north)
    naming_sam = _south_case(api, "sam")
    api.add_parent(naming_sam, as_user="olga")
    south = _south_case(api, "sue")
    api.add_parent(south, as_user="olga")

    def cases(user: str, query: str = "") -> set[str]:
        response = api.get(f"/obligations{query}", user)
        assert response.status_code == 200
        return {o["case_id"] for o in response.json["obligations"]}

    assert cases("sam") == {north, naming_sam}
    assert cases("sue") == {naming_sam, south}
    assert cases("alice") == {north}
    assert cases("ruth") == {north, naming_sam, south}
    assert cases("ruth", "?worker=olga") == {naming_sam, south}
    assert cases("sam", "?worker=olga") == {naming_sam}


def test_status_and_due_before_filter_the_list(api: Api) -> None:
    case_id = api.open_case()
    api.add_parent(case_id)
    listed = api.get("/obligations?status=missed,open&due_before=2026-03-01", "alice").json
    periods = [(o["period"], o["status"]) for o in listed["obligations"]]
    assert periods == [("2026-01", "missed"), ("2026-02", "missed")]
    due = [o["due"] for o in api.get("/obligations", "alice").json["obligations"]]
    assert due == sorted(due)


def test_other_roles_and_other_workers_lists_are_refused_403(api: Api) -> None:
    api.user("hana", Role.PBP_COORDINATOR)
    api.user("olga", Role.CASEWORKER, "south")
    assert_problem(api.get("/obligations", "hana"), 403)
    assert_problem(api.get("/obligations?worker=olga", "alice"), 403)


def test_an_unknown_status_word_or_a_bad_day_is_a_422_problem(api: Api) -> None:
    problem = assert_problem(api.get("/obligations?status=open,late", "alice"), 422)
    assert set(problem["errors"]) == {"status"}
    problem = assert_problem(api.get("/obligations?due_before=March", "alice"), 422)
    assert set(problem["errors"]) == {"due_before"}


def test_a_month_ending_between_calls_shows_as_missed_without_new_events(
    api: Api, clock: Clock
) -> None:
    case_id = api.open_case()
    api.add_parent(case_id)
    assert _month(api.get(f"/cases/{case_id}/obligations", "alice").json, "2026-03")["status"] == (
        "open"
    )
    clock.now = dt.datetime(2026, 4, 2, 16, 0, tzinfo=dt.UTC)
    answer = api.get(f"/cases/{case_id}/obligations", "alice").json
    assert (answer["as_of"], _month(answer, "2026-03")["status"]) == ("2026-04-02", "missed")
