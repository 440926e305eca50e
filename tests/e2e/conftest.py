"""HTTP through the Flask test client, on SQLite and on PostgreSQL."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from domain.application import CaseLedger
from domain.values import Role
from tests.conftest import Clock
from web import close_app, create_app

API = "/api/v1"


@pytest.fixture
def app(database_url: str, clock: Clock) -> Iterator[Flask]:
    """The app on a fresh store, recording with the test's clock."""
    flask_app = create_app({"DATABASE_URL": database_url, "CLOCK": clock})
    try:
        yield flask_app
    finally:
        close_app(flask_app)


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    """The Flask test client."""
    return app.test_client()


@dataclasses.dataclass
class Api:
    """Calls as a named user, and what the store holds."""

    client: FlaskClient
    ledger: CaseLedger
    tokens: dict[str, str] = dataclasses.field(default_factory=dict)

    def user(self, username: str, role: Role, team: str | None = None) -> str:
        """Enrol a user; returns their token."""
        self.tokens[username] = self.ledger.add_user(username, role, team, actor="test")
        return self.tokens[username]

    def headers(self, username: str | None, extra: dict[str, str] | None = None) -> dict[str, str]:
        """Authorization for ``username`` plus any extra headers."""
        headers = dict(extra or {})
        if username is not None:
            headers["Authorization"] = f"Bearer {self.tokens[username]}"
        return headers

    def post(
        self, path: str, body: Any, as_user: str | None, headers: dict[str, str] | None = None
    ) -> TestResponse:
        """POST JSON to an API path."""
        return self.client.post(API + path, json=body, headers=self.headers(as_user, headers))

    def get(self, path: str, as_user: str | None, **kwargs: Any) -> TestResponse:
        """GET an API path."""
        return self.client.get(API + path, headers=self.headers(as_user), **kwargs)

    def events(self) -> int:
        """How many events the store holds."""
        return self.ledger.recorder.max_notification_id() or 0

    def open_case(self, as_user: str = "alice", **fields: Any) -> str:
        """Open a case (NH-CPS by default); returns its id."""
        body = {
            "case_number": "NH-2026-0001",
            "program": "NH-CPS",
            "opened_on": "2026-01-05",
            "worker": "alice",
            "supervisor": "sam",
        } | fields
        response = self.post("/cases", body, as_user)
        assert response.status_code == 201, response.json
        case_id: str = response.json["case_id"]
        return case_id

    def add_parent(self, case_id: str, as_user: str = "alice", **fields: Any) -> str:
        """Identify a custodial mother; returns the parent id."""
        body = {"name": "Maria Lopez", "relationship": "biological", "custodial": True} | fields
        response = self.post(f"/cases/{case_id}/parents", body, as_user)
        assert response.status_code == 201, response.json
        parent_id: str = response.json["parent_id"]
        return parent_id


@pytest.fixture
def api(app: Flask, client: FlaskClient) -> Api:
    """A caseworker alice and her supervisor sam on team north, plus others."""
    helper = Api(client, app.extensions["caseledger"])
    helper.user("alice", Role.CASEWORKER, "north")
    helper.user("sam", Role.SUPERVISOR, "north")
    return helper


def assert_problem(response: TestResponse, status: int) -> dict[str, Any]:
    """The answer is problem+json with the given status and the RFC 9457 members."""
    assert response.status_code == status, response.data
    assert response.mimetype == "application/problem+json"
    problem: dict[str, Any] = response.json
    assert problem["status"] == status
    assert problem["type"].startswith("https://caseledger.org/problems/")
    assert problem["title"]
    assert "detail" in problem
    return problem
