"""Snapshots load the same case as a full replay; ``known_at`` sees what was recorded by then."""

from __future__ import annotations

import datetime as dt
from typing import Any

from domain.case import Case
from tests.integration.cases import case_with_parent, contact


def replayed_without_snapshot(ledger: Any, case_id: Any) -> Case:
    case = None
    for event in ledger.events.get(case_id):
        case = event.mutate(case)
    assert isinstance(case, Case)
    return case


def test_case_with_more_than_100_events_loads_from_a_snapshot_equal_to_a_full_replay(ledger, clock):
    case_id, parent = case_with_parent(ledger)
    for i in range(110):
        clock.advance(seconds=1)
        ledger.handle(case_id, contact(parent, clock.now, purpose=f"Visit {i}"), "wendy")
    snapshots = list(ledger.snapshots.get(case_id))
    assert [s.originator_version for s in snapshots] == [100]

    from_snapshot = snapshots[0].mutate(None)
    at_100 = None
    for event in ledger.events.get(case_id, lte=100):
        at_100 = event.mutate(at_100)
    assert vars(from_snapshot) == vars(at_100)

    loaded = ledger.get_case(case_id)
    full = replayed_without_snapshot(ledger, case_id)
    assert loaded.version == full.version == 112
    assert vars(loaded) == vars(full)


def test_staff_still_load_when_cases_are_snapshotted(ledger, clock):
    case_id, parent = case_with_parent(ledger)
    for _ in range(100):
        ledger.handle(case_id, contact(parent, clock.now), "wendy")
    assert ledger.find_user("wendy") is not None
    assert ledger.get_case(case_id).version == 102


def test_case_known_at_returns_exactly_the_versions_recorded_by_that_instant(ledger, clock):
    opened_at = clock.now
    case_id, parent = case_with_parent(ledger)  # versions 1 and 2 at opened_at
    stamps = []
    for _ in range(3):
        stamps.append(clock.advance(hours=1))
        ledger.handle(case_id, contact(parent, clock.now - dt.timedelta(minutes=5)), "wendy")

    assert ledger.case_known_at(case_id, opened_at - dt.timedelta(microseconds=1)) is None
    assert ledger.case_known_at(case_id, opened_at).version == 2
    for i, stamp in enumerate(stamps):
        known = ledger.case_known_at(case_id, stamp)
        assert known.version == 3 + i
        assert len(known.contacts) == i + 1
        just_before = ledger.case_known_at(case_id, stamp - dt.timedelta(microseconds=1))
        assert just_before.version == 2 + i
    assert ledger.case_known_at(case_id, clock.now + dt.timedelta(days=1)).version == 5


def test_case_known_at_of_an_old_instant_uses_no_later_snapshot(ledger, clock):
    case_id, parent = case_with_parent(ledger)
    for _ in range(105):
        clock.advance(seconds=1)
        ledger.handle(case_id, contact(parent, clock.now), "wendy")
    known = ledger.case_known_at(case_id, clock.now - dt.timedelta(seconds=10))
    assert known.version == 97
    assert len(known.contacts) == 95
