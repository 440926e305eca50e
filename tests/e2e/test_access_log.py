"""The access log: reads, exports and refusals recorded; append-only; 503 when it fails (D7)."""

from __future__ import annotations

import pytest

from projections.store import Database
from tests.e2e import audit_fixtures
from tests.e2e.audit_fixtures import NARRATIVE, AuditedCase
from tests.e2e.conftest import Api, assert_problem

app = audit_fixtures.app
case = audit_fixtures.case


def _log(api: Api, case_id: str | None = None) -> list[dict[str, object]]:
    query = {"case_id": case_id} if case_id else {}
    response = api.get("/access-log", "audrey", query_string=query)
    assert response.status_code == 200, response.json
    entries: list[dict[str, object]] = response.json["entries"]
    return entries


def _refuse_inserts(api: Api) -> None:
    """Make the access-log table refuse every new row, as a full or read-only table would."""
    db = Database(api.ledger)
    table = db.table("access_log")
    with db.transaction(commit=True) as cursor:
        if db.postgres:
            schema = table.rsplit(".", 1)[0]
            cursor.execute(
                f"CREATE FUNCTION {schema}.refuse_insert() RETURNS trigger LANGUAGE plpgsql"
                " AS $$ BEGIN RAISE EXCEPTION 'read-only'; END $$"
            )
            cursor.execute(
                f"CREATE TRIGGER refuse_insert BEFORE INSERT ON {table}"
                f" FOR EACH ROW EXECUTE FUNCTION {schema}.refuse_insert()"
            )
        else:
            cursor.execute(
                f"CREATE TRIGGER refuse_insert BEFORE INSERT ON {table}"
                " BEGIN SELECT RAISE(ABORT, 'read-only'); END"
            )


def test_a_case_read_is_logged_with_who_role_action_and_outcome(
    api: Api, case: AuditedCase
) -> None:
    assert api.get(f"/cases/{case.case_id}", "alice").status_code == 200
    newest = _log(api, case.case_id)[0]
    assert newest["user"] == "alice"
    assert newest["role"] == "caseworker"
    assert newest["action"] == "GET /cases/{case_id}"
    assert newest["case_id"] == case.case_id
    assert newest["outcome"] == "allowed"
    assert newest["status"] == 200
    assert str(newest["at"]).startswith("2026-03-10T17:00:00")


def test_an_export_names_its_format_but_never_the_query_values_or_narrative(
    api: Api, case: AuditedCase
) -> None:
    query = {"format": "html", "known_at": "2026-03-10T17:00:00+00:00"}
    api.get(f"/cases/{case.case_id}/audit", "sam", query_string=query)
    entries = _log(api, case.case_id)
    assert entries[0]["action"] == "GET /cases/{case_id}/audit?format=html&known_at"
    assert "canary-narrative" not in str(entries)
    assert NARRATIVE not in str(entries)


def test_a_request_without_a_token_is_logged_as_denied(api: Api, case: AuditedCase) -> None:
    assert_problem(api.get(f"/cases/{case.case_id}/audit", None), 401)
    newest = _log(api, case.case_id)[0]
    assert (newest["user"], newest["outcome"], newest["status"]) == (None, "denied", 401)


def test_a_forbidden_write_is_logged_as_denied(api: Api, case: AuditedCase) -> None:
    body = {"reason": "Not mine"}
    path = f"/cases/{case.case_id}/contacts/{case.contact_id}/voids"
    assert_problem(api.post(path, body, "audrey"), 403)
    newest = _log(api, case.case_id)[0]
    assert newest["action"] == "POST /cases/{case_id}/contacts/{contact_id}/voids"
    assert (newest["user"], newest["outcome"]) == ("audrey", "denied")


def test_admin_reads_the_audit_history_and_log_but_not_the_case(
    api: Api, case: AuditedCase
) -> None:
    assert_problem(api.get(f"/cases/{case.case_id}", "ada"), 404)
    assert api.get(f"/cases/{case.case_id}/audit", "ada").status_code == 200
    assert api.get("/access-log", "ada").status_code == 200


@pytest.mark.parametrize("reader", ["alice", "sam", "pat"])
def test_only_auditors_and_admins_read_the_access_log(
    api: Api, case: AuditedCase, reader: str
) -> None:
    assert_problem(api.get("/access-log", reader), 403)
    newest = _log(api)[0]
    assert (newest["user"], newest["action"], newest["outcome"]) == (
        reader,
        "GET /access-log",
        "denied",
    )


def test_the_limit_keeps_the_latest_entries(api: Api, case: AuditedCase) -> None:
    for _ in range(3):
        api.get(f"/cases/{case.case_id}", "alice")
    response = api.get("/access-log", "audrey", query_string={"limit": 2})
    assert len(response.json["entries"]) == 2
    assert_problem(api.get("/access-log", "audrey", query_string={"limit": 0}), 422)


def test_reads_fail_with_503_when_the_access_log_cannot_be_written(
    api: Api, case: AuditedCase
) -> None:
    _refuse_inserts(api)
    for path in (f"/cases/{case.case_id}", f"/cases/{case.case_id}/audit?format=html"):
        response = api.get(path, "alice")
        problem = assert_problem(response, 503)
        assert problem["type"].endswith("/access-log-unavailable")
        assert "Maria" not in response.get_data(as_text=True)


def test_the_access_log_refuses_updates_and_deletes(api: Api, case: AuditedCase) -> None:
    api.get(f"/cases/{case.case_id}", "alice")
    db = Database(api.ledger)
    table = db.table("access_log")
    for statement in (f"UPDATE {table} SET username = 'mallory'", f"DELETE FROM {table}"):
        with pytest.raises(Exception, match="append-only"), db.transaction(commit=True) as c:
            c.execute(statement)
    assert _log(api, case.case_id)[-1]["user"] != "mallory"
