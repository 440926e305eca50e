"""The audit read model: every event's hashes as first projected, and each case's history.

One row per stored event, in notification order: its place in the whole-log chain and,
for an event of a ``Case``, the case's audit entry (seq = the event's version) with its
place in the case's chain. The hashes are stored once, when the event is first
projected; ``projections.verify`` later recomputes them from the stored events
(ARCHITECTURE "Audit integrity", api-contract "Audit history").
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from uuid import UUID

from eventsourcing.application import Application

from domain.case import Case
from projections import checkpoint, runner, verify
from projections.audit_entry import describe, instant
from projections.audit_hash import canonical_id, chain, event_body
from projections.runner import Batch, Progress, TrackingConflict
from projections.store import Cursor, Database

ENTRY_COLUMNS = (
    "originator_version",
    "event_type",
    "occurred_at",
    "recorded_at",
    "recorded_by",
    "summary",
    "data",
    "hash",
    "prev_hash",
)
ROW_COLUMNS = ("position", "originator_id", "log_hash", *ENTRY_COLUMNS)


class AuditDamaged(Exception):
    """The stored events no longer match the audit trail; it must not be rebuilt over them."""


class AuditTrail:
    """The audit read model of one CaseLedger, in the ledger's own database."""

    name = "audit_trail"

    def __init__(self, app: Application[UUID], checkpoint_key: str | Path | None = None) -> None:
        self.app = app
        self.database = Database(app)
        self.table = self.database.table("audit_trail")
        self.tracking_name = f"{app.name}/{self.name}"
        self.tracker = self.database.tracking(self.name)
        self.checkpoint_key = None if checkpoint_key is None else Path(checkpoint_key)
        with self.database.transaction(commit=True) as cursor:
            cursor.execute(
                f"CREATE TABLE IF NOT EXISTS {self.table} ("
                " position BIGINT PRIMARY KEY, originator_id TEXT NOT NULL,"
                " originator_version BIGINT NOT NULL, log_hash TEXT NOT NULL,"
                " event_type TEXT, occurred_at TEXT, recorded_at TEXT, recorded_by TEXT,"
                " summary TEXT, data TEXT, hash TEXT, prev_hash TEXT)"
            )
            cursor.execute(
                "CREATE INDEX IF NOT EXISTS audit_trail_by_case"
                f" ON {self.table} (originator_id, originator_version)"
            )

    # -- the ReadModel protocol -------------------------------------------------------

    def position(self) -> int | None:
        """The last notification id projected, or None."""
        return self.tracker.position(self.tracking_name)

    def apply_batch(self, batch: Batch) -> None:
        """Hash and describe a page of events, then store the rows and the position at once."""
        case_ids = {
            canonical_id(item.notification.originator_id)
            for item in batch.items
            if isinstance(item.event, Case.Event)
        }
        with self.database.transaction(commit=False) as cursor:
            if self.tracker.read(cursor, self.tracking_name) != batch.after:
                raise TrackingConflict(self.tracking_name)
            log_prev = self._last_log_hash(cursor)
            case_prev = {case_id: self._case_head(cursor, case_id) for case_id in case_ids}
        rows = []
        for item in batch.items:
            n = item.notification
            case_id = canonical_id(n.originator_id)
            body = event_body(n.originator_id, n.originator_version, n.topic, n.state)
            log_prev = chain(log_prev, body)
            row = [item.position, case_id, log_prev, n.originator_version]
            if isinstance(item.event, Case.Event):
                prev = case_prev[case_id]
                case_prev[case_id] = chain(prev, body)
                f = describe(item.event)
                row += [f.event_type, f.occurred_at, f.recorded_at, f.recorded_by, f.summary]
                row += [f.data, case_prev[case_id], prev]
            else:  # in the whole-log chain only
                row += [None] * (len(ROW_COLUMNS) - len(row))
            rows.append(row)
        with self.database.transaction(commit=True) as cursor:
            if not self.tracker.advance(cursor, self.tracking_name, batch.after, batch.last):
                raise TrackingConflict(self.tracking_name)
            cursor.insert(self.table, ROW_COLUMNS, rows)

    def reset(self) -> None:
        """Forget every row and the position (a rebuild recomputes the hashes)."""
        with self.database.transaction(commit=True) as cursor:
            cursor.execute(f"DELETE FROM {self.table}")
            self.tracker.clear(cursor, self.tracking_name)

    # -- reading ------------------------------------------------------------------------

    def entries(self, case_id: UUID, known_at: dt.datetime | None = None) -> dict[str, Any]:
        """The case's audit history (api-contract "Audit history"), as the record showed
        at ``known_at`` when given: entries with recorded_at <= known_at."""
        sql = (
            f"SELECT {', '.join(ENTRY_COLUMNS)} FROM {self.table}"
            " WHERE originator_id = ? AND hash IS NOT NULL"
        )
        params: list[Any] = [str(case_id)]
        if known_at is not None:
            sql += " AND recorded_at <= ?"
            params.append(instant(known_at))
        with self.database.transaction(commit=False) as cursor:
            cursor.execute(sql + " ORDER BY originator_version", params)
            rows = cursor.fetchall()
        entries = [_entry(row) for row in rows]
        head = entries[-1]["hash"] if entries else None
        return {"case_id": str(case_id), "entries": entries, "head_hash": head}

    def log_head(self) -> tuple[int, str | None]:
        """How many events the whole-log chain holds, and its last hash."""
        with self.database.transaction(commit=False, snapshot=True) as cursor:
            cursor.execute(f"SELECT COUNT(*) FROM {self.table}")
            row = cursor.fetchone()
            return (0 if row is None else int(row[0])), self._last_log_hash(cursor)

    def dump(self) -> bytes:
        """Every row and the position, in order, as canonical JSON lines (D5 compares these)."""
        with self.database.transaction(commit=False, snapshot=True) as cursor:
            position = self.tracker.read(cursor, self.tracking_name)
            cursor.execute(f"SELECT {', '.join(ROW_COLUMNS)} FROM {self.table} ORDER BY position")
            rows = cursor.fetchall()
        lines = [json.dumps({"position": position})]
        lines += [json.dumps(dict(zip(ROW_COLUMNS, row, strict=True))) for row in rows]
        return "\n".join(lines).encode() + b"\n"

    # -- integrity ----------------------------------------------------------------------

    def verify_case(self, case_id: UUID) -> verify.CaseVerification:
        """Recompute the case's chain from its stored events and compare (never raises)."""
        return verify.verify_case(self, case_id)

    def verify_all(self, progress: Progress | None = None) -> verify.LogVerification:
        """Recompute every chain and check the latest signed checkpoint (never raises)."""
        return verify.verify_all(self, progress)

    def create_checkpoint(self, at: dt.datetime) -> checkpoint.Checkpoint:
        """Sign the whole-log chain's size and head now; kept beside the key, off the database."""
        if self.checkpoint_key is None:
            raise ValueError("This audit trail was given no checkpoint key.")
        size, head = self.log_head()
        return checkpoint.create_checkpoint(self.checkpoint_key, size, head, at)

    def rebuild(self, progress: Progress | None = None) -> int | None:
        """Project the log again from zero, only over events that still verify."""
        report = self.verify_all()
        if not report.ok:
            raise AuditDamaged("The stored events do not verify; the audit trail is kept.")
        return runner.rebuild(self.app, self, progress)

    # -- helpers ------------------------------------------------------------------------

    def _last_log_hash(self, cursor: Cursor) -> str | None:
        cursor.execute(f"SELECT log_hash FROM {self.table} ORDER BY position DESC LIMIT 1")
        row = cursor.fetchone()
        return None if row is None else str(row[0])

    def _case_head(self, cursor: Cursor, case_id: str) -> str | None:
        cursor.execute(
            f"SELECT hash FROM {self.table} WHERE originator_id = ? AND hash IS NOT NULL"
            " ORDER BY originator_version DESC LIMIT 1",
            [case_id],
        )
        row = cursor.fetchone()
        return None if row is None else str(row[0])


def _entry(row: Sequence[Any]) -> dict[str, Any]:
    seq, event_type, occurred_at, recorded_at, recorded_by, summary, data, hash_, prev = row
    return {
        "seq": int(seq),
        "event_type": event_type,
        "occurred_at": occurred_at,
        "recorded_at": recorded_at,
        "recorded_by": recorded_by,
        "summary": summary,
        "data": json.loads(data),
        "hash": hash_,
        "prev_hash": prev,
    }
