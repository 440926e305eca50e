"""Enumerations and value objects of the programme, stored in its events."""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum


class ReferralStatus(enum.Enum):
    """Where a referral stands: the board's stages, in the order dss-028 walks them."""

    SUBMITTED = "submitted"  # PBP-REF-1
    NEEDS_IDENTIFIED = "needs_identified"  # PBP-REF-2
    ASSIGNED = "assigned"  # PBP-REF-3
    PLANNED = "planned"  # PBP-REF-4
    ACTIVE = "active"  # PBP-REF-6: the volunteer has met the family
    CLOSED = "closed"  # PBP-REF-7
    WITHDRAWN = "withdrawn"


ENDED = frozenset({ReferralStatus.CLOSED, ReferralStatus.WITHDRAWN})
WORKING = frozenset({ReferralStatus.ASSIGNED, ReferralStatus.PLANNED, ReferralStatus.ACTIVE})


class Party(enum.Enum):
    """The four parties whose agreement ends the support (PBP-REF-7)."""

    CASE_WORKER = "case_worker"
    CASE_SUPERVISOR = "case_supervisor"
    PBP_COORDINATOR = "pbp_coordinator"
    PARENT_PARTNER = "parent_partner"


@dataclasses.dataclass(frozen=True)
class Certification:
    """A tier certified on a date by the PBP SWS (PBP-TIERS)."""

    tier: int
    certified_on: dt.date
    certified_by: str


@dataclasses.dataclass(frozen=True)
class PartnerAssignment:
    """Who was assigned to a referral, where they ranked and why (PBP-REF-3)."""

    parent_partner_id: str
    parent_partner_name: str
    rank: int | None
    top_ranked_id: str | None
    override_reason: str | None
    assigned_on: dt.date
