"""Documentation deadlines: end of the next business day in the programme's own state.

policy-clauses.md, "Reading rules": 23:59:59 local time on the next business day after
the local date of ``occurred_at``; weekends and the state's holidays are skipped.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from domain.policy.calendar import (
    add_business_days,
    documentation_due,
    is_business_day,
    local_date,
    next_business_day,
)
from domain.values import Program

NEW_YORK = ZoneInfo("America/New_York")
CHICAGO = ZoneInfo("America/Chicago")


def due(program: Program, occurred_at: dt.datetime) -> dt.datetime:
    return documentation_due(program, occurred_at)


def at(zone: ZoneInfo, *args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=zone)


@pytest.mark.parametrize(
    ("program", "zone"),
    [(Program.NH_CPS, NEW_YORK), (Program.NH_JJS, NEW_YORK), (Program.TN_DCS, CHICAGO)],
)
def test_friday_contact_before_martin_luther_king_day_is_due_on_tuesday(program, zone):
    # 19 January 2026: Civil Rights Day in NH, Martin Luther King Jr. Day in TN.
    friday = at(zone, 2026, 1, 16, 14, 0)
    assert due(program, friday) == at(zone, 2026, 1, 20, 23, 59, 59)


def test_due_instant_is_in_the_programmes_zone():
    nh = due(Program.NH_CPS, at(NEW_YORK, 2026, 1, 16, 14))
    tn = due(Program.TN_DCS, at(CHICAGO, 2026, 1, 16, 14))
    assert nh.utcoffset() == dt.timedelta(hours=-5)
    assert tn.utcoffset() == dt.timedelta(hours=-6)
    assert tn - nh == dt.timedelta(hours=1)


def test_good_friday_is_a_holiday_in_tennessee_but_not_in_new_hampshire():
    thursday_nh = at(NEW_YORK, 2026, 4, 2, 10)
    thursday_tn = at(CHICAGO, 2026, 4, 2, 10)
    assert due(Program.NH_CPS, thursday_nh).date() == dt.date(2026, 4, 3)
    assert due(Program.TN_DCS, thursday_tn).date() == dt.date(2026, 4, 6)


def test_election_day_is_a_holiday_in_new_hampshire_but_not_in_tennessee():
    monday_nh = at(NEW_YORK, 2026, 11, 2, 10)
    monday_tn = at(CHICAGO, 2026, 11, 2, 10)
    assert due(Program.NH_JJS, monday_nh).date() == dt.date(2026, 11, 4)
    assert due(Program.TN_DCS, monday_tn).date() == dt.date(2026, 11, 3)


def test_day_after_thanksgiving_pushes_an_nh_deadline_to_monday():
    wednesday = at(NEW_YORK, 2026, 11, 25, 10)  # the day before Thanksgiving
    assert due(Program.NH_CPS, wednesday).date() == dt.date(2026, 11, 30)
    assert due(Program.TN_DCS, at(CHICAGO, 2026, 11, 25, 10)).date() == dt.date(2026, 11, 27)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2026, 3, 6), dt.date(2026, 3, 9)),  # Friday -> Monday
        (dt.date(2026, 3, 7), dt.date(2026, 3, 9)),  # Saturday -> Monday
        (dt.date(2026, 3, 8), dt.date(2026, 3, 9)),  # Sunday -> Monday
        (dt.date(2026, 3, 9), dt.date(2026, 3, 10)),  # Monday -> Tuesday
    ],
)
def test_weekends_are_skipped(day, expected):
    occurred = dt.datetime.combine(day, dt.time(10), tzinfo=NEW_YORK)
    assert due(Program.NH_CPS, occurred) == dt.datetime.combine(
        expected, dt.time(23, 59, 59), tzinfo=NEW_YORK
    )


def test_contact_at_23_30_local_counts_on_its_local_date_not_the_utc_date():
    # Thursday 12 March 2026, 23:30 EDT is Friday 03:30 UTC.
    late_evening = at(NEW_YORK, 2026, 3, 12, 23, 30)
    as_utc = late_evening.astimezone(dt.UTC)
    assert as_utc.date() == dt.date(2026, 3, 13)
    assert local_date(Program.NH_CPS, as_utc) == dt.date(2026, 3, 12)
    assert due(Program.NH_CPS, as_utc) == at(NEW_YORK, 2026, 3, 13, 23, 59, 59)


def test_friday_23_30_in_tennessee_is_due_monday_though_utc_says_saturday():
    friday_night = at(CHICAGO, 2026, 3, 13, 23, 30).astimezone(dt.UTC)
    assert friday_night.weekday() == 5
    assert due(Program.TN_DCS, friday_night) == at(CHICAGO, 2026, 3, 16, 23, 59, 59)


def test_the_same_instant_falls_on_different_local_dates_in_nh_and_tn():
    instant = dt.datetime(2026, 3, 13, 4, 30, tzinfo=dt.UTC)  # 00:30 NY, 23:30 Chicago
    assert local_date(Program.NH_CPS, instant) == dt.date(2026, 3, 13)
    assert local_date(Program.TN_DCS, instant) == dt.date(2026, 3, 12)
    assert due(Program.NH_CPS, instant).date() == dt.date(2026, 3, 16)
    assert due(Program.TN_DCS, instant).date() == dt.date(2026, 3, 13)


def test_deadline_across_the_spring_clock_change_is_still_23_59_59_local():
    friday_before_dst = at(NEW_YORK, 2026, 3, 6, 10)  # clocks go forward on Sunday 8 March
    deadline = due(Program.NH_CPS, friday_before_dst)
    assert (deadline.hour, deadline.minute, deadline.second) == (23, 59, 59)
    assert deadline.utcoffset() == dt.timedelta(hours=-4)


def test_holidays_and_weekends_are_not_business_days():
    assert not is_business_day(Program.NH_CPS, dt.date(2026, 1, 19))
    assert not is_business_day(Program.TN_DCS, dt.date(2026, 4, 3))
    assert is_business_day(Program.NH_CPS, dt.date(2026, 4, 3))
    assert not is_business_day(Program.NH_CPS, dt.date(2026, 3, 7))
    assert next_business_day(Program.NH_CPS, dt.date(2025, 12, 31)) == dt.date(2026, 1, 2)


def test_adding_business_days_backwards_skips_weekends_and_holidays():
    # Five NH business days before Wednesday 21 January 2026 (PPT-I.B): 19th is a holiday.
    assert add_business_days(Program.NH_JJS, dt.date(2026, 1, 21), -5) == dt.date(2026, 1, 13)
    assert add_business_days(Program.NH_JJS, dt.date(2026, 1, 13), 5) == dt.date(2026, 1, 21)
    assert add_business_days(Program.NH_JJS, dt.date(2026, 1, 13), 0) == dt.date(2026, 1, 13)
