"""The Permanency Planning Team's facts on a Case (NH DCYF SOP 1626.4), as a mixin.

``Case`` inherits these events and commands; they live here so the case module keeps
to the engagement record. Its events are declared in ``case_ppt_events``; commands
trigger ``type(self).<Event>`` so that ``Case``'s own subclass is stored.
Every command refuses a case that is not NH-JJS, naming the clause it would have
served, because SOP 1626.4 binds JPPOs only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING
from uuid import UUID

from domain import errors
from domain.case_ppt_events import CasePptEvents, ppt_record_of
from domain.meetings import Meeting, MeetingKind
from domain.policy.calendar import local_date
from domain.ppt_values import (
    InformationGathering,
    JppoNotice,
    Placement,
    PptMeetingRecord,
    PptRecord,
    PptRequest,
    PptTask,
    PptTopic,
    ScreenCompletion,
    StaffingFactor,
)
from domain.values import Program


class CasePpt(CasePptEvents):
    """PPT commands, mixed into ``Case``; state is one ``PptRecord``."""

    if TYPE_CHECKING:  # provided by Case and CaseMeetings
        program: Program
        opened_on: dt.date
        closed_on: dt.date | None
        meetings: Mapping[str, Meeting]

    @property
    def ppt(self) -> PptRecord:
        """The case's PPT facts (a case with none, or stored before them, has an empty one)."""
        return ppt_record_of(self)

    # -- guards -------------------------------------------------------------------

    def _require_ppt(self, clause: str, day: dt.date, field: str, at: dt.datetime) -> None:
        """An open NH-JJS case, and a day neither before it opened nor still to come."""
        if self.program is not Program.NH_JJS:
            raise errors.NotPptCase(
                f"PPT records belong to NH-JJS cases (SOP 1626.4); this case is "
                f"{self.program.value}.",
                clause=clause,
            )
        if self.closed_on is not None:
            raise errors.CaseClosed(f"The case was closed on {self.closed_on.isoformat()}.")
        if day < self.opened_on:
            raise errors.BeforeCaseOpened(
                f"{field} {day.isoformat()} is before the case opened on "
                f"{self.opened_on.isoformat()}.",
                field=field,
            )
        if day > local_date(self.program, at):
            raise errors.FactInFuture(f"{field} is still to come.", field=field)

    def _task(self, task_id: UUID) -> PptTask:
        task = self.ppt.task(task_id)
        if task is None:
            raise errors.PptTaskNotFound("No such PPT task on this case.")
        return task

    # -- placements and notices (PPT-I.A) -----------------------------------------

    def place(self, *, placement: Placement, actor: str, at: dt.datetime) -> None:
        """The youth was placed, or their placement changed (PPT-I.A)."""
        self._require_ppt("PPT-I.A", placement.on, "on", at)
        kind = type(self).PlacementChanged if placement.change else type(self).YouthPlaced
        self.trigger_event(kind, placement=placement, actor=actor, timestamp=at)

    def notify_permanency_jppo(self, *, notice: JppoNotice, actor: str, at: dt.datetime) -> None:
        """The Permanency JPPO was told of a placement or change (PPT-I.A)."""
        self._require_ppt("PPT-I.A", notice.on, "on", at)
        placement = self.ppt.placement(notice.placement_id)
        if placement is None:
            raise errors.UnknownPlacement()
        if notice.on < placement.on:
            raise errors.InvalidValue("on", "The notice cannot precede the placement.")
        self.trigger_event(
            type(self).PermanencyJppoNotified, notice=notice, actor=actor, timestamp=at
        )

    # -- before the meeting (PPT-I.B, PPT-I.C) ------------------------------------

    def complete_screen(self, *, screen: ScreenCompletion, actor: str, at: dt.datetime) -> None:
        """The first page of the PPT screen was completed (PPT-I.B)."""
        self._require_ppt("PPT-I.B", screen.on, "on", at)
        self.trigger_event(type(self).PptScreenCompleted, screen=screen, actor=actor, timestamp=at)

    def gather_information(
        self, *, information: InformationGathering, actor: str, at: dt.datetime
    ) -> None:
        """Information was gathered from parents, the child or providers (PPT-I.C)."""
        self._require_ppt("PPT-I.C", information.on, "on", at)
        self.trigger_event(
            type(self).PptInformationGathered, information=information, actor=actor, timestamp=at
        )

    # -- the meeting (PPT-I.D, PPT-III.A/B) ---------------------------------------

    def hold_meeting(self, *, meeting: PptMeetingRecord, actor: str, at: dt.datetime) -> None:
        """A PPT meeting was held; its record covers topics 1-6 (PPT-I.D)."""
        self._require_ppt("PPT-I.D", meeting.held_on, "held_on", at)
        wanted = [t.value for t in PptTopic]
        missing = [t for t in wanted if not (meeting.topics.get(t) or "").strip()]
        unknown = sorted(set(meeting.topics) - set(wanted))
        if unknown:
            raise errors.InvalidValue("topics", f"Not a PPT topic: {unknown[0]}.")
        scheduled = self.meetings.get(meeting.meeting_id.hex) if meeting.meeting_id else None
        if meeting.meeting_id is not None and (
            scheduled is None or scheduled.kind is not MeetingKind.PPT
        ):
            raise errors.InvalidValue("meeting_id", "No PPT meeting with that id on this case.")
        if missing:
            raise errors.PptTopicsMissing(
                f"The meeting record must cover topics 1-6; missing: {', '.join(missing)}.",
                field="topics",
                clause="PPT-I.D",
            )
        self.trigger_event(type(self).PptMeetingHeld, meeting=meeting, actor=actor, timestamp=at)

    # -- staffing factors (PPT-I.H) -----------------------------------------------

    def identify_staffing_factor(
        self,
        *,
        factor_id: UUID,
        factor: StaffingFactor,
        identified_on: dt.date,
        actor: str,
        at: dt.datetime,
    ) -> None:
        """A factor warranting more DCYF staff at the PPT was identified (PPT-I.H)."""
        self._require_ppt("PPT-I.H", identified_on, "identified_on", at)
        self.trigger_event(
            type(self).StaffingFactorIdentified,
            factor_id=factor_id,
            factor=factor,
            identified_on=identified_on,
            actor=actor,
            timestamp=at,
        )

    def advise_staffing(
        self, *, factor_id: UUID, on: dt.date, advice: str, actor: str, at: dt.datetime
    ) -> None:
        """The Permanency JPPO was advised of a factor (PPT-I.H)."""
        self._require_ppt("PPT-I.H", on, "on", at)
        found = self.ppt.factor(factor_id)
        if found is None:
            raise errors.UnknownFactor()
        if found.advised_on is not None:
            raise errors.AlreadyRecorded("The Permanency JPPO was advised of this factor already.")
        if on < found.identified_on:
            raise errors.InvalidValue("on", "Advice cannot precede the factor.")
        self.trigger_event(
            type(self).StaffingAdviceGiven,
            factor_id=factor_id,
            on=on,
            advice=advice,
            actor=actor,
            timestamp=at,
        )

    # -- tasks (PPT-I.I, PPT-III.C) -------------------------------------------------

    def assign_task(self, *, task: PptTask, actor: str, at: dt.datetime) -> None:
        """A task was assigned at a PPT meeting (PPT-I.I)."""
        self._require_ppt("PPT-I.I", task.assigned_on, "assigned_on", at)
        if task.due_on < task.assigned_on:
            raise errors.InvalidValue("due_on", "A task cannot fall due before it is assigned.")
        self.trigger_event(type(self).PptTaskAssigned, task=task, actor=actor, timestamp=at)

    def complete_task(self, *, task_id: UUID, on: dt.date, actor: str, at: dt.datetime) -> None:
        """A PPT task was completed (PPT-I.I)."""
        task = self._task(task_id)
        self._require_ppt("PPT-I.I", on, "on", at)
        if task.completed_on is not None:
            raise errors.AlreadyRecorded(f"The task was completed on {task.completed_on}.")
        if on < task.assigned_on:
            raise errors.InvalidValue("on", "A task cannot be completed before it is assigned.")
        self.trigger_event(
            type(self).PptTaskCompleted, task_id=task_id, on=on, actor=actor, timestamp=at
        )

    def follow_up_task(
        self, *, task_id: UUID, on: dt.date, notes: str, actor: str, at: dt.datetime
    ) -> None:
        """The supervisor followed up with the JPPO on a task (PPT-III.C)."""
        task = self._task(task_id)
        self._require_ppt("PPT-III.C", on, "on", at)
        if on < task.assigned_on:
            raise errors.InvalidValue("on", "A follow-up cannot precede the task.")
        self.trigger_event(
            type(self).PptTaskFollowedUp,
            task_id=task_id,
            on=on,
            notes=notes,
            actor=actor,
            timestamp=at,
        )

    # -- permanency (PPT-I.J) ---------------------------------------------------------

    def achieve_permanency(self, *, on: dt.date, outcome: str, actor: str, at: dt.datetime) -> None:
        """Permanency was achieved for the youth (PPT-I.J)."""
        self._require_ppt("PPT-I.J", on, "on", at)
        self.trigger_event(
            type(self).PermanencyAchieved, on=on, outcome=outcome, actor=actor, timestamp=at
        )

    def update_ppt(self, *, update_id: UUID, on: dt.date, actor: str, at: dt.datetime) -> None:
        """The PPT was updated that permanency was achieved (PPT-I.J)."""
        self._require_ppt("PPT-I.J", on, "on", at)
        pending = [p for p in self.ppt.permanency if p.ppt_updated_on is None]
        if not pending:
            raise errors.AlreadyRecorded("No achieved permanency is waiting for a PPT update.")
        if on < pending[0].achieved_on:
            raise errors.InvalidValue("on", "The update cannot precede permanency.")
        self.trigger_event(
            type(self).PptUpdated, update_id=update_id, on=on, actor=actor, timestamp=at
        )

    # -- requests to the Permanency JPPO (PPT-I.E-G, PPT-II) --------------------------

    def request_extra_meeting(self, *, request: PptRequest, actor: str, at: dt.datetime) -> None:
        """The JPPO advised of a need for a PPT meeting outside the schedule (PPT-I.G)."""
        self._require_ppt("PPT-I.E-G", request.on, "on", at)
        self.trigger_event(
            type(self).ExtraPptMeetingRequested, request=request, actor=actor, timestamp=at
        )

    def request_workgroup(self, *, request: PptRequest, actor: str, at: dt.datetime) -> None:
        """The JPPO asked for the JJ Permanency Workgroup (PPT-II)."""
        self._require_ppt("PPT-II", request.on, "on", at)
        self.trigger_event(
            type(self).PermanencyWorkgroupRequested, request=request, actor=actor, timestamp=at
        )
