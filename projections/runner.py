"""Feeding read models from the application's notification log, exactly once.

One code path for both stores: pull pages of the log from the read model's tracked
position and hand each page to the read model, which writes its rows and the page's
last notification id in one transaction. On SQLite (no subscriptions) callers catch up
inline before answering; on PostgreSQL the same pull works from requests or a loop.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import threading
import weakref
from collections.abc import Callable, Iterator, Sequence
from typing import Any, Protocol
from uuid import UUID

from eventsourcing.application import Application
from eventsourcing.persistence import Notification

PAGE_SIZE = 500
REBUILD_GC_THRESHOLD = 50_000

Progress = Callable[[int, int], None]
"""Called after each page with (events applied so far, events to apply in all)."""


class TrackingConflict(Exception):
    """Another thread or process applied this page first; re-read the position."""


@dataclasses.dataclass(frozen=True)
class Recorded:
    """One event as the log delivered it: its stored form and its domain event."""

    notification: Notification
    event: Any

    @property
    def position(self) -> int:
        """The event's notification id: its place in the whole log."""
        return self.notification.id


@dataclasses.dataclass(frozen=True)
class Batch:
    """A page of the log that continues from ``after`` (None: from the first event)."""

    after: int | None
    items: Sequence[Recorded]
    rebuilding: bool = False
    """Part of a rebuild from zero: its rows can be computed again from the log, so a
    read model may commit it without waiting for the disk (``Database.transaction``)."""

    @property
    def last(self) -> int:
        """The notification id the tracking position moves to."""
        return self.items[-1].position


class ReadModel(Protocol):
    """A tracked read model living in the application's database."""

    name: str

    def position(self) -> int | None:
        """The last notification id applied, or None before the first."""
        ...

    def apply_batch(self, batch: Batch) -> None:
        """Write the batch's rows and move the position to ``batch.last``, atomically.

        Raises TrackingConflict (writing nothing) when the position is not ``batch.after``.
        """
        ...

    def reset(self) -> None:
        """Drop the rows and the position, so the next catch-up rebuilds from zero."""
        ...


_locks: weakref.WeakKeyDictionary[ReadModel, threading.RLock] = weakref.WeakKeyDictionary()
_locks_guard = threading.Lock()


def _lock(read_model: ReadModel) -> threading.RLock:
    with _locks_guard:
        lock = _locks.get(read_model)
        if lock is None:
            lock = _locks[read_model] = threading.RLock()
        return lock


def catch_up(
    app: Application[UUID],
    read_model: ReadModel,
    progress: Progress | None = None,
    stop: Callable[[], bool] | None = None,
    page_size: int = PAGE_SIZE,
    rebuilding: bool = False,
) -> int | None:
    """Apply every event recorded after the read model's position; returns the new one.

    Safe from many threads (one at a time per read model in a process) and from many
    processes (the tracking row refuses a page someone else applied). ``stop`` is asked
    between pages and ends the catch-up early when it answers True. A rebuild may ask
    for larger pages (fewer transactions, fewer cases split across pages).
    """
    with _lock(read_model):
        position = read_model.position()
        start = position or 0
        total = max((app.recorder.max_notification_id() or 0) - start, 0)
        while stop is None or not stop():
            page = app.recorder.select_notifications(
                position, limit=page_size, inclusive_of_start=False
            )
            if not page:
                break
            items = [Recorded(n, app.mapper.to_domain_event(n)) for n in page]
            try:
                read_model.apply_batch(Batch(position, items, rebuilding))
            except TrackingConflict:
                moved = read_model.position()
                if moved == position:
                    raise
                position = moved
                continue
            position = page[-1].id
            if progress is not None:
                progress(position - start, max(total, position - start))
        return position


def rebuild(
    app: Application[UUID],
    read_model: ReadModel,
    progress: Progress | None = None,
    page_size: int = PAGE_SIZE,
    bulk: Callable[[Progress | None], object] | None = None,
) -> int | None:
    """Throw the read model away and project the whole log again (D5: equals live).

    ``bulk``, if given, projects most of the log first its own way (in parallel, say),
    moving the position as it goes; the catch-up then applies whatever is left.
    """
    with _lock(read_model), _rarer_collections():
        read_model.reset()
        if bulk is not None:
            bulk(progress)
            progress = _after(progress, read_model.position() or 0)
        return catch_up(app, read_model, progress, page_size=page_size, rebuilding=True)


def _after(progress: Progress | None, done: int) -> Progress | None:
    """Progress counted on from ``done`` events (a catch-up counts from its own start)."""
    if progress is None:
        return None
    report = progress
    return lambda applied, total: report(done + applied, done + total)


@contextlib.contextmanager
def _rarer_collections() -> Iterator[None]:
    """Run the cyclic garbage collector less often while a rebuild runs.

    Decoding, folding and evaluating a page allocates containers by the hundred
    thousand, most of them alive until the page is written. At the default threshold
    (700 allocations) the collector keeps walking those live objects for nothing. It
    still runs, only rarer; the previous thresholds come back afterwards.
    """
    previous = gc.get_threshold()
    gc.set_threshold(max(previous[0], REBUILD_GC_THRESHOLD), *previous[1:])
    try:
        yield
    finally:
        gc.set_threshold(*previous)


def lag(app: Application[UUID], read_model: ReadModel) -> int:
    """How many notification ids the read model is behind the log (D6 reports it)."""
    return max((app.recorder.max_notification_id() or 0) - (read_model.position() or 0), 0)
