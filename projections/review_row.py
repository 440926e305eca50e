"""The row every review-queue source yields, and the instants rows are stored with.

Apart from ``review_items`` so that each source module (decisions, escalations, PPT
tasks) can build rows without importing the list of sources it belongs to.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from domain.policy.calendar import zone
from domain.values import Program


@dataclasses.dataclass(frozen=True)
class QueueRow:
    """One item a case may put before its supervisor.

    ``since`` is when it started waiting (a UTC instant, ISO); ``due_on`` and
    ``due_since`` when it next falls due, if it does; ``state`` is what ``SHOWN`` reads.
    """

    case_id: str
    item_id: str
    kind: str
    state: str
    supervisor: str
    program: str
    since: str
    due_on: str | None
    due_since: str | None
    document: dict[str, Any]


def utc(moment: dt.datetime) -> str:
    """An instant as the queue stores it, so rows sort and compare as text."""
    return moment.astimezone(dt.UTC).isoformat(timespec="microseconds")


def day_start(program: Program, day: dt.date) -> str:
    """The first instant of ``day`` in the programme's state, as stored."""
    return utc(dt.datetime.combine(day, dt.time(0), tzinfo=zone(program)))
