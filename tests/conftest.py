"""Fixtures shared by every layer: a settable clock and real stores.

``store_settings`` is parametrised over SQLite (a fresh file) and PostgreSQL (a fresh
schema in the test database). Without CASELEDGER_TEST_POSTGRES_URL the PostgreSQL
runs skip with the reason shown; under CI=true they fail instead of skipping.
"""

from __future__ import annotations

import datetime as dt
import os
import uuid
from collections.abc import Iterator

import psycopg
import pytest

from domain.application import CaseLedger
from web.config import store_settings, test_postgres_url


class Clock:
    """A clock the test moves by hand; the application reads only this."""

    def __init__(self, now: dt.datetime) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta: float) -> dt.datetime:
        self.now += dt.timedelta(**delta)
        return self.now


@pytest.fixture
def clock() -> Clock:
    """Noon in New Hampshire on a Tuesday, 10 March 2026."""
    return Clock(dt.datetime(2026, 3, 10, 16, 0, tzinfo=dt.UTC))


def _postgres_url_or_skip() -> str:
    url = test_postgres_url()
    if url:
        return url
    if os.environ.get("CI") == "true":
        pytest.fail("CI=true but CASELEDGER_TEST_POSTGRES_URL is not set")
    pytest.skip("PostgreSQL tests need CASELEDGER_TEST_POSTGRES_URL (see README)")


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A database URL whose schema is new and is dropped after the test."""
    base = _postgres_url_or_skip()
    schema = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    try:
        yield f"{base}?schema={schema}"
    finally:
        with psycopg.connect(base, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')


@pytest.fixture(params=["sqlite", "postgres"])
def database_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The same test on both stores: a fresh SQLite file, a fresh PostgreSQL schema."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path_factory.mktemp('store')}/caseledger.db"
    url: str = request.getfixturevalue("postgres_url")
    return url


@pytest.fixture
def ledger(database_url: str, clock: Clock) -> Iterator[CaseLedger]:
    """The application on a real, empty store."""
    app = CaseLedger(store_settings(database_url), clock=clock)
    try:
        yield app
    finally:
        app.close()
