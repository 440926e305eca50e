"""Business days and local time per programme (policy-clauses.md, "Reading rules").

Periods and deadlines are judged in the programme's state: NH in America/New_York,
TN in America/Chicago. Business days skip weekends and the state's holidays, taken
from the ``holidays`` package rather than a hand-kept list.
"""

from __future__ import annotations

import datetime as dt
import functools
from zoneinfo import ZoneInfo

import holidays

from domain.values import Program

_ZONES = {
    Program.NH_CPS: ZoneInfo("America/New_York"),
    Program.NH_JJS: ZoneInfo("America/New_York"),
    Program.TN_DCS: ZoneInfo("America/Chicago"),
}
_STATES = {Program.NH_CPS: "NH", Program.NH_JJS: "NH", Program.TN_DCS: "TN"}


def zone(program: Program) -> ZoneInfo:
    """The time zone in which the programme's days, months and deadlines fall."""
    return _ZONES[program]


def local_date(program: Program, instant: dt.datetime) -> dt.date:
    """The calendar date of ``instant`` in the programme's state."""
    return instant.astimezone(_ZONES[program]).date()


@functools.lru_cache(maxsize=64)
def _state_holidays(state: str, year: int) -> frozenset[dt.date]:
    return frozenset(holidays.country_holidays("US", subdiv=state, years=year).keys())


def is_business_day(program: Program, day: dt.date) -> bool:
    """A weekday that is not one of the state's holidays."""
    return day.weekday() < 5 and day not in _state_holidays(_STATES[program], day.year)


def next_business_day(program: Program, day: dt.date) -> dt.date:
    """The first business day strictly after ``day``."""
    candidate = day + dt.timedelta(days=1)
    while not is_business_day(program, candidate):
        candidate += dt.timedelta(days=1)
    return candidate


def add_business_days(program: Program, day: dt.date, count: int) -> dt.date:
    """``day`` moved by ``count`` business days (negative counts go back)."""
    step = dt.timedelta(days=1 if count >= 0 else -1)
    remaining = abs(count)
    while remaining:
        day += step
        if is_business_day(program, day):
            remaining -= 1
    return day


def end_of_day(program: Program, day: dt.date) -> dt.datetime:
    """23:59:59 local time on ``day``."""
    return dt.datetime.combine(day, dt.time(23, 59, 59), tzinfo=_ZONES[program])


def documentation_due(program: Program, occurred_at: dt.datetime) -> dt.datetime:
    """The end of the next business day after the contact's local date.

    ENG-VIII (NH-JJS) / ENG-VII (NH-CPS); TN-DCS contacts carry the same computed
    field by the contract, though TN 31.8 sets no deadline of its own.
    """
    return end_of_day(program, next_business_day(program, local_date(program, occurred_at)))
