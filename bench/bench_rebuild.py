"""Rebuild of the obligations read model against the bare library's batched pull.

Generates a synthetic history (about 1,000,000 events on SQLite; PostgreSQL gets a
smaller one by default, said in its line), then on the same store measures the bare
batched pull (bench.pull_baseline) and ``projections.obligations.rebuild``, both in
events per second, and prints their ratio (issue 3: target >= 0.25 on SQLite). The
rebuild runs as the CLI runs it (worker processes on a long log), and in one process too.
Sizes: CASELEDGER_BENCH_EVENTS (SQLite) and CASELEDGER_BENCH_PG_EVENTS (PostgreSQL).
"""

from __future__ import annotations

import os
import time

from bench.pull_baseline import batched_pull
from bench.stores import FixedClock, fresh_ledger, postgres_base
from projections.obligations import ObligationsReadModel, rebuild
from projections.parallel_rebuild import workers_for
from web.synthetic_runs import enrol, save_in_bulk, stories

SEED = 2026
TARGET = 0.25


def _measure(store: str, events: int) -> str:
    clock = FixedClock()
    with fresh_ledger(store, clock) as ledger:
        pairs = enrol(ledger, teams=40, workers_per_team=12)
        started = time.perf_counter()
        cases, _ = save_in_bulk(ledger, stories(SEED, ledger, pairs), target_events=events)
        generated = time.perf_counter() - started
        total = ledger.recorder.max_notification_id() or 0
        started = time.perf_counter()
        pulled = batched_pull(ledger)
        pull_rate = pulled / (time.perf_counter() - started)
        model = ObligationsReadModel(ledger)
        workers = workers_for(ledger, total)
        rates = {}
        for processes in sorted({0, workers}, reverse=True):
            started = time.perf_counter()
            rebuild(ledger, model, workers=processes)
            rates[processes] = total / (time.perf_counter() - started)
    rebuild_rate, alone = rates[workers], rates[0]
    return (
        f"rebuild {store}: {total:,} events ({cases:,} cases, generated in {generated:.0f} s);"
        f" obligations rebuild {rebuild_rate:,.0f} events/s ({workers} worker processes;"
        f" in one process {alone:,.0f} events/s, ratio {alone / pull_rate:.3f}); bare batched"
        f" pull {pull_rate:,.0f} events/s; ratio {rebuild_rate / pull_rate:.3f}"
        f" (target >= {TARGET} on SQLite)"
    )


def run() -> list[str]:
    """One line per store."""
    lines = [_measure("sqlite", int(os.environ.get("CASELEDGER_BENCH_EVENTS", 1_000_000)))]
    if postgres_base() is None:
        lines.append("rebuild postgres: skipped (no PostgreSQL reachable)")
    else:
        events = int(os.environ.get("CASELEDGER_BENCH_PG_EVENTS", 200_000))
        lines.append(_measure("postgres", events) + " [smaller history on PostgreSQL]")
    return lines


if __name__ == "__main__":
    print("\n".join(run()))
