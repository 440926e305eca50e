"""The obligations read model: what every case owes today, kept beside the events.

Tracked exactly once under its own name (``CaseLedger/obligations``), in the events'
database on both stores. Fed in batches: for each page of the log it collects the cases
the page touches (``Case`` events only; other aggregates just move the position), loads
each touched case once at the highest version seen in the page, evaluates it with the
same pure function the API uses, and replaces that case's rows and the tracking position
in one transaction.

Statuses depend on the date (an open month becomes missed when it ends), so each case
is evaluated as of its programme's local "today" from the application's clock, and that
date is remembered per case. ``refresh`` re-evaluates the cases whose date has passed
(a day rollover); ``catch_up`` here does both, so a read after it is never stale.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import json
from collections.abc import Iterable, Iterator
from typing import Any
from uuid import UUID

from domain.application import CaseLedger
from domain.policy.calendar import local_date
from domain.values import Program
from projections import parallel_rebuild, runner
from projections.obligation_pages import PageEvaluator
from projections.obligation_rows import (
    CASE_COLUMNS,
    OBLIGATION_COLUMNS,
    CaseRows,
    document_of,
    listed,
)
from projections.runner import Batch, Progress, TrackingConflict
from projections.store import Cursor, Database

REFRESH_CHUNK = 200
REBUILD_PAGE = 5000
_INDEXES = (
    ("obligation_cases_by_day", "program, evaluated_as_of"),
    ("obligations_by_worker", "worker, status, due_on"),
    ("obligations_by_team", "worker_team, status, due_on"),
    ("obligations_by_supervisor", "supervisor, status, due_on"),
)


@dataclasses.dataclass(frozen=True)
class Listing:
    """Which rows a list call may see and asked for.

    ``worker`` keeps one worker's cases; ``team``/``supervisor`` keep the cases of a
    team's workers or naming a supervisor (either); ``kinds``, ``statuses`` and
    ``due_before`` filter further. A listing with no scope at all sees every case
    (auditors).
    """

    worker: str | None = None
    team: str | None = None
    supervisor: str | None = None
    statuses: tuple[str, ...] = ()
    due_before: dt.date | None = None
    kinds: tuple[str, ...] = ()


@dataclasses.dataclass(frozen=True)
class StoredCase:
    """A case's obligations as the read model holds them."""

    evaluated_as_of: str
    documents: list[str]


class ObligationsReadModel:
    """Obligations per case and across cases, in the ledger's own database."""

    name = "obligations"

    def __init__(self, app: CaseLedger) -> None:
        self.app = app
        self.database = Database(app)
        self.cases_table = self.database.table("obligation_cases")
        self.table = self.database.table("obligations")
        self.tracking_name = f"{app.name}/{self.name}"
        self.tracker = self.database.tracking(self.name)
        self.evaluator = PageEvaluator(app)
        with self.database.transaction(commit=True) as cursor:
            self._create_tables(cursor)

    def _create_tables(self, cursor: Cursor) -> None:
        cursor.execute(
            f"CREATE TABLE IF NOT EXISTS {self.cases_table} ("
            " case_id TEXT PRIMARY KEY, program TEXT NOT NULL, worker TEXT NOT NULL,"
            " supervisor TEXT NOT NULL, worker_team TEXT, version BIGINT NOT NULL,"
            " evaluated_as_of TEXT NOT NULL)"
        )
        cursor.execute(
            f"CREATE TABLE IF NOT EXISTS {self.table} ("
            " case_id TEXT NOT NULL, ordinal INTEGER NOT NULL, obligation_id TEXT NOT NULL,"
            " worker TEXT NOT NULL, supervisor TEXT NOT NULL, worker_team TEXT,"
            " parent_id TEXT, kind TEXT NOT NULL, period TEXT NOT NULL, due TEXT NOT NULL,"
            " due_on TEXT NOT NULL, status TEXT NOT NULL, listed TEXT NOT NULL,"
            " evaluated_as_of TEXT NOT NULL, PRIMARY KEY (case_id, ordinal))"
        )
        self._drop_documents(cursor)
        self._create_indexes(cursor)

    def _drop_documents(self, cursor: Cursor) -> None:
        """Tables made before a case's documents were taken from its list items held
        each obligation twice (a ``document`` column too); drop that copy, keeping every
        row. Rows and indexes are then about half as large (a rebuild writes less)."""
        if self.database.postgres:
            schema: str = self.database.datastore.schema  # type: ignore[union-attr]
            cursor.execute(
                "SELECT column_name FROM information_schema.columns"
                " WHERE table_schema = ? AND table_name = 'obligations'",
                [schema],
            )
        else:
            cursor.execute("SELECT name FROM pragma_table_info('obligations')")
        if "document" in {str(row[0]) for row in cursor.fetchall()}:
            exists = " IF EXISTS" if self.database.postgres else ""
            cursor.execute(f"ALTER TABLE {self.table} DROP COLUMN{exists} document")

    def _create_indexes(self, cursor: Cursor) -> None:
        for index, columns in _INDEXES:
            table = self.cases_table if index.startswith("obligation_cases") else self.table
            cursor.execute(f"CREATE INDEX IF NOT EXISTS {index} ON {table} ({columns})")

    @contextlib.contextmanager
    def indexes_deferred(self) -> Iterator[None]:
        """Drop the lookup indexes for a bulk load and build them again after it.

        Inserting a rebuild's rows into four indexes keyed by worker, team and supervisor
        writes all over each index on every page; building an index once over the loaded
        table sorts it instead (on SQLite about a third less write time in a 1M-event
        rebuild, the final index builds included). Reads in the meantime stay correct,
        only slower. If the process dies first, the next ``ObligationsReadModel``
        creates the missing indexes when it starts.
        """
        with self.database.transaction(commit=True) as cursor:
            for index, _ in _INDEXES:
                cursor.execute(f"DROP INDEX IF EXISTS {self.database.index(index)}")
        try:
            yield
        finally:
            with self.database.transaction(commit=True) as cursor:
                self._create_indexes(cursor)

    # -- the ReadModel protocol -------------------------------------------------------

    def position(self) -> int | None:
        """The last notification id projected, or None."""
        return self.tracker.position(self.tracking_name)

    def apply_batch(self, batch: Batch) -> None:
        """Re-evaluate each case the page touches (once), then store rows and position."""
        events = (item.event for item in batch.items)
        computed = self.evaluator.page_rows(events, self.app.clock())
        self.apply_rows(batch.after, batch.last, computed, rebuilding=batch.rebuilding)

    def apply_rows(
        self, after: int | None, last: int, computed: list[CaseRows], *, rebuilding: bool
    ) -> None:
        """Store rows evaluated from the log after ``after`` up to ``last``, and move the
        position there, in one transaction (TrackingConflict if it is not at ``after``)."""
        with self.database.transaction(commit=True, durable=not rebuilding) as cursor:
            if not self.tracker.advance(cursor, self.tracking_name, after, last):
                raise TrackingConflict(self.tracking_name)
            self._replace(cursor, computed)

    def reset(self) -> None:
        """Forget every row and the position: the next catch-up rebuilds from zero."""
        with self.database.transaction(commit=True) as cursor:
            cursor.execute(f"DELETE FROM {self.table}")
            cursor.execute(f"DELETE FROM {self.cases_table}")
            self.tracker.clear(cursor, self.tracking_name)

    # -- keeping today's statuses -----------------------------------------------------

    def refresh(self) -> int:
        """Re-evaluate the cases last judged before their programme's today; returns how many.

        Each case is evaluated at the version the read model holds, and written only if
        that version is still the stored one (a page applied meanwhile wins), so the
        rows always match the tracked position.
        """
        now = self.app.clock()
        stale: list[tuple[str, int]] = []
        with self.database.transaction(commit=False) as cursor:
            for program in Program:
                day = local_date(program, now).isoformat()
                cursor.execute(
                    f"SELECT case_id, version FROM {self.cases_table}"
                    " WHERE program = ? AND evaluated_as_of < ? ORDER BY case_id",
                    [program.value, day],
                )
                stale += [(str(r[0]), int(r[1])) for r in cursor.fetchall()]
        for start in range(0, len(stale), REFRESH_CHUNK):
            chunk = stale[start : start + REFRESH_CHUNK]
            computed = [
                self.evaluator.rows(self.app.get_case(UUID(case_id), version), now)
                for case_id, version in chunk
            ]
            with self.database.transaction(commit=True) as cursor:
                current = [rows for rows in computed if self._claim(cursor, rows)]
                self._replace(cursor, current)
        return len(stale)

    def _claim(self, cursor: Cursor, rows: CaseRows) -> bool:
        cursor.execute(f"SELECT version FROM {self.cases_table} WHERE case_id = ?", [rows.case_id])
        row = cursor.fetchone()
        return row is not None and int(row[0]) == rows.version

    # -- reading ------------------------------------------------------------------------

    def case(self, case_id: UUID) -> StoredCase | None:
        """The case's obligations as stored (documents are the contract's JSON text)."""
        with self.database.transaction(commit=False, snapshot=True) as cursor:
            cursor.execute(
                f"SELECT evaluated_as_of, worker FROM {self.cases_table} WHERE case_id = ?",
                [str(case_id)],
            )
            found = cursor.fetchone()
            if found is None:
                return None
            cursor.execute(
                f"SELECT listed FROM {self.table} WHERE case_id = ? ORDER BY ordinal",
                [str(case_id)],
            )
            items = [str(r[0]) for r in cursor.fetchall()]
        front = listed(str(case_id), str(found[1]))
        return StoredCase(str(found[0]), [document_of(item, front) for item in items])

    def listing(self, listing: Listing) -> list[str]:
        """The list item (JSON text) of every obligation in scope, by due day then case."""
        where, params = _conditions(listing)
        sql = f"SELECT listed FROM {self.table}"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY due_on, case_id, ordinal"
        with self.database.transaction(commit=False) as cursor:
            cursor.execute(sql, params)
            return [r[0] for r in cursor.fetchall()]

    def dump(self) -> bytes:
        """Position, cases and obligations in order, as canonical JSON lines (rebuild = live)."""
        with self.database.transaction(commit=False, snapshot=True) as cursor:
            position = self.tracker.read(cursor, self.tracking_name)
            cursor.execute(
                f"SELECT {', '.join(CASE_COLUMNS)} FROM {self.cases_table} ORDER BY case_id"
            )
            cases = cursor.fetchall()
            cursor.execute(
                f"SELECT {', '.join(OBLIGATION_COLUMNS)} FROM {self.table}"
                " ORDER BY case_id, ordinal"
            )
            obligations = cursor.fetchall()
        lines = [json.dumps({"position": position})]
        lines += [json.dumps(dict(zip(CASE_COLUMNS, row, strict=True))) for row in cases]
        lines += [json.dumps(dict(zip(OBLIGATION_COLUMNS, r, strict=True))) for r in obligations]
        return "\n".join(lines).encode() + b"\n"

    # -- helpers ------------------------------------------------------------------------

    def _replace(self, cursor: Cursor, computed: Iterable[CaseRows]) -> None:
        computed = list(computed)
        if not computed:
            return
        ids = [rows.case_id for rows in computed]
        marks = ", ".join("?" * len(ids))
        cursor.execute(f"DELETE FROM {self.table} WHERE case_id IN ({marks})", ids)
        cursor.execute(f"DELETE FROM {self.cases_table} WHERE case_id IN ({marks})", ids)
        cursor.insert(self.cases_table, CASE_COLUMNS, [rows.case_row for rows in computed])
        cursor.insert(
            self.table,
            OBLIGATION_COLUMNS,
            [row for rows in computed for row in rows.obligation_rows],
        )


def _conditions(listing: Listing) -> tuple[list[str], list[Any]]:
    where: list[str] = []
    params: list[Any] = []
    if listing.worker is not None:
        where.append("worker = ?")
        params.append(listing.worker)
    if listing.team is not None or listing.supervisor is not None:
        where.append("(worker_team = ? OR supervisor = ?)")
        params += [listing.team, listing.supervisor]
    if listing.statuses:
        where.append(f"status IN ({', '.join('?' * len(listing.statuses))})")
        params += list(listing.statuses)
    if listing.kinds:
        where.append(f"kind IN ({', '.join('?' * len(listing.kinds))})")
        params += list(listing.kinds)
    if listing.due_before is not None:
        where.append("due_on < ?")
        params.append(listing.due_before.isoformat())
    return where, params


def catch_up(
    app: CaseLedger, read_model: ObligationsReadModel, progress: Progress | None = None
) -> int | None:
    """Apply every new event, then re-judge cases a day rollover made stale."""
    position = runner.catch_up(app, read_model, progress)
    read_model.refresh()
    return position


def rebuild(
    app: CaseLedger,
    read_model: ObligationsReadModel,
    progress: Progress | None = None,
    workers: int | None = None,
) -> int | None:
    """Throw the rows away and project the whole log again (equals the live model).

    Pages of REBUILD_PAGE events: a case split across two pages is evaluated twice,
    and each page is one commit, so larger pages rebuild faster (bench_rebuild). The
    lookup indexes are built once at the end rather than kept up on every page. A
    long log is judged by ``workers`` processes (by default one per core, up to
    ``parallel_rebuild.MAX_WORKERS``; 0 rebuilds in this process alone).
    """
    if workers is None:
        workers = parallel_rebuild.workers_for(app, app.recorder.max_notification_id() or 0)

    def bulk(progress: Progress | None) -> object:
        return parallel_rebuild.project(app, read_model, workers, REBUILD_PAGE, progress)

    with read_model.indexes_deferred():
        return runner.rebuild(
            app, read_model, progress, page_size=REBUILD_PAGE, bulk=bulk if workers else None
        )
