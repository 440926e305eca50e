"""The domain stays pure: no web, storage driver, process environment or wall clock.

ARCHITECTURE.md: domain/ imports no Flask, marshmallow, SQL driver, ``os.environ`` or
clock; the clock is injected and the store settings are handed in by the caller.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

DOMAIN = Path(__file__).resolve().parent.parent / "domain"

FORBIDDEN_MODULES = (
    "flask",
    "marshmallow",
    "werkzeug",
    "sqlite3",
    "psycopg",
    "psycopg2",
    "psycopg_pool",
    "sqlalchemy",
    "eventsourcing.postgres",
    "eventsourcing.sqlite",
    "os",
    "web",
    "projections",
)

FORBIDDEN_CALLS = {
    "datetime.datetime.now",
    "datetime.datetime.utcnow",
    "datetime.datetime.today",
    "datetime.date.today",
    "time.time",
    "time.time_ns",
    "time.monotonic",
    "time.monotonic_ns",
    "time.perf_counter",
    "time.localtime",
    "time.gmtime",
}


def _forbidden_module(name: str) -> bool:
    return any(name == m or name.startswith(m + ".") for m in FORBIDDEN_MODULES)


def _dotted(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        base = _dotted(node.value)
        return None if base is None else f"{base}.{node.attr}"
    return None


def violations(source: str, filename: str = "<source>") -> list[str]:
    """Each forbidden import or clock read in ``source``, as ``line: what``."""
    tree = ast.parse(source, filename)
    aliases: dict[str, str] = {}
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                aliases[(alias.asname or alias.name).split(".")[0]] = (
                    alias.name if alias.asname else alias.name.split(".")[0]
                )
                if _forbidden_module(alias.name):
                    found.append(f"{node.lineno}: import {alias.name}")
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if _forbidden_module(node.module):
                found.append(f"{node.lineno}: from {node.module} import ...")
            for alias in node.names:
                qualified = f"{node.module}.{alias.name}"
                aliases[alias.asname or alias.name] = qualified
                if qualified in FORBIDDEN_CALLS:
                    found.append(f"{node.lineno}: from {node.module} import {alias.name}")
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = _dotted(node.func)
            if name is None:
                continue
            head, _, rest = name.partition(".")
            resolved = aliases.get(head, head) + (f".{rest}" if rest else "")
            if resolved in FORBIDDEN_CALLS:
                found.append(f"{node.lineno}: {name}()")
        elif isinstance(node, ast.Name) and node.id in ("__import__",):
            found.append(f"{node.lineno}: __import__")
    return found


def domain_modules() -> list[Path]:
    return sorted(DOMAIN.rglob("*.py"))


def test_the_walk_finds_the_domain_modules():
    names = {p.relative_to(DOMAIN).as_posix() for p in domain_modules()}
    assert {"case.py", "application.py", "policy/calendar.py"} <= names


@pytest.mark.parametrize("path", domain_modules(), ids=lambda p: p.relative_to(DOMAIN).as_posix())
def test_domain_module_imports_no_web_storage_environment_or_clock(path):
    assert violations(path.read_text(encoding="utf-8"), str(path)) == []


@pytest.mark.parametrize(
    "source",
    [
        "import flask",
        "from flask import Flask",
        "from marshmallow import Schema",
        "import werkzeug.exceptions",
        "import sqlite3",
        "import psycopg",
        "from psycopg import sql",
        "import sqlalchemy as sa",
        "from eventsourcing.postgres import PostgresDatastore",
        "import os",
        "from os import environ",
        "import os.path",
        "from web.config import store_settings",
        "import datetime\ndatetime.datetime.now()",
        "import datetime as dt\ndt.datetime.now(tz=dt.UTC)",
        "import datetime as dt\ndt.datetime.utcnow()",
        "from datetime import datetime\ndatetime.today()",
        "from datetime import date\ndate.today()",
        "from datetime import date as D\nD.today()",
        "import time\ntime.time()",
        "import time as t\nt.monotonic()",
        "from time import monotonic",
    ],
)
def test_the_checker_catches_each_kind_of_violation(source):
    assert violations(source) != []


@pytest.mark.parametrize(
    "source",
    [
        "import datetime as dt\ndt.datetime(2026, 1, 1)",
        "import datetime as dt\ndt.date.fromisoformat('2026-01-01')",
        "def f(clock):\n    return clock()",
        "from domain.values import Program",
    ],
)
def test_the_checker_accepts_pure_code(source):
    assert violations(source) == []
