"""Meetings about the child, their notices and refusal escalations (ENG-V, ENG-VI)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from domain.access import can_write_case, can_write_ppt
from domain.meetings import MeetingKind, check_escalation_step
from web.api import api
from web.api.writes import documented, load, record, record_body
from web.auth import forbidden, ledger, readable_case, viewer, writable_case
from web.schemas import meetings as schemas
from web.schemas.output import EscalationRecordedOut, MeetingScheduledOut, NoticeRecordedOut


@api.post("/cases/<uuid:case_id>/meetings")
@documented(schemas.MeetingSchema, MeetingScheduledOut)
def schedule_meeting(case_id: UUID) -> Any:
    """A meeting about the child is held on a day; eligible parents are owed notice (ENG-V)."""
    case = readable_case(case_id)
    parties = ledger().case_parties(case)
    case_staff = can_write_case(viewer(), parties)
    if not case_staff and not can_write_ppt(viewer(), parties):
        raise forbidden("Your role may read this case but not record on it.")
    schema = schemas.MeetingSchema()
    body, data = load(schema)
    if not case_staff and data["kind"] is not MeetingKind.PPT:
        raise forbidden("The Permanency JPPO schedules PPT meetings only (SOP 1626.4).")
    return record(case_id, schema.command(data), body)


@api.post("/cases/<uuid:case_id>/meetings/<uuid:meeting_id>/notices")
@documented(schemas.MeetingNoticeSchema, NoticeRecordedOut)
def record_meeting_notice(case_id: UUID, meeting_id: UUID) -> Any:
    """Notice of a meeting was sent to a parent, or withheld for a reason (ENG-V)."""
    writable_case(case_id).meeting(meeting_id)  # an unknown meeting in the path: 404
    return record_body(case_id, schemas.MeetingNoticeSchema(), meeting_id)


@api.post("/cases/<uuid:case_id>/refusal-escalations")
@documented(schemas.RefusalEscalationSchema, EscalationRecordedOut)
def escalate_refusal(case_id: UUID) -> Any:
    """One step of escalating a non-custodial parent's refusal (ENG-VI, NH-JJS)."""
    case = writable_case(case_id)
    schema = schemas.RefusalEscalationSchema()
    body, data = load(schema)
    check_escalation_step(case.supervisor, data["step"], viewer().username)  # 403 before 422
    return record(case_id, schema.command(data), body)
