"""`caseledger demo`: load the demo data set and print who can try it."""

from __future__ import annotations

import sys

import click
from flask import current_app
from flask.cli import with_appcontext

from domain.application import CaseLedger
from web.demo import DemoClock, load_demo
from web.demo_cast import USERS, example_case

BASE_URL = "http://127.0.0.1:8000"


@click.command("demo")
@click.option("--if-empty", is_flag=True, help="Load only when the store holds no events.")
@click.option("--seed", default=2026, show_default=True, type=int)
@with_appcontext
def demo(if_empty: bool, seed: int) -> None:
    """Load a realistic demo data set through the application's commands."""
    ledger: CaseLedger = current_app.extensions["caseledger"]
    if ledger.recorder.max_notification_id():
        if not if_empty:
            click.echo("The store already holds events; use --if-empty to keep them.", err=True)
            sys.exit(1)
        click.echo("The store already holds events: nothing loaded; new tokens issued.", err=True)
        tokens = {
            user.username: ledger.issue_token(user.username, actor="demo")
            for user in USERS
            if ledger.find_user(user.username) is not None
        }
    else:
        # The demo steps its own recording clock; the command runs before serving.
        clock, served_clock = DemoClock(ledger.clock()), ledger.clock
        ledger.clock = clock
        try:
            tokens = load_demo(ledger, clock, seed)
        finally:
            ledger.clock = served_clock
        click.echo(f"Demo loaded: {ledger.recorder.max_notification_id()} events.")
    _print_users(tokens)


def _print_users(tokens: dict[str, str]) -> None:
    click.echo(f"\nSign in at {BASE_URL}/login with a token, or call the API with it.")
    click.echo("\nDemo users and their API tokens:")
    for user in USERS:
        if user.username not in tokens:
            continue
        token = tokens[user.username]
        click.echo(f"\n  {user.username} ({user.role.value}, team {user.team or '-'})")
        click.echo(f"    token: {token}")
        case = example_case(user)
        path = f"/api/v1/cases/{case}" if case else "/api/v1/openapi.json"
        click.echo(f'    curl -H "Authorization: Bearer {token}" {BASE_URL}{path}')
