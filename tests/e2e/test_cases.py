"""Cases and participants over HTTP: every call's happy path and its refusals."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.conftest import Api, assert_problem


@pytest.fixture
def case_id(api: Api) -> str:
    """An NH-CPS case opened on 5 January 2026."""
    return api.open_case(court_involved=True)


def state(api: Api, case_id: str) -> dict[str, Any]:
    response = api.get(f"/cases/{case_id}", "alice")
    assert response.status_code == 200
    body: dict[str, Any] = response.json
    return body


def test_opening_a_case_answers_201_with_its_id_and_the_state_reads_back(
    api: Api, case_id: str
) -> None:
    body = state(api, case_id)
    assert body["case_id"] == case_id
    assert body["case_number"] == "NH-2026-0001"
    assert (body["program"], body["opened_on"]) == ("NH-CPS", "2026-01-05")
    assert (body["worker"], body["supervisor"], body["court_involved"]) == ("alice", "sam", True)
    assert body["parents"] == []
    assert body["contacts"] == []
    assert body["open_decisions"] == []
    assert body["household"] is None
    assert body["permanency_goal"] is None
    assert body["version"] == 1


def test_court_involved_defaults_to_false(api: Api) -> None:
    assert state(api, api.open_case(case_number="D-1"))["court_involved"] is False


def test_opening_with_an_unknown_worker_is_422_naming_the_field(api: Api) -> None:
    before = api.events()
    body = {
        "case_number": "U-1",
        "program": "NH-JJS",
        "opened_on": "2026-01-05",
        "worker": "nobody",
        "supervisor": "sam",
    }
    problem = assert_problem(api.post("/cases", body, "alice"), 422)
    assert "worker" in problem["errors"]
    assert api.events() == before


def test_a_program_outside_the_list_is_422(api: Api) -> None:
    body = {
        "case_number": "P-1",
        "program": "CA-CWS",
        "opened_on": "2026-01-05",
        "worker": "alice",
        "supervisor": "sam",
    }
    assert "program" in assert_problem(api.post("/cases", body, "alice"), 422)["errors"]


def test_a_parent_is_identified_with_defaults_from_the_case_opening(api: Api, case_id: str) -> None:
    parent_id = api.add_parent(
        case_id,
        name="Dana Smith",
        relationship="putative_father",
        custodial=False,
        incarcerated=True,
    )
    (parent,) = state(api, case_id)["parents"]
    assert parent["parent_id"] == parent_id
    assert (parent["name"], parent["relationship"]) == ("Dana Smith", "putative_father")
    assert parent["circumstances"] == {
        "effective_on": "2026-01-05",
        "custodial": False,
        "out_of_state": False,
        "incarcerated": True,
        "missing": False,
        "child_frequents_home": False,
        "reunification_planned": False,
    }


def test_circumstances_change_from_a_date_keeping_the_history(api: Api, case_id: str) -> None:
    parent_id = api.add_parent(case_id)
    body = {"effective_on": "2026-02-15", "custodial": False, "out_of_state": True}
    response = api.post(f"/cases/{case_id}/parents/{parent_id}/circumstances", body, "alice")
    assert response.status_code == 201
    (parent,) = state(api, case_id)["parents"]
    assert parent["circumstances"]["effective_on"] == "2026-02-15"
    assert (parent["circumstances"]["custodial"], parent["circumstances"]["out_of_state"]) == (
        False,
        True,
    )
    assert [h["custodial"] for h in parent["history"]] == [True, False]


def test_circumstances_of_an_unknown_parent_in_the_path_are_404(api: Api, case_id: str) -> None:
    path = f"/cases/{case_id}/parents/00000000-0000-0000-0000-000000000000/circumstances"
    assert_problem(api.post(path, {"effective_on": "2026-02-01", "missing": True}, "alice"), 404)


def test_a_circumstance_change_naming_nothing_is_422(api: Api, case_id: str) -> None:
    parent_id = api.add_parent(case_id)
    path = f"/cases/{case_id}/parents/{parent_id}/circumstances"
    assert_problem(api.post(path, {"effective_on": "2026-02-01"}, "alice"), 422)


def test_the_household_reads_back_as_current(api: Api, case_id: str) -> None:
    body = {
        "effective_on": "2026-02-01",
        "children_in_home": False,
        "reunification_expected_on": "2026-06-01",
        "in_placement": True,
    }
    assert api.post(f"/cases/{case_id}/household", body, "alice").status_code == 201
    assert state(api, case_id)["household"] == body


def test_a_reunification_is_scheduled(api: Api, case_id: str) -> None:
    body = {"child_returns_on": "2026-04-15"}
    assert api.post(f"/cases/{case_id}/reunifications", body, "alice").status_code == 201
    (reunification,) = state(api, case_id)["reunifications"]
    assert reunification["child_returns_on"] == "2026-04-15"
    assert reunification["scheduled_at"] == "2026-03-10T16:00:00+00:00"


def test_a_reassignment_names_existing_staff_only(api: Api, case_id: str) -> None:
    before = api.events()
    body = {"supervisor": "ghost", "effective_on": "2026-03-01", "reason": "Leave"}
    problem = assert_problem(api.post(f"/cases/{case_id}/reassignments", body, "alice"), 422)
    assert "supervisor" in problem["errors"]
    assert api.events() == before


def test_a_reassignment_naming_nobody_is_422(api: Api, case_id: str) -> None:
    body = {"effective_on": "2026-03-01", "reason": "Leave"}
    assert_problem(api.post(f"/cases/{case_id}/reassignments", body, "alice"), 422)


def test_a_contact_frequency_is_set_for_a_parent(api: Api, case_id: str) -> None:
    parent_id = api.add_parent(case_id)
    body = {"per_month": 2, "effective_on": "2026-02-01", "reason": "Safety plan"}
    path = f"/cases/{case_id}/parents/{parent_id}/contact-frequency"
    assert api.post(path, body, "alice").status_code == 201
    assert state(api, case_id)["contact_frequencies"][0]["per_month"] == 2
    assert_problem(api.post(path, body | {"per_month": 0}, "alice"), 422)
    assert_problem(api.post(path, body | {"per_month": "2"}, "alice"), 422)


def test_a_diligent_search_answers_its_id(api: Api) -> None:
    case_id = api.open_case(case_number="TN-1", program="TN-DCS")
    parent_id = api.add_parent(case_id, custodial=False, missing=True)
    body = {
        "parent_id": parent_id,
        "occurred_at": "2026-03-02T09:00:00-06:00",
        "sources": ["DMV records", "Last known employer"],
        "outcome": "not_located",
    }
    response = api.post(f"/cases/{case_id}/diligent-searches", body, "alice")
    assert response.status_code == 201
    (search,) = state(api, case_id)["diligent_searches"]
    assert search["search_id"] == response.json["search_id"]
    assert search["sources"] == ["DMV records", "Last known employer"]


def test_an_unknown_parent_in_a_body_is_422_with_errors(api: Api, case_id: str) -> None:
    before = api.events()
    body = {
        "parent_id": "00000000-0000-0000-0000-000000000000",
        "occurred_at": "2026-03-02T09:00:00-05:00",
        "sources": ["DMV"],
        "outcome": "located",
    }
    problem = assert_problem(api.post(f"/cases/{case_id}/diligent-searches", body, "alice"), 422)
    assert "parent_id" in problem["errors"]
    assert api.events() == before


def test_a_permanency_goal_reads_back_as_current(api: Api, case_id: str) -> None:
    body = {
        "goal": "reunification",
        "concurrent_goal": "relative_placement",
        "effective_on": "2026-02-01",
        "set_by": ["alice", "sam"],
    }
    assert api.post(f"/cases/{case_id}/permanency-goals", body, "alice").status_code == 201
    assert state(api, case_id)["permanency_goal"] == body


def test_a_closed_case_takes_no_further_commands(api: Api, case_id: str) -> None:
    body = {"closed_on": "2026-03-01", "reason": "Children safely home"}
    assert api.post(f"/cases/{case_id}/closure", body, "alice").status_code == 201
    assert state(api, case_id)["closed_on"] == "2026-03-01"
    before = api.events()
    goal = {"goal": "adoption", "effective_on": "2026-03-02", "set_by": ["alice"]}
    assert_problem(api.post(f"/cases/{case_id}/permanency-goals", goal, "alice"), 422)
    assert api.events() == before


def test_a_fact_dated_before_the_case_opened_is_422_naming_the_field(
    api: Api, case_id: str
) -> None:
    body = {"effective_on": "2026-01-04", "children_in_home": True, "in_placement": False}
    problem = assert_problem(api.post(f"/cases/{case_id}/household", body, "alice"), 422)
    assert "effective_on" in problem["errors"]


def test_an_opened_case_answers_where_to_read_it(api: Api) -> None:
    body = {
        "case_number": "LOC-1",
        "program": "NH-CPS",
        "opened_on": "2026-01-05",
        "worker": "alice",
        "supervisor": "sam",
    }
    response = api.post("/cases", body, "alice")
    assert response.headers["Location"] == f"/api/v1/cases/{response.json['case_id']}"
