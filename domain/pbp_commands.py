"""Commands of the Parents Becoming Partners programme (dss-028), as plain values.

Each ``decide``s on aggregates it loads from the ledger at the recording instant and
returns every aggregate with new events, so ``CaseLedger.execute`` saves them in one
transaction (a referral with its volunteer, a volunteer with the unit's roster).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError
from eventsourcing.domain import Aggregate

from domain import errors as case_errors
from domain.pbp import errors, records
from domain.pbp.matching import place_of
from domain.pbp.partner_commands import (
    CertifyTier,
    DeactivateParentPartner,
    EnrolParentPartner,
    HoldUnitMeeting,
)
from domain.pbp.registers import CaseReferrals
from domain.pbp.values import PartnerAssignment, Party
from domain.referral import PartnerReferral
from domain.values import PermanencyGoal, Relationship, Role

if TYPE_CHECKING:
    from domain.application import CaseLedger

Answer = dict[str, Any]
Decision = tuple[Sequence[Aggregate], Answer]

__all__ = [
    "AssignParentPartner",
    "CertifyTier",
    "CloseReferral",
    "DeactivateParentPartner",
    "EnrolParentPartner",
    "HoldFamilyMeeting",
    "HoldPlanningMeeting",
    "HoldUnitMeeting",
    "IdentifyNeeds",
    "SubmitReferral",
    "WithdrawReferral",
]

# PBP-ELIG: birth parents, legal guardians and adoptive parents
ELIGIBLE_RELATIONSHIPS = frozenset(
    {Relationship.BIOLOGICAL, Relationship.ADOPTIVE, Relationship.LEGAL_GUARDIAN}
)


@dataclasses.dataclass(frozen=True)
class SubmitReferral:
    """The case's worker or supervisor refers a parent (PBP-REF-1, PBP-ELIG)."""

    case_id: UUID
    parent_id: UUID
    needs: tuple[str, ...]
    preferred_language: str | None = None
    area: str | None = None

    def decide(self, ledger: CaseLedger, actor: str, at: dt.datetime) -> Decision:
        case = ledger.get_case(self.case_id)
        if case.closed_on is not None:
            raise case_errors.CaseClosed(f"The case was closed on {case.closed_on.isoformat()}.")
        parent = case.parent(self.parent_id)
        goal = case.current_goal
        if goal is None or goal.goal is not PermanencyGoal.REUNIFICATION:
            raise errors.NotEligible(
                "The case is not receiving reunification services: its current permanency "
                "goal is not reunification.",
                field="case_id",
                clause="PBP-ELIG",
            )
        if parent.relationship not in ELIGIBLE_RELATIONSHIPS:
            raise errors.NotEligible(
                "Parents Becoming Partners serves birth, adoptive and legal-guardian parents.",
                field="parent_id",
                clause="PBP-ELIG",
            )
        referral = PartnerReferral(
            case_id=self.case_id,
            parent_id=self.parent_id,
            needs=list(self.needs),
            preferred_language=self.preferred_language,
            area=self.area,
            actor=actor,
            timestamp=at,
        )
        try:
            register: CaseReferrals = ledger.repository.get(CaseReferrals.create_id(case.id))
        except AggregateNotFoundError:
            register = CaseReferrals(case_id=case.id, timestamp=at)
        register.file(referral_id=referral.id, actor=actor, at=at)
        return [referral, register], {"referral_id": str(referral.id), "status": "submitted"}


def _answer(referral: PartnerReferral) -> Answer:
    return {"referral_id": str(referral.id), "status": referral.status.value}


@dataclasses.dataclass(frozen=True)
class IdentifyNeeds:
    """The needs agreed with the referring worker and their SWS (PBP-REF-2)."""

    referral_id: UUID
    needs: tuple[str, ...]
    conferred_with: tuple[str, ...] = ()

    def decide(self, ledger: CaseLedger, actor: str, at: dt.datetime) -> Decision:
        referral = records.get_referral(ledger, self.referral_id)
        referral.identify_needs(
            needs=list(self.needs), conferred_with=list(self.conferred_with), actor=actor, at=at
        )
        return [referral], _answer(referral)


@dataclasses.dataclass(frozen=True)
class AssignParentPartner:
    """The coordinator assigns a volunteer (PBP-REF-3, PBP-DIRECT)."""

    referral_id: UUID
    parent_partner_id: UUID
    override_reason: str | None = None

    def decide(self, ledger: CaseLedger, actor: str, at: dt.datetime) -> Decision:
        referral = records.get_referral(ledger, self.referral_id)
        referral.require_assignable()
        partner = records.get_partner(ledger, self.parent_partner_id, field="parent_partner_id")
        ranked = records.candidates(ledger, referral)
        place = place_of(ranked, str(partner.id))
        partner.take_family(referral_id=referral.id, actor=actor, at=at)
        top = ranked[0].parent_partner_id if ranked else None
        if place != 1 and not self.override_reason:
            raise errors.OverrideReasonRequired(
                "The chosen volunteer is not the top-ranked candidate: give override_reason.",
                field="override_reason",
                clause="PBP-REF-3",
            )
        changed: list[Aggregate] = [referral, partner]
        previous = referral.assignment
        if previous is not None and previous.parent_partner_id != str(partner.id):
            former = records.get_partner(ledger, UUID(previous.parent_partner_id))
            former.release_family(referral_id=referral.id, actor=actor, at=at)
            changed.append(former)
        assignment = PartnerAssignment(
            parent_partner_id=str(partner.id),
            parent_partner_name=partner.name,
            rank=place,
            top_ranked_id=top,
            override_reason=self.override_reason if place != 1 else None,
            assigned_on=at.date(),
        )
        referral.assign(assignment=assignment, actor=actor, at=at)
        return changed, _answer(referral) | {"parent_partner_id": str(partner.id), "rank": place}


@dataclasses.dataclass(frozen=True)
class HoldPlanningMeeting:
    """The planning meeting was held (PBP-REF-4)."""

    referral_id: UUID
    held_on: dt.date
    attended_by: tuple[str, ...]

    def decide(self, ledger: CaseLedger, actor: str, at: dt.datetime) -> Decision:
        referral = records.get_referral(ledger, self.referral_id)
        referral.hold_planning_meeting(
            held_on=self.held_on, attended_by=list(self.attended_by), actor=actor, at=at
        )
        return [referral], _answer(referral)


@dataclasses.dataclass(frozen=True)
class HoldFamilyMeeting:
    """The volunteer met the family, accompanied (PBP-REF-6)."""

    referral_id: UUID
    held_on: dt.date
    accompanied_by: str

    def decide(self, ledger: CaseLedger, actor: str, at: dt.datetime) -> Decision:
        referral = records.get_referral(ledger, self.referral_id)
        companion = ledger.find_user(self.accompanied_by)
        referral.hold_family_meeting(
            held_on=self.held_on,
            accompanied_by=self.accompanied_by,
            companion_is_coordinator=companion is not None
            and companion.role is Role.PBP_COORDINATOR,
            case_worker=ledger.get_case(referral.case_id).worker,
            actor=actor,
            at=at,
        )
        return [referral], _answer(referral)


def _release(
    ledger: CaseLedger, referral: PartnerReferral, actor: str, at: dt.datetime
) -> list[Aggregate]:
    if referral.assignment is None:
        return []
    partner = records.get_partner(ledger, UUID(referral.assignment.parent_partner_id))
    partner.release_family(referral_id=referral.id, actor=actor, at=at)
    return [partner]


@dataclasses.dataclass(frozen=True)
class CloseReferral:
    """Support ends on the four parties' agreement (PBP-REF-7)."""

    referral_id: UUID
    agreed_by: tuple[Party, ...]
    closed_on: dt.date

    def decide(self, ledger: CaseLedger, actor: str, at: dt.datetime) -> Decision:
        referral = records.get_referral(ledger, self.referral_id)
        referral.close(agreed_by=list(self.agreed_by), closed_on=self.closed_on, actor=actor, at=at)
        return [referral, *_release(ledger, referral, actor, at)], _answer(referral)


@dataclasses.dataclass(frozen=True)
class WithdrawReferral:
    """The referral is withdrawn, with its reason."""

    referral_id: UUID
    reason: str

    def decide(self, ledger: CaseLedger, actor: str, at: dt.datetime) -> Decision:
        referral = records.get_referral(ledger, self.referral_id)
        referral.withdraw(reason=self.reason, actor=actor, at=at)
        return [referral, *_release(ledger, referral, actor, at)], _answer(referral)
