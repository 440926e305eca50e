"""A case with a late contact, an amendment and hostile text, and staff in every relation."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask

from domain.values import Role
from tests.conftest import Clock
from tests.e2e.conftest import Api
from web import close_app, create_app

NARRATIVE = "Mother seen at home; canary-narrative-41c9 <script>alert(1)</script>"


@pytest.fixture
def app(database_url: str, clock: Clock, tmp_path: Path) -> Iterator[Flask]:
    """The app with its checkpoint key in the test's own directory."""
    flask_app = create_app(
        {"DATABASE_URL": database_url, "CLOCK": clock, "CHECKPOINT_KEY": str(tmp_path / "ck.key")}
    )
    try:
        yield flask_app
    finally:
        close_app(flask_app)


@dataclasses.dataclass(frozen=True)
class AuditedCase:
    """alice's case as the tests know it."""

    case_id: str
    parent_id: str
    contact_id: str


@pytest.fixture
def case(api: Api, clock: Clock) -> AuditedCase:
    """A contact of 2 March documented on 10 March (late), then amended."""
    for name, role, team in [
        ("bob", Role.CASEWORKER, "south"),
        ("tess", Role.SUPERVISOR, "south"),
        ("audrey", Role.AUDITOR, None),
        ("ada", Role.ADMIN, None),
        ("pat", Role.PBP_COORDINATOR, None),
    ]:
        api.user(name, role, team)
    case_id = api.open_case()
    parent_id = api.add_parent(case_id, name="Maria <b>Lopez</b>")
    contact = {
        "parent_id": parent_id,
        "occurred_at": "2026-03-02T15:00:00-05:00",
        "method": "in_home",
        "outcome": "completed",
        "purpose": "Monthly visit",
        "narrative": NARRATIVE,
    }
    response = api.post(f"/cases/{case_id}/contacts", contact, "alice")
    assert response.status_code == 201, response.json
    contact_id = response.json["contact_id"]
    clock.advance(hours=1)
    amendment = {"reason": "Wrong purpose", "purpose": "Safety check"}
    response = api.post(f"/cases/{case_id}/contacts/{contact_id}/amendments", amendment, "alice")
    assert response.status_code == 201, response.json
    return AuditedCase(case_id, parent_id, contact_id)
