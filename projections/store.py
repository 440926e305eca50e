"""SQL on the application's own database, written once for SQLite and PostgreSQL.

Read models live beside the events (ARCHITECTURE "Projections"): they share the
application's datastore (its connection pool), quote ``?`` placeholders the same way on
both stores and get plain tuples back.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from typing import Any
from uuid import UUID

from eventsourcing.application import Application
from eventsourcing.postgres import PostgresDatastore, PostgresTrackingRecorder
from eventsourcing.sqlite import SQLiteDatastore, SQLiteTrackingRecorder
from psycopg.rows import tuple_row

Row = tuple[Any, ...]
_FETCH = 5_000
BULK_CHECKPOINT_PAGES = 50_000
"""SQLite WAL frames (4 KiB pages) a non-durable transaction lets accumulate before its
commit checkpoints them into the database file (SQLite's default is 1,000)."""


@dataclasses.dataclass(frozen=True)
class Stream:
    """Every row of a table in key order: the key first, then ``columns``.

    ``pg_types`` name each selected value's PostgreSQL type (binary COPY needs them).
    """

    table: str
    key: str
    columns: tuple[str, ...]
    pg_types: tuple[str, ...]

    @property
    def select(self) -> str:
        """The query that reads the stream."""
        return f"SELECT {self.key}, {', '.join(self.columns)} FROM {self.table} ORDER BY {self.key}"


class Cursor:
    """A cursor that takes ``?`` placeholders and answers plain tuples on both stores."""

    def __init__(self, raw: Any, postgres: bool) -> None:
        self._raw = raw
        self._postgres = postgres

    def _sql(self, statement: str) -> str:
        return statement.replace("?", "%s") if self._postgres else statement

    def execute(self, statement: str, params: Sequence[Any] = ()) -> None:
        """Run one statement."""
        self._raw.execute(self._sql(statement), params)

    def insert(self, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        """Insert rows; on PostgreSQL with COPY (one round trip, no statement to parse)."""
        if not rows:
            return
        names = ", ".join(columns)
        if not self._postgres:
            marks = ", ".join("?" * len(columns))
            self._raw.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)
            return
        with self._raw.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)

    def fetchall(self) -> list[Row]:
        """Every remaining row."""
        return [tuple(row) for row in self._raw.fetchall()]

    def fetchone(self) -> Row | None:
        """The next row, or None."""
        row = self._raw.fetchone()
        return None if row is None else tuple(row)

    @property
    def rowcount(self) -> int:
        """How many rows the last statement changed."""
        return int(self._raw.rowcount)


class Database:
    """The application's database as its read models and the verifier see it."""

    def __init__(self, app: Application[UUID]) -> None:
        recorder: Any = app.recorder
        self.datastore: SQLiteDatastore | PostgresDatastore = recorder.datastore
        self.postgres = isinstance(self.datastore, PostgresDatastore)
        self.events_table = self.table(recorder.events_table_name)
        # SQLite's notification id is the rowid; PostgreSQL has a column for it.
        self.notification_id = "notification_id" if self.postgres else "rowid"

    def table(self, name: str) -> str:
        """A table's name as SQL, in the application's schema on PostgreSQL."""
        if isinstance(self.datastore, PostgresDatastore):
            return f"{_quote(self.datastore.schema)}.{_quote(name)}"
        return _quote(name)

    def index(self, name: str) -> str:
        """An index's name as SQL (PostgreSQL keeps indexes in their table's schema)."""
        return self.table(name)

    @contextmanager
    def transaction(
        self, *, commit: bool, snapshot: bool = False, durable: bool = True
    ) -> Iterator[Cursor]:
        """One transaction; ``snapshot`` makes every read in it see the same moment.

        ``durable=False`` commits without waiting for the disk, for writes that can be
        computed again from the log (a rebuild's pages). A crash may then lose the last
        such commits, rows and tracking position together, never one without the other;
        every other transaction, on any connection, keeps its full durability.
        """
        datastore = self.datastore
        if isinstance(datastore, PostgresDatastore):
            with datastore.get_connection() as conn, conn.transaction(force_rollback=not commit):
                pg_cursor = conn.cursor(row_factory=tuple_row)
                if snapshot:
                    pg_cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
                if not durable:
                    pg_cursor.execute("SET LOCAL synchronous_commit = off")  # this commit only
                yield Cursor(pg_cursor, postgres=True)
            return
        # A SQLite read transaction (WAL) sees one snapshot from its first read on.
        with (
            datastore.get_connection(commit=commit) as connection,
            _sqlite_sync(connection, durable),
            connection.transaction(commit=commit) as sqlite_cursor,
        ):
            raw = sqlite_cursor.sqlite_cursor
            raw.row_factory = None  # plain tuples, as on PostgreSQL
            yield Cursor(raw, postgres=False)

    @contextmanager
    def streams(self, *streams: Stream) -> Iterator[list[Iterator[Row]]]:
        """Read several tables side by side, all as of one moment (one snapshot).

        SQLite: one read transaction, one cursor per stream. PostgreSQL: one connection
        per stream sharing an exported snapshot, each read with a binary COPY (several
        times faster than fetching rows with the pure-Python driver).
        """
        datastore = self.datastore
        if isinstance(datastore, SQLiteDatastore):
            with datastore.transaction(commit=False) as first:
                connection = first.sqlite_cursor.connection
                yield [_sqlite_rows(connection, stream) for stream in streams]
            return
        with ExitStack() as stack:
            snapshot: str | None = None
            iterators = []
            for stream in streams:
                conn = stack.enter_context(datastore.get_connection())
                stack.enter_context(conn.transaction(force_rollback=True))
                cursor = stack.enter_context(conn.cursor(row_factory=tuple_row))
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                if snapshot is None:
                    row = cursor.execute("SELECT pg_export_snapshot()").fetchone()
                    snapshot = str(row[0]) if row else None
                else:
                    cursor.execute(f"SET TRANSACTION SNAPSHOT '{snapshot}'")
                copy = stack.enter_context(
                    cursor.copy(f"COPY ({stream.select}) TO STDOUT (FORMAT BINARY)")
                )
                copy.set_types(list(stream.pg_types))
                iterators.append(copy.rows())
            yield iterators

    def tracking(self, read_model: str) -> Tracker:
        """The tracking row of one read model, in the library's tracking table."""
        return Tracker(self, read_model)


class Tracker:
    """A read model's position in the log: one row of the library's tracking table.

    The library's recorder creates the table and reads the position; moving it is a
    compare-and-set, so a batch applied by another thread or process is refused here
    instead of being written twice (exactly once, also for pages of events).
    """

    def __init__(self, database: Database, read_model: str) -> None:
        self.database = database
        datastore = database.datastore
        recorder: SQLiteTrackingRecorder | PostgresTrackingRecorder
        if isinstance(datastore, PostgresDatastore):
            table = f"{read_model}_tracking"
            recorder = PostgresTrackingRecorder(datastore, tracking_table_name=table)
        else:
            table = "tracking"
            recorder = SQLiteTrackingRecorder(datastore)
        recorder.create_table()
        self.recorder = recorder
        self.table = database.table(table)

    def position(self, name: str) -> int | None:
        """The last notification id applied under ``name``, or None."""
        return self.recorder.max_tracking_id(name)

    def read(self, cursor: Cursor, name: str) -> int | None:
        """The position as this transaction sees it."""
        cursor.execute(
            f"SELECT notification_id FROM {self.table} WHERE application_name = ?", [name]
        )
        row = cursor.fetchone()
        return None if row is None else int(row[0])

    def advance(self, cursor: Cursor, name: str, after: int | None, to: int) -> bool:
        """Move the position from ``after`` to ``to``; False when it was not at ``after``."""
        if after is None:
            cursor.execute(
                f"INSERT INTO {self.table} (application_name, notification_id) VALUES (?, ?)"
                " ON CONFLICT (application_name) DO NOTHING",
                [name, to],
            )
        else:
            cursor.execute(
                f"UPDATE {self.table} SET notification_id = ?"
                " WHERE application_name = ? AND notification_id = ?",
                [to, name, after],
            )
        return cursor.rowcount == 1

    def clear(self, cursor: Cursor, name: str) -> None:
        """Forget the position: the next catch-up starts from the first event."""
        cursor.execute(f"DELETE FROM {self.table} WHERE application_name = ?", [name])


@contextmanager
def _sqlite_sync(connection: Any, durable: bool) -> Iterator[None]:
    """For a non-durable transaction, lower the pooled connection's ``synchronous`` to
    NORMAL (in WAL mode: consistent, but the commit does not wait for an fsync) and put
    it back afterwards, so the connection returns to the pool as durable as it came.

    It also raises the connection's ``wal_autocheckpoint`` to BULK_CHECKPOINT_PAGES: a
    rebuild's page writes megabytes, so at the default every commit would checkpoint
    (two fsyncs and a copy into the database file); a few large checkpoints copy less
    (a page written by several commits is copied once) and wait for the disk less often.
    Other connections keep the default, so their next commit checkpoints what is left.

    SQLite refuses to change the level inside a transaction, hence around it.
    """
    if durable:
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA synchronous")
        level = int(cursor.fetchone()[0])
        cursor.execute("PRAGMA wal_autocheckpoint")
        pages = int(cursor.fetchone()[0])
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute(f"PRAGMA wal_autocheckpoint = {BULK_CHECKPOINT_PAGES}")
        try:
            yield
        finally:
            cursor.execute(f"PRAGMA synchronous = {level}")
            cursor.execute(f"PRAGMA wal_autocheckpoint = {pages}")


def _sqlite_rows(connection: Any, stream: Stream) -> Iterator[Row]:
    cursor = connection.cursor()
    cursor.row_factory = None
    try:
        cursor.execute(stream.select)
        while page := cursor.fetchmany(_FETCH):
            yield from page
    finally:
        cursor.close()


def _quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'
