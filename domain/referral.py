"""The PartnerReferral aggregate: one family's referral to Parents Becoming Partners.

It walks dss-028's procedure: submitted by the case's worker or supervisor (PBP-REF-1),
needs identified with the PBP SWS (PBP-REF-2), a tier V volunteer assigned (PBP-REF-3),
the planning meeting (PBP-REF-4), family meetings accompanied (PBP-REF-6), closure on
the four parties' agreement (PBP-REF-7), or withdrawal. It holds referral data only:
never a case narrative, so the coordinator's views can be built from it alone.
"""

from __future__ import annotations

import datetime as dt
from uuid import UUID

from eventsourcing.domain import Aggregate, event

from domain.errors import InvalidValue
from domain.pbp import errors
from domain.pbp.values import ENDED, WORKING, PartnerAssignment, Party, ReferralStatus


class PartnerReferral(Aggregate):
    """A referral of one parent on a case to the programme."""

    class ReferralSubmitted(Aggregate.Created):
        case_id: UUID
        parent_id: UUID
        needs: list[str]
        preferred_language: str | None
        area: str | None
        actor: str

    class NeedsIdentified(Aggregate.Event):
        needs: list[str]
        conferred_with: list[str]
        actor: str

    class ParentPartnerAssigned(Aggregate.Event):
        assignment: PartnerAssignment
        actor: str

    class PlanningMeetingHeld(Aggregate.Event):
        held_on: dt.date
        attended_by: list[str]
        actor: str

    class FamilyMeetingHeld(Aggregate.Event):
        held_on: dt.date
        accompanied_by: str
        actor: str

    class ReferralClosed(Aggregate.Event):
        agreed_by: list[Party]
        closed_on: dt.date
        actor: str

    class ReferralWithdrawn(Aggregate.Event):
        reason: str
        actor: str

    @event(ReferralSubmitted)
    def __init__(
        self,
        case_id: UUID,
        parent_id: UUID,
        needs: list[str],
        preferred_language: str | None,
        area: str | None,
        actor: str,
        timestamp: dt.datetime,
    ) -> None:
        self.case_id = case_id
        self.parent_id = parent_id
        self.needs = list(needs)
        self.preferred_language = preferred_language
        self.area = area
        self.referred_by = actor
        self.submitted_at = timestamp
        self.conferred_with: list[str] = []
        self.assignment: PartnerAssignment | None = None
        self.planning_meetings: list[tuple[dt.date, list[str]]] = []
        self.family_meetings: list[tuple[dt.date, str]] = []
        self.status = ReferralStatus.SUBMITTED
        self.stage_since = timestamp
        self.ended_reason: str | None = None

    def _enter(self, status: ReferralStatus, at: dt.datetime) -> None:
        if status is not self.status:
            self.status = status
            self.stage_since = at

    # -- guards -------------------------------------------------------------------

    def _require_open(self) -> None:
        if self.status in ENDED:
            raise errors.ReferralStateConflict(f"The referral is {self.status.value}.")

    def _require_assigned(self) -> PartnerAssignment:
        self._require_open()
        if self.assignment is None:
            raise errors.ReferralStateConflict("No parent partner is assigned yet.")
        return self.assignment

    def _check_held_on(self, day: dt.date, at: dt.datetime, field: str = "held_on") -> None:
        """A meeting or closure is recorded once it has happened."""
        if day > at.date():
            raise InvalidValue(field, "It is recorded once it has happened, not before.")

    # -- commands -----------------------------------------------------------------

    def identify_needs(
        self, *, needs: list[str], conferred_with: list[str], actor: str, at: dt.datetime
    ) -> None:
        """The needs agreed with the referring worker and their SWS (PBP-REF-2)."""
        self._require_open()
        self._needs_identified(
            needs=list(needs), conferred_with=list(conferred_with), actor=actor, timestamp=at
        )

    @event(NeedsIdentified)
    def _needs_identified(
        self, needs: list[str], conferred_with: list[str], actor: str, timestamp: dt.datetime
    ) -> None:
        self.needs = list(needs)
        self.conferred_with = list(conferred_with)
        if self.status is ReferralStatus.SUBMITTED:
            self._enter(ReferralStatus.NEEDS_IDENTIFIED, timestamp)

    def require_assignable(self) -> None:
        """Open, and its needs identified first (PBP-REF-2 before PBP-REF-3)."""
        self._require_open()
        if self.status is ReferralStatus.SUBMITTED:
            raise errors.ReferralStateConflict(
                "Identify the family's needs with the referring worker first (PBP-REF-2)."
            )

    def assign(self, *, assignment: PartnerAssignment, actor: str, at: dt.datetime) -> None:
        """Record the coordinator's choice of volunteer (PBP-REF-3)."""
        self.require_assignable()
        self._assigned(assignment=assignment, actor=actor, timestamp=at)

    @event(ParentPartnerAssigned)
    def _assigned(self, assignment: PartnerAssignment, actor: str, timestamp: dt.datetime) -> None:
        self.assignment = assignment
        self.status = ReferralStatus.ASSIGNED
        self.stage_since = timestamp

    def hold_planning_meeting(
        self, *, held_on: dt.date, attended_by: list[str], actor: str, at: dt.datetime
    ) -> None:
        """The planning meeting with the volunteer and the referring worker (PBP-REF-4)."""
        self._require_assigned()
        self._check_held_on(held_on, at)
        self._planning_meeting_held(
            held_on=held_on, attended_by=list(attended_by), actor=actor, timestamp=at
        )

    @event(PlanningMeetingHeld)
    def _planning_meeting_held(
        self, held_on: dt.date, attended_by: list[str], actor: str, timestamp: dt.datetime
    ) -> None:
        self.planning_meetings.append((held_on, list(attended_by)))
        if self.status is ReferralStatus.ASSIGNED:
            self._enter(ReferralStatus.PLANNED, timestamp)

    def hold_family_meeting(
        self,
        *,
        held_on: dt.date,
        accompanied_by: str,
        companion_is_coordinator: bool,
        case_worker: str,
        actor: str,
        at: dt.datetime,
    ) -> None:
        """The volunteer meets the family, accompanied (PBP-REF-6)."""
        self._require_assigned()
        self._check_held_on(held_on, at)
        if not companion_is_coordinator and accompanied_by != case_worker:
            raise errors.Unaccompanied(
                "The volunteer meets the family with the PBP social work supervisor "
                "or the case worker.",
                field="accompanied_by",
                clause="PBP-REF-6",
            )
        self._family_meeting_held(
            held_on=held_on, accompanied_by=accompanied_by, actor=actor, timestamp=at
        )

    @event(FamilyMeetingHeld)
    def _family_meeting_held(
        self, held_on: dt.date, accompanied_by: str, actor: str, timestamp: dt.datetime
    ) -> None:
        self.family_meetings.append((held_on, accompanied_by))
        self._enter(ReferralStatus.ACTIVE, timestamp)

    def close(
        self, *, agreed_by: list[Party], closed_on: dt.date, actor: str, at: dt.datetime
    ) -> None:
        """Support ends when all four parties agree (PBP-REF-7)."""
        self._require_assigned()
        self._check_held_on(closed_on, at, "closed_on")
        missing = [p.value for p in Party if p not in agreed_by]
        if missing:
            raise errors.AgreementIncomplete(
                f"Support ends only when all four parties agree; missing: {', '.join(missing)}.",
                field="agreed_by",
                clause="PBP-REF-7",
            )
        self._closed(agreed_by=list(Party), closed_on=closed_on, actor=actor, timestamp=at)

    @event(ReferralClosed)
    def _closed(
        self, agreed_by: list[Party], closed_on: dt.date, actor: str, timestamp: dt.datetime
    ) -> None:
        self._enter(ReferralStatus.CLOSED, timestamp)

    def withdraw(self, *, reason: str, actor: str, at: dt.datetime) -> None:
        """The referral is withdrawn, with its reason."""
        self._require_open()
        self._withdrawn(reason=reason, actor=actor, timestamp=at)

    @event(ReferralWithdrawn)
    def _withdrawn(self, reason: str, actor: str, timestamp: dt.datetime) -> None:
        self.ended_reason = reason
        self._enter(ReferralStatus.WITHDRAWN, timestamp)

    # -- reading ------------------------------------------------------------------

    @property
    def working(self) -> bool:
        """A volunteer is assigned and the referral has not ended (PBP-REF-5 shows it)."""
        return self.status in WORKING
