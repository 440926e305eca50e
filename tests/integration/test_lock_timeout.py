"""A lock held by another connection makes a command fail in bounded time, never hang.

Catalogue D9 (PostgreSQL, a held ``LOCK TABLE``) and C4 (SQLite, a held write lock):
the command raises the library's OperationalError, records nothing, and the next
command after the lock is released succeeds.
"""

from __future__ import annotations

import contextlib
import sqlite3
import time
from collections.abc import Iterator
from urllib.parse import urlsplit

import psycopg
import pytest
from eventsourcing.persistence import OperationalError

from tests.integration.cases import case_with_parent, contact

BOUND_SECONDS = 15


@contextlib.contextmanager
def held_lock(database_url: str, mode: str) -> Iterator[None]:
    """Another connection holding the events table (PostgreSQL) or the write lock (SQLite)."""
    parts = urlsplit(database_url)
    if parts.scheme == "sqlite":
        side = sqlite3.connect(parts.path[1:], isolation_level=None)
        side.execute("BEGIN EXCLUSIVE" if mode == "EXCLUSIVE" else "BEGIN IMMEDIATE")
        try:
            yield
        finally:
            side.rollback()
            side.close()
        return
    schema = parts.query.removeprefix("schema=")
    with psycopg.connect(database_url.split("?")[0]) as side:
        side.execute(f'LOCK TABLE "{schema}".caseledger_events IN {mode} MODE')
        try:
            yield
        finally:
            side.rollback()


@pytest.mark.timeout(60)
@pytest.mark.parametrize("mode", ["ACCESS EXCLUSIVE", "EXCLUSIVE"])
def test_command_behind_a_held_lock_fails_in_bounded_time_and_records_nothing(
    ledger, database_url, clock, mode
):
    case_id, parent = case_with_parent(ledger)
    version = ledger.get_case(case_id).version
    with held_lock(database_url, mode):
        started = time.monotonic()
        with pytest.raises(OperationalError):
            ledger.handle(case_id, contact(parent, clock.now), "wendy")
        waited = time.monotonic() - started
    assert waited < BOUND_SECONDS
    assert ledger.get_case(case_id).version == version
    ledger.handle(case_id, contact(parent, clock.now), "wendy")
    assert ledger.get_case(case_id).version == version + 1
