"""How fast the whole store verifies: ``verify_all`` in events per second (target: 10^6 < 60 s).

A generated history (cases of one parent and many contacts, saved in bulk through the
application) is projected into the audit trail, then verified from the raw rows, on
SQLite and, when CASELEDGER_TEST_POSTGRES_URL reaches a server, on PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg

from domain.application import CaseLedger
from domain.case import Case
from domain.commands import IdentifyParent, OpenCase, RecordContact
from domain.values import ContactMethod, ContactOutcome, Program, Relationship, Role
from projections.audit_trail import AuditTrail
from projections.runner import catch_up
from web.config import store_settings, test_postgres_url

EVENTS = 200_000
EVENTS_PER_CASE = 50  # below the snapshot interval, so saves write events only
CASES_PER_SAVE = 20
TARGET_EVENTS = 1_000_000
TARGET_SECONDS = 60.0


class _Clock:
    """Recording time moves a second per event read."""

    def __init__(self) -> None:
        self.now = dt.datetime(2026, 3, 10, 16, 0, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        self.now += dt.timedelta(seconds=1)
        return self.now


def _case(number: int, clock: _Clock) -> Case:
    opened = OpenCase(f"B-{number}", Program.NH_CPS, dt.date(2026, 1, 5), "wendy", "sam")
    case = opened.build("wendy", clock())
    parent = IdentifyParent("Ana", Relationship.BIOLOGICAL, {"custodial": True})
    parent_id = uuid.UUID(parent.apply(case, "wendy", clock())["parent_id"])
    for n in range(EVENTS_PER_CASE - 2):
        at = clock()
        method = ContactMethod.IN_HOME if n % 3 else ContactMethod.PHONE
        contact = RecordContact(
            parent_id,
            at - dt.timedelta(hours=2),
            method,
            ContactOutcome.COMPLETED,
            "visit",
            narrative=f"Seen at home, visit {n}.",
        )
        contact.apply(case, "wendy", at)
    return case


def _generate(ledger: CaseLedger, clock: _Clock, events: int) -> None:
    ledger.add_user("wendy", Role.CASEWORKER, "north", "bench")
    ledger.add_user("sam", Role.SUPERVISOR, "north", "bench")
    cases = events // EVENTS_PER_CASE
    for start in range(0, cases, CASES_PER_SAVE):
        ledger.save(*(_case(n, clock) for n in range(start, min(start + CASES_PER_SAVE, cases))))


def _measure(name: str, url: str, events: int) -> list[str]:
    clock = _Clock()
    ledger = CaseLedger(store_settings(url), clock=clock)
    try:
        started = time.perf_counter()
        _generate(ledger, clock, events)
        generated = time.perf_counter() - started
        trail = AuditTrail(ledger)
        started = time.perf_counter()
        catch_up(ledger, trail)
        projected = time.perf_counter() - started
        started = time.perf_counter()
        report = trail.verify_all()
        verified = time.perf_counter() - started
    finally:
        ledger.close()
    if not report.ok:
        return [f"verify {name}: FAILED on a clean store: {report.as_dict()}"]
    rate = report.events / verified
    million = TARGET_EVENTS / rate
    verdict = "meets" if million < TARGET_SECONDS else "MISSES"
    return [
        f"verify {name}: {report.events:,} events generated in {generated:.1f} s,"
        f" projected into the audit trail in {projected:.1f} s"
        f" ({report.events / projected:,.0f} events/s)",
        f"verify {name}: verify_all {report.events:,} events in {verified:.2f} s ="
        f" {rate:,.0f} events/s; {TARGET_EVENTS:,} events ≈ {million:.1f} s"
        f" ({verdict} the {TARGET_SECONDS:.0f} s target)",
    ]


@contextmanager
def _postgres_schema(base: str) -> Iterator[str]:
    schema = f"bench_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    try:
        yield f"{base}?schema={schema}"
    finally:
        with psycopg.connect(base, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')


def run(events: int = EVENTS) -> list[str]:
    """The bench's report lines."""
    with tempfile.TemporaryDirectory() as tmp:
        lines = _measure("sqlite", f"sqlite:///{Path(tmp) / 'bench.db'}", events)
    base = test_postgres_url()
    if base is None:
        return [*lines, "verify postgres: skipped (CASELEDGER_TEST_POSTGRES_URL not set)"]
    try:
        with _postgres_schema(base) as url:
            lines += _measure("postgres", url, events)
    except psycopg.OperationalError as exc:
        lines.append(f"verify postgres: skipped (server not reachable: {exc})")
    return lines


if __name__ == "__main__":
    print("\n".join(run()))
