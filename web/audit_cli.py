"""`caseledger verify`, `checkpoint` and `export CASE_ID`: the audit from the command line.

``verify`` recomputes every chain from the stored events (the whole store, with a
progress bar) and checks the latest signed checkpoint; it exits 1 on damage, naming the
first bad position. ``checkpoint`` signs the whole log's size and head with the key
kept outside the database and prints the public key. ``export`` writes what the API
serves, plus (as JSON) the stored events a court needs to recompute every hash.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any
from uuid import UUID

import click
from flask import current_app, render_template
from flask.cli import with_appcontext

from domain.application import CaseLedger
from projections.audit_export import case_export
from projections.audit_trail import AuditTrail
from projections.checkpoint import public_key_pem
from projections.runner import catch_up
from web import access_log
from web.audit import checkpoint_key, trail
from web.audit_report import report

CLI_USER = "cli"


def _ledger() -> CaseLedger:
    ledger: CaseLedger = current_app.extensions["caseledger"]
    return ledger


def _trail_caught_up() -> AuditTrail:
    """The trail with every event projected, as far as the events can still be read:
    a damaged event stops the projection, and verify then reports it as unprojected."""
    audit = trail()
    try:
        catch_up(audit.app, audit)
    except Exception as error:
        click.echo(f"The audit trail could not project every event: {error!r}", err=True)
    return audit


@click.command("verify")
@with_appcontext
def verify() -> None:
    """Recompute every hash chain from the stored events; exit 1 on any damage."""
    audit = _trail_caught_up()
    total = max(_ledger().recorder.max_notification_id() or 0, 1)
    bar: Any
    with click.progressbar(length=total, label="Verifying", file=sys.stderr) as bar:
        done = [0]

        def progress(checked: int, _total: int) -> None:
            bar.update(checked - done[0])
            done[0] = checked

        result = audit.verify_all(progress)
    click.echo(f"events: {result.events}")
    click.echo(f"head_hash: {result.head_hash}")
    if result.checkpoint is not None:
        state = "ok" if result.checkpoint.ok else f"FAILED: {result.checkpoint.reason}"
        click.echo(
            f"checkpoint of {result.checkpoint.size} events at {result.checkpoint.at}: {state}"
        )
    else:
        click.echo("checkpoint: none signed yet (run caseledger checkpoint)")
    if result.ok:
        click.echo("ok")
        return
    if result.first_bad_position is not None:
        click.echo(f"DAMAGED: first bad position in the log: {result.first_bad_position}")
    for case_id, seq in sorted(result.bad_cases.items()):
        click.echo(f"DAMAGED: case {case_id}: first bad seq {seq}")
    sys.exit(1)


@click.command("checkpoint")
@with_appcontext
def checkpoint() -> None:
    """Sign the whole log's size and head hash now; print it and the public key."""
    audit = _trail_caught_up()
    signed = audit.create_checkpoint(_ledger().clock())
    click.echo(json.dumps(signed.as_dict(), indent=2, sort_keys=True))
    click.echo(public_key_pem(checkpoint_key()), nl=False)


@click.command("export")
@click.argument("case_id", type=click.UUID)
@click.option("--known-at", default=None, help="ISO 8601 instant with its offset.")
@click.option("--format", "form", type=click.Choice(["json", "html", "pdf"]), default="json")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None)
@with_appcontext
def export(case_id: UUID, known_at: str | None, form: str, output: Path | None) -> None:
    """Export a case's audit history (JSON with its stored events, html or pdf)."""
    when = _instant(known_at)
    audit = _trail_caught_up()
    if not audit.entries(case_id)["entries"]:
        click.echo(f"No case {case_id}.", err=True)
        sys.exit(1)
    if form == "json":
        data = json.dumps(case_export(audit, case_id, when), indent=2, ensure_ascii=False)
        content = (data + "\n").encode()
    else:
        page = render_template("audit/export.html", **report(audit, _ledger(), case_id, when))
        from web.pdf import render_pdf

        content = render_pdf(page) if form == "pdf" else page.encode()
    query = f"?format={form}" + ("&known_at" if known_at else "")
    access_log.record(CLI_USER, None, f"caseledger export{query}", str(case_id), 200)
    if output is None:
        stdout = click.get_binary_stream("stdout")
        stdout.write(content)
        stdout.flush()
    else:
        output.write_bytes(content)
        click.echo(f"Wrote {output} ({len(content)} bytes).", err=True)


def _instant(text: str | None) -> dt.datetime | None:
    if text is None:
        return None
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        raise click.BadParameter("an ISO 8601 instant", param_hint="--known-at") from None
    if moment.tzinfo is None:
        raise click.BadParameter("the instant must name its offset", param_hint="--known-at")
    return moment


COMMANDS = (verify, checkpoint, export)
