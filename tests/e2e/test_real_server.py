"""The same app behind a real HTTP socket (werkzeug's threaded server, as `caseledger serve`)."""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask
from werkzeug.serving import make_server

from domain.values import Role


@pytest.fixture
def base_url(app: Flask) -> Iterator[str]:
    """The app served on a free port of 127.0.0.1 (listening before this returns)."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/api/v1"
    finally:
        server.shutdown()
        thread.join()


def call(url: str, body: bytes | None = None, **headers: str) -> tuple[int, str, Any]:
    request = urllib.request.Request(url, data=body, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers["Content-Type"], json.load(response)
    except urllib.error.HTTPError as error:
        return error.code, error.headers["Content-Type"], json.load(error)


def test_a_real_client_opens_a_case_and_reads_it_back(app: Flask, base_url: str) -> None:
    ledger = app.extensions["caseledger"]
    token = ledger.add_user("alice", Role.CASEWORKER, "north", actor="test")
    ledger.add_user("sam", Role.SUPERVISOR, "north", actor="test")
    auth = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    body = {
        "case_number": "REAL-1",
        "program": "NH-JJS",
        "opened_on": "2026-01-05",
        "worker": "alice",
        "supervisor": "sam",
    }
    status, _, answer = call(f"{base_url}/cases", json.dumps(body).encode(), **auth)
    assert status == 201
    status, _, case = call(f"{base_url}/cases/{answer['case_id']}", **auth)
    assert (status, case["program"]) == (200, "NH-JJS")


def test_a_real_client_gets_problems_for_bad_requests(app: Flask, base_url: str) -> None:
    assert call(f"{base_url}/health")[0] == 200
    status, content_type, problem = call(f"{base_url}/cases", b"{bad")
    assert (status, content_type) == (401, "application/problem+json")
    assert problem["status"] == 401
