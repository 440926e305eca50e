"""Throw-away stores for benchmarks: a temporary SQLite file and a fresh PostgreSQL schema."""

from __future__ import annotations

import contextlib
import os
import tempfile
import uuid
from collections.abc import Iterator

import psycopg

DEFAULT_POSTGRES_URL = "postgresql://postgres@127.0.0.1:5432/test"


@contextlib.contextmanager
def sqlite_url() -> Iterator[str]:
    """A database URL for a new SQLite file, removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="caseledger-bench-") as folder:
        yield f"sqlite:///{folder}/bench.db"


def postgres_base_url() -> tuple[str | None, str]:
    """The server to use, or None and the reason it cannot be used."""
    url = os.environ.get("CASELEDGER_TEST_POSTGRES_URL") or DEFAULT_POSTGRES_URL
    try:
        with psycopg.connect(url, connect_timeout=3):
            pass
    except psycopg.Error as exc:
        return None, f"PostgreSQL at {url} is unreachable ({str(exc).strip()[:80]})"
    return url, ""


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
