"""The supervisor's review queue: pending decisions, decisions due for re-evaluation, open
refusal escalations and overdue PPT tasks (the row kinds: projections/review_items.py).

A tracked read model in the ledger's own database, fed like the others
(projections/runner.py): for each page of the log it takes the cases whose queue may
have changed, loads each once at the last such event's version, and replaces that
case's rows and the tracking position in one transaction. Rows record since when and
from which day they ask for the supervisor, so whether an approved decision is due
today is decided when the queue is read, and a rebuild equals the live queue.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any
from uuid import UUID

from domain.application import CaseLedger
from domain.case import Case
from domain.policy.calendar import local_date
from domain.values import Program
from projections import runner
from projections.review_items import REFRESHING_EVENTS, SHOWN, case_rows
from projections.review_row import QueueRow
from projections.runner import Batch, Progress, TrackingConflict
from projections.store import Database

COLUMNS = (
    "case_id",
    "item_id",
    "kind",
    "state",
    "supervisor",
    "program",
    "since",
    "due_on",
    "due_since",
    "document",
)


def _stored(row: QueueRow) -> tuple[Any, ...]:
    document = json.dumps(row.document, sort_keys=True, separators=(",", ":"))
    return (*(getattr(row, c) for c in COLUMNS[:-1]), document)


class ReviewQueue:
    """The review queue read model of one CaseLedger."""

    name = "review_queue"

    def __init__(self, app: CaseLedger) -> None:
        self.app = app
        self.database = Database(app)
        self.table = self.database.table(self.name)
        self.tracking_name = f"{app.name}/{self.name}"
        self.tracker = self.database.tracking(self.name)
        with self.database.transaction(commit=True) as cursor:
            cursor.execute(
                f"CREATE TABLE IF NOT EXISTS {self.table} ("
                " case_id TEXT NOT NULL, item_id TEXT NOT NULL, kind TEXT NOT NULL,"
                " state TEXT NOT NULL, supervisor TEXT NOT NULL, program TEXT NOT NULL,"
                " since TEXT NOT NULL, due_on TEXT, due_since TEXT, document TEXT NOT NULL,"
                " PRIMARY KEY (case_id, item_id))"
            )
            cursor.execute(
                f"CREATE INDEX IF NOT EXISTS review_queue_by_supervisor"
                f" ON {self.table} (supervisor)"
            )

    # -- the ReadModel protocol -------------------------------------------------------

    def position(self) -> int | None:
        """The last notification id projected, or None."""
        return self.tracker.position(self.tracking_name)

    def apply_batch(self, batch: Batch) -> None:
        """Recompute the rows of each case the page may have changed; store rows and position."""
        pages: dict[UUID, list[Any]] = {}
        versions: dict[UUID, int] = {}
        for item in batch.items:
            event = item.event
            if isinstance(event, Case.Event):
                pages.setdefault(event.originator_id, []).append(event)
                if type(event).__name__ in REFRESHING_EVENTS:
                    versions[event.originator_id] = event.originator_version
        computed = {
            str(case_id): case_rows(self._load(case_id, pages[case_id], version))
            for case_id, version in versions.items()
        }
        with self.database.transaction(commit=True) as cursor:
            if not self.tracker.advance(cursor, self.tracking_name, batch.after, batch.last):
                raise TrackingConflict(self.tracking_name)
            for case_id in sorted(computed):
                cursor.execute(f"DELETE FROM {self.table} WHERE case_id = ?", [case_id])
            rows = [_stored(row) for key in sorted(computed) for row in computed[key]]
            cursor.insert(self.table, COLUMNS, rows)

    def _load(self, case_id: UUID, events: list[Any], version: int) -> Case:
        """The case at ``version``: folded from the page when it starts the case's history
        (most of a rebuild), otherwise read from the store once."""
        if events[0].originator_version == 1:
            aggregate: Any = None
            for domain_event in events:
                if domain_event.originator_version > version:
                    break
                aggregate = domain_event.mutate(aggregate)
            if isinstance(aggregate, Case):
                return aggregate
        return self.app.get_case(case_id, version)

    def reset(self) -> None:
        """Forget every row and the position: the next catch-up rebuilds the queue."""
        with self.database.transaction(commit=True) as cursor:
            cursor.execute(f"DELETE FROM {self.table}")
            self.tracker.clear(cursor, self.tracking_name)

    def rebuild(self, progress: Progress | None = None) -> int | None:
        """Project the whole log again from zero."""
        return runner.rebuild(self.app, self, progress)

    # -- reading ------------------------------------------------------------------------

    def items(self, supervisor: str, now: dt.datetime) -> list[dict[str, Any]]:
        """The supervisor's queue at ``now``: each item's kind and since when, oldest first."""
        with self.database.transaction(commit=False) as cursor:
            cursor.execute(
                f"SELECT {', '.join(COLUMNS)} FROM {self.table} WHERE supervisor = ?"
                " ORDER BY since, item_id",
                [supervisor],
            )
            found = cursor.fetchall()
        today = {program.value: local_date(program, now) for program in Program}
        queue: list[tuple[str, str, dict[str, Any]]] = []  # (since, item id, item)
        for values in found:
            fields = dict(zip(COLUMNS, values, strict=True))
            row = QueueRow(**(fields | {"document": json.loads(fields["document"])}))
            rule = SHOWN.get(row.kind)
            shown = None if rule is None else rule(row, today[row.program])
            if shown is not None:
                kind, since = shown
                item = {"kind": kind, "waiting_since": since, **row.document}
                queue.append((since, row.item_id, item))
        return [item for _, _, item in sorted(queue, key=lambda q: (q[0], q[1]))]

    def dump(self) -> bytes:
        """Every row and the position, canonically (a rebuild must equal the live queue)."""
        with self.database.transaction(commit=False, snapshot=True) as cursor:
            position = self.tracker.read(cursor, self.tracking_name)
            cursor.execute(
                f"SELECT {', '.join(COLUMNS)} FROM {self.table} ORDER BY case_id, item_id"
            )
            rows = cursor.fetchall()
        lines = [json.dumps({"position": position})]
        lines += [json.dumps(dict(zip(COLUMNS, row, strict=True))) for row in rows]
        return "\n".join(lines).encode() + b"\n"


def catch_up(app: CaseLedger, queue: ReviewQueue) -> int | None:
    """Apply every event recorded since the queue's position."""
    return runner.catch_up(app, queue)
