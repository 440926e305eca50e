"""Settings: the only reader of the process environment (CASELEDGER_*).

Turns ``CASELEDGER_DATABASE_URL`` into the event store's settings, sets the
PostgreSQL lock timeout (the library's default waits for ever) and checks at start-up
that the store is durable, refusing to start otherwise.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

DEFAULT_DATABASE_URL = "sqlite:///var/caseledger.db"
LOCK_TIMEOUT_SECONDS = 5


class ConfigurationError(Exception):
    """The settings cannot describe a working, durable store."""


@dataclasses.dataclass(frozen=True)
class Settings:
    """What the service needs from its environment."""

    database_url: str
    checkpoint_key: str
    cipher_key: str | None
    secret_key: str | None = None

    @property
    def store(self) -> dict[str, str]:
        """The event store's settings for ``CaseLedger(env=...)``."""
        settings = store_settings(self.database_url)
        if self.cipher_key:
            settings["CIPHER_TOPIC"] = "eventsourcing.cryptography:AESCipher"
            settings["CIPHER_KEY"] = self.cipher_key
        return settings


def from_environment(environ: Mapping[str, str] | None = None) -> Settings:
    """Read the CASELEDGER_* settings (defaults suit the embedded SQLite store)."""
    env = os.environ if environ is None else environ
    return Settings(
        database_url=env.get("CASELEDGER_DATABASE_URL", DEFAULT_DATABASE_URL),
        checkpoint_key=env.get("CASELEDGER_CHECKPOINT_KEY", "var/checkpoint.key"),
        cipher_key=env.get("CASELEDGER_CIPHER_KEY") or None,
        secret_key=env.get("CASELEDGER_SECRET_KEY") or None,
    )


def test_postgres_url(environ: Mapping[str, str] | None = None) -> str | None:  # noqa: PT028
    """The PostgreSQL server the test suite may use, if any."""
    env = os.environ if environ is None else environ
    return env.get("CASELEDGER_TEST_POSTGRES_URL") or None


def store_settings(url: str) -> dict[str, str]:
    """The library's settings for a ``sqlite:///`` or ``postgresql://`` URL."""
    parts = urlsplit(url)
    if parts.scheme == "sqlite":
        path = unquote(parts.path[1:] if parts.path.startswith("/") else parts.path)
        if not path:
            raise ConfigurationError(f"No file in {url!r}: use sqlite:///var/caseledger.db")
        if path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        return {
            "PERSISTENCE_MODULE": "eventsourcing.sqlite",
            "SQLITE_DBNAME": path,
            "SQLITE_LOCK_TIMEOUT": str(LOCK_TIMEOUT_SECONDS),
        }
    if parts.scheme in ("postgresql", "postgres"):
        if not parts.hostname or not parts.path.strip("/"):
            raise ConfigurationError(f"{url!r} needs a host and a database name")
        query = parse_qs(parts.query)
        settings = {
            "PERSISTENCE_MODULE": "eventsourcing.postgres",
            "POSTGRES_DBNAME": unquote(parts.path.strip("/")),
            "POSTGRES_HOST": parts.hostname,
            "POSTGRES_PORT": str(parts.port or 5432),
            "POSTGRES_USER": unquote(parts.username or "postgres"),
            "POSTGRES_PASSWORD": unquote(parts.password or ""),
            "POSTGRES_LOCK_TIMEOUT": str(LOCK_TIMEOUT_SECONDS),
            "POSTGRES_IDLE_IN_TRANSACTION_SESSION_TIMEOUT": str(LOCK_TIMEOUT_SECONDS),
            "POSTGRES_CONNECT_TIMEOUT": str(LOCK_TIMEOUT_SECONDS),
            "POSTGRES_POOL_SIZE": "5",
            "POSTGRES_MAX_OVERFLOW": "20",
            "POSTGRES_MAX_WAITING": "0",
            "POSTGRES_PRE_PING": "y",
        }
        if "schema" in query:
            settings["POSTGRES_SCHEMA"] = query["schema"][0]
        return settings
    raise ConfigurationError(
        f"Unsupported CASELEDGER_DATABASE_URL {url!r}: use sqlite:/// or postgresql://"
    )


def check_durability(recorder: Any) -> None:
    """Refuse to run on a store that could lose an acknowledged write.

    SQLite must commit with ``synchronous=FULL`` (2); PostgreSQL with ``fsync``,
    ``synchronous_commit`` and ``full_page_writes`` on.
    """
    datastore = recorder.datastore
    if type(datastore).__name__ == "SQLiteDatastore":
        with datastore.transaction(commit=False) as cursor:
            cursor.execute("PRAGMA synchronous")
            level = cursor.fetchone()[0]
        if level < 2:
            raise ConfigurationError(f"SQLite synchronous is {level}; FULL (2) is required")
        return
    problems = []
    with datastore.transaction(commit=False) as cursor:
        for name in ("fsync", "synchronous_commit", "full_page_writes"):
            cursor.execute(f"SHOW {name}")
            value = next(iter(cursor.fetchone().values()))
            if value != "on":
                problems.append(f"{name}={value}")
    if problems:
        raise ConfigurationError("PostgreSQL is not durable: " + ", ".join(problems))
