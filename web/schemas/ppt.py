"""Bodies of the Permanency Planning Team calls under /cases/{case_id}/ppt (SOP 1626.4).

Completeness that a clause demands (topics 1-6, PPT-I.D) is checked by the case, so a
gap is refused naming the clause rather than as a bare schema error.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from marshmallow import Schema, fields, validate

from domain import ppt_commands as ppt
from domain.ppt_values import InformationSource, PptRequestKind, StaffingFactor
from web.schemas.fields import (
    NAME_LIMIT,
    NARRATIVE_LIMIT,
    REASON_LIMIT,
    TEXT_LIMIT,
    day,
    flag,
    text,
    username,
    word,
)


class PlacementSchema(Schema):
    """POST /cases/{case_id}/ppt/placements (PPT-I.A)."""

    on = day()
    setting = text(TEXT_LIMIT)
    change = flag()
    may_affect_schedule = flag()

    def command(self, data: dict[str, Any]) -> ppt.RecordPlacement:
        """The command this body asks for."""
        return ppt.RecordPlacement(**data)


class JppoNoticeSchema(Schema):
    """POST /cases/{case_id}/ppt/jppo-notices (PPT-I.A)."""

    placement_id = fields.UUID(required=True)
    on = day()
    permanency_worker = username()

    def command(self, data: dict[str, Any]) -> ppt.NotifyPermanencyJppo:
        """The command this body asks for."""
        return ppt.NotifyPermanencyJppo(**data)


class ScreenSchema(Schema):
    """POST /cases/{case_id}/ppt/screens (PPT-I.B)."""

    on = day()

    def command(self, data: dict[str, Any]) -> ppt.CompleteScreen:
        """The command this body asks for."""
        return ppt.CompleteScreen(**data)


class InformationSchema(Schema):
    """POST /cases/{case_id}/ppt/information (PPT-I.C)."""

    source = word(InformationSource, required=True)
    on = day()

    def command(self, data: dict[str, Any]) -> ppt.GatherInformation:
        """The command this body asks for."""
        return ppt.GatherInformation(**data)


class PptMeetingSchema(Schema):
    """POST /cases/{case_id}/ppt/meetings (PPT-I.D, PPT-III.A/B)."""

    held_on = day()
    meeting_id = fields.UUID(load_default=None, allow_none=True)
    topics = fields.Dict(
        keys=fields.String(validate=validate.Length(max=64)),
        values=fields.String(validate=validate.Length(max=NARRATIVE_LIMIT)),
        required=True,
        validate=validate.Length(max=16),
    )
    attended_by = fields.List(username(), load_default=list, validate=validate.Length(max=50))

    def command(self, data: dict[str, Any]) -> ppt.HoldPptMeeting:
        """The command this body asks for."""
        return ppt.HoldPptMeeting(
            data["held_on"], dict(data["topics"]), tuple(data["attended_by"]), data["meeting_id"]
        )


class StaffingFactorSchema(Schema):
    """POST /cases/{case_id}/ppt/staffing-factors (PPT-I.H)."""

    factor = word(StaffingFactor, required=True)
    identified_on = day()

    def command(self, data: dict[str, Any]) -> ppt.IdentifyStaffingFactor:
        """The command this body asks for."""
        return ppt.IdentifyStaffingFactor(**data)


class AdviceSchema(Schema):
    """POST /cases/{case_id}/ppt/staffing-factors/{factor_id}/advice (PPT-I.H)."""

    on = day()
    advice = text(REASON_LIMIT)

    def command(self, data: dict[str, Any], factor_id: UUID) -> ppt.AdviseStaffing:
        """The command this body asks for."""
        return ppt.AdviseStaffing(factor_id, data["on"], data["advice"])


class TaskSchema(Schema):
    """POST /cases/{case_id}/ppt/tasks (PPT-I.I)."""

    description = text(TEXT_LIMIT)
    assigned_to = username()
    assigned_on = day()
    due_on = day()

    def command(self, data: dict[str, Any]) -> ppt.AssignPptTask:
        """The command this body asks for."""
        return ppt.AssignPptTask(**data)


class TaskCompletionSchema(Schema):
    """POST /cases/{case_id}/ppt/tasks/{task_id}/completion (PPT-I.I)."""

    on = day()

    def command(self, data: dict[str, Any], task_id: UUID) -> ppt.CompletePptTask:
        """The command this body asks for."""
        return ppt.CompletePptTask(task_id, data["on"])


class FollowUpSchema(Schema):
    """POST /cases/{case_id}/ppt/tasks/{task_id}/follow-ups (PPT-III.C)."""

    on = day()
    notes = text(REASON_LIMIT)

    def command(self, data: dict[str, Any], task_id: UUID) -> ppt.FollowUpPptTask:
        """The command this body asks for."""
        return ppt.FollowUpPptTask(task_id, data["on"], data["notes"])


class PermanencySchema(Schema):
    """POST /cases/{case_id}/ppt/permanency (PPT-I.J)."""

    on = day()
    outcome = text(NAME_LIMIT)

    def command(self, data: dict[str, Any]) -> ppt.AchievePermanency:
        """The command this body asks for."""
        return ppt.AchievePermanency(**data)


class UpdateSchema(Schema):
    """POST /cases/{case_id}/ppt/updates (PPT-I.J)."""

    on = day()

    def command(self, data: dict[str, Any]) -> ppt.UpdatePpt:
        """The command this body asks for."""
        return ppt.UpdatePpt(**data)


class RequestSchema(Schema):
    """POST .../ppt/meeting-requests (PPT-I.E-G) and .../ppt/workgroup-requests (PPT-II)."""

    on = day()
    reason = text(REASON_LIMIT)

    def command(self, data: dict[str, Any], kind: PptRequestKind) -> ppt.RequestPptSupport:
        """The command this body asks for."""
        return ppt.RequestPptSupport(kind, data["on"], data["reason"])


class PptRecordedOut(Schema):
    """201 to a PPT write: the new fact's id (whichever it is) and its day."""

    placement_id = fields.UUID()
    notice_id = fields.UUID()
    screen_id = fields.UUID()
    information_id = fields.UUID()
    record_id = fields.UUID()
    factor_id = fields.UUID()
    task_id = fields.UUID()
    request_id = fields.UUID()
    update_id = fields.UUID()
    due_on = fields.Date()
    advised_on = fields.Date()
    completed_on = fields.Date()
    followed_up_on = fields.Date()
    achieved_on = fields.Date()
    updated_on = fields.Date()


class PptRecordOut(Schema):
    """GET /cases/{case_id}/ppt: every PPT fact of the case."""

    case_id = fields.UUID()
    program = fields.String()
    placements = fields.List(fields.Dict())
    notices = fields.List(fields.Dict())
    screens = fields.List(fields.Dict())
    information = fields.List(fields.Dict())
    meetings = fields.List(fields.Dict())
    staffing_factors = fields.List(fields.Dict())
    tasks = fields.List(fields.Dict())
    permanency = fields.List(fields.Dict())
    requests = fields.List(fields.Dict())
