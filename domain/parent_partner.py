"""The ParentPartner aggregate: a volunteer parent, their tiers and their families.

A volunteer is enrolled with the date their own CPS case closed (PBP-CANDIDATE), is
certified for tiers over time (PBP-TIERS), takes families up to their capacity
(PBP-REF-3) and may be deactivated. Commands validate, then call a private ``@event``
method that only changes state.
"""

from __future__ import annotations

import datetime as dt
from uuid import UUID

from eventsourcing.domain import Aggregate, event

from domain.errors import InvalidValue
from domain.pbp import errors
from domain.pbp.tiers import DIRECT_WORK_TIER, Service, check_tier, services_for
from domain.pbp.values import Certification

CANDIDATE_YEAR_DAYS = 365


def candidate_warning(own_case_closed_on: dt.date, enrolled_on: dt.date) -> str | None:
    """PBP-CANDIDATE: a candidate usually has had their own case closed for a year."""
    try:
        anniversary = own_case_closed_on.replace(year=own_case_closed_on.year + 1)
    except ValueError:  # 29 February
        anniversary = own_case_closed_on + dt.timedelta(days=CANDIDATE_YEAR_DAYS)
    if enrolled_on >= anniversary:
        return None
    return (
        f"Their own CPS case closed on {own_case_closed_on.isoformat()}, less than a year "
        "before enrolment; during the first year, level 1 activities while training."
    )


class ParentPartner(Aggregate):
    """A Parents Becoming Partners volunteer."""

    class ParentPartnerEnrolled(Aggregate.Created):
        name: str
        languages: list[str]
        area: str
        own_case_closed_on: dt.date
        lived_experience: list[str]
        capacity: int
        enrolled_on: dt.date
        certification: Certification
        actor: str

    class TierCertified(Aggregate.Event):
        certification: Certification
        actor: str

    class FamilyAssigned(Aggregate.Event):
        referral_id: UUID
        actor: str

    class FamilyReleased(Aggregate.Event):
        referral_id: UUID
        actor: str

    class ParentPartnerDeactivated(Aggregate.Event):
        reason: str
        deactivated_on: dt.date
        actor: str

    @event(ParentPartnerEnrolled)
    def __init__(
        self,
        name: str,
        languages: list[str],
        area: str,
        own_case_closed_on: dt.date,
        lived_experience: list[str],
        capacity: int,
        enrolled_on: dt.date,
        certification: Certification,
        actor: str,
        timestamp: dt.datetime,
    ) -> None:
        self.name = name
        self.languages = list(languages)
        self.area = area
        self.own_case_closed_on = own_case_closed_on
        self.lived_experience = list(lived_experience)
        self.capacity = capacity
        self.enrolled_on = enrolled_on
        self.certifications = [certification]
        self.families: list[UUID] = []
        self.deactivated_on: dt.date | None = None
        self.deactivation_reason: str | None = None

    @classmethod
    def enrol(
        cls,
        *,
        name: str,
        languages: list[str],
        area: str,
        own_case_closed_on: dt.date,
        lived_experience: list[str],
        capacity: int,
        tier: int,
        actor: str,
        at: dt.datetime,
    ) -> ParentPartner:
        """Enrol a volunteer certified for ``tier`` on the day of enrolment."""
        check_tier(tier)
        if capacity < 0:
            raise InvalidValue("capacity", "Capacity is the number of families, 0 or more.")
        enrolled_on = at.date()
        if own_case_closed_on > enrolled_on:
            raise InvalidValue("own_case_closed_on", "The closure date is after enrolment.")
        return cls(
            name=name,
            languages=list(languages),
            area=area,
            own_case_closed_on=own_case_closed_on,
            lived_experience=list(lived_experience),
            capacity=capacity,
            enrolled_on=enrolled_on,
            certification=Certification(tier, enrolled_on, actor),
            actor=actor,
            timestamp=at,
        )

    # -- reading ------------------------------------------------------------------

    @property
    def tier(self) -> int:
        """The latest certification's tier (by date, then recording order)."""
        latest = self.certifications[0]
        for certification in self.certifications[1:]:
            if certification.certified_on >= latest.certified_on:
                latest = certification
        return latest.tier

    @property
    def active(self) -> bool:
        """Not deactivated."""
        return self.deactivated_on is None

    @property
    def services(self) -> tuple[Service, ...]:
        """What the volunteer may do now (PBP-TIERS, cumulative)."""
        return services_for(self.tier) if self.active else ()

    @property
    def free_capacity(self) -> int:
        """Capacity minus the families they are assigned to now."""
        return max(self.capacity - len(self.families), 0)

    @property
    def warning(self) -> str | None:
        """The PBP-CANDIDATE warning shown with the volunteer, if any."""
        return candidate_warning(self.own_case_closed_on, self.enrolled_on)

    # -- commands -----------------------------------------------------------------

    def _require_active(self) -> None:
        if not self.active:
            raise errors.ParentPartnerInactive(
                "This parent partner was deactivated.", field="parent_partner_id"
            )

    def certify(self, *, tier: int, certified_on: dt.date, actor: str, at: dt.datetime) -> None:
        """Certify a tier from ``certified_on`` (PBP-TIERS)."""
        check_tier(tier)
        if not self.active:
            raise errors.ParentPartnerStateConflict("This parent partner was deactivated.")
        if certified_on < self.enrolled_on:
            raise InvalidValue("certified_on", "A certification cannot precede enrolment.")
        self._certified(Certification(tier, certified_on, actor), actor=actor, timestamp=at)

    @event(TierCertified)
    def _certified(self, certification: Certification, actor: str, timestamp: dt.datetime) -> None:
        self.certifications.append(certification)

    def take_family(self, *, referral_id: UUID, actor: str, at: dt.datetime) -> None:
        """Start working with a family (PBP-DIRECT, capacity; PBP-REF-3)."""
        self._require_active()
        if self.tier < DIRECT_WORK_TIER:
            raise errors.TierTooLow(
                f"Direct work with families needs tier V; this volunteer holds tier {self.tier}.",
                field="parent_partner_id",
                clause="PBP-DIRECT",
            )
        if referral_id in self.families:
            return
        if self.free_capacity < 1:
            raise errors.NoFreeCapacity(
                f"This volunteer already works with {len(self.families)} "
                f"of {self.capacity} families.",
                field="parent_partner_id",
            )
        self._family_assigned(referral_id=referral_id, actor=actor, timestamp=at)

    @event(FamilyAssigned)
    def _family_assigned(self, referral_id: UUID, actor: str, timestamp: dt.datetime) -> None:
        self.families.append(referral_id)

    def release_family(self, *, referral_id: UUID, actor: str, at: dt.datetime) -> None:
        """The work with a family ended (closure, withdrawal or another volunteer)."""
        if referral_id in self.families:
            self._family_released(referral_id=referral_id, actor=actor, timestamp=at)

    @event(FamilyReleased)
    def _family_released(self, referral_id: UUID, actor: str, timestamp: dt.datetime) -> None:
        self.families.remove(referral_id)

    def deactivate(self, *, reason: str, actor: str, at: dt.datetime) -> None:
        """Leave the programme; no new certification or family afterwards."""
        if not self.active:
            raise errors.ParentPartnerStateConflict("This parent partner was deactivated already.")
        self._deactivated(reason=reason, deactivated_on=at.date(), actor=actor, timestamp=at)

    @event(ParentPartnerDeactivated)
    def _deactivated(
        self, reason: str, deactivated_on: dt.date, actor: str, timestamp: dt.datetime
    ) -> None:
        self.deactivated_on = deactivated_on
        self.deactivation_reason = reason
