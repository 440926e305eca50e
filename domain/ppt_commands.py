"""Commands for the Permanency Planning Team record on an NH-JJS case (SOP 1626.4).

Each applies itself to a loaded ``Case`` and returns the plain answer an
Idempotency-Key replays; new ids are minted here, as in domain/commands.py.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any
from uuid import UUID, uuid4

from domain.case import Case
from domain.ppt_values import (
    InformationGathering,
    InformationSource,
    JppoNotice,
    Placement,
    PptMeetingRecord,
    PptRequest,
    PptRequestKind,
    PptTask,
    ScreenCompletion,
    StaffingFactor,
)

Answer = dict[str, Any]


@dataclasses.dataclass(frozen=True)
class RecordPlacement:
    """The youth was placed, or the placement changed (PPT-I.A)."""

    on: dt.date
    setting: str
    change: bool = False
    may_affect_schedule: bool = False

    def apply(self, case: Case, actor: str, at: dt.datetime) -> Answer:
        placement = Placement(uuid4(), self.on, self.setting, self.change, self.may_affect_schedule)
        case.place(placement=placement, actor=actor, at=at)
        return {"placement_id": str(placement.placement_id)}


@dataclasses.dataclass(frozen=True)
class NotifyPermanencyJppo:
    """The Permanency JPPO was told of a placement or change (PPT-I.A)."""

    placement_id: UUID
    on: dt.date
    permanency_worker: str

    def apply(self, case: Case, actor: str, at: dt.datetime) -> Answer:
        notice = JppoNotice(uuid4(), self.placement_id, self.on, self.permanency_worker)
        case.notify_permanency_jppo(notice=notice, actor=actor, at=at)
        return {"notice_id": str(notice.notice_id)}


@dataclasses.dataclass(frozen=True)
class CompleteScreen:
    """Page 1 of the PPT screen was completed (PPT-I.B)."""

    on: dt.date

    def apply(self, case: Case, actor: str, at: dt.datetime) -> Answer:
        screen = ScreenCompletion(uuid4(), self.on)
        case.complete_screen(screen=screen, actor=actor, at=at)
        return {"screen_id": str(screen.screen_id)}


@dataclasses.dataclass(frozen=True)
class GatherInformation:
    """Information was gathered from one source before a meeting (PPT-I.C)."""

    source: InformationSource
    on: dt.date

    def apply(self, case: Case, actor: str, at: dt.datetime) -> Answer:
        information = InformationGathering(uuid4(), self.source, self.on)
        case.gather_information(information=information, actor=actor, at=at)
        return {"information_id": str(information.information_id)}


@dataclasses.dataclass(frozen=True)
class HoldPptMeeting:
    """A PPT meeting was held; notes on topics 1-6 (PPT-I.D)."""

    held_on: dt.date
    topics: dict[str, str]
    attended_by: tuple[str, ...] = ()
    meeting_id: UUID | None = None

    def apply(self, case: Case, actor: str, at: dt.datetime) -> Answer:
        record = PptMeetingRecord(
            uuid4(), self.meeting_id, self.held_on, dict(self.topics), tuple(self.attended_by)
        )
        case.hold_meeting(meeting=record, actor=actor, at=at)
        return {"record_id": str(record.record_id)}


@dataclasses.dataclass(frozen=True)
class IdentifyStaffingFactor:
    """A factor warranting more DCYF staff at the PPT (PPT-I.H)."""

    factor: StaffingFactor
    identified_on: dt.date

    def apply(self, case: Case, actor: str, at: dt.datetime) -> Answer:
        factor_id = uuid4()
        case.identify_staffing_factor(
            factor_id=factor_id,
            factor=self.factor,
            identified_on=self.identified_on,
            actor=actor,
            at=at,
        )
        return {"factor_id": str(factor_id)}


@dataclasses.dataclass(frozen=True)
class AdviseStaffing:
    """The Permanency JPPO was advised of a factor (PPT-I.H)."""

    factor_id: UUID
    on: dt.date
    advice: str

    def apply(self, case: Case, actor: str, at: dt.datetime) -> Answer:
        case.advise_staffing(
            factor_id=self.factor_id, on=self.on, advice=self.advice, actor=actor, at=at
        )
        return {"factor_id": str(self.factor_id), "advised_on": self.on.isoformat()}


@dataclasses.dataclass(frozen=True)
class AssignPptTask:
    """A task was assigned at a PPT meeting (PPT-I.I)."""

    description: str
    assigned_to: str
    assigned_on: dt.date
    due_on: dt.date

    def apply(self, case: Case, actor: str, at: dt.datetime) -> Answer:
        task = PptTask(uuid4(), self.description, self.assigned_to, self.assigned_on, self.due_on)
        case.assign_task(task=task, actor=actor, at=at)
        return {"task_id": str(task.task_id), "due_on": self.due_on.isoformat()}


@dataclasses.dataclass(frozen=True)
class CompletePptTask:
    """A PPT task was completed (PPT-I.I)."""

    task_id: UUID
    on: dt.date

    def apply(self, case: Case, actor: str, at: dt.datetime) -> Answer:
        case.complete_task(task_id=self.task_id, on=self.on, actor=actor, at=at)
        return {"task_id": str(self.task_id), "completed_on": self.on.isoformat()}


@dataclasses.dataclass(frozen=True)
class FollowUpPptTask:
    """The supervisor followed up with the JPPO on a task (PPT-III.C)."""

    task_id: UUID
    on: dt.date
    notes: str

    def apply(self, case: Case, actor: str, at: dt.datetime) -> Answer:
        case.follow_up_task(task_id=self.task_id, on=self.on, notes=self.notes, actor=actor, at=at)
        return {"task_id": str(self.task_id), "followed_up_on": self.on.isoformat()}


@dataclasses.dataclass(frozen=True)
class AchievePermanency:
    """Permanency was achieved (PPT-I.J)."""

    on: dt.date
    outcome: str

    def apply(self, case: Case, actor: str, at: dt.datetime) -> Answer:
        case.achieve_permanency(on=self.on, outcome=self.outcome, actor=actor, at=at)
        return {"achieved_on": self.on.isoformat()}


@dataclasses.dataclass(frozen=True)
class UpdatePpt:
    """The PPT was updated that permanency was achieved (PPT-I.J)."""

    on: dt.date

    def apply(self, case: Case, actor: str, at: dt.datetime) -> Answer:
        update_id = uuid4()
        case.update_ppt(update_id=update_id, on=self.on, actor=actor, at=at)
        return {"update_id": str(update_id), "updated_on": self.on.isoformat()}


@dataclasses.dataclass(frozen=True)
class RequestPptSupport:
    """An extra PPT meeting (PPT-I.E-G) or the Permanency Workgroup (PPT-II) asked for."""

    kind: PptRequestKind
    on: dt.date
    reason: str

    def apply(self, case: Case, actor: str, at: dt.datetime) -> Answer:
        request = PptRequest(uuid4(), self.kind, self.on, self.reason)
        if self.kind is PptRequestKind.WORKGROUP:
            case.request_workgroup(request=request, actor=actor, at=at)
        else:
            case.request_extra_meeting(request=request, actor=actor, at=at)
        return {"request_id": str(request.request_id)}
