"""The demo's Permanency Planning Team record on one NH-JJS case (SOP 1626.4).

A placement notified the same day and a change notified late, page 1 of the screen
and information from two of the three sources ahead of a PPT meeting next week, a
medical factor not yet advised, a task overdue with the supervisor's follow-up, and a
request for the JJ Permanency Workgroup: something met, open and missed of each kind.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any
from uuid import UUID

from domain import ppt_commands as ppt
from domain.meeting_commands import ScheduleMeeting
from domain.meetings import MeetingKind
from domain.policy.calendar import zone
from domain.ppt_values import InformationSource, PptRequestKind, StaffingFactor
from domain.values import Program

CASE = "NH-JJS-2026-0202"
WORKER, SUPERVISOR, PERMANENCY_JPPO = "james.oconnor", "grace.liu", "petra.walsh"

Record = Callable[[dt.datetime, str, str, Any, str | None], None]


def plan_ppt(now: dt.datetime, record: Record, ids: dict[str, Any]) -> None:
    """Schedule every PPT fact of the demo through ``record`` (the plan's own)."""
    today = now.astimezone(zone(Program.NH_JJS)).date()

    def at(days_ago: int, hour: int = 10) -> dt.datetime:
        return dt.datetime.combine(today - dt.timedelta(days=days_ago), dt.time(hour), now.tzinfo)

    def day(days_ago: int) -> dt.date:
        return today - dt.timedelta(days=days_ago)

    def placed(key: str) -> UUID:
        return UUID(ids[key]["placement_id"])

    def steps() -> list[tuple[dt.datetime, str, Any, str | None]]:
        return [
            (at(40), WORKER, ppt.RecordPlacement(day(40), "Foster home"), "ppt/placed"),
            (
                at(40, 15),
                WORKER,
                lambda: ppt.NotifyPermanencyJppo(placed("ppt/placed"), day(40), PERMANENCY_JPPO),
                None,
            ),
            (
                at(20),
                WORKER,
                ppt.RecordPlacement(day(20), "Group home", change=True, may_affect_schedule=True),
                "ppt/moved",
            ),
            (
                at(16),
                WORKER,
                lambda: ppt.NotifyPermanencyJppo(placed("ppt/moved"), day(16), PERMANENCY_JPPO),
                None,
            ),
            (at(3), PERMANENCY_JPPO, ScheduleMeeting(MeetingKind.PPT, day(-7)), None),
            (at(2), WORKER, ppt.CompleteScreen(day(2)), None),
            (at(2, 14), WORKER, ppt.GatherInformation(InformationSource.PARENTS, day(2)), None),
            (at(1), WORKER, ppt.GatherInformation(InformationSource.CHILD, day(1)), None),
            (at(10), WORKER, ppt.IdentifyStaffingFactor(StaffingFactor.MEDICAL, day(10)), None),
            (
                at(30),
                WORKER,
                ppt.AssignPptTask("Request school records", WORKER, day(30), day(9)),
                "ppt/task",
            ),
            (
                at(5),
                SUPERVISOR,
                lambda: ppt.FollowUpPptTask(
                    UUID(ids["ppt/task"]["task_id"]), day(5), "Asked James to call the school"
                ),
                None,
            ),
            (
                at(8),
                WORKER,
                ppt.RequestPptSupport(PptRequestKind.WORKGROUP, day(8), "Repeated runaways"),
                None,
            ),
        ]

    for when, actor, command, key in steps():
        record(min(when, now), CASE, actor, command, key)
