"""The policy code stays pure: no web, no database, no environment, no wall clock."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
MODULES = [*sorted((ROOT / "domain" / "policy").glob("*.py")), ROOT / "domain" / "obligations.py"]
FORBIDDEN_IMPORTS = {"flask", "marshmallow", "psycopg", "sqlite3", "os", "time", "eventsourcing"}
FORBIDDEN_CALLS = {"now", "today", "utcnow", "getenv"}


@pytest.mark.parametrize("path", MODULES, ids=[p.name for p in MODULES])
def test_policy_module_imports_no_io_and_never_reads_the_clock(path: Path) -> None:
    tree = ast.parse(path.read_text())
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            names = [node.module or ""]
        else:
            names = []
        for name in names:
            assert name.split(".")[0] not in FORBIDDEN_IMPORTS, f"{path.name} imports {name}"
        if isinstance(node, ast.Attribute):
            assert node.attr not in FORBIDDEN_CALLS, f"{path.name} reads .{node.attr}"
