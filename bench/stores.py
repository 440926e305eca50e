"""Fresh stores for the benchmarks: a SQLite file, and a PostgreSQL schema when reachable."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import tempfile
import uuid
from collections.abc import Iterator

import psycopg

from domain.application import CaseLedger
from web.config import store_settings

NOW = dt.datetime(2026, 3, 10, 16, 0, tzinfo=dt.UTC)


class FixedClock:
    """The benchmarks' recording clock: a fixed instant, so every run builds the same data."""

    def __init__(self, now: dt.datetime = NOW) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now


def postgres_base() -> str | None:
    """The PostgreSQL server to measure on, if one answers."""
    url = os.environ.get("CASELEDGER_BENCH_POSTGRES_URL") or os.environ.get(
        "CASELEDGER_TEST_POSTGRES_URL"
    )
    if not url:
        return None
    try:
        with psycopg.connect(url, connect_timeout=3):
            return url
    except psycopg.Error:
        return None


@contextlib.contextmanager
def fresh_url(store: str) -> Iterator[str]:
    """A database URL holding nothing yet, removed afterwards."""
    if store == "sqlite":
        with tempfile.TemporaryDirectory(prefix="caseledger-bench-") as folder:
            yield f"sqlite:///{folder}/bench.db"
        return
    base = postgres_base()
    assert base is not None
    schema = f"bench_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    try:
        yield f"{base}?schema={schema}"
    finally:
        with psycopg.connect(base, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')


@contextlib.contextmanager
def fresh_ledger(store: str, clock: FixedClock) -> Iterator[CaseLedger]:
    """The application on a fresh store of that kind."""
    with fresh_url(store) as url:
        ledger = CaseLedger(store_settings(url), clock=clock)
        try:
            yield ledger
        finally:
            ledger.close()
