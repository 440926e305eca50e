"""Who may read and write which case (ARCHITECTURE "Who may do what", catalogue B1)."""

from __future__ import annotations

import pytest

from domain.values import Role
from tests.e2e.conftest import Api, assert_problem


@pytest.fixture
def case_id(api: Api) -> str:
    """alice's case, supervised by sam (team north)."""
    api.user("bob", Role.CASEWORKER, "north")
    api.user("tess", Role.SUPERVISOR, "south")
    api.user("nora", Role.SUPERVISOR, "north")
    api.user("audrey", Role.AUDITOR)
    return api.open_case()


HOUSEHOLD = {"effective_on": "2026-02-01", "children_in_home": True, "in_placement": False}


def test_a_missing_token_is_401(api: Api, case_id: str) -> None:
    response = api.get(f"/cases/{case_id}", None)
    assert_problem(response, 401)
    assert response.headers["WWW-Authenticate"] == "Bearer"


@pytest.mark.parametrize("header", ["Bearer nonsense", "Basic YWxpY2U6eA==", "Bearer ", "Bearer"])
def test_an_invalid_token_is_401(api: Api, case_id: str, header: str) -> None:
    before = api.events()
    response = api.client.post(
        f"/api/v1/cases/{case_id}/household", json=HOUSEHOLD, headers={"Authorization": header}
    )
    assert_problem(response, 401)
    assert api.events() == before


def test_the_token_check_comes_before_the_body_check(api: Api, case_id: str) -> None:
    response = api.client.post(f"/api/v1/cases/{case_id}/household", data="{bad")
    assert_problem(response, 401)


def test_another_caseworkers_case_does_not_exist_for_them(api: Api, case_id: str) -> None:
    assert_problem(api.get(f"/cases/{case_id}", "bob"), 404)
    before = api.events()
    assert_problem(api.post(f"/cases/{case_id}/household", HOUSEHOLD, "bob"), 404)
    assert api.events() == before


def test_visibility_is_checked_before_the_body(api: Api, case_id: str) -> None:
    assert_problem(api.post(f"/cases/{case_id}/household", {"bad": 1}, "bob"), 404)


def test_another_teams_supervisor_gets_404(api: Api, case_id: str) -> None:
    assert_problem(api.get(f"/cases/{case_id}", "tess"), 404)


def test_the_same_teams_supervisor_reads_and_writes(api: Api, case_id: str) -> None:
    assert api.get(f"/cases/{case_id}", "nora").status_code == 200
    assert api.post(f"/cases/{case_id}/household", HOUSEHOLD, "nora").status_code == 201


def test_the_named_supervisor_writes_like_a_caseworker(api: Api, case_id: str) -> None:
    assert api.post(f"/cases/{case_id}/household", HOUSEHOLD, "sam").status_code == 201


def test_the_auditor_reads_every_case_but_writes_nothing(api: Api, case_id: str) -> None:
    assert api.get(f"/cases/{case_id}", "audrey").status_code == 200
    before = api.events()
    assert_problem(api.post(f"/cases/{case_id}/household", HOUSEHOLD, "audrey"), 403)
    assert api.events() == before


def test_the_role_check_comes_before_the_body_check(api: Api, case_id: str) -> None:
    assert_problem(api.post(f"/cases/{case_id}/household", {"bad": 1}, "audrey"), 403)


@pytest.mark.parametrize("role", [Role.PBP_COORDINATOR, Role.PERMANENCY_WORKER, Role.ADMIN])
def test_cases_do_not_exist_for_other_roles(api: Api, case_id: str, role: Role) -> None:
    api.user("other", role, "north")
    assert_problem(api.get(f"/cases/{case_id}", "other"), 404)
    assert_problem(api.post(f"/cases/{case_id}/household", HOUSEHOLD, "other"), 404)


@pytest.mark.parametrize("role", [Role.AUDITOR, Role.ADMIN, Role.PBP_COORDINATOR])
def test_only_caseworkers_and_supervisors_open_cases(api: Api, case_id: str, role: Role) -> None:
    api.user("opener", role)
    before = api.events()
    body = {
        "case_number": "X-2",
        "program": "NH-CPS",
        "opened_on": "2026-01-05",
        "worker": "alice",
        "supervisor": "sam",
    }
    assert_problem(api.post("/cases", body, "opener"), 403)
    assert api.events() == before


def test_a_supervisor_opens_a_case(api: Api, case_id: str) -> None:
    api.open_case(as_user="sam", case_number="BY-SAM")


def test_a_reassigned_case_leaves_the_old_workers_view(api: Api, case_id: str) -> None:
    body = {"worker": "bob", "effective_on": "2026-03-01", "reason": "Caseload balancing"}
    assert api.post(f"/cases/{case_id}/reassignments", body, "sam").status_code == 201
    assert_problem(api.get(f"/cases/{case_id}", "alice"), 404)
    assert api.get(f"/cases/{case_id}", "bob").json["worker"] == "bob"
