"""The start-up durability check passes on a durable store and refuses a lowered one.

ARCHITECTURE, "Durability is checked, not assumed": SQLite ``synchronous=FULL``;
PostgreSQL ``fsync``, ``synchronous_commit`` and ``full_page_writes`` on. The lowered
setting is made for real on the only connection of a one-connection datastore.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from eventsourcing.postgres import PostgresApplicationRecorder, PostgresDatastore
from eventsourcing.sqlite import SQLiteApplicationRecorder, SQLiteDatastore

from web.config import ConfigurationError, check_durability, store_settings


def lower_durability(datastore: Any) -> None:
    """Make the datastore's one connection commit without waiting for the disk."""
    if isinstance(datastore, SQLiteDatastore):
        # SQLite refuses to change the safety level inside a transaction.
        with datastore.get_connection(commit=False) as connection:
            connection.cursor().execute("PRAGMA synchronous = NORMAL")
        return
    with datastore.transaction(commit=True) as cursor:
        cursor.execute("SET synchronous_commit = off")  # the session keeps it after commit


def one_connection_datastore(database_url: str) -> Any:
    """A datastore with one pooled connection: a setting made on it is the one checked."""
    s = store_settings(database_url)
    if s["PERSISTENCE_MODULE"] == "eventsourcing.sqlite":
        return SQLiteDatastore(s["SQLITE_DBNAME"], pool_size=1, max_overflow=0)
    return PostgresDatastore(
        s["POSTGRES_DBNAME"],
        s["POSTGRES_HOST"],
        s["POSTGRES_PORT"],
        s["POSTGRES_USER"],
        s["POSTGRES_PASSWORD"],
        pool_size=1,
        max_overflow=0,
        schema=s.get("POSTGRES_SCHEMA", ""),
    )


@pytest.fixture
def recorder(database_url: str) -> Iterator[Any]:
    datastore = one_connection_datastore(database_url)
    if isinstance(datastore, SQLiteDatastore):
        rec: Any = SQLiteApplicationRecorder(datastore)
    else:
        rec = PostgresApplicationRecorder(datastore)
    rec.create_table()
    try:
        yield rec
    finally:
        datastore.close()


def test_the_applications_own_store_passes_the_durability_check(ledger):
    check_durability(ledger.recorder)


def test_a_fresh_store_passes_the_durability_check(recorder):
    check_durability(recorder)


def test_a_store_whose_connection_commits_without_waiting_for_disk_is_refused(recorder):
    lower_durability(recorder.datastore)
    with pytest.raises(ConfigurationError):
        check_durability(recorder)
