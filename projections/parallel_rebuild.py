"""A rebuild of the obligations read model spread over worker processes.

Folding and judging cases is most of a rebuild's time, and it is pure Python: one
process keeps one core busy however many the machine has. Here each worker reads its
own stretch of the log (a range of notification ids), folds and judges the cases in it
on its own ledger over the same store, and sends back the rows. The parent writes the
stretches in log order, each with its tracking position in the same transaction, as the
serial rebuild writes its pages; a case split across stretches is judged in each and the
later stretch's rows replace the earlier's, so the rows end the same (the property
tests hold the two rebuilds to equal dumps on both stores).
"""

from __future__ import annotations

import collections
import datetime as dt
import multiprocessing
import os
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import TYPE_CHECKING

from domain.application import CaseLedger
from projections.obligation_pages import PageEvaluator
from projections.obligation_rows import CaseRows
from projections.runner import Progress

if TYPE_CHECKING:
    from projections.obligations import ObligationsReadModel

MIN_EVENTS = 100_000
"""Below this a rebuild takes seconds, less than starting the workers is worth."""
MAX_WORKERS = 4
AHEAD = 2
"""Stretches in flight per worker: enough to keep each busy while the parent writes."""

Stretch = tuple[int, list[CaseRows]]


def workers_for(app: CaseLedger, events: int) -> int:
    """How many workers a rebuild of ``events`` should use; 0 means rebuild serially.

    Serial on one core, for a short log, and on an in-memory SQLite database (another
    process cannot open it).
    """
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    cores = cores or 1
    if cores < 2 or events < MIN_EVENTS or _in_memory(app):
        return 0
    return min(cores, MAX_WORKERS)


def _in_memory(app: CaseLedger) -> bool:
    name = app.env.get("SQLITE_DBNAME") or ""
    return app.env.get("PERSISTENCE_MODULE") == "eventsourcing.sqlite" and (
        ":memory:" in name or "mode=memory" in name
    )


def project(
    app: CaseLedger,
    model: ObligationsReadModel,
    workers: int,
    stretch: int,
    progress: Progress | None = None,
) -> int | None:
    """Apply the log up to its current last event from empty; returns the new position.

    Events recorded meanwhile are left for the caller's catch-up, as after any page.
    """
    position = model.position()
    start = position or 0
    last = app.recorder.max_notification_id() or 0
    now = app.clock()
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(
        workers, mp_context=context, initializer=_start_worker, initargs=(dict(app.env),)
    ) as pool:
        ranges = (
            (first, min(first + stretch - 1, last)) for first in range(start + 1, last + 1, stretch)
        )
        for moved_to, computed in _in_order(pool, ranges, now, workers * AHEAD):
            model.apply_rows(position, moved_to, computed, rebuilding=True)
            position = moved_to
            if progress is not None:
                progress(position - start, max(last - start, position - start))
    return position


def _in_order(
    pool: ProcessPoolExecutor,
    ranges: Iterator[tuple[int, int]],
    now: dt.datetime,
    window: int,
) -> Iterator[Stretch]:
    """The stretches' results in log order, keeping ``window`` evaluations running."""
    running: collections.deque[Future[Stretch | None]] = collections.deque()
    for first, stop in ranges:
        running.append(pool.submit(_evaluate, first, stop, now))
        while len(running) >= window:
            yield from _finished(running.popleft())
    while running:
        yield from _finished(running.popleft())


def _finished(future: Future[Stretch | None]) -> Iterator[Stretch]:
    """A stretch's result, unless its ids held no event (a gap in the log)."""
    done = future.result()
    if done is not None:
        yield done


_evaluator: PageEvaluator | None = None


class _Stopped:
    """A worker's clock: it judges as of the parent's ``now``, never its own time."""

    def __call__(self) -> dt.datetime:
        raise RuntimeError("a rebuild worker judges as of the instant it is given")


WORKER_SETTINGS = {"CREATE_TABLE": "n", "POSTGRES_POOL_SIZE": "1"}
"""A worker only reads tables the parent's ledger made (PostgreSQL refuses the same
CREATE TABLE from several sessions at once), over one connection."""


def _start_worker(env: dict[str, str]) -> None:
    global _evaluator  # one ledger per worker process, made when it starts
    _evaluator = PageEvaluator(CaseLedger(env | WORKER_SETTINGS, _Stopped()))


def _evaluate(first: int, stop: int, now: dt.datetime) -> Stretch | None:
    """Rows for the log's ids ``first``..``stop``, with the last id found (None if none)."""
    assert _evaluator is not None
    app = _evaluator.app
    found = app.recorder.select_notifications(first, limit=stop - first + 1, stop=stop)
    if not found:
        return None
    events = [app.mapper.to_domain_event(notification) for notification in found]
    return found[-1].id, _evaluator.page_rows(events, now)
