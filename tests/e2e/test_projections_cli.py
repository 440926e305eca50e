"""`caseledger projections rebuild [NAME]` rebuilds read models equal to the live ones."""

from __future__ import annotations

from flask import Flask

from projections.audit_trail import AuditTrail
from projections.runner import catch_up
from tests.e2e.conftest import Api
from web.api.obligations import read_model


def test_rebuilding_obligations_from_the_command_line_equals_the_live_model(
    app: Flask, api: Api
) -> None:
    case_id = api.open_case()
    api.add_parent(case_id)
    assert api.get(f"/cases/{case_id}/obligations", "alice").status_code == 200
    with app.app_context():
        live = read_model().dump()
    result = app.test_cli_runner().invoke(args=["projections", "rebuild", "obligations"])
    assert result.exit_code == 0, result.output
    assert f"obligations: rebuilt up to event {api.events()}." in result.output
    with app.app_context():
        assert read_model().dump() == live


def test_an_obligations_rebuild_asked_for_workers_is_judged_by_them_and_equals_live(
    app: Flask, api: Api
) -> None:
    for number in range(3):
        api.add_parent(api.open_case(case_number=f"NH-W{number}"))
    assert api.get("/obligations?worker=alice", "alice").status_code == 200
    with app.app_context():
        live = read_model().dump()
    args = ["projections", "rebuild", "obligations", "--workers", "2"]
    result = app.test_cli_runner().invoke(args=args)
    assert result.exit_code == 0, result.output
    assert f"up to event {api.events()} (judged by 2 worker processes)." in result.output
    with app.app_context():
        assert read_model().dump() == live


def test_rebuild_without_a_name_rebuilds_every_read_model(app: Flask, api: Api) -> None:
    api.add_parent(api.open_case())
    trail = AuditTrail(api.ledger)
    catch_up(api.ledger, trail)
    live_trail = trail.dump()
    result = app.test_cli_runner().invoke(args=["projections", "rebuild"])
    assert result.exit_code == 0, result.output
    assert "audit_trail: rebuilt" in result.output
    assert "obligations: rebuilt" in result.output
    assert trail.dump() == live_trail


def test_an_unknown_read_model_name_is_refused(app: Flask) -> None:
    result = app.test_cli_runner().invoke(args=["projections", "rebuild", "compliance"])
    assert result.exit_code == 2
    assert "compliance" in result.output
