"""Duplicate cases, Idempotency-Keys and If-Match versions on both stores."""

from __future__ import annotations

import dataclasses
import datetime as dt
import threading
from uuid import UUID

import pytest
from eventsourcing.application import AggregateNotFoundError
from eventsourcing.persistence import IntegrityError

from domain import errors
from domain.application import IdempotencyRequest
from domain.commands import CloseCase, OpenCase, RecordContact
from domain.idempotency import IdempotencyRecord, fingerprint
from domain.values import ContactMethod, ContactOutcome, Program
from tests.integration.cases import (
    OPENED_ON,
    case_with_parent,
    contact,
    enrol_staff,
    event_count,
    keyed,
    open_case,
)


def test_duplicate_case_number_is_refused_and_records_nothing(ledger):
    enrol_staff(ledger)
    open_case(ledger, "NH-7")
    before = event_count(ledger)
    with pytest.raises(errors.DuplicateCase) as refused:
        open_case(ledger, "NH-7")
    assert refused.value.field == "case_number"
    assert event_count(ledger) == before


def test_open_case_with_the_same_key_and_body_answers_the_first_case_again(ledger):
    enrol_staff(ledger)
    command = OpenCase("NH-8", Program.NH_JJS, OPENED_ON, "wendy", "sam")
    key = IdempotencyRequest("wendy", "open-1", fingerprint("POST", "/cases", {"n": "NH-8"}))
    first = ledger.open_case(command, "wendy", key)
    count = event_count(ledger)
    assert ledger.open_case(command, "wendy", key) == first
    assert event_count(ledger) == count


def test_same_key_and_body_returns_the_first_answer_and_records_nothing(ledger, clock):
    case_id, parent = case_with_parent(ledger)
    body = {"parent_id": str(parent), "purpose": "Visit"}
    command = contact(parent, clock.now - dt.timedelta(hours=2))
    first = ledger.handle(case_id, command, "wendy", idempotency=keyed("k1", body))
    version, count = ledger.get_case(case_id).version, event_count(ledger)
    clock.advance(minutes=5)
    for _ in range(3):
        again = ledger.handle(case_id, command, "wendy", idempotency=keyed("k1", body))
        assert again == first
    assert ledger.get_case(case_id).version == version
    assert event_count(ledger) == count
    assert len(ledger.get_case(case_id).contacts) == 1


def test_same_key_with_a_different_body_is_refused_and_records_nothing(ledger, clock):
    case_id, parent = case_with_parent(ledger)
    body = {"parent_id": str(parent), "purpose": "Visit"}
    ledger.handle(case_id, contact(parent, clock.now), "wendy", idempotency=keyed("k1", body))
    count = event_count(ledger)
    with pytest.raises(errors.IdempotencyKeyReused):
        ledger.handle(
            case_id,
            contact(parent, clock.now, purpose="Other"),
            "wendy",
            idempotency=keyed("k1", body | {"purpose": "Other"}),
        )
    assert event_count(ledger) == count


def test_the_same_key_from_another_caller_is_a_different_request(ledger, clock):
    case_id, parent = case_with_parent(ledger)
    body = {"parent_id": str(parent)}
    first = ledger.handle(
        case_id, contact(parent, clock.now), "wendy", idempotency=keyed("k", body)
    )
    second = ledger.handle(
        case_id, contact(parent, clock.now), "sam", idempotency=keyed("k", body, owner="sam")
    )
    assert first["contact_id"] != second["contact_id"]


def test_a_failed_command_leaves_no_idempotency_record(ledger, clock):
    case_id, parent = case_with_parent(ledger)
    body = {"parent_id": str(parent)}
    future = contact(parent, clock.now + dt.timedelta(seconds=1))
    with pytest.raises(errors.ContactInFuture):
        ledger.handle(case_id, future, "wendy", idempotency=keyed("k2", body))
    with pytest.raises(AggregateNotFoundError):
        ledger.repository.get(IdempotencyRecord.create_id("wendy", "k2"))
    answer = ledger.handle(
        case_id, contact(parent, clock.now), "wendy", idempotency=keyed("k2", body)
    )
    assert UUID(answer["contact_id"])


def test_a_reused_key_rolls_back_the_case_events_saved_with_it(ledger, clock):
    case_id, parent = case_with_parent(ledger)
    taken = IdempotencyRecord(
        owner="wendy", key="k3", fingerprint="f", answer={}, timestamp=clock.now
    )
    ledger.save(taken)
    case = ledger.get_case(case_id)
    version = case.version
    contact(parent, clock.now).apply(case, "wendy", clock.now)
    clash = IdempotencyRecord(
        owner="wendy", key="k3", fingerprint="f", answer={}, timestamp=clock.now
    )
    with pytest.raises(IntegrityError):
        ledger.save(case, clash)
    assert ledger.get_case(case_id).version == version


def test_stale_expected_version_is_refused_and_records_nothing(ledger, clock):
    case_id, parent = case_with_parent(ledger)
    seen = ledger.get_case(case_id).version
    ledger.handle(case_id, contact(parent, clock.now), "sam")
    count = event_count(ledger)
    with pytest.raises(errors.StaleVersion):
        ledger.handle(case_id, contact(parent, clock.now), "wendy", expected_version=seen)
    assert event_count(ledger) == count


def test_current_expected_version_is_accepted(ledger, clock):
    case_id, parent = case_with_parent(ledger)
    seen = ledger.get_case(case_id).version
    ledger.handle(case_id, contact(parent, clock.now), "wendy", expected_version=seen)
    assert ledger.get_case(case_id).version == seen + 1


def test_stale_version_with_a_key_leaves_the_key_free(ledger, clock):
    case_id, parent = case_with_parent(ledger)
    body = {"parent_id": str(parent)}
    with pytest.raises(errors.StaleVersion):
        ledger.handle(
            case_id,
            contact(parent, clock.now),
            "wendy",
            idempotency=keyed("k4", body),
            expected_version=1,
        )
    ledger.handle(case_id, contact(parent, clock.now), "wendy", idempotency=keyed("k4", body))


def test_recorded_at_is_the_ledgers_clock_not_the_callers(ledger, clock):
    case_id, parent = case_with_parent(ledger)
    clock.advance(days=3)
    occurred = clock.now - dt.timedelta(days=3)
    answer = ledger.handle(
        case_id,
        RecordContact(parent, occurred, ContactMethod.PHONE, ContactOutcome.ATTEMPTED, "Call"),
        "wendy",
    )
    assert answer["recorded_at"] == clock.now.isoformat()
    assert answer["documented_late"] is True


def test_a_repeated_request_gets_its_first_answer_even_after_the_case_closed(ledger, clock):
    case_id, parent = case_with_parent(ledger)
    body = {"parent_id": str(parent)}
    command = contact(parent, clock.now)
    first = ledger.handle(case_id, command, "wendy", idempotency=keyed("k5", body))
    ledger.handle(case_id, CloseCase(OPENED_ON, "Goals met"), "wendy")
    count = event_count(ledger)
    assert ledger.handle(case_id, command, "wendy", idempotency=keyed("k5", body)) == first
    with pytest.raises(errors.CaseClosed):
        ledger.handle(case_id, command, "wendy", idempotency=keyed("k6", body))
    assert event_count(ledger) == count


def test_a_repeated_request_with_its_original_if_match_gets_its_first_answer(ledger, clock):
    case_id, parent = case_with_parent(ledger)
    body = {"parent_id": str(parent)}
    seen = ledger.get_case(case_id).version
    command = contact(parent, clock.now)
    first = ledger.handle(
        case_id, command, "wendy", idempotency=keyed("k7", body), expected_version=seen
    )
    again = ledger.handle(
        case_id, command, "wendy", idempotency=keyed("k7", body), expected_version=seen
    )
    assert again == first


@dataclasses.dataclass(frozen=True)
class HeldContact:
    """Records a contact once the test lets it: the request stays in flight until then."""

    inner: RecordContact
    entered: threading.Event
    release: threading.Event

    def apply(self, case, actor, at):
        self.entered.set()
        assert self.release.wait(timeout=30)
        return self.inner.apply(case, actor, at)


def test_the_same_key_while_the_first_request_is_in_flight_is_refused(ledger, clock):
    case_id, parent = case_with_parent(ledger)
    body = {"parent_id": str(parent)}
    held = HeldContact(contact(parent, clock.now), threading.Event(), threading.Event())
    answers = []
    first = threading.Thread(
        target=lambda: answers.append(
            ledger.handle(case_id, held, "wendy", idempotency=keyed("k8", body))
        )
    )
    first.start()
    try:
        assert held.entered.wait(timeout=30)
        with pytest.raises(errors.IdempotencyKeyInFlight):
            ledger.handle(case_id, held.inner, "wendy", idempotency=keyed("k8", body))
    finally:
        held.release.set()
        first.join()
    assert ledger.handle(case_id, held.inner, "wendy", idempotency=keyed("k8", body)) == answers[0]
    assert len(ledger.get_case(case_id).contacts) == 1
