"""The PBP SWS's monthly unit meeting owed per month (PBP-SWS), judged by the reading rules."""

from __future__ import annotations

import datetime as dt
from uuid import uuid4

from domain.pbp.unit_meetings import unit_meeting_obligations


def test_each_month_from_the_start_is_owed_met_missed_or_open() -> None:
    january_meeting = uuid4()
    owed = unit_meeting_obligations(
        dt.date(2026, 1, 20), [(january_meeting, dt.date(2026, 1, 28))], dt.date(2026, 3, 10)
    )
    assert [(o.period, o.status) for o in owed] == [
        ("2026-01", "met"),
        ("2026-02", "missed"),
        ("2026-03", "open"),
    ]
    assert owed[0].satisfied_by == (january_meeting,)
    assert owed[1].due == dt.date(2026, 2, 28)


def test_the_obligation_has_the_contract_shape_and_cites_pbp_sws() -> None:
    (owed,) = unit_meeting_obligations(dt.date(2026, 3, 1), [], dt.date(2026, 3, 31))
    contract = owed.to_contract()
    assert contract["kind"] == "pbp_unit_meeting"
    assert contract["status"] == "open"
    assert contract["parent_id"] is None
    assert contract["citation"]["clause"] == "PBP-SWS"
    again = unit_meeting_obligations(dt.date(2026, 3, 1), [], dt.date(2026, 3, 31))[0]
    assert again.obligation_id == owed.obligation_id


def test_a_meeting_after_as_of_does_not_meet_the_month_yet() -> None:
    owed = unit_meeting_obligations(
        dt.date(2026, 3, 1), [(uuid4(), dt.date(2026, 3, 20))], dt.date(2026, 3, 10)
    )
    assert owed[0].status == "open"
