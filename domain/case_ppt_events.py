"""The Permanency Planning Team's events on a Case (NH DCYF SOP 1626.4).

Declared on a base of ``CasePpt``; the library gives ``Case`` its own subclass of each
(``Case.YouthPlaced``, a ``Case.Event`` under the ``domain.case:Case.`` topic). Each
event applies itself by replacing the case's one ``PptRecord`` with a changed copy, so
a snapshot carries the record whole and cases stored before it read back empty.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate

from domain.ppt_values import (
    NO_PPT,
    FactorRecord,
    InformationGathering,
    JppoNotice,
    PermanencyOutcome,
    Placement,
    PptMeetingRecord,
    PptRecord,
    PptRequest,
    PptTask,
    ScreenCompletion,
    StaffingFactor,
    replace_item,
)


def ppt_record_of(case: Aggregate) -> PptRecord:
    """The case's PPT record; empty when it has none."""
    record: PptRecord = case.__dict__.get("ppt_record", NO_PPT)
    return record


def _keep(case: Aggregate, **changes: Any) -> None:
    """Replace the case's PPT record with a changed copy (a snapshot carries it whole)."""
    case.ppt_record = dataclasses.replace(ppt_record_of(case), **changes)  # type: ignore[attr-defined]


class CasePptEvents(Aggregate):
    """The PPT events of a case; each applies itself to the case's ``PptRecord``."""

    class YouthPlaced(Aggregate.Event):
        placement: Placement
        actor: str

        def apply(self, aggregate: Aggregate) -> None:
            _keep(aggregate, placements=(*ppt_record_of(aggregate).placements, self.placement))

    class PlacementChanged(Aggregate.Event):
        placement: Placement
        actor: str

        def apply(self, aggregate: Aggregate) -> None:
            _keep(aggregate, placements=(*ppt_record_of(aggregate).placements, self.placement))

    class PermanencyJppoNotified(Aggregate.Event):
        notice: JppoNotice
        actor: str

        def apply(self, aggregate: Aggregate) -> None:
            _keep(aggregate, notices=(*ppt_record_of(aggregate).notices, self.notice))

    class PptScreenCompleted(Aggregate.Event):
        screen: ScreenCompletion
        actor: str

        def apply(self, aggregate: Aggregate) -> None:
            _keep(aggregate, screens=(*ppt_record_of(aggregate).screens, self.screen))

    class PptInformationGathered(Aggregate.Event):
        information: InformationGathering
        actor: str

        def apply(self, aggregate: Aggregate) -> None:
            _keep(aggregate, information=(*ppt_record_of(aggregate).information, self.information))

    class PptMeetingHeld(Aggregate.Event):
        meeting: PptMeetingRecord
        actor: str

        def apply(self, aggregate: Aggregate) -> None:
            _keep(aggregate, meetings=(*ppt_record_of(aggregate).meetings, self.meeting))

    class StaffingFactorIdentified(Aggregate.Event):
        factor_id: UUID
        factor: StaffingFactor
        identified_on: dt.date
        actor: str

        def apply(self, aggregate: Aggregate) -> None:
            found = FactorRecord(self.factor_id, self.factor, self.identified_on)
            _keep(aggregate, factors=(*ppt_record_of(aggregate).factors, found))

    class StaffingAdviceGiven(Aggregate.Event):
        factor_id: UUID
        on: dt.date
        advice: str
        actor: str

        def apply(self, aggregate: Aggregate) -> None:
            record = ppt_record_of(aggregate)
            found = record.factor(self.factor_id)
            if found is not None:
                advised = dataclasses.replace(found, advised_on=self.on, advice=self.advice)
                _keep(aggregate, factors=replace_item(record.factors, found, advised))

    class PptTaskAssigned(Aggregate.Event):
        task: PptTask
        actor: str

        def apply(self, aggregate: Aggregate) -> None:
            _keep(aggregate, tasks=(*ppt_record_of(aggregate).tasks, self.task))

    class PptTaskCompleted(Aggregate.Event):
        task_id: UUID
        on: dt.date
        actor: str

        def apply(self, aggregate: Aggregate) -> None:
            record = ppt_record_of(aggregate)
            task = record.task(self.task_id)
            if task is not None:
                done = dataclasses.replace(task, completed_on=self.on)
                _keep(aggregate, tasks=replace_item(record.tasks, task, done))

    class PptTaskFollowedUp(Aggregate.Event):
        task_id: UUID
        on: dt.date
        notes: str
        actor: str

        def apply(self, aggregate: Aggregate) -> None:
            record = ppt_record_of(aggregate)
            task = record.task(self.task_id)
            if task is not None:
                followed = dataclasses.replace(task, follow_ups=(*task.follow_ups, self.on))
                _keep(aggregate, tasks=replace_item(record.tasks, task, followed))

    class PermanencyAchieved(Aggregate.Event):
        on: dt.date
        outcome: str
        actor: str

        def apply(self, aggregate: Aggregate) -> None:
            outcome = PermanencyOutcome(self.on, self.outcome)
            _keep(aggregate, permanency=(*ppt_record_of(aggregate).permanency, outcome))

    class PptUpdated(Aggregate.Event):
        update_id: UUID
        on: dt.date
        actor: str

        def apply(self, aggregate: Aggregate) -> None:
            updated = tuple(
                dataclasses.replace(p, ppt_updated_on=self.on, update_id=self.update_id)
                if p.ppt_updated_on is None
                else p
                for p in ppt_record_of(aggregate).permanency
            )
            _keep(aggregate, permanency=updated)

    class ExtraPptMeetingRequested(Aggregate.Event):
        request: PptRequest
        actor: str

        def apply(self, aggregate: Aggregate) -> None:
            _keep(aggregate, requests=(*ppt_record_of(aggregate).requests, self.request))

    class PermanencyWorkgroupRequested(Aggregate.Event):
        request: PptRequest
        actor: str

        def apply(self, aggregate: Aggregate) -> None:
            _keep(aggregate, requests=(*ppt_record_of(aggregate).requests, self.request))
