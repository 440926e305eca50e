"""`caseledger demo`: load the demo data set and print who can try it."""

from __future__ import annotations

import click


@click.command("demo")
@click.option("--if-empty", is_flag=True, help="Load only when the store holds no events.")
@click.option("--seed", default=2026, show_default=True, type=int)
def demo(if_empty: bool, seed: int) -> None:
    """Load a realistic demo data set through the application's commands."""
    raise click.ClickException("not ready")
