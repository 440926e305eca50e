"""Issue 2: recording a contact through the command path against the library's bare save.

(a) ``CaseLedger.handle(RecordContact)`` on one case with a parent, an Idempotency-Key
each time; (b) ``app.save(aggregate)`` of an already-loaded aggregate holding one new
event. Both on the same store kind, a fixed number of operations; target ratio >= 0.5.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from uuid import UUID

from eventsourcing.application import Application
from eventsourcing.domain import Aggregate, event

from bench.stores import postgres_base_url, postgres_url, sqlite_url
from domain.application import CaseLedger, IdempotencyRequest
from domain.commands import IdentifyParent, OpenCase, RecordContact
from domain.idempotency import fingerprint
from domain.values import ContactMethod, ContactOutcome, Program, Relationship, Role
from web.config import store_settings

OPERATIONS = 2000
TARGET = 0.5


class Tally(Aggregate):
    """The simplest aggregate: one small event per save."""

    @event("Counted")
    def count(self) -> None:
        self.total = getattr(self, "total", 0) + 1


class Baseline(Application[UUID]):
    """A bare application of the library, nothing of ours."""


def wall_clock() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def timed(operations: int, step: Callable[[int], object]) -> float:
    """Operations per second of ``step`` called ``operations`` times."""
    started = time.perf_counter()
    for i in range(operations):
        step(i)
    return operations / (time.perf_counter() - started)


def command_rate(url: str, operations: int = OPERATIONS) -> float:
    """Contacts per second through CaseLedger.handle, each with its own Idempotency-Key."""
    ledger = CaseLedger(store_settings(url), clock=wall_clock)
    try:
        ledger.add_user("wendy", Role.CASEWORKER, "north", "admin")
        ledger.add_user("sam", Role.SUPERVISOR, "north", "admin")
        opened = ledger.open_case(
            OpenCase("BENCH-1", Program.NH_CPS, dt.date(2026, 1, 5), "wendy", "sam"), "wendy"
        )
        case_id = UUID(opened["case_id"])
        parent = UUID(
            ledger.handle(
                case_id,
                IdentifyParent("Ana", Relationship.BIOLOGICAL, {"custodial": True}),
                "wendy",
            )["parent_id"]
        )
        occurred = wall_clock() - dt.timedelta(hours=1)

        def record(i: int) -> object:
            body = {"parent_id": str(parent), "purpose": f"Visit {i}"}
            command = RecordContact(
                parent,
                occurred,
                ContactMethod.IN_HOME,
                ContactOutcome.COMPLETED,
                f"Visit {i}",
                narrative="Met at home.",
            )
            key = IdempotencyRequest("wendy", f"bench-{i}", fingerprint("POST", "/c", body))
            return ledger.handle(case_id, command, "wendy", idempotency=key)

        return timed(operations, record)
    finally:
        ledger.close()


def baseline_rate(url: str, operations: int = OPERATIONS) -> float:
    """One-event saves per second of an already-loaded aggregate, the library alone."""
    app = Baseline(env=store_settings(url))
    try:
        tally = Tally()
        app.save(tally)
        tally = app.repository.get(tally.id)

        def save(_: int) -> object:
            tally.count()
            return app.save(tally)

        return timed(operations, save)
    finally:
        app.close()


def measure(kind: str, url_for: Callable[[], object]) -> list[str]:
    with url_for() as url:  # type: ignore[attr-defined]
        baseline = baseline_rate(url)
    with url_for() as url:  # type: ignore[attr-defined]
        command = command_rate(url)
    ratio = command / baseline
    verdict = "ok" if ratio >= TARGET else f"BELOW {TARGET}"
    return [
        f"{kind}: record-contact command {command:8.0f}/s  "
        f"one-event save {baseline:8.0f}/s  ratio {ratio:.2f} ({verdict}), {OPERATIONS} ops each"
    ]


def run() -> list[str]:
    lines = measure("sqlite  ", sqlite_url)
    base, reason = postgres_base_url()
    if base is None:
        lines.append(f"postgres: skipped: {reason}")
    else:
        lines += measure("postgres", lambda: postgres_url(base))
    return lines
