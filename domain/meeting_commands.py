"""Commands on a case's meetings, notices and refusal escalations (ENG-V, ENG-VI)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from uuid import UUID, uuid4

from domain.case import Case
from domain.commands import Answer
from domain.meetings import EscalationStep, MeetingKind, NoticeOutcome, WithholdReason


@dataclasses.dataclass(frozen=True)
class ScheduleMeeting:
    """A meeting about the child is held on a day (ENG-V; PPT meetings, SOP 1626.4)."""

    kind: MeetingKind
    held_on: dt.date

    def apply(self, case: Case, actor: str, at: dt.datetime) -> Answer:
        meeting = case.schedule_meeting(
            meeting_id=uuid4(), kind=self.kind, held_on=self.held_on, actor=actor, at=at
        )
        return {"meeting_id": str(meeting.meeting_id)}


@dataclasses.dataclass(frozen=True)
class RecordMeetingNotice:
    """Notice of a meeting was sent to a parent, or withheld for a reason (ENG-V)."""

    meeting_id: UUID
    parent_id: UUID
    outcome: NoticeOutcome
    on: dt.date
    reason: WithholdReason | None = None

    def apply(self, case: Case, actor: str, at: dt.datetime) -> Answer:
        notice = case.record_meeting_notice(
            notice_id=uuid4(),
            meeting_id=self.meeting_id,
            parent_id=self.parent_id,
            outcome=self.outcome,
            on=self.on,
            reason=self.reason,
            actor=actor,
            at=at,
        )
        return {"notice_id": str(notice.notice_id)}


@dataclasses.dataclass(frozen=True)
class EscalateRefusal:
    """One step of escalating a parent's refusal to engage (ENG-VI, NH-JJS)."""

    contact_id: UUID
    step: EscalationStep
    occurred_at: dt.datetime
    consultant: str | None = None
    notes: str | None = None

    def apply(self, case: Case, actor: str, at: dt.datetime) -> Answer:
        escalation = case.escalate_refusal(
            escalation_id=uuid4(),
            contact_id=self.contact_id,
            step=self.step,
            occurred_at=self.occurred_at,
            consultant=self.consultant,
            notes=self.notes,
            actor=actor,
            at=at,
        )
        return {"escalation_id": str(escalation.escalation_id)}
