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
from collections import deque
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any
from uuid import UUID

from eventsourcing.utils import get_topic

from domain.case import Case
from projections import checkpoint as checkpoints
from projections.audit_hash import canonical_id, chain, event_body
from projections.runner import Progress
from projections.store import Cursor, Row, Stream

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
class LogVerification:
    """The whole log: its chain, every case's chain and the latest checkpoint."""

    ok: bool
    events: int
    head_hash: str | None
    first_bad_position: int | None
    bad_cases: dict[str, int]
    checkpoint: checkpoints.CheckpointCheck | None

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


def case_events(trail: AuditTrail, cursor: Cursor, case_id: str) -> list[Row]:
    """A case's stored events as raw rows (originator id, version, topic, state), in
    recording order; whatever the rows now hold, nothing is decoded."""
    db = trail.database
    stored_id = _stored_id(case_id, db.postgres)
    if stored_id is None:
        return []
    cursor.execute(
        f"SELECT originator_id, originator_version, topic, state FROM {db.events_table}"
        f" WHERE originator_id = ? ORDER BY {db.notification_id}",
        [stored_id],
    )
    return cursor.fetchall()


def _verify_case(trail: AuditTrail, cursor: Cursor, case_id: str) -> CaseVerification:
    events = case_events(trail, cursor, case_id)
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


class _Walk:
    """One pass over the log beside the trail's rows, matched by notification id.

    The whole-log chain is compared index by index (the n-th event's hash with the
    n-th stored hash: consecutive rows); each case's chain row by row, and a case whose
    rows or counts do not line up is checked again on its own afterwards.
    """

    def __init__(self, checkpoint_size: int | None) -> None:
        self.checkpoint_size = checkpoint_size
        self.cases: dict[str, _CaseTally] = {}
        self.log_prev: str | None = None
        self.at_checkpoint: str | None = None
        self.events = 0
        self.compared = 0
        self.first_bad: int | None = None
        self._computed: deque[str] = deque()
        self._stored: deque[str | None] = deque()

    def step(self, event: Row | None, row: Row | None) -> None:
        """Take the event and the trail's row at one notification id (either may be absent)."""
        if row is not None:
            self._stored.append(row[3])
            if row[4] is not None:
                self._case(row[1]).stored += 1
        if event is not None:
            body = event_body(*event[1:])
            self.log_prev = chain(self.log_prev, body)
            self.events += 1
            if self.events == self.checkpoint_size:
                self.at_checkpoint = self.log_prev
            self._computed.append(self.log_prev)
            self._follow_case(event, row, body)
        elif row is not None and row[4] is not None:
            self._case(row[1]).suspect = True  # its event is gone
        while self._computed and self._stored:
            self.compared += 1
            if self._computed.popleft() != self._stored.popleft():
                self._bad(self.compared)

    def finish(self) -> list[str]:
        """The cases to check on their own; an unmatched tail of either chain is bad."""
        if self._computed or self._stored:
            self._bad(self.compared + 1)
        return [c for c, t in self.cases.items() if t.suspect or t.events != t.stored]

    def _follow_case(self, event: Row, row: Row | None, body: bytes) -> None:
        _, originator_id, version, topic, _ = event
        case_id = canonical_id(originator_id)
        is_case = isinstance(topic, str) and topic.startswith(CASE_TOPIC_PREFIX)
        trail_case = row is not None and row[4] is not None
        if row is None:
            self._case(case_id).suspect = True  # recorded but never projected
        if not (is_case or trail_case):
            return
        tally = self._case(case_id)
        tally.prev = chain(tally.prev, body)
        tally.events += 1
        if row is None or not (is_case and trail_case):
            tally.suspect = True
        elif (row[1], row[2], row[4]) != (case_id, version, tally.prev):
            tally.suspect = self._case(row[1]).suspect = True

    def _case(self, case_id: str) -> _CaseTally:
        tally = self.cases.get(case_id)
        if tally is None:
            tally = self.cases[case_id] = _CaseTally()
        return tally

    def _bad(self, index: int) -> None:
        if self.first_bad is None:
            self.first_bad = index


def verify_all(trail: AuditTrail, progress: Progress | None = None) -> LogVerification:
    """Recompute the whole-log chain and every case's chain in one pass over the log.

    ``first_bad_position`` counts events in log order from 1; ``bad_cases`` maps each
    damaged case to its first bad seq.
    """
    key = trail.checkpoint_key
    latest = None if key is None else checkpoints.latest_checkpoint(key)
    db = trail.database
    id_type = "uuid" if db.postgres and db.datastore.originator_id_type == "uuid" else "text"
    events = Stream(
        db.events_table,
        db.notification_id,
        ("originator_id", "originator_version", "topic", "state"),
        ("int8", id_type, "int8", "text", "bytea"),
    )
    rows = Stream(
        trail.table,
        "position",
        ("originator_id", "originator_version", "log_hash", "hash"),
        ("int8", "text", "int8", "text", "text"),
    )
    walk = _Walk(None if latest is None else latest.size)
    total = max(trail.app.recorder.max_notification_id() or 0, 1)
    with db.streams(events, rows) as (event_rows, trail_rows):
        for event, row in _merge(event_rows, trail_rows):
            walk.step(event, row)
            if progress is not None and event is not None and walk.events % PAGE == 0:
                progress(walk.events, max(total, walk.events))
    suspects = walk.finish()
    if progress is not None:
        progress(walk.events, max(total, walk.events))
    bad_cases = {}
    for case_id in suspects:
        with db.transaction(commit=False, snapshot=True) as cursor:
            result = _verify_case(trail, cursor, case_id)
        if not result.ok and result.first_bad_seq is not None:
            bad_cases[case_id] = result.first_bad_seq
    check = None
    if latest is not None and key is not None:
        check = checkpoints.check(latest, key, walk.events, walk.at_checkpoint)
    ok = walk.first_bad is None and not bad_cases and (check is None or check.ok)
    return LogVerification(ok, walk.events, walk.log_prev, walk.first_bad, bad_cases, check)


def _merge(events: Iterator[Row], rows: Iterator[Row]) -> Iterator[tuple[Row | None, Row | None]]:
    """Pairs of (event, trail row) with the same notification id, in id order."""
    event, row = next(events, None), next(rows, None)
    while event is not None or row is not None:
        if row is None or (event is not None and event[0] < row[0]):
            yield event, None
            event = next(events, None)
        elif event is None or row[0] < event[0]:
            yield None, row
            row = next(rows, None)
        else:
            yield event, row
            event, row = next(events, None), next(rows, None)


def _stored_id(case_id: str, postgres: bool) -> object:
    """The id as the events table holds it: a damaged id stays as it is on SQLite and
    can match nothing in PostgreSQL's uuid column (None)."""
    try:
        parsed = UUID(case_id)
    except ValueError:
        return None if postgres else case_id
    return parsed if postgres else parsed.hex
