"""Generated bodies on the PPT calls never crash the service (2xx or a 4xx problem)."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from domain.ppt_values import PptTopic
from domain.values import Role
from tests.e2e.conftest import Api

FIELD_NAMES = [
    "on",
    "setting",
    "change",
    "may_affect_schedule",
    "placement_id",
    "permanency_worker",
    "source",
    "held_on",
    "topics",
    "attended_by",
    "meeting_id",
    "factor",
    "identified_on",
    "advice",
    "description",
    "assigned_to",
    "assigned_on",
    "due_on",
    "notes",
    "outcome",
    "reason",
]
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.text(max_size=20),
    st.sampled_from(
        ["2026-02-30", "2026-03-02", "2026-03-11", "1899-12-31", "parents", "medical", "petra"]
    ),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.sampled_from([t.value for t in PptTopic]), inner, max_size=6)
    ),
    max_leaves=8,
)
BODIES = st.dictionaries(st.sampled_from(FIELD_NAMES) | st.text(max_size=8), VALUES, max_size=8)
PATHS = [
    "/ppt/placements",
    "/ppt/jppo-notices",
    "/ppt/screens",
    "/ppt/information",
    "/ppt/meetings",
    "/ppt/staffing-factors",
    "/ppt/staffing-factors/{factor}/advice",
    "/ppt/tasks",
    "/ppt/tasks/{task}/completion",
    "/ppt/tasks/{task}/follow-ups",
    "/ppt/permanency",
    "/ppt/updates",
    "/ppt/meeting-requests",
    "/ppt/workgroup-requests",
]


@pytest.fixture
def ppt_paths(api: Api) -> dict[str, str]:
    """An NH-JJS case with a staffing factor and a task whose ids fill the paths."""
    api.user("petra", Role.PERMANENCY_WORKER, "north")
    case_id = api.open_case(program="NH-JJS", case_number="FUZZ-PPT")
    factor = {"factor": "fiscal", "identified_on": "2026-03-02"}
    factor_id = api.post(f"/cases/{case_id}/ppt/staffing-factors", factor, "alice").json
    task = {"description": "Call", "assigned_to": "alice", "assigned_on": "2026-03-02"}
    task_id = api.post(f"/cases/{case_id}/ppt/tasks", task | {"due_on": "2026-03-20"}, "alice")
    return {"case": case_id, "factor": factor_id["factor_id"], "task": task_id.json["task_id"]}


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(path=st.sampled_from(PATHS), body=BODIES)
def test_no_generated_ppt_body_gets_a_server_error(
    api: Api, ppt_paths: dict[str, str], path: str, body: Any
) -> None:
    target = f"/cases/{ppt_paths['case']}" + path.format(**ppt_paths)
    response = api.post(target, body, "sam")
    assert response.status_code < 500, response.data
    if response.status_code >= 400:
        assert response.mimetype == "application/problem+json"
