"""Problems for HTTP errors, Idempotency-Key replays and If-Match (catalogue A15-A17)."""

from __future__ import annotations

from typing import Any

import psycopg
import pytest
from flask import Flask

from tests.e2e.conftest import API, Api, assert_problem


def household(**fields: Any) -> dict[str, Any]:
    """A valid household body."""
    return {
        "effective_on": "2026-02-01",
        "children_in_home": True,
        "reunification_expected_on": None,
        "in_placement": False,
    } | fields


def test_an_unknown_path_is_a_404_problem_not_an_html_page(api: Api) -> None:
    assert_problem(api.get("/no-such-thing", "alice"), 404)


def test_a_wrong_method_is_a_405_problem_naming_the_allowed_ones(api: Api) -> None:
    response = api.client.delete(f"{API}/cases", headers=api.headers("alice"))
    assert_problem(response, 405)
    assert "POST" in response.headers["Allow"]


def test_a_case_id_that_is_not_a_uuid_is_404(api: Api) -> None:
    assert_problem(api.get("/cases/not-a-uuid", "alice"), 404)


def test_the_same_key_and_body_replays_the_first_answer_and_records_nothing(api: Api) -> None:
    case_id = api.open_case()
    key = {"Idempotency-Key": "parent-1"}
    body = {"name": "Ann", "relationship": "biological", "custodial": True}
    first = api.post(f"/cases/{case_id}/parents", body, "alice", key)
    after_first = api.events()
    replays = [api.post(f"/cases/{case_id}/parents", body, "alice", key) for _ in range(5)]
    assert first.status_code == 201
    assert all(r.status_code == 201 and r.json == first.json for r in replays)
    assert api.events() == after_first
    assert len(api.get(f"/cases/{case_id}", "alice").json["parents"]) == 1


def test_the_same_key_opening_a_case_twice_gives_the_same_case(api: Api) -> None:
    body = {
        "case_number": "K-1",
        "program": "TN-DCS",
        "opened_on": "2026-01-05",
        "worker": "alice",
        "supervisor": "sam",
    }
    first = api.post("/cases", body, "alice", {"Idempotency-Key": "open-k1"})
    before = api.events()
    again = api.post("/cases", body, "alice", {"Idempotency-Key": "open-k1"})
    assert (again.status_code, again.json) == (201, first.json)
    assert api.events() == before


def test_the_same_key_with_a_different_body_is_422_and_records_nothing(api: Api) -> None:
    case_id = api.open_case()
    key = {"Idempotency-Key": "hh-1"}
    assert api.post(f"/cases/{case_id}/household", household(), "alice", key).status_code == 201
    before = api.events()
    changed = household(in_placement=True)
    problem = assert_problem(api.post(f"/cases/{case_id}/household", changed, "alice", key), 422)
    assert "Idempotency-Key" in problem["errors"]
    assert api.events() == before


def test_keys_belong_to_their_caller(api: Api) -> None:
    case_id = api.open_case()
    key = {"Idempotency-Key": "shared"}
    assert api.post(f"/cases/{case_id}/household", household(), "alice", key).status_code == 201
    other = household(effective_on="2026-02-02")
    assert api.post(f"/cases/{case_id}/household", other, "sam", key).status_code == 201


def test_a_stale_if_match_is_412_and_records_nothing(api: Api) -> None:
    case_id = api.open_case()
    etag = api.get(f"/cases/{case_id}", "alice").headers["ETag"]
    assert api.post(f"/cases/{case_id}/household", household(), "sam").status_code == 201
    before = api.events()
    late = household(effective_on="2026-02-03")
    response = api.post(f"/cases/{case_id}/household", late, "alice", {"If-Match": etag})
    assert_problem(response, 412)
    assert api.events() == before


def test_a_current_if_match_proceeds_and_the_etag_moves_on(api: Api) -> None:
    case_id = api.open_case()
    etag = api.get(f"/cases/{case_id}", "alice").headers["ETag"]
    assert etag == '"1"'
    response = api.post(f"/cases/{case_id}/household", household(), "alice", {"If-Match": etag})
    assert response.status_code == 201
    assert api.get(f"/cases/{case_id}", "alice").headers["ETag"] == '"2"'


@pytest.mark.parametrize("header", ["not-an-etag", '"two"'])
def test_an_unreadable_if_match_is_412(api: Api, header: str) -> None:
    case_id = api.open_case()
    before = api.events()
    response = api.post(f"/cases/{case_id}/household", household(), "alice", {"If-Match": header})
    assert_problem(response, 412)
    assert api.events() == before


def test_a_duplicate_case_number_is_409(api: Api) -> None:
    api.open_case(case_number="DUP-1")
    before = api.events()
    body = {
        "case_number": "DUP-1",
        "program": "NH-JJS",
        "opened_on": "2026-02-01",
        "worker": "alice",
        "supervisor": "sam",
    }
    assert_problem(api.post("/cases", body, "alice"), 409)
    assert api.events() == before


def test_health_answers_without_a_token(api: Api) -> None:
    response = api.get("/health", None)
    assert (response.status_code, response.json) == (200, {"status": "ok"})


def test_health_is_503_when_the_store_is_closed(api: Api) -> None:
    api.ledger.close()
    response = api.get("/health", None)
    assert_problem(response, 503)
    assert response.headers["Retry-After"]


def test_the_openapi_document_lists_every_api_route_with_a_summary(api: Api) -> None:
    response = api.get("/openapi.json", None)
    assert response.status_code == 200
    paths = response.json["paths"]
    rules = [
        r for r in api.client.application.url_map.iter_rules() if r.endpoint.startswith("api.")
    ]
    assert len(rules) == sum(len(ops) for ops in paths.values())
    for operations in paths.values():
        for operation in operations.values():
            assert operation["summary"]
            assert operation["responses"]
    contact = paths["/api/v1/cases/{case_id}/contacts"]["post"]
    assert contact["requestBody"]["content"]["application/json"]["schema"]
    assert "Contact" in response.json["components"]["schemas"]


def test_no_error_body_reveals_internals(api: Api) -> None:
    case_id = api.open_case()
    parent_id = api.add_parent(case_id)
    bad_requests = [
        api.client.post(
            f"{API}/cases/{case_id}/contacts",
            data="{bad",
            headers=api.headers("alice"),
            content_type="application/json",
        ),
        api.client.post(
            f"{API}/cases/{case_id}/contacts",
            data="[" * 5000,
            headers=api.headers("alice"),
            content_type="application/json",
        ),
        api.post(
            f"/cases/{case_id}/contacts", {"parent_id": parent_id, "narrative": "a\x00b"}, "alice"
        ),
        api.post(
            f"/cases/{case_id}/contacts", {"parent_id": "x", "occurred_at": "2999-01-01"}, "alice"
        ),
        api.post(
            f"/cases/{case_id}/parents/{parent_id}/circumstances",
            {"effective_on": "2025-01-01", "missing": True},
            "alice",
        ),
        api.post("/cases", {"case_number": "NH-2026-0001"}, "alice"),
        api.get(f"/cases/{case_id}", None),
        api.client.put(f"{API}/cases/{case_id}", headers=api.headers("alice")),
    ]
    for response in bad_requests:
        assert response.status_code >= 400
        text = response.get_data(as_text=True)
        for leak in ("Traceback", "sqlite3", "psycopg", "SELECT"):
            assert leak not in text


def test_an_unexpected_failure_is_a_500_problem_without_details(app: Flask) -> None:
    def broken() -> str:
        raise KeyError("SELECT secret FROM stored_events")

    app.add_url_rule("/broken", view_func=broken)
    response = app.test_client().get("/broken")
    problem = assert_problem(response, 500)
    assert "secret" not in response.get_data(as_text=True)
    assert problem["detail"] == "The request could not be completed."


def test_a_driver_error_escaping_the_library_is_a_503_problem(app: Flask) -> None:
    def unreachable() -> str:
        raise psycopg.OperationalError("connection to server at 127.0.0.1 failed")

    app.add_url_rule("/unreachable", view_func=unreachable)
    response = app.test_client().get("/unreachable")
    assert_problem(response, 503)
    assert "127.0.0.1" not in response.get_data(as_text=True)


def test_each_kind_of_problem_has_its_stable_type(api: Api) -> None:
    case_id = api.open_case()
    parent_id = api.add_parent(case_id)
    contacts = f"{API}/cases/{case_id}/contacts"
    base = "https://caseledger.org/problems/"
    completed = {
        "parent_id": parent_id,
        "occurred_at": "2026-03-09T10:00:00-04:00",
        "method": "in_home",
        "outcome": "completed",
        "purpose": "Visit",
    }
    seen = {
        "malformed-json": api.client.post(
            contacts, data="{", content_type="application/json", headers=api.headers("alice")
        ),
        "unsupported-media-type": api.client.post(
            contacts, data="x", content_type="text/plain", headers=api.headers("alice")
        ),
        "validation-error": api.post(f"/cases/{case_id}/contacts", {"x": 1}, "alice"),
        "narrative-required": api.post(f"/cases/{case_id}/contacts", completed, "alice"),
        "stale-version": api.post(
            f"/cases/{case_id}/household",
            {"effective_on": "2026-02-01", "children_in_home": True, "in_placement": False},
            "alice",
            {"If-Match": '"1"'},
        ),
        "case-not-found": api.get("/cases/00000000-0000-0000-0000-000000000000", "alice"),
        "unauthorized": api.get(f"/cases/{case_id}", None),
    }
    for name, response in seen.items():
        assert response.json["type"] == base + name
