"""Bodies of the meeting, notice and refusal-escalation calls (ENG-V, ENG-VI)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from marshmallow import Schema, fields

from domain.meeting_commands import EscalateRefusal, RecordMeetingNotice, ScheduleMeeting
from domain.meetings import EscalationStep, MeetingKind, NoticeOutcome, WithholdReason
from web.schemas.fields import NAME_LIMIT, REASON_LIMIT, day, instant, text, word


class MeetingSchema(Schema):
    """POST /cases/{case_id}/meetings."""

    kind = word(MeetingKind, required=True)
    held_on = day()

    def command(self, data: dict[str, Any]) -> ScheduleMeeting:
        """The command this body asks for."""
        return ScheduleMeeting(**data)


class MeetingNoticeSchema(Schema):
    """POST /cases/{case_id}/meetings/{meeting_id}/notices.

    A withheld notice without a reason the programme allows is a policy refusal (422
    naming ENG-V), so ``reason`` is checked by the case, not here.
    """

    parent_id = fields.UUID(required=True)
    outcome = word(NoticeOutcome, required=True)
    on = day()
    reason = word(
        WithholdReason,
        load_default=None,
        allow_none=True,
        metadata={
            "description": "why a withheld notice was withheld (ENG-V); court_order only "
            "while a no_notification court order for the parent or the whole case is in "
            "force on the meeting day"
        },
    )

    def command(self, data: dict[str, Any], meeting_id: UUID) -> RecordMeetingNotice:
        """The command this body asks for."""
        return RecordMeetingNotice(meeting_id=meeting_id, **data)


class RefusalEscalationSchema(Schema):
    """POST /cases/{case_id}/refusal-escalations (ENG-VI, NH-JJS)."""

    contact_id = fields.UUID(required=True)
    step = word(EscalationStep, required=True)
    occurred_at = instant()
    consultant = text(NAME_LIMIT, required=False, load_default=None, allow_none=True)
    notes = text(REASON_LIMIT, required=False, load_default=None, allow_none=True)

    def command(self, data: dict[str, Any]) -> EscalateRefusal:
        """The command this body asks for."""
        return EscalateRefusal(**data)
