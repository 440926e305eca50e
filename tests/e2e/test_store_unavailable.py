"""A store that cannot take a write answers 503 with Retry-After, never 500 (catalogue C4)."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

from domain.values import Role
from tests.conftest import Clock
from tests.e2e.conftest import Api, assert_problem
from web import close_app, create_app


def test_a_sqlite_store_locked_by_another_writer_answers_503_and_records_nothing(
    tmp_path: Path, clock: Clock
) -> None:
    path = tmp_path / "caseledger.db"
    app = create_app({"DATABASE_URL": f"sqlite:///{path}", "CLOCK": clock})
    try:
        api = Api(app.test_client(), app.extensions["caseledger"])
        api.user("alice", Role.CASEWORKER, "north")
        api.user("sam", Role.SUPERVISOR, "north")
        case_id = api.open_case()
        before = api.events()
        other_writer = sqlite3.connect(path, isolation_level=None)
        try:
            other_writer.execute("BEGIN IMMEDIATE")
            body = {"effective_on": "2026-02-01", "children_in_home": True, "in_placement": False}
            response = api.post(f"/cases/{case_id}/household", body, "alice")
            other_writer.execute("ROLLBACK")
        finally:
            other_writer.close()
        problem = assert_problem(response, 503)
        assert problem["type"].endswith("/storage-unavailable")
        assert int(response.headers["Retry-After"]) > 0
        assert api.events() == before
    finally:
        close_app(app)


def test_the_same_key_while_the_first_request_is_still_running_is_409(
    tmp_path: Path, clock: Clock
) -> None:
    path = tmp_path / "caseledger.db"
    app = create_app({"DATABASE_URL": f"sqlite:///{path}", "CLOCK": clock})
    try:
        api = Api(app.test_client(), app.extensions["caseledger"])
        api.user("alice", Role.CASEWORKER, "north")
        api.user("sam", Role.SUPERVISOR, "north")
        case_id = api.open_case()
        body = {"effective_on": "2026-02-01", "children_in_home": True, "in_placement": False}
        key = {"Idempotency-Key": "slow-1"}
        other_writer = sqlite3.connect(path, isolation_level=None)
        other_writer.execute("BEGIN IMMEDIATE")  # the first request now waits to save
        results: list[int] = []
        first = threading.Thread(
            target=lambda: results.append(
                app.test_client()
                .post(
                    f"/api/v1/cases/{case_id}/household",
                    json=body,
                    headers=api.headers("alice", key),
                )
                .status_code
            )
        )
        first.start()
        in_flight = app.extensions["caseledger"]._in_flight
        deadline = time.monotonic() + 4
        while ("alice", "slow-1") not in in_flight and time.monotonic() < deadline:
            pass  # the first request has not reached the ledger yet
        second = api.post(f"/cases/{case_id}/household", body, "alice", key)
        other_writer.execute("ROLLBACK")
        other_writer.close()
        first.join()
        assert_problem(second, 409)
        assert results == [201]
    finally:
        close_app(app)
