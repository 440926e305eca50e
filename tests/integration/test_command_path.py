"""The command path keeps the case it saved; nothing unsaved ever leaks into a later save."""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from uuid import UUID

import pytest

from domain import errors
from domain.application import CaseLedger
from domain.case import Case
from tests.integration.cases import case_with_parent, contact
from web.config import store_settings


@dataclasses.dataclass(frozen=True)
class RecordThenRefuse:
    """A command that records a contact and then refuses (as a two-step command might)."""

    parent_id: UUID
    at: dt.datetime

    def apply(self, case: Case, actor: str, at: dt.datetime) -> dict[str, str]:
        contact(self.parent_id, self.at, purpose="ghost").apply(case, actor, at)
        raise errors.InvalidValue("purpose", "Refused after the first step.")


@dataclasses.dataclass(frozen=True)
class BrokenMidway:
    """A faulty command that changes the case without an event and then crashes."""

    ghost: UUID

    def apply(self, case: Case, actor: str, at: dt.datetime) -> dict[str, str]:
        case.parents[self.ghost.hex] = next(iter(case.parents.values()))
        raise RuntimeError("a bug, not a refusal")


def purposes(ledger: CaseLedger, case_id: UUID) -> list[str]:
    return sorted(c.purpose for c in ledger.get_case(case_id).contacts.values())


def test_a_command_refused_halfway_leaves_nothing_for_the_next_save(ledger, clock):
    case_id, parent = case_with_parent(ledger)
    ledger.handle(case_id, contact(parent, clock.now, purpose="first"), "wendy")
    with pytest.raises(errors.InvalidValue):
        ledger.handle(case_id, RecordThenRefuse(parent, clock.now), "wendy")
    ledger.handle(case_id, contact(parent, clock.now, purpose="second"), "wendy")
    assert purposes(ledger, case_id) == ["first", "second"]
    assert ledger.get_case(case_id).version == 4


def test_a_refused_command_leaves_the_next_command_working_on_the_stored_case(ledger, clock):
    case_id, parent = case_with_parent(ledger)
    ledger.handle(case_id, contact(parent, clock.now, purpose="first"), "wendy")
    with pytest.raises(errors.ContactInFuture):
        ledger.handle(case_id, contact(parent, clock.now + dt.timedelta(seconds=1)), "wendy")
    ledger.handle(case_id, contact(parent, clock.now, purpose="second"), "wendy")
    assert purposes(ledger, case_id) == ["first", "second"]
    assert ledger.get_case(case_id).version == 4


def test_a_save_that_collides_with_another_process_is_retried_on_the_stored_case(
    ledger, database_url, clock
):
    case_id, parent = case_with_parent(ledger)
    ledger.handle(case_id, contact(parent, clock.now, purpose="mine"), "wendy")
    other = CaseLedger(store_settings(database_url), clock=clock)
    try:
        other.handle(case_id, contact(parent, clock.now, purpose="theirs"), "sam")
    finally:
        other.close()
    ledger.handle(case_id, contact(parent, clock.now, purpose="next"), "wendy")
    ledger.handle(case_id, contact(parent, clock.now, purpose="last"), "wendy")
    assert purposes(ledger, case_id) == ["last", "mine", "next", "theirs"]
    versions = [e.originator_version for e in ledger.events.get(case_id)]
    assert versions == list(range(1, 7))


def test_a_ledger_judges_if_match_against_what_another_process_recorded(
    ledger, database_url, clock
):
    case_id, parent = case_with_parent(ledger)
    ledger.handle(case_id, contact(parent, clock.now, purpose="mine"), "wendy")
    other = CaseLedger(store_settings(database_url), clock=clock)
    try:
        other.handle(case_id, contact(parent, clock.now, purpose="theirs"), "sam")
    finally:
        other.close()
    version = ledger.get_case(case_id).version
    with pytest.raises(errors.StaleVersion):
        ledger.handle(case_id, contact(parent, clock.now), "wendy", expected_version=version - 1)
    ledger.handle(
        case_id, contact(parent, clock.now, purpose="next"), "wendy", expected_version=version
    )
    assert purposes(ledger, case_id) == ["mine", "next", "theirs"]


def test_snapshots_are_taken_from_the_saved_case_every_hundred_versions(ledger, clock):
    case_id, parent = case_with_parent(ledger)
    for i in range(205):
        ledger.handle(case_id, contact(parent, clock.now, purpose=f"v{i}"), "wendy")
    versions = [s.originator_version for s in ledger.snapshots.get(case_id)]
    assert versions == [100, 200]
    latest = list(ledger.snapshots.get(case_id))[-1].mutate(None)
    replayed = None
    for event in ledger.events.get(case_id, lte=200):
        replayed = event.mutate(replayed)
    assert vars(latest) == vars(replayed)


def test_a_snapshot_that_cannot_be_written_does_not_fail_the_recorded_command(ledger, clock):
    case_id, parent = case_with_parent(ledger)
    for i in range(97):
        ledger.handle(case_id, contact(parent, clock.now, purpose=f"v{i}"), "wendy")
    recorder = ledger.snapshots.recorder
    schema = getattr(recorder.datastore, "schema", None)  # PostgreSQL only
    table = f'"{schema}".{recorder.events_table_name}' if schema else recorder.events_table_name
    with recorder.datastore.transaction(commit=True) as cursor:
        cursor.execute(f"DROP TABLE {table}")
    try:
        answer = ledger.handle(case_id, contact(parent, clock.now, purpose="100th"), "wendy")
    finally:
        recorder.create_table()
    assert answer["contact_id"]
    assert [e.originator_version for e in ledger.events.get(case_id)][-1] == 100
    assert list(ledger.snapshots.get(case_id)) == []


def test_a_command_that_crashes_leaves_no_trace_in_the_case_the_next_command_sees(ledger, clock):
    case_id, parent = case_with_parent(ledger)
    ghost = uuid.uuid4()
    with pytest.raises(RuntimeError):
        ledger.handle(case_id, BrokenMidway(ghost), "wendy")
    with pytest.raises(errors.UnknownParent):
        ledger.handle(case_id, contact(ghost, clock.now), "wendy")
    ledger.handle(case_id, contact(parent, clock.now, purpose="real"), "wendy")
    assert purposes(ledger, case_id) == ["real"]
