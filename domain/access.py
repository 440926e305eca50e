"""Who may read and write a case (ARCHITECTURE, "Who may do what").

A case the caller may not read does not exist for them (404); a readable case with a
forbidden action is refused (403). These are pure functions so the matrix is unit-tested.
"""

from __future__ import annotations

import dataclasses

from domain.values import Role


@dataclasses.dataclass(frozen=True)
class Viewer:
    """The authenticated caller."""

    username: str
    role: Role
    team: str | None


@dataclasses.dataclass(frozen=True)
class CaseParties:
    """What access to a case depends on: its worker, supervisor and the worker's team."""

    worker: str
    supervisor: str
    worker_team: str | None


def supervises(viewer: Viewer, case: CaseParties) -> bool:
    """A supervisor sees cases naming them and cases of the caseworkers on their team."""
    if viewer.role is not Role.SUPERVISOR:
        return False
    if case.supervisor == viewer.username:
        return True
    return viewer.team is not None and viewer.team == case.worker_team


def can_read_case(viewer: Viewer, case: CaseParties) -> bool:
    """Whether the case exists for this caller at all."""
    if viewer.role is Role.AUDITOR:
        return True
    if viewer.role is Role.CASEWORKER:
        return case.worker == viewer.username
    return supervises(viewer, case)


def can_write_case(viewer: Viewer, case: CaseParties) -> bool:
    """Whether the caller may record facts on a case they can read."""
    if viewer.role is Role.CASEWORKER:
        return case.worker == viewer.username
    return supervises(viewer, case)


CASE_OPENERS = frozenset({Role.CASEWORKER, Role.SUPERVISOR})
