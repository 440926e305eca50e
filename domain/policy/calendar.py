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


def state(program: Program) -> str:
    """The state (a ``holidays`` subdivision) whose calendar the programme keeps."""
    return _STATES[program]


def state_holidays(program: Program, year: int) -> frozenset[dt.date]:
    """The state's holidays in ``year`` (weekend holidays with their observed days)."""
    return _state_holidays(_STATES[program], year)


# -- calendar periods: months and quarters, counted in local dates ------------------


@functools.lru_cache(maxsize=8192)
def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved by whole calendar months, kept to the last day of a shorter month."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(day.day, _days_in_month(year, month + 1)))


@functools.lru_cache(maxsize=4096)
def _days_in_month(year: int, month: int) -> int:
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return (following - dt.timedelta(days=1)).day


def month_start(day: dt.date) -> dt.date:
    """The first day of ``day``'s calendar month."""
    return day.replace(day=1)


@functools.lru_cache(maxsize=8192)
def month_end(day: dt.date) -> dt.date:
    """The last day of ``day``'s calendar month."""
    return day.replace(day=_days_in_month(day.year, day.month))


@functools.lru_cache(maxsize=4096)
def month_label(day: dt.date) -> str:
    """The contract's name for ``day``'s month, e.g. ``2026-01``."""
    return f"{day.year:04d}-{day.month:02d}"


def quarter_start(day: dt.date) -> dt.date:
    """The first day of ``day``'s calendar quarter."""
    return dt.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


@functools.lru_cache(maxsize=4096)
def quarter_end(day: dt.date) -> dt.date:
    """The last day of ``day``'s calendar quarter."""
    return month_end(add_months(quarter_start(day), 2))


@functools.lru_cache(maxsize=4096)
def quarter_label(day: dt.date) -> str:
    """The contract's name for ``day``'s quarter, e.g. ``2026-Q1``."""
    return f"{day.year:04d}-Q{(day.month - 1) // 3 + 1}"


@functools.lru_cache(maxsize=8192)
def months_between(first: dt.date, last: dt.date) -> tuple[dt.date, ...]:
    """The first days of every month from ``first``'s to ``last``'s, both included."""
    months: list[dt.date] = []
    current = month_start(first)
    while current <= last:
        months.append(current)
        current = add_months(current, 1)
    return tuple(months)
