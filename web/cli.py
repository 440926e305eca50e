"""`caseledger`: serve the API, add users, load the demo data set."""

from __future__ import annotations

import sys
from typing import Any

import click
from flask import Flask, current_app
from flask.cli import FlaskGroup, with_appcontext

from domain import errors as domain
from domain.application import CaseLedger
from domain.values import Role

CLI_ACTOR = "cli"


def _ledger() -> CaseLedger:
    ledger: CaseLedger = current_app.extensions["caseledger"]
    return ledger


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@with_appcontext
def serve(host: str, port: int) -> None:
    """Serve the API (threaded; use gunicorn in production)."""
    from werkzeug.serving import run_simple

    app: Any = current_app._get_current_object()  # type: ignore[attr-defined]
    run_simple(host, port, app, threaded=True)


@click.group("users")
def users() -> None:
    """Manage staff accounts."""


def _username(ctx: click.Context, param: click.Parameter, value: str) -> str:
    """Usernames appear in bodies and the audit trail: short, printable, no spaces."""
    if not value or len(value) > 200 or not value.isprintable() or any(c.isspace() for c in value):
        raise click.BadParameter("1 to 200 printable characters without spaces.")
    return value


@users.command("add")
@click.argument("username", callback=_username)
@click.option("--role", required=True, type=click.Choice([r.value for r in Role]))
@click.option("--team", default=None)
@with_appcontext
def add_user(username: str, role: str, team: str | None) -> None:
    """Create a user and print only their API token."""
    try:
        token = _ledger().add_user(username, Role(role), team, actor=CLI_ACTOR)
    except domain.DuplicateUser as error:
        click.echo(error.message, err=True)
        sys.exit(1)
    click.echo(token)


def register_commands(app: Flask) -> None:
    """Make the commands available on ``app.cli`` (and so to ``caseledger``)."""
    from web.audit_cli import COMMANDS as AUDIT_COMMANDS
    from web.demo_cli import demo
    from web.projections_cli import projections

    for command in (serve, users, demo, projections, *AUDIT_COMMANDS):
        app.cli.add_command(command)


def _create_app() -> Flask:
    from web import create_app

    return create_app()


main = FlaskGroup(
    name="caseledger",
    create_app=_create_app,
    add_default_commands=False,
    add_version_option=False,
    load_dotenv=False,
    help="caseledger: event-sourced case records.",
)
