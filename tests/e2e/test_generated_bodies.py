"""Generated bodies never crash the service: every answer is 2xx or a 4xx problem."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.e2e.conftest import Api

FIELD_NAMES = [
    "name",
    "relationship",
    "custodial",
    "missing",
    "effective_on",
    "children_in_home",
    "in_placement",
    "reunification_expected_on",
    "child_returns_on",
    "worker",
    "supervisor",
    "reason",
    "per_month",
    "parent_id",
    "occurred_at",
    "sources",
    "outcome",
    "closed_on",
    "goal",
    "concurrent_goal",
    "set_by",
    "method",
    "location",
    "purpose",
    "topics",
    "narrative",
]
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False),
    st.text(max_size=30),
    st.sampled_from(
        [
            "2026-02-30",
            "2026-03-01",
            "2026-03-09T10:00:00-05:00",
            "in_home",
            "completed",
            "reunification",
            "alice",
            "x" * 2_001,
            "a\x00b",
        ]
    ),
)
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=3), max_leaves=6)
BODIES = st.one_of(
    st.dictionaries(st.sampled_from(FIELD_NAMES) | st.text(max_size=8), VALUES, max_size=8),
    VALUES,
)
PATHS = [
    "/parents",
    "/parents/{parent}/circumstances",
    "/household",
    "/reunifications",
    "/reassignments",
    "/parents/{parent}/contact-frequency",
    "/diligent-searches",
    "/permanency-goals",
    "/contacts",
    "/contacts/{contact}/amendments",
    "/contacts/{contact}/voids",
]


@pytest.fixture
def case_paths(api: Api) -> dict[str, str]:
    """A case with a parent and a contact whose ids fill the paths."""
    case_id = api.open_case(case_number="FUZZ-1")
    parent_id = api.add_parent(case_id)
    contact = {
        "parent_id": parent_id,
        "occurred_at": "2026-03-09T10:00:00-04:00",
        "method": "phone",
        "outcome": "attempted",
        "purpose": "Monthly call",
    }
    response = api.post(f"/cases/{case_id}/contacts", contact, "alice")
    return {"case": case_id, "parent": parent_id, "contact": response.json["contact_id"]}


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(path=st.sampled_from(PATHS), body=BODIES)
def test_no_generated_body_gets_a_server_error(
    api: Api, case_paths: dict[str, str], path: str, body: Any
) -> None:
    target = f"/cases/{case_paths['case']}" + path.format(**case_paths)
    response = api.post(target, body, "alice")
    assert response.status_code < 500, response.data
    if response.status_code >= 400:
        assert response.mimetype == "application/problem+json"
