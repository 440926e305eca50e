"""`caseledger projections rebuild [NAME]`: throw read models away and project them again."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click
from flask import current_app
from flask.cli import with_appcontext

from domain.application import CaseLedger
from projections import obligations, parallel_rebuild
from projections.audit_trail import AuditDamaged, AuditTrail
from projections.review_queue import ReviewQueue
from projections.runner import Progress
from web.config import from_environment


def _obligations(ledger: CaseLedger, workers: int) -> Callable[[Progress], int | None]:
    model = obligations.ObligationsReadModel(ledger)
    return lambda progress: obligations.rebuild(ledger, model, progress, workers)


def _audit_trail(ledger: CaseLedger, _workers: int) -> Callable[[Progress], int | None]:
    key = Path(from_environment().checkpoint_key)
    trail = AuditTrail(ledger, key if key.exists() else None)
    return trail.rebuild


def _review_queue(ledger: CaseLedger, _workers: int) -> Callable[[Progress], int | None]:
    return ReviewQueue(ledger).rebuild


READ_MODELS: dict[str, Callable[[CaseLedger, int], Callable[[Progress], int | None]]] = {
    "obligations": _obligations,
    "audit_trail": _audit_trail,
    "review_queue": _review_queue,
}


@click.group("projections")
def projections() -> None:
    """Manage the read models derived from the events."""


@projections.command("rebuild")
@click.argument("name", required=False, type=click.Choice(sorted(READ_MODELS)))
@click.option(
    "--workers",
    type=click.IntRange(min=0),
    default=None,
    help="Processes judging the obligations (default: one per core, up to"
    f" {parallel_rebuild.MAX_WORKERS}, on a log of {parallel_rebuild.MIN_EVENTS:,} events"
    " or more; 0: this process alone).",
)
@with_appcontext
def rebuild(name: str | None, workers: int | None) -> None:
    """Rebuild one read model from the first event (no NAME: all of them)."""
    ledger: CaseLedger = current_app.extensions["caseledger"]
    for each in [name] if name else sorted(READ_MODELS):
        total = ledger.recorder.max_notification_id() or 0
        judges = parallel_rebuild.workers_for(ledger, total) if workers is None else workers
        run = READ_MODELS[each](ledger, judges)
        bar: Any
        with click.progressbar(length=max(total, 1), label=f"Rebuilding {each}") as bar:
            done = [0]

            def progress(applied: int, _total: int, bar: Any = bar, done: list[int] = done) -> None:
                bar.update(applied - done[0])
                done[0] = applied

            try:
                position = run(progress)
            except AuditDamaged as error:
                click.echo(f"\n{each}: {error}", err=True)
                sys.exit(1)
        by = f" (judged by {judges} worker processes)" if each == "obligations" and judges else ""
        click.echo(f"{each}: rebuilt up to event {position or 0}{by}.")
