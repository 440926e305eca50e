"""Recompute the audit chains from the stored events and compare (E1-E3).

The events are read as raw rows with SQL, never replayed: a damaged case must not stop
its own verification, and verification reports damage instead of raising on it. The
comparison is with the hashes the audit trail stored when it first projected each
event, and for the whole log also with the latest signed checkpoint, which is all that
catches a consistent rewrite of events and hashes, or a restored old backup. Callers
catch the trail up first (as every read does): an event recorded after the trail's
position shows as extra.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from itertools import zip_longest
from typing import TYPE_CHECKING, Any
from uuid import UUID

from eventsourcing.utils import get_topic

from domain.case import Case
from projections import checkpoint as checkpoints
from projections.audit_hash import canonical_id, chain, event_body
from projections.runner import Progress
from projections.store import Cursor, Row

if TYPE_CHECKING:
    from projections.audit_trail import AuditTrail

PAGE = 10_000
CASE_TOPIC_PREFIX = get_topic(Case) + "."


@dataclasses.dataclass(frozen=True)
class CaseVerification:
    """One case's chain against its stored events (api-contract "audit/verify")."""

    ok: bool
    entries: int
    head_hash: str | None
    first_bad_seq: int | None

    def as_dict(self) -> dict[str, Any]:
        """The contracted answer."""
        return dataclasses.asdict(self)


@dataclasses.dataclass(frozen=True)
class CheckpointCheck:
    """The latest signed checkpoint against the log recomputed from the events."""

    ok: bool
    size: int
    head_hash: str | None
    at: str
    reason: str | None


@dataclasses.dataclass(frozen=True)
class LogVerification:
    """The whole log: its chain, every case's chain and the latest checkpoint."""

    ok: bool
    events: int
    head_hash: str | None
    first_bad_position: int | None
    bad_cases: dict[str, int]
    checkpoint: CheckpointCheck | None

    def as_dict(self) -> dict[str, Any]:
        """JSON-safe, for the CLI and exports."""
        return dataclasses.asdict(self)


def verify_case(trail: AuditTrail, case_id: UUID) -> CaseVerification:
    """Recompute the case's chain (seq 1..n, recording order) and compare with the trail.

    ``first_bad_seq`` is the first seq whose recomputed hash differs from the stored one,
    or that is missing, extra or out of order; for a cut-off tail, the first missing seq.
    ``entries`` and ``head_hash`` describe the events as the store now holds them.
    """
    with trail.database.transaction(commit=False, snapshot=True) as cursor:
        return _verify_case(trail, cursor, str(case_id))


def _verify_case(trail: AuditTrail, cursor: Cursor, case_id: str) -> CaseVerification:
    db = trail.database
    stored_id = _stored_id(case_id, db.postgres)
    cursor.execute(
        f"SELECT originator_id, originator_version, topic, state FROM {db.events_table}"
        f" WHERE originator_id = ? ORDER BY {db.notification_id}",
        [stored_id],
    )
    events = cursor.fetchall()
    cursor.execute(
        f"SELECT originator_version, hash FROM {trail.table}"
        " WHERE originator_id = ? AND hash IS NOT NULL ORDER BY originator_version",
        [case_id],
    )
    stored = {row[0]: row[1] for row in cursor.fetchall()}
    prev: str | None = None
    first_bad: int | None = None
    for seq, (originator_id, version, topic, state) in enumerate(events, start=1):
        prev = chain(prev, event_body(originator_id, version, topic, state))
        if first_bad is None and (version != seq or stored.get(seq) != prev):
            first_bad = seq
    if first_bad is None and len(events) != len(stored):
        first_bad = min(len(events), len(stored)) + 1
    return CaseVerification(first_bad is None, len(events), prev, first_bad)


@dataclasses.dataclass
class _CaseTally:
    prev: str | None = None
    events: int = 0
    stored: int = 0
    suspect: bool = False


def verify_all(trail: AuditTrail, progress: Progress | None = None) -> LogVerification:
    """Recompute the whole-log chain and every case's chain in one pass over the log.

    ``first_bad_position`` counts events in log order from 1. A case whose rows do not
    line up with the trail's is checked again on its own for its exact first bad seq.
    """
    latest = (
        None
        if trail.checkpoint_key is None
        else checkpoints.latest_checkpoint(trail.checkpoint_key)
    )
    db = trail.database
    cases: dict[str, _CaseTally] = {}
    log_prev: str | None = None
    at_checkpoint: str | None = None
    first_bad: int | None = None
    count = 0
    with db.transaction(commit=False, snapshot=True) as cursor:
        cursor.execute(f"SELECT MAX({db.notification_id}) FROM {db.events_table}")
        top = cursor.fetchone()
        total = int(top[0]) if top and top[0] is not None else 0
        events = _pages(
            cursor,
            db.events_table,
            db.notification_id,
            "originator_id, originator_version, topic, state",
        )
        rows = _pages(
            cursor, trail.table, "position", "originator_id, originator_version, log_hash, hash"
        )
        for index, (event, row) in enumerate(zip_longest(events, rows), start=1):
            if row is not None and row[4] is not None:
                cases.setdefault(row[1], _CaseTally()).stored += 1
            if event is None:
                first_bad = first_bad or index
                if row is not None and row[4] is not None:
                    cases[row[1]].suspect = True
                continue
            count = index
            _, originator_id, version, topic, state = event
            body = event_body(originator_id, version, topic, state)
            log_prev = chain(log_prev, body)
            if latest is not None and index == latest.size:
                at_checkpoint = log_prev
            if row is None or row[3] != log_prev:
                first_bad = first_bad or index
            _tally_case(cases, event, row, body)
            if progress is not None and index % PAGE == 0:
                progress(index, max(total, index))
        bad_cases = {}
        for case_id, tally in cases.items():
            if tally.suspect or tally.events != tally.stored:
                result = _verify_case(trail, cursor, case_id)
                if not result.ok and result.first_bad_seq is not None:
                    bad_cases[case_id] = result.first_bad_seq
    if progress is not None:
        progress(count, max(total, count))
    check = None if latest is None else _check(trail, latest, count, at_checkpoint)
    ok = first_bad is None and not bad_cases and (check is None or check.ok)
    return LogVerification(ok, count, log_prev, first_bad, bad_cases, check)


def _tally_case(cases: dict[str, _CaseTally], event: Row, row: Row | None, body: bytes) -> None:
    """Follow the event's case chain; a case whose rows do not line up becomes suspect."""
    _, originator_id, version, topic, _ = event
    case_id = canonical_id(originator_id)
    is_case = isinstance(topic, str) and topic.startswith(CASE_TOPIC_PREFIX)
    trail_case = row is not None and row[4] is not None
    aligned = trail_case and row is not None and row[1] == case_id and row[2] == version
    if not (is_case or aligned):
        return
    tally = cases.setdefault(case_id, _CaseTally())
    tally.prev = chain(tally.prev, body)
    tally.events += 1
    if not (is_case and aligned and row is not None and row[4] == tally.prev):
        tally.suspect = True
        if trail_case and row is not None:
            cases.setdefault(row[1], _CaseTally()).suspect = True


def _pages(cursor: Cursor, table: str, key: str, columns: str) -> Iterator[Row]:
    """Rows in key order, fetched a page at a time within the caller's snapshot."""
    after = -1
    while True:
        cursor.execute(
            f"SELECT {key}, {columns} FROM {table} WHERE {key} > ? ORDER BY {key} LIMIT ?",
            [after, PAGE],
        )
        page = cursor.fetchall()
        yield from page
        if len(page) < PAGE:
            return
        after = page[-1][0]


def _check(
    trail: AuditTrail, latest: checkpoints.Checkpoint, count: int, at_size: str | None
) -> CheckpointCheck:
    assert trail.checkpoint_key is not None
    reason = None
    if not checkpoints.signature_valid(latest, trail.checkpoint_key):
        reason = "the checkpoint's signature does not verify with this key"
    elif count < latest.size:
        reason = f"the log holds {count} events, fewer than the {latest.size} signed"
    elif latest.size > 0 and at_size != latest.head_hash:
        reason = f"the log's hash at event {latest.size} differs from the signed head"
    elif latest.size == 0 and latest.head_hash is not None:
        reason = "the signed head does not describe an empty log"
    return CheckpointCheck(reason is None, latest.size, latest.head_hash, latest.at, reason)


def _stored_id(case_id: str, postgres: bool) -> object:
    """The id as the events table holds it (a damaged SQLite id is kept as it stands)."""
    try:
        parsed = UUID(case_id)
    except ValueError:
        return case_id
    return parsed if postgres else parsed.hex
