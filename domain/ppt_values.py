"""What the Permanency Planning Team records on an NH-JJS case (SOP 1626.4), as values.

Every enumeration is a plain ``Enum`` with a transcoding, so nothing comes back from
the store as a bare string. ``PptRecord`` holds all of a case's PPT facts as tuples, so
a snapshot of the case carries it whole and a replay rebuilds it exactly.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
from typing import TypeVar
from uuid import UUID


class InformationSource(enum.Enum):
    """Whom the JPPO gathers information from before a PPT meeting (PPT-I.C)."""

    PARENTS = "parents"
    CHILD = "child"
    PROVIDERS = "providers"


class PptTopic(enum.Enum):
    """Topics 1-6 the JPPO comes prepared to discuss at a PPT meeting (PPT-I.D)."""

    TASKS_COMPLETED = "tasks_completed"  # 1. previously assigned tasks
    CASE_PLAN_PROGRESS = "case_plan_progress"  # 2. progress toward permanency
    CONNECTIONS = "connections"  # 3. the child's connections, relatives
    BARRIERS = "barriers"  # 4. barriers and actions to overcome them
    PLACEMENT_CONCURRENT_GOAL = "placement_concurrent_goal"  # 5. placement and concurrent goal
    OTHER_NEEDS = "other_needs"  # 6. legal issues, transition planning


class StaffingFactor(enum.Enum):
    """Factors that warrant inviting more DCYF staff to the PPT meeting (PPT-I.H.1-5)."""

    TRAFFICKING = "trafficking"
    DOMESTIC_VIOLENCE = "domestic_violence"
    SUBSTANCE_ABUSE = "substance_abuse"
    FISCAL = "fiscal"
    MEDICAL = "medical"


class PptRequestKind(enum.Enum):
    """What the JPPO asks the Permanency JPPO for (PPT-I.E-G, PPT-II)."""

    EXTRA_MEETING = "extra_meeting"  # PPT-I.G: outside the regular schedule
    WORKGROUP = "workgroup"  # PPT-II: the JJ Permanency Workgroup


@dataclasses.dataclass(frozen=True)
class Placement:
    """A placement of the youth, or a change of it, from ``on`` (PPT-I.A).

    A first placement is always notified the same day; a change only when it
    ``may_affect_schedule`` of the PPT, by the end of the next business day.
    """

    placement_id: UUID
    on: dt.date
    setting: str
    change: bool
    may_affect_schedule: bool


@dataclasses.dataclass(frozen=True)
class JppoNotice:
    """The Permanency JPPO was told of a placement or change (PPT-I.A)."""

    notice_id: UUID
    placement_id: UUID
    on: dt.date
    permanency_worker: str


@dataclasses.dataclass(frozen=True)
class ScreenCompletion:
    """The first page of the PPT screen (Form 1626) was completed (PPT-I.B)."""

    screen_id: UUID
    on: dt.date


@dataclasses.dataclass(frozen=True)
class InformationGathering:
    """Information gathered from one source before a PPT meeting (PPT-I.C)."""

    information_id: UUID
    source: InformationSource
    on: dt.date


@dataclasses.dataclass(frozen=True)
class PptMeetingRecord:
    """A PPT meeting held, and the JPPO's notes on topics 1-6 (PPT-I.D, PPT-III.A/B)."""

    record_id: UUID
    meeting_id: UUID | None
    held_on: dt.date
    topics: dict[str, str]
    attended_by: tuple[str, ...]


@dataclasses.dataclass(frozen=True)
class FactorRecord:
    """A factor warranting more staff at the PPT, and the advice once given (PPT-I.H)."""

    factor_id: UUID
    factor: StaffingFactor
    identified_on: dt.date
    advised_on: dt.date | None = None
    advice: str | None = None


@dataclasses.dataclass(frozen=True)
class PptTask:
    """A task assigned at a PPT meeting, due on ``due_on`` (PPT-I.I)."""

    task_id: UUID
    description: str
    assigned_to: str
    assigned_on: dt.date
    due_on: dt.date
    completed_on: dt.date | None = None
    follow_ups: tuple[dt.date, ...] = ()  # PPT-III.C: the supervisor's follow-ups


@dataclasses.dataclass(frozen=True)
class PermanencyOutcome:
    """Permanency achieved, and the day the PPT was updated of it (PPT-I.J)."""

    achieved_on: dt.date
    outcome: str
    ppt_updated_on: dt.date | None = None
    update_id: UUID | None = None


@dataclasses.dataclass(frozen=True)
class PptRequest:
    """An extra PPT meeting (PPT-I.G) or the workgroup (PPT-II) asked for, and why."""

    request_id: UUID
    kind: PptRequestKind
    on: dt.date
    reason: str


@dataclasses.dataclass(frozen=True)
class PptRecord:
    """Every PPT fact of a case, in recording order."""

    placements: tuple[Placement, ...] = ()
    notices: tuple[JppoNotice, ...] = ()
    screens: tuple[ScreenCompletion, ...] = ()
    information: tuple[InformationGathering, ...] = ()
    meetings: tuple[PptMeetingRecord, ...] = ()
    factors: tuple[FactorRecord, ...] = ()
    tasks: tuple[PptTask, ...] = ()
    permanency: tuple[PermanencyOutcome, ...] = ()
    requests: tuple[PptRequest, ...] = ()

    def placement(self, placement_id: UUID) -> Placement | None:
        """The placement with that id, if recorded."""
        return next((p for p in self.placements if p.placement_id == placement_id), None)

    def factor(self, factor_id: UUID) -> FactorRecord | None:
        """The factor with that id, if recorded."""
        return next((f for f in self.factors if f.factor_id == factor_id), None)

    def task(self, task_id: UUID) -> PptTask | None:
        """The task with that id, if assigned."""
        return next((t for t in self.tasks if t.task_id == task_id), None)


NO_PPT = PptRecord()


T = TypeVar("T")


def replace_item(items: tuple[T, ...], old: T, new: T) -> tuple[T, ...]:
    """``items`` with ``old`` swapped for ``new`` in its place."""
    return tuple(new if item is old else item for item in items)
