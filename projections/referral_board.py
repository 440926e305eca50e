"""The PBP coordinator's board: each referral's stage and how long it has stood there.

A tracked read model fed only by ``PartnerReferral`` events (every other event just
moves the position), so it holds referral data and nothing else: no case narrative, no
contact note, no decision rationale can reach a coordinator through it (reliability B4).
Rows and the position are written in one transaction; a rebuild equals the live board.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from typing import Any
from uuid import UUID

from eventsourcing.application import Application

from domain.pbp.values import ReferralStatus
from domain.referral import PartnerReferral
from projections import runner
from projections.runner import Batch, Progress, TrackingConflict
from projections.store import Cursor, Database

COLUMNS = (
    "referral_id",
    "case_id",
    "parent_id",
    "status",
    "stage_since",
    "submitted_at",
    "referred_by",
    "needs",
    "preferred_language",
    "area",
    "parent_partner_id",
    "parent_partner_name",
    "assigned_on",
)
Row = dict[str, Any]
R = PartnerReferral


def _instant(at: dt.datetime) -> str:
    return at.astimezone(dt.UTC).isoformat()


def _enter(row: Row, status: ReferralStatus, at: dt.datetime) -> None:
    if row["status"] != status.value:
        row["status"] = status.value
        row["stage_since"] = _instant(at)


def fold(row: Row | None, event: Any) -> Row | None:
    """The board row after one referral event (the aggregate's stages, PBP-REF-1..7)."""
    if isinstance(event, R.ReferralSubmitted):
        return {
            "referral_id": str(event.originator_id),
            "case_id": str(event.case_id),
            "parent_id": str(event.parent_id),
            "status": ReferralStatus.SUBMITTED.value,
            "stage_since": _instant(event.timestamp),
            "submitted_at": _instant(event.timestamp),
            "referred_by": event.actor,
            "needs": json.dumps(list(event.needs)),
            "preferred_language": event.preferred_language,
            "area": event.area,
            "parent_partner_id": None,
            "parent_partner_name": None,
            "assigned_on": None,
        }
    if row is None:
        return None
    row = dict(row)
    if isinstance(event, R.NeedsIdentified):
        row["needs"] = json.dumps(list(event.needs))
        if row["status"] == ReferralStatus.SUBMITTED.value:
            _enter(row, ReferralStatus.NEEDS_IDENTIFIED, event.timestamp)
    elif isinstance(event, R.ParentPartnerAssigned):
        row["parent_partner_id"] = event.assignment.parent_partner_id
        row["parent_partner_name"] = event.assignment.parent_partner_name
        row["assigned_on"] = event.assignment.assigned_on.isoformat()
        row["status"] = ReferralStatus.ASSIGNED.value
        row["stage_since"] = _instant(event.timestamp)
    elif isinstance(event, R.PlanningMeetingHeld):
        if row["status"] == ReferralStatus.ASSIGNED.value:
            _enter(row, ReferralStatus.PLANNED, event.timestamp)
    elif isinstance(event, R.FamilyMeetingHeld):
        _enter(row, ReferralStatus.ACTIVE, event.timestamp)
    elif isinstance(event, R.ReferralClosed):
        _enter(row, ReferralStatus.CLOSED, event.timestamp)
    elif isinstance(event, R.ReferralWithdrawn):
        _enter(row, ReferralStatus.WITHDRAWN, event.timestamp)
    return row


class ReferralBoard:
    """The board read model of one CaseLedger, in the ledger's own database."""

    name = "referral_board"

    def __init__(self, app: Application[UUID]) -> None:
        self.app = app
        self.database = Database(app)
        self.table = self.database.table(self.name)
        self.tracking_name = f"{app.name}/{self.name}"
        self.tracker = self.database.tracking(self.name)
        with self.database.transaction(commit=True) as cursor:
            cursor.execute(
                f"CREATE TABLE IF NOT EXISTS {self.table} ("
                " referral_id TEXT PRIMARY KEY, case_id TEXT NOT NULL, parent_id TEXT NOT NULL,"
                " status TEXT NOT NULL, stage_since TEXT NOT NULL, submitted_at TEXT NOT NULL,"
                " referred_by TEXT NOT NULL, needs TEXT NOT NULL, preferred_language TEXT,"
                " area TEXT, parent_partner_id TEXT, parent_partner_name TEXT, assigned_on TEXT)"
            )

    # -- the ReadModel protocol -------------------------------------------------------

    def position(self) -> int | None:
        """The last notification id projected, or None."""
        return self.tracker.position(self.tracking_name)

    def apply_batch(self, batch: Batch) -> None:
        """Fold a page's referral events into their rows; store rows and position at once."""
        events = [item.event for item in batch.items if isinstance(item.event, R.Event)]
        ids = sorted({str(e.originator_id) for e in events})
        with self.database.transaction(commit=False) as cursor:
            if self.tracker.read(cursor, self.tracking_name) != batch.after:
                raise TrackingConflict(self.tracking_name)
            rows = {row["referral_id"]: row for row in self._select(cursor, ids)}
        for e in events:
            key = str(e.originator_id)
            folded = fold(rows.get(key), e)
            if folded is not None:
                rows[key] = folded
        changed = [tuple(rows[key][c] for c in COLUMNS) for key in ids if key in rows]
        with self.database.transaction(commit=True) as cursor:
            if not self.tracker.advance(cursor, self.tracking_name, batch.after, batch.last):
                raise TrackingConflict(self.tracking_name)
            for key in ids:
                cursor.execute(f"DELETE FROM {self.table} WHERE referral_id = ?", [key])
            cursor.insert(self.table, COLUMNS, changed)

    def reset(self) -> None:
        """Forget every row and the position: the next catch-up rebuilds the board."""
        with self.database.transaction(commit=True) as cursor:
            cursor.execute(f"DELETE FROM {self.table}")
            self.tracker.clear(cursor, self.tracking_name)

    def rebuild(self, progress: Progress | None = None) -> int | None:
        """Project the whole log again from zero."""
        return runner.rebuild(self.app, self, progress)

    # -- reading ------------------------------------------------------------------------

    def rows(
        self, statuses: Iterable[ReferralStatus] = (), as_of: dt.date | None = None
    ) -> list[Row]:
        """The board, oldest stage first; ``days_in_stage`` counted to ``as_of``."""
        wanted = sorted(s.value for s in statuses)
        sql = f"SELECT {', '.join(COLUMNS)} FROM {self.table}"
        if wanted:
            sql += f" WHERE status IN ({', '.join('?' * len(wanted))})"
        with self.database.transaction(commit=False) as cursor:
            cursor.execute(sql + " ORDER BY stage_since, referral_id", wanted)
            found = [dict(zip(COLUMNS, row, strict=True)) for row in cursor.fetchall()]
        for row in found:
            row["needs"] = json.loads(row["needs"])
            if as_of is not None:
                since = dt.datetime.fromisoformat(row["stage_since"]).date()
                row["days_in_stage"] = max((as_of - since).days, 0)
        return found

    def dump(self) -> bytes:
        """Every row and the position, canonically (a rebuild must equal the live board)."""
        with self.database.transaction(commit=False, snapshot=True) as cursor:
            position = self.tracker.read(cursor, self.tracking_name)
            cursor.execute(f"SELECT {', '.join(COLUMNS)} FROM {self.table} ORDER BY referral_id")
            rows = cursor.fetchall()
        lines = [json.dumps({"position": position})]
        lines += [json.dumps(dict(zip(COLUMNS, row, strict=True))) for row in rows]
        return "\n".join(lines).encode() + b"\n"

    def _select(self, cursor: Cursor, ids: list[str]) -> list[Row]:
        if not ids:
            return []
        cursor.execute(
            f"SELECT {', '.join(COLUMNS)} FROM {self.table}"
            f" WHERE referral_id IN ({', '.join('?' * len(ids))})",
            ids,
        )
        return [dict(zip(COLUMNS, row, strict=True)) for row in cursor.fetchall()]
