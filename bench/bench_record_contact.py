"""Issue 2: recording a contact through the command path against the library's bare save.

(a) ``CaseLedger.handle(RecordContact)`` on one case with a parent, an Idempotency-Key
each time; (b) ``app.save(aggregate)`` of an already-loaded aggregate holding one new
event. Both on the same store kind, a fixed number of operations each, run in
alternating rounds so that a change in the machine's load touches both alike.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import time
from collections.abc import Callable, Iterator
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
ROUNDS = 8
TARGET = 0.5

Step = Callable[[int], object]


class Tally(Aggregate):
    """The simplest aggregate: one small event per save."""

    @event("Counted")
    def count(self) -> None:
        self.total = getattr(self, "total", 0) + 1


class Baseline(Application[UUID]):
    """A bare application of the library, nothing of ours."""


def wall_clock() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@contextlib.contextmanager
def record_contact(url: str) -> Iterator[Step]:
    """Each step records one contact through CaseLedger.handle with its own key."""
    ledger = CaseLedger(store_settings(url), clock=wall_clock)
    try:
        ledger.add_user("wendy", Role.CASEWORKER, "north", "admin")
        ledger.add_user("sam", Role.SUPERVISOR, "north", "admin")
        opened = ledger.open_case(
            OpenCase("BENCH-1", Program.NH_CPS, dt.date(2026, 1, 5), "wendy", "sam"), "wendy"
        )
        case_id = UUID(opened["case_id"])
        identify = IdentifyParent("Ana", Relationship.BIOLOGICAL, {"custodial": True})
        parent = UUID(ledger.handle(case_id, identify, "wendy")["parent_id"])
        occurred = wall_clock() - dt.timedelta(hours=1)

        def step(i: int) -> object:
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

        yield step
    finally:
        ledger.close()


@contextlib.contextmanager
def one_event_save(url: str) -> Iterator[Step]:
    """Each step saves an already-loaded aggregate holding one new event."""
    app = Baseline(env=store_settings(url))
    try:
        tally = Tally()
        app.save(tally)
        tally = app.repository.get(tally.id)

        def step(_: int) -> object:
            tally.count()
            return app.save(tally)

        yield step
    finally:
        app.close()


def alternate(command: Step, baseline: Step) -> tuple[float, float]:
    """Operations per second of each, over alternating rounds of equal size."""
    spent = {"command": 0.0, "baseline": 0.0}
    per_round = OPERATIONS // ROUNDS
    for r in range(ROUNDS):
        for name, step in (("command", command), ("baseline", baseline)):
            started = time.perf_counter()
            for i in range(r * per_round, (r + 1) * per_round):
                step(i)
            spent[name] += time.perf_counter() - started
    done = per_round * ROUNDS
    return done / spent["command"], done / spent["baseline"]


def measure(kind: str, url_for: Callable[[], contextlib.AbstractContextManager[str]]) -> str:
    with (
        url_for() as command_url,
        url_for() as baseline_url,
        record_contact(command_url) as command,
        one_event_save(baseline_url) as baseline,
    ):
        command_rate, baseline_rate = alternate(command, baseline)
    ratio = command_rate / baseline_rate
    verdict = "ok" if ratio >= TARGET else f"BELOW {TARGET}"
    return (
        f"{kind}: record-contact command {command_rate:6.0f}/s, one-event save "
        f"{baseline_rate:6.0f}/s, ratio {ratio:.3f} ({verdict}); {OPERATIONS} ops each"
    )


def run() -> list[str]:
    lines = [measure("sqlite  ", sqlite_url)]
    base, reason = postgres_base_url()
    if base is None:
        lines.append(f"postgres: skipped: {reason}")
    else:
        lines.append(measure("postgres", lambda: postgres_url(base)))
    return lines
