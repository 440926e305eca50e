"""Two small registers saved in the same transaction as the facts they list.

``Programme`` is the volunteer unit: its roster and its monthly unit meetings
(PBP-SWS). ``CaseReferrals`` lists a case's referrals so the case can show its parent
partner (PBP-REF-5) without a new Case event and without waiting for a projection.
"""

from __future__ import annotations

import datetime as dt
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import Aggregate, event

from domain.errors import InvalidValue


class Programme(Aggregate):
    """The Parents Becoming Partners unit: who is enrolled, when the unit met."""

    class ProgrammeStarted(Aggregate.Created):
        started_on: dt.date
        actor: str

    class VolunteerJoined(Aggregate.Event):
        parent_partner_id: UUID
        actor: str

    class UnitMeetingHeld(Aggregate.Event):
        meeting_id: UUID
        held_on: dt.date
        attendees: list[str]
        actor: str

    @staticmethod
    def create_id() -> UUID:
        """One programme per record."""
        return uuid5(NAMESPACE_URL, "/caseledger/pbp/programme")

    @event(ProgrammeStarted)
    def __init__(self, started_on: dt.date, actor: str, timestamp: dt.datetime) -> None:
        self.started_on = started_on
        self.roster: list[UUID] = []
        self.meetings: list[tuple[UUID, dt.date, list[str]]] = []

    def add_volunteer(self, *, parent_partner_id: UUID, actor: str, at: dt.datetime) -> None:
        """A volunteer joined the unit."""
        self._volunteer_joined(parent_partner_id=parent_partner_id, actor=actor, timestamp=at)

    @event(VolunteerJoined)
    def _volunteer_joined(
        self, parent_partner_id: UUID, actor: str, timestamp: dt.datetime
    ) -> None:
        self.roster.append(parent_partner_id)

    def hold_unit_meeting(
        self,
        *,
        meeting_id: UUID,
        held_on: dt.date,
        attendees: list[str],
        actor: str,
        at: dt.datetime,
    ) -> None:
        """The PBP SWS met the unit as a group (PBP-SWS)."""
        if held_on > at.date():
            raise InvalidValue("held_on", "A meeting is recorded once it has been held.")
        self._unit_meeting_held(
            meeting_id=meeting_id,
            held_on=held_on,
            attendees=list(attendees),
            actor=actor,
            timestamp=at,
        )

    @event(UnitMeetingHeld)
    def _unit_meeting_held(
        self,
        meeting_id: UUID,
        held_on: dt.date,
        attendees: list[str],
        actor: str,
        timestamp: dt.datetime,
    ) -> None:
        self.meetings.append((meeting_id, held_on, list(attendees)))


class CaseReferrals(Aggregate):
    """The referrals made for one case, in the order they were made."""

    class ReferralListStarted(Aggregate.Created):
        case_id: UUID

    class ReferralFiled(Aggregate.Event):
        referral_id: UUID
        actor: str

    @staticmethod
    def create_id(case_id: UUID) -> UUID:
        """Derived from the case id: one list per case."""
        return uuid5(NAMESPACE_URL, f"/caseledger/pbp/case-referrals/{case_id}")

    @event(ReferralListStarted)
    def __init__(self, case_id: UUID, timestamp: dt.datetime) -> None:
        self.case_id = case_id
        self.referral_ids: list[UUID] = []

    def file(self, *, referral_id: UUID, actor: str, at: dt.datetime) -> None:
        """A referral was made for the case."""
        self._filed(referral_id=referral_id, actor=actor, timestamp=at)

    @event(ReferralFiled)
    def _filed(self, referral_id: UUID, actor: str, timestamp: dt.datetime) -> None:
        self.referral_ids.append(referral_id)
