"""Concurrent writers on one case keep every contact, versions contiguous (catalogue C1)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any
from uuid import UUID

import pytest

from domain.application import CaseLedger
from tests.integration.cases import case_with_parent, contact
from web.config import store_settings

THREADS = 16
PER_THREAD = 50


def run_together(workers: list[Callable[[], None]]) -> list[BaseException]:
    """Start every worker behind one barrier; return what they raised."""
    barrier = threading.Barrier(len(workers))
    failures: list[BaseException] = []

    def body(work: Callable[[], None]) -> None:
        barrier.wait()
        try:
            work()
        except BaseException as exc:  # collected and asserted on by the test
            failures.append(exc)

    threads = [threading.Thread(target=body, args=(w,)) for w in workers]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return failures


def writer(app: CaseLedger, case_id: UUID, parent: UUID, at: Any, name: str) -> Callable[[], None]:
    def work() -> None:
        for i in range(PER_THREAD):
            app.handle(case_id, contact(parent, at, purpose=f"{name}-{i}"), "wendy")

    return work


def assert_every_contact_kept(app: CaseLedger, case_id: UUID, names: list[str]) -> None:
    versions = [e.originator_version for e in app.events.get(case_id)]
    assert versions == list(range(1, len(versions) + 1))
    case = app.get_case(case_id)
    purposes = sorted(c.purpose for c in case.contacts.values())
    assert purposes == sorted(f"{n}-{i}" for n in names for i in range(PER_THREAD))
    assert len(case.contacts) == len(names) * PER_THREAD
    assert case.version == 2 + len(names) * PER_THREAD


@pytest.mark.timeout(240)
def test_sixteen_threads_recording_fifty_contacts_each_on_one_case_keep_all_800(ledger, clock):
    case_id, parent = case_with_parent(ledger)
    names = [f"t{n}" for n in range(THREADS)]
    failures = run_together([writer(ledger, case_id, parent, clock.now, n) for n in names])
    assert failures == []
    assert_every_contact_kept(ledger, case_id, names)


@pytest.mark.timeout(240)
def test_two_ledgers_on_one_store_writing_one_case_keep_every_contact(ledger, database_url, clock):
    case_id, parent = case_with_parent(ledger)
    other = CaseLedger(store_settings(database_url), clock=clock)
    try:
        names = [f"{side}{n}" for side in ("a", "b") for n in range(4)]
        apps = [ledger if name.startswith("a") else other for name in names]
        failures = run_together(
            [writer(app, case_id, parent, clock.now, n) for app, n in zip(apps, names, strict=True)]
        )
        assert failures == []
        assert_every_contact_kept(other, case_id, names)
    finally:
        other.close()
