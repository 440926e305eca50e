"""Every event and value comes back from the store with its real type, on both stores."""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
from typing import Any

from domain.case import Case
from domain.values import ContactMethod, Program, Topic
from tests.unit.builders import every_fact
from tests.unit.builders import open_case as case_in_memory


def assert_same_shape(stored: Any, original: Any, path: str = "") -> None:
    """Equal values of exactly the same types, all the way down."""
    assert type(stored) is type(original), f"{path}: {type(stored)} != {type(original)}"
    if isinstance(original, dict):
        assert stored.keys() == original.keys(), path
        for key in original:
            assert_same_shape(stored[key], original[key], f"{path}.{key}")
    elif isinstance(original, list | tuple):
        assert len(stored) == len(original), path
        for i, (s, o) in enumerate(zip(stored, original, strict=True)):
            assert_same_shape(s, o, f"{path}[{i}]")
    elif dataclasses.is_dataclass(original) and not isinstance(original, type):
        for field in dataclasses.fields(original):
            name = field.name
            assert_same_shape(getattr(stored, name), getattr(original, name), f"{path}.{name}")
    else:
        assert stored == original, path


def _saved(ledger: Any) -> tuple[Case, list[Any]]:
    case = every_fact(case_in_memory())
    events = case.collect_events()
    ledger.save(*events)
    return case, events


def test_every_event_field_comes_back_with_its_type(ledger):
    _, events = _saved(ledger)
    stored = list(ledger.events.get(events[0].originator_id))
    assert [type(e) for e in stored] == [type(e) for e in events]
    for back, sent in zip(stored, events, strict=True):
        assert_same_shape(vars(back), vars(sent), type(sent).__name__)


def test_loaded_case_state_equals_the_state_built_in_memory(ledger):
    case, _ = _saved(ledger)
    loaded = ledger.get_case(case.id)
    assert_same_shape(vars(loaded), vars(case), "case")


def test_enums_dates_and_value_objects_are_not_plain_json_after_loading(ledger):
    case, _ = _saved(ledger)
    loaded = ledger.get_case(case.id)
    assert loaded.program is Program.NH_CPS
    assert type(loaded.opened_on) is dt.date
    amended = next(c for c in loaded.contacts.values() if c.amendments)
    assert amended.method is ContactMethod.IN_HOME
    assert amended.topics == (Topic.OTHER_PARENTS,)
    assert isinstance(loaded.searches[0].sources, tuple)
    assert isinstance(loaded.goals[0].set_by, tuple)
    assert type(loaded.household[0].reunification_expected_on) is dt.date
    parent = next(iter(loaded.parents.values()))
    assert isinstance(parent.history, tuple)
    assert all(isinstance(v, enum.Enum) for v in (parent.relationship, loaded.program))


def test_meeting_notice_and_escalation_events_come_back_with_their_types(ledger):
    case = every_fact(case_in_memory(Program.NH_JJS))
    events = case.collect_events()
    ledger.save(*events)
    stored = list(ledger.events.get(case.id))
    for back, sent in zip(stored, events, strict=True):
        assert_same_shape(vars(back), vars(sent), type(sent).__name__)
    ledger.take_snapshot(case.id)
    (snapshot,) = ledger.snapshots.get(case.id)
    assert_same_shape(vars(snapshot.mutate(None)), vars(case), "snapshot")
    assert {type(e).__name__ for e in stored} >= {
        "MeetingScheduled",
        "MeetingNoticeSent",
        "MeetingNoticeWithheld",
        "RefusalEscalated",
    }


def test_snapshot_round_trip_keeps_every_type(ledger):
    case, _ = _saved(ledger)
    ledger.take_snapshot(case.id)
    (snapshot,) = ledger.snapshots.get(case.id)
    from_snapshot = snapshot.mutate(None)
    assert_same_shape(vars(from_snapshot), vars(case), "snapshot")


def test_ppt_facts_come_back_with_their_types_from_events_and_snapshots(ledger):
    case = every_fact(case_in_memory(Program.NH_JJS))
    events = case.collect_events()
    ledger.save(*events)
    stored = list(ledger.events.get(case.id))
    for back, sent in zip(stored, events, strict=True):
        assert_same_shape(vars(back), vars(sent), type(sent).__name__)
    loaded = ledger.get_case(case.id)
    assert_same_shape(loaded.ppt, case.ppt, "ppt")
    ledger.snapshots.put([Case.Snapshot.take(loaded)])
    from_snapshot = ledger.get_case(case.id)
    assert_same_shape(from_snapshot.ppt, case.ppt, "ppt")
    assert from_snapshot.ppt.tasks[0].follow_ups == (case.opened_on + dt.timedelta(days=3),)
