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

DEFAULT_POSTGRES_URL = "postgresql://postgres@127.0.0.1:5432/test"
NOW = dt.datetime(2026, 3, 10, 16, 0, tzinfo=dt.UTC)


class FixedClock:
    """The benchmarks' recording clock: a fixed instant, so every run builds the same data."""

    def __init__(self, now: dt.datetime = NOW) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now


def postgres_base_url() -> tuple[str | None, str]:
    """The server to use, or None and the reason it cannot be used."""
    url = (
        os.environ.get("CASELEDGER_BENCH_POSTGRES_URL")
        or os.environ.get("CASELEDGER_TEST_POSTGRES_URL")
        or DEFAULT_POSTGRES_URL
    )
    try:
        with psycopg.connect(url, connect_timeout=3):
            pass
    except psycopg.Error as exc:
        return None, f"PostgreSQL at {url} is unreachable ({str(exc).strip()[:80]})"
    return url, ""


def postgres_base() -> str | None:
    """The PostgreSQL server to measure on, if one answers."""
    return postgres_base_url()[0]


@contextlib.contextmanager
def sqlite_url() -> Iterator[str]:
    """A database URL for a new SQLite file, removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="caseledger-bench-") as folder:
        yield f"sqlite:///{folder}/bench.db"


@contextlib.contextmanager
def postgres_url(base: str) -> Iterator[str]:
    """A database URL for a new schema on ``base``, dropped afterwards."""
    schema = f"bench_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    try:
        yield f"{base}?schema={schema}"
    finally:
        with psycopg.connect(base, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')


@contextlib.contextmanager
def fresh_url(store: str) -> Iterator[str]:
    """A database URL of that kind ("sqlite" or "postgres") holding nothing yet."""
    if store == "sqlite":
        with sqlite_url() as url:
            yield url
        return
    base = postgres_base()
    if base is None:
        raise RuntimeError("PostgreSQL is unreachable")
    with postgres_url(base) as url:
        yield url


@contextlib.contextmanager
def fresh_ledger(store: str, clock: FixedClock) -> Iterator[CaseLedger]:
    """The application on a fresh store of that kind."""
    with fresh_url(store) as url:
        ledger = CaseLedger(store_settings(url), clock=clock)
        try:
            yield ledger
        finally:
            ledger.close()
