"""Every case write, for every relation of caller to case (catalogue B1, B2)."""

from __future__ import annotations

from typing import Any

import pytest

from domain.values import Role
from tests.e2e.conftest import Api, assert_problem

WRITES: list[tuple[str, dict[str, Any]]] = [
    ("/parents", {"name": "Ann", "relationship": "step", "custodial": False}),
    ("/parents/{parent}/circumstances", {"effective_on": "2026-02-01", "missing": True}),
    ("/household", {"effective_on": "2026-02-01", "children_in_home": True, "in_placement": False}),
    ("/reunifications", {"child_returns_on": "2026-04-01"}),
    ("/reassignments", {"supervisor": "nora", "effective_on": "2026-03-01", "reason": "Leave"}),
    (
        "/parents/{parent}/contact-frequency",
        {"per_month": 2, "effective_on": "2026-02-01", "reason": "Plan"},
    ),
    (
        "/diligent-searches",
        {
            "parent_id": "{parent}",
            "occurred_at": "2026-03-02T09:00:00-05:00",
            "sources": ["DMV"],
            "outcome": "located",
        },
    ),
    (
        "/permanency-goals",
        {"goal": "reunification", "effective_on": "2026-02-01", "set_by": ["alice"]},
    ),
    (
        "/contacts",
        {
            "parent_id": "{parent}",
            "occurred_at": "2026-03-02T09:00:00-05:00",
            "method": "phone",
            "outcome": "refused",
            "purpose": "Monthly call",
        },
    ),
    ("/contacts/{contact}/amendments", {"reason": "Typo", "purpose": "Monthly phone call"}),
    ("/contacts/{contact}/voids", {"reason": "Wrong parent"}),
    ("/closure", {"closed_on": "2026-03-05", "reason": "Case plan completed"}),
    (
        "/consultations",
        {
            "with_role": "fvps",
            "consultant": "Fran",
            "occurred_at": "2026-03-02T09:00:00-05:00",
            "topic": "Domestic violence",
            "outcome": "Safety plan",
        },
    ),
    ("/safety-risks", {"identified_on": "2026-03-02", "description": "Threats"}),
    (
        "/decisions",
        {
            "kind": "meet_outside_home",
            "parent_id": "{parent}",
            "effective_on": "2026-03-02",
            "rationale": "Threats at the home",
            "supporting_information": "Police report",
        },
    ),
    ("/court-orders", {"kind": "cease_efforts", "effective_on": "2026-03-02"}),
    (
        "/efforts-ceased",
        {"parent_id": "{parent}", "effective_on": "2026-03-02", "reason": "Refuses"},
    ),
]


@pytest.fixture
def ids(api: Api) -> dict[str, str]:
    """alice's case with a parent and a contact; staff of both teams."""
    api.user("bob", Role.CASEWORKER, "north")
    api.user("nora", Role.SUPERVISOR, "north")
    api.user("tess", Role.SUPERVISOR, "south")
    api.user("audrey", Role.AUDITOR)
    api.user("pat", Role.PBP_COORDINATOR)
    case_id = api.open_case()
    parent = api.add_parent(case_id)
    contact = api.post(f"/cases/{case_id}/contacts", WRITES[8][1] | {"parent_id": parent}, "alice")
    return {"case": case_id, "parent": parent, "contact": contact.json["contact_id"]}


def _fill(value: Any, ids: dict[str, str]) -> Any:
    if isinstance(value, str):
        return value.format(**ids)
    if isinstance(value, dict):
        return {k: _fill(v, ids) for k, v in value.items()}
    return value


@pytest.mark.parametrize(("path", "body"), WRITES, ids=[w[0] for w in WRITES])
@pytest.mark.parametrize(
    ("caller", "status"),
    [("bob", 404), ("tess", 404), ("pat", 404), ("audrey", 403), ("nora", 201), ("alice", 201)],
)
def test_each_write_answers_by_the_callers_relation_to_the_case(
    api: Api, ids: dict[str, str], path: str, body: dict[str, Any], caller: str, status: int
) -> None:
    before = api.events()
    response = api.post(f"/cases/{ids['case']}" + _fill(path, ids), _fill(body, ids), caller)
    if status == 201:
        assert response.status_code == 201, response.json
        assert api.events() > before
    else:
        assert_problem(response, status)
        assert api.events() == before


def test_an_invisible_case_reads_exactly_like_a_missing_one(api: Api, ids: dict[str, str]) -> None:
    hidden = api.get(f"/cases/{ids['case']}", "bob")
    missing = api.get("/cases/00000000-0000-0000-0000-000000000000", "bob")
    assert (hidden.status_code, hidden.json) == (missing.status_code, missing.json)
