"""Business days and calendar periods per state, in the state's own time zone."""

from __future__ import annotations

import datetime as dt

import pytest

from domain.policy.calendar import (
    add_business_days,
    add_months,
    documentation_due,
    is_business_day,
    local_date,
    month_end,
    month_label,
    next_business_day,
    quarter_end,
    quarter_label,
    state_holidays,
)
from domain.values import Program

NH, TN = Program.NH_CPS, Program.TN_DCS


def test_good_friday_is_a_tennessee_holiday_but_a_new_hampshire_business_day() -> None:
    good_friday = dt.date(2026, 4, 3)
    assert not is_business_day(TN, good_friday)
    assert is_business_day(NH, good_friday)


def test_the_day_after_thanksgiving_is_a_new_hampshire_holiday() -> None:
    assert dt.date(2026, 11, 27) in state_holidays(NH, 2026)
    assert not is_business_day(Program.NH_JJS, dt.date(2026, 11, 27))


def test_a_friday_before_a_monday_holiday_is_next_followed_by_tuesday() -> None:
    friday_before_mlk_day = dt.date(2026, 1, 16)
    assert next_business_day(NH, friday_before_mlk_day) == dt.date(2026, 1, 20)
    assert next_business_day(TN, friday_before_mlk_day) == dt.date(2026, 1, 20)


def test_counting_business_days_back_skips_weekends_and_holidays() -> None:
    assert add_business_days(NH, dt.date(2026, 1, 20), -1) == dt.date(2026, 1, 16)
    assert add_business_days(TN, dt.date(2026, 4, 6), -1) == dt.date(2026, 4, 2)


def test_an_evening_in_new_hampshire_is_already_the_next_day_in_utc() -> None:
    instant = dt.datetime(2026, 1, 31, 23, 59, tzinfo=dt.timezone(dt.timedelta(hours=-5)))
    assert local_date(NH, instant) == dt.date(2026, 1, 31)
    assert local_date(NH, instant.astimezone(dt.UTC)) == dt.date(2026, 1, 31)


def test_the_same_instant_falls_on_different_days_in_the_two_states() -> None:
    instant = dt.datetime(2026, 2, 1, 5, 30, tzinfo=dt.UTC)
    assert local_date(NH, instant) == dt.date(2026, 2, 1)
    assert local_date(TN, instant) == dt.date(2026, 1, 31)


def test_documentation_of_a_tennessee_contact_before_good_friday_is_due_monday() -> None:
    thursday = dt.datetime(2026, 4, 2, 15, 0, tzinfo=dt.UTC)
    due = documentation_due(TN, thursday)
    assert due.date() == dt.date(2026, 4, 6)
    assert (due.hour, due.minute, due.second) == (23, 59, 59)
    assert due.utcoffset() == dt.timedelta(hours=-5)


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (dt.date(2026, 1, 31), 1, dt.date(2026, 2, 28)),
        (dt.date(2026, 12, 31), 2, dt.date(2027, 2, 28)),
        (dt.date(2026, 4, 30), -2, dt.date(2026, 2, 28)),
        (dt.date(2024, 12, 29), 2, dt.date(2025, 2, 28)),
    ],
)
def test_adding_months_keeps_to_the_last_day_of_a_shorter_month(
    day: dt.date, months: int, expected: dt.date
) -> None:
    assert add_months(day, months) == expected


def test_months_and_quarters_are_named_as_the_contract_names_them() -> None:
    day = dt.date(2026, 11, 5)
    assert (month_label(day), month_end(day)) == ("2026-11", dt.date(2026, 11, 30))
    assert (quarter_label(day), quarter_end(day)) == ("2026-Q4", dt.date(2026, 12, 31))
