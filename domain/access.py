"""Who may read and write a case (ARCHITECTURE, "Who may do what").

A case the caller may not read does not exist for them (404); a readable case with a
forbidden action is refused (403). These are pure functions so the matrix is unit-tested.
"""

from __future__ import annotations

import dataclasses

from domain.values import Program, Role


@dataclasses.dataclass(frozen=True)
class Viewer:
    """The authenticated caller."""

    username: str
    role: Role
    team: str | None


@dataclasses.dataclass(frozen=True)
class CaseParties:
    """What access to a case depends on: its worker, supervisor, the worker's team, programme.

    ``program`` None (a caller that does not know it) grants nothing that depends on it.
    """

    worker: str
    supervisor: str
    worker_team: str | None
    program: Program | None = None


def supervises(viewer: Viewer, case: CaseParties) -> bool:
    """A supervisor sees cases naming them and cases of the caseworkers on their team."""
    if viewer.role is not Role.SUPERVISOR:
        return False
    if case.supervisor == viewer.username:
        return True
    return viewer.team is not None and viewer.team == case.worker_team


def permanency_team(viewer: Viewer, case: CaseParties) -> bool:
    """The Permanency JPPO of the case's team, on an NH-JJS case (SOP 1626.4)."""
    return (
        viewer.role is Role.PERMANENCY_WORKER
        and case.program is Program.NH_JJS
        and viewer.team is not None
        and viewer.team == case.worker_team
    )


def can_read_case(viewer: Viewer, case: CaseParties) -> bool:
    """Whether the case exists for this caller at all."""
    if viewer.role is Role.AUDITOR:
        return True
    if viewer.role is Role.CASEWORKER:
        return case.worker == viewer.username
    if viewer.role is Role.PERMANENCY_WORKER:
        return permanency_team(viewer, case)  # its summary and PPT records, no narrative
    return supervises(viewer, case)


def can_write_case(viewer: Viewer, case: CaseParties) -> bool:
    """Whether the caller may record facts on a case they can read."""
    if viewer.role is Role.CASEWORKER:
        return case.worker == viewer.username
    return supervises(viewer, case)


def can_write_ppt(viewer: Viewer, case: CaseParties) -> bool:
    """Whether the caller may record the case's PPT facts: its staff and Permanency JPPO."""
    return can_write_case(viewer, case) or permanency_team(viewer, case)


def may_follow_up_ppt_tasks(viewer: Viewer, case: CaseParties) -> bool:
    """The supervisor follows up with the JPPO on PPT tasks (PPT-III.C)."""
    return supervises(viewer, case)


def sees_narrative(viewer: Viewer) -> bool:
    """Whether contact narratives and the audit history reach this role at all.

    The Permanency JPPO reads a case's summary and PPT records, never its narrative.
    """
    return viewer.role is not Role.PERMANENCY_WORKER


CASE_OPENERS = frozenset({Role.CASEWORKER, Role.SUPERVISOR})
