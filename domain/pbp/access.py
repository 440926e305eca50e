"""Who may do what in the programme (api-contract "Parents Becoming Partners").

The PBP social work supervisor is the ``pbp_coordinator``: they see volunteers,
referrals and the board, never a case's narrative. Case staff see the referrals of the
cases they may read.
"""

from __future__ import annotations

from domain.access import CaseParties, Viewer, can_read_case, can_write_case
from domain.values import Role

REFERRERS = frozenset({Role.CASEWORKER, Role.SUPERVISOR})


def coordinates(viewer: Viewer) -> bool:
    """The PBP SWS: volunteers, needs, assignments, meetings, closure, the board."""
    return viewer.role is Role.PBP_COORDINATOR


def sees_referral(viewer: Viewer, case: CaseParties) -> bool:
    """A referral exists for the coordinator and for the staff who may read its case.

    Not for the Permanency JPPO: they read an NH-JJS case's summary and PPT records
    (SOP 1626.4), and a referral's needs and language are neither.
    """
    if viewer.role is Role.PERMANENCY_WORKER:
        return False
    return coordinates(viewer) or can_read_case(viewer, case)


def may_refer(viewer: Viewer, case: CaseParties) -> bool:
    """The case's worker or their supervisor completes the referral (PBP-REF-1)."""
    return viewer.role in REFERRERS and can_write_case(viewer, case)


def may_record_family_meeting(viewer: Viewer, case: CaseParties) -> bool:
    """The coordinator or the case's worker (PBP-REF-6 names them as companions)."""
    return coordinates(viewer) or viewer.username == case.worker


def may_withdraw(viewer: Viewer, referred_by: str) -> bool:
    """The referring worker or the coordinator."""
    return coordinates(viewer) or viewer.username == referred_by
