"""Commands on volunteers and the unit (PBP-CANDIDATE, PBP-TIERS, PBP-SWS), as plain values.

Enrolment saves the volunteer with the unit's roster in one transaction.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any
from uuid import UUID, uuid4

from eventsourcing.domain import Aggregate

from domain.parent_partner import ParentPartner
from domain.pbp import errors, records
from domain.pbp.registers import Programme

if TYPE_CHECKING:
    from domain.application import CaseLedger

Answer = dict[str, Any]
Decision = tuple[Sequence[Aggregate], Answer]


def _unit(ledger: CaseLedger, started_on: dt.date, actor: str, at: dt.datetime) -> Programme:
    return records.programme(ledger) or Programme(started_on=started_on, actor=actor, timestamp=at)


@dataclasses.dataclass(frozen=True)
class EnrolParentPartner:
    """Enrol a volunteer (PBP-CANDIDATE warns, never refuses)."""

    name: str
    tier: int
    languages: tuple[str, ...]
    area: str
    own_case_closed_on: dt.date
    lived_experience: tuple[str, ...]
    capacity: int = 1

    def decide(self, ledger: CaseLedger, actor: str, at: dt.datetime) -> Decision:
        partner = ParentPartner.enrol(
            name=self.name,
            languages=list(self.languages),
            area=self.area,
            own_case_closed_on=self.own_case_closed_on,
            lived_experience=list(self.lived_experience),
            capacity=self.capacity,
            tier=self.tier,
            actor=actor,
            at=at,
        )
        unit = _unit(ledger, partner.enrolled_on, actor, at)
        unit.add_volunteer(parent_partner_id=partner.id, actor=actor, at=at)
        warnings = []
        if partner.warning is not None:
            warnings.append({"clause": "PBP-CANDIDATE", "message": partner.warning})
        return [partner, unit], {"parent_partner_id": str(partner.id), "warnings": warnings}


@dataclasses.dataclass(frozen=True)
class CertifyTier:
    """Certify a volunteer for a tier (PBP-TIERS)."""

    parent_partner_id: UUID
    tier: int
    certified_on: dt.date

    def decide(self, ledger: CaseLedger, actor: str, at: dt.datetime) -> Decision:
        partner = records.get_partner(ledger, self.parent_partner_id)
        partner.certify(tier=self.tier, certified_on=self.certified_on, actor=actor, at=at)
        answer = {"parent_partner_id": str(partner.id), "tier": partner.tier}
        return [partner], answer | {"services": [s.value for s in partner.services]}


@dataclasses.dataclass(frozen=True)
class DeactivateParentPartner:
    """A volunteer leaves the programme."""

    parent_partner_id: UUID
    reason: str

    def decide(self, ledger: CaseLedger, actor: str, at: dt.datetime) -> Decision:
        partner = records.get_partner(ledger, self.parent_partner_id)
        partner.deactivate(reason=self.reason, actor=actor, at=at)
        return [partner], {"parent_partner_id": str(partner.id), "active": False}


@dataclasses.dataclass(frozen=True)
class HoldUnitMeeting:
    """The PBP SWS met the volunteer unit (PBP-SWS)."""

    held_on: dt.date
    attendees: tuple[UUID, ...] = ()

    def decide(self, ledger: CaseLedger, actor: str, at: dt.datetime) -> Decision:
        unit = _unit(ledger, self.held_on, actor, at)
        unknown = [a for a in self.attendees if a not in unit.roster]
        if unknown:
            raise errors.UnknownParentPartner("attendees")
        meeting_id = uuid4()
        unit.hold_unit_meeting(
            meeting_id=meeting_id,
            held_on=self.held_on,
            attendees=[str(a) for a in self.attendees],
            actor=actor,
            at=at,
        )
        return [unit], {"meeting_id": str(meeting_id), "held_on": self.held_on.isoformat()}
