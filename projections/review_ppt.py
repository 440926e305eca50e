"""Overdue PPT tasks as review-queue rows (PPT-III.C).

The supervisor follows up with the JPPO so that tasks assigned at a PPT meeting are
completed (PPT-I.I); a task past its due day and not completed waits in the supervisor's
queue from the first day it is overdue, with the follow-ups recorded so far.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from domain.case import Case
from projections.review_row import QueueRow, day_start

KIND = "ppt_task"


def ppt_task_rows(case: Case) -> Iterable[QueueRow]:
    """Every task not completed, asking for the supervisor from the day after it is due."""
    for task in case.ppt.tasks:
        if task.completed_on is not None:
            continue
        overdue_from = day_start(case.program, task.due_on + dt.timedelta(days=1))
        yield QueueRow(
            case_id=str(case.id),
            item_id=str(task.task_id),
            kind=KIND,
            state="open",
            supervisor=case.supervisor,
            program=case.program.value,
            since=overdue_from,
            due_on=task.due_on.isoformat(),
            due_since=overdue_from,
            document={
                "case_id": str(case.id),
                "case_number": case.case_number,
                "program": case.program.value,
                "worker": case.worker,
                "task_id": str(task.task_id),
                "description": task.description,
                "assigned_to": task.assigned_to,
                "assigned_on": task.assigned_on.isoformat(),
                "task_due": task.due_on.isoformat(),
                "follow_ups": len(task.follow_ups),
                "latest_follow_up": max(task.follow_ups).isoformat() if task.follow_ups else None,
                "clause": "PPT-III.C",
            },
        )


def ppt_task_shown(row: QueueRow, today: dt.date) -> tuple[str, str] | None:
    """A task shows once its due day has passed (PPT-III.C), until it is completed."""
    if row.due_on is None or dt.date.fromisoformat(row.due_on) >= today:
        return None
    return "overdue_ppt_task", row.since
