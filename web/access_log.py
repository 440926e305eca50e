"""The access log: who read which case, exported it or was refused, and when (AU-2, AU-3).

One append-only table in the events' own database, written by this module alone. Every
read of case data, every export and every denied request is recorded after the answer
is made and before it is sent: if the entry cannot be written the caller gets 503
instead of the data (AU-5, catalogue D7), so no read goes unrecorded. An entry names the
route and the query's parameter names, never their values (except enumerated formats)
nor any body, so no narrative reaches the log. Nothing here updates or deletes a row,
and triggers refuse both on either store.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from flask import Flask, Response, current_app, g, request

from domain.application import CaseLedger
from projections.audit_entry import instant
from projections.store import Database
from web.errors import problem

EXTENSION = "caseledger.access_log"
SAFE_VALUES = {"format": frozenset({"json", "html", "pdf"})}
DENIED = frozenset({401, 403, 404})
UNLOGGED_ENDPOINTS = frozenset({"api.health", "api.openapi", "pages.login"})
COLUMNS = ("at", "username", "role", "action", "case_id", "outcome", "status")


class AccessLog:
    """The append-only access log table of one CaseLedger's database."""

    def __init__(self, ledger: CaseLedger) -> None:
        self.ledger = ledger
        self.database = Database(ledger)
        self.table = self.database.table("access_log")
        with self.database.transaction(commit=True) as cursor:
            key = "BIGSERIAL" if self.database.postgres else "INTEGER"
            cursor.execute(
                f"CREATE TABLE IF NOT EXISTS {self.table} (id {key} PRIMARY KEY,"
                " at TEXT NOT NULL, username TEXT, role TEXT, action TEXT NOT NULL,"
                " case_id TEXT, outcome TEXT NOT NULL, status INTEGER NOT NULL)"
            )
            for statement in self._append_only_statements(cursor):
                cursor.execute(statement)

    def _append_only_statements(self, cursor: Any) -> list[str]:
        """Triggers that refuse UPDATE and DELETE (and TRUNCATE on PostgreSQL)."""
        refusal = "the access log is append-only"
        if not self.database.postgres:
            return [
                f"CREATE TRIGGER IF NOT EXISTS access_log_no_{verb.lower()} BEFORE {verb}"
                f" ON {self.table} BEGIN SELECT RAISE(ABORT, '{refusal}'); END"
                for verb in ("UPDATE", "DELETE")
            ]
        schema = self.table.rsplit(".", 1)[0]
        cursor.execute(
            "SELECT 1 FROM pg_trigger WHERE tgname = 'access_log_append_only'"
            f" AND tgrelid = '{self.table}'::regclass"
        )
        if cursor.fetchone() is not None:
            return []
        return [
            f"CREATE OR REPLACE FUNCTION {schema}.access_log_refuse() RETURNS trigger"
            f" LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION '{refusal}'; END $$",
            "CREATE TRIGGER access_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE"
            f" ON {self.table} FOR EACH STATEMENT EXECUTE FUNCTION {schema}.access_log_refuse()",
        ]

    def append(self, entry: dict[str, Any]) -> None:
        """Write one entry (raises when the store refuses: the caller fails closed)."""
        names = ", ".join(COLUMNS)
        marks = ", ".join("?" * len(COLUMNS))
        with self.database.transaction(commit=True) as cursor:
            cursor.execute(
                f"INSERT INTO {self.table} ({names}) VALUES ({marks})",
                [entry[c] for c in COLUMNS],
            )

    def entries(self, case_id: UUID | None, limit: int) -> list[dict[str, Any]]:
        """The latest entries first, for one case or for all."""
        sql = f"SELECT {', '.join(COLUMNS)} FROM {self.table}"
        params: list[Any] = []
        if case_id is not None:
            sql += " WHERE case_id = ?"
            params.append(str(case_id))
        with self.database.transaction(commit=False) as cursor:
            cursor.execute(sql + " ORDER BY id DESC LIMIT ?", [*params, limit])
            rows = cursor.fetchall()
        return [_public(dict(zip(COLUMNS, row, strict=True))) for row in rows]


def _public(row: dict[str, Any]) -> dict[str, Any]:
    """The contracted names (``user``), the status kept beside the outcome."""
    return {
        "at": row["at"],
        "user": row["username"],
        "role": row["role"],
        "action": row["action"],
        "case_id": row["case_id"],
        "outcome": row["outcome"],
        "status": row["status"],
    }


def install(app: Flask, ledger: CaseLedger) -> None:
    """Create the table at start-up and keep the log on the app."""
    app.extensions[EXTENSION] = AccessLog(ledger)


def access_log() -> AccessLog:
    """This app's access log."""
    log: AccessLog = current_app.extensions[EXTENSION]
    return log


def action() -> str:
    """``GET /cases/{case_id}/audit?format=pdf&known_at``: the route, never free text.

    A page read is marked ``PAGE GET /cases/{case_id}`` so it is told apart from the API.
    """
    rule = request.url_rule.rule if request.url_rule else request.path
    rule = rule.removeprefix("/api/v1")
    for converter in ("uuid:", "int:", "string:", "path:"):
        rule = rule.replace("<" + converter, "<")
    rule = rule.replace("<", "{").replace(">", "}")
    names = set(request.args)
    chosen = g.get("access_format")
    if chosen:
        names.add("format")
    params = []
    for name in sorted(names):
        value = chosen if name == "format" and chosen else request.args.get(name)
        if value in SAFE_VALUES.get(name, ()):
            params.append(f"{name}={value}")
        elif name.isidentifier() and len(name) <= 40:
            params.append(name)
    page = "PAGE " if request.blueprint == "pages" else ""
    return f"{page}{request.method} {rule}" + ("?" + "&".join(params) if params else "")


def _case_id() -> str | None:
    value = (request.view_args or {}).get("case_id") or request.args.get("case_id")
    try:
        return None if value is None else str(UUID(str(value)))
    except ValueError:
        return None


def _should_log(status: int) -> bool:
    """Reads (every authenticated GET) and refusals; writes are in the case's history."""
    if request.endpoint in UNLOGGED_ENDPOINTS or request.url_rule is None:
        return False
    if status in (401, 403):
        return True
    if status == 404:
        return request.method == "GET" or _case_id() is not None
    return request.method == "GET"


def record_access(response: Response) -> Response:
    """After each API request: append its entry, or answer 503 instead of the data."""
    if not _should_log(response.status_code):
        return response
    who = g.get("viewer")
    try:
        record(
            None if who is None else who.username,
            None if who is None else who.role.value,
            action(),
            _case_id(),
            response.status_code,
        )
    except Exception:
        current_app.logger.warning("access log could not be written: the answer is withheld")
        return problem(
            503,
            "access-log-unavailable",
            "Access log unavailable.",
            "The access could not be recorded, so nothing is shown. Try again shortly.",
            headers={"Retry-After": "2"},
        )
    return response


def record(user: str | None, role: str | None, what: str, case_id: str | None, status: int) -> None:
    """Append one entry now (raises when it cannot be written: callers fail closed)."""
    log = access_log()
    outcome = "allowed" if status < 400 else "denied" if status in DENIED else "failed"
    log.append(
        {
            "at": instant(log.ledger.clock()),
            "username": user,
            "role": role,
            "action": what,
            "case_id": case_id,
            "outcome": outcome,
            "status": status,
        }
    )
