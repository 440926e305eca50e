"""Who may read and write a case: role x relation to the case (ARCHITECTURE, "Who may do what")."""

from __future__ import annotations

import pytest

from domain.access import (
    CASE_OPENERS,
    CaseParties,
    Viewer,
    can_read_case,
    can_write_case,
    can_write_ppt,
    may_follow_up_ppt_tasks,
    sees_narrative,
)
from domain.values import Program, Role

CASE = CaseParties(worker="wendy", supervisor="sam", worker_team="north")


def viewer(role: Role, relation: str) -> Viewer:
    """``own``: named on the case; ``team``: the worker's team; ``other``: another team."""
    if relation == "own":
        name = {Role.CASEWORKER: "wendy", Role.SUPERVISOR: "sam"}.get(role, "pat")
        return Viewer(name, role, "south")  # named on the case, whatever their team
    return Viewer("tess", role, "north" if relation == "team" else "south")


# (read, write) for relations own, team, other.
MATRIX = {
    Role.CASEWORKER: {"own": (True, True), "team": (False, False), "other": (False, False)},
    Role.SUPERVISOR: {"own": (True, True), "team": (True, True), "other": (False, False)},
    Role.AUDITOR: {"own": (True, False), "team": (True, False), "other": (True, False)},
    Role.ADMIN: {"own": (False, False), "team": (False, False), "other": (False, False)},
    Role.PBP_COORDINATOR: {"own": (False, False), "team": (False, False), "other": (False, False)},
    Role.PERMANENCY_WORKER: {
        "own": (False, False),
        "team": (False, False),
        "other": (False, False),
    },
}

CELLS = [(role, relation) for role in Role for relation in ("own", "team", "other")]


def test_matrix_covers_every_role():
    assert set(MATRIX) == set(Role)


@pytest.mark.parametrize(("role", "relation"), CELLS, ids=[f"{r.value}-{x}" for r, x in CELLS])
def test_access_matches_the_policy_table(role, relation):
    who = viewer(role, relation)
    assert (can_read_case(who, CASE), can_write_case(who, CASE)) == MATRIX[role][relation]


def test_writing_implies_reading_for_every_cell():
    for role, relation in CELLS:
        who = viewer(role, relation)
        assert not can_write_case(who, CASE) or can_read_case(who, CASE)


def test_supervisor_without_a_team_does_not_see_cases_of_workers_without_a_team():
    teamless_case = CaseParties("wendy", "sam", None)
    assert not can_read_case(Viewer("tess", Role.SUPERVISOR, None), teamless_case)
    assert can_read_case(Viewer("sam", Role.SUPERVISOR, None), teamless_case)


def test_caseworker_of_the_same_name_but_another_role_is_not_the_worker():
    assert not can_read_case(Viewer("wendy", Role.PBP_COORDINATOR, "north"), CASE)


def test_only_caseworkers_and_supervisors_open_cases():
    assert frozenset({Role.CASEWORKER, Role.SUPERVISOR}) == CASE_OPENERS


JJS = CaseParties("wendy", "sam", "north", Program.NH_JJS)
CPS = CaseParties("wendy", "sam", "north", Program.NH_CPS)
PETRA = Viewer("petra", Role.PERMANENCY_WORKER, "north")


def test_the_permanency_jppo_of_the_workers_team_reads_an_nh_jjs_case_and_writes_its_ppt():
    assert can_read_case(PETRA, JJS)
    assert can_write_ppt(PETRA, JJS)
    assert not can_write_case(PETRA, JJS)  # contacts, parents, household: not theirs
    assert not sees_narrative(PETRA)


def test_the_permanency_jppo_sees_no_cps_case_no_other_team_and_nothing_unknown():
    assert not can_read_case(PETRA, CPS)
    assert not can_read_case(Viewer("paul", Role.PERMANENCY_WORKER, "south"), JJS)
    assert not can_read_case(Viewer("nadia", Role.PERMANENCY_WORKER, None), JJS)
    assert not can_read_case(PETRA, CaseParties("wendy", "sam", "north"))  # programme unknown
    assert not can_write_ppt(PETRA, CPS)


def test_case_staff_write_ppt_facts_and_only_the_supervisor_follows_up_tasks():
    worker, supervisor = Viewer("wendy", Role.CASEWORKER, "north"), viewer(Role.SUPERVISOR, "own")
    assert can_write_ppt(worker, JJS)
    assert can_write_ppt(supervisor, JJS)
    assert may_follow_up_ppt_tasks(supervisor, JJS)
    assert not may_follow_up_ppt_tasks(worker, JJS)
    assert not may_follow_up_ppt_tasks(PETRA, JJS)
    assert not can_write_ppt(viewer(Role.AUDITOR, "team"), JJS)
