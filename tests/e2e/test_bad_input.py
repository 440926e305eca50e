"""Bad input is refused at the edge as problem+json and records nothing (catalogue A1-A13)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import Clock
from tests.e2e.conftest import API, Api, assert_problem


@pytest.fixture
def case(api: Api) -> tuple[str, str]:
    """An open NH-CPS case with one parent."""
    case_id = api.open_case()
    return case_id, api.add_parent(case_id)


def contact(parent_id: str, **fields: Any) -> dict[str, Any]:
    """A valid completed in-home contact body."""
    return {
        "parent_id": parent_id,
        "occurred_at": "2026-03-09T10:00:00-04:00",
        "method": "in_home",
        "outcome": "completed",
        "purpose": "Monthly visit",
        "narrative": "Saw the children at home.",
    } | fields


def raw_post(api: Api, path: str, data: bytes | str, content_type: str = "application/json") -> Any:
    return api.client.post(
        API + path, data=data, content_type=content_type, headers=api.headers("alice")
    )


def test_malformed_json_is_a_400_problem(api: Api, case: tuple[str, str]) -> None:
    before = api.events()
    response = raw_post(api, f"/cases/{case[0]}/contacts", "{bad")
    assert_problem(response, 400)
    assert api.events() == before


def test_a_body_that_is_not_json_is_a_415_problem(api: Api, case: tuple[str, str]) -> None:
    before = api.events()
    response = raw_post(api, f"/cases/{case[0]}/contacts", "parent_id=1", "text/plain")
    assert_problem(response, 415)
    assert api.events() == before


@pytest.mark.parametrize(
    ("field", "value"),
    [("custodial", "yes"), ("custodial", 1), ("name", 5), ("relationship", ["biological"])],
)
def test_wrong_types_are_422_with_the_field(
    api: Api, case: tuple[str, str], field: str, value: Any
) -> None:
    before = api.events()
    body = {"name": "Ann", "relationship": "biological", "custodial": True, field: value}
    problem = assert_problem(api.post(f"/cases/{case[0]}/parents", body, "alice"), 422)
    assert field in problem["errors"]
    assert api.events() == before


def test_a_list_where_an_object_is_due_is_422(api: Api, case: tuple[str, str]) -> None:
    before = api.events()
    assert_problem(api.post(f"/cases/{case[0]}/parents", [1, 2], "alice"), 422)
    assert api.events() == before


@pytest.mark.parametrize("field", ["recorded_at", "recorded_by", "actor", "status"])
def test_unknown_fields_are_refused_so_recording_time_cannot_be_set(
    api: Api, case: tuple[str, str], field: str
) -> None:
    before = api.events()
    body = contact(case[1], **{field: "2026-01-01T00:00:00+00:00"})
    problem = assert_problem(api.post(f"/cases/{case[0]}/contacts", body, "alice"), 422)
    assert problem["errors"][field] == ["Unknown field."]
    assert api.events() == before


def test_a_body_over_the_size_limit_is_413(api: Api, case: tuple[str, str]) -> None:
    before = api.events()
    body = contact(case[1], narrative="x" * (1024 * 1024 + 1))
    assert_problem(api.post(f"/cases/{case[0]}/contacts", body, "alice"), 413)
    assert api.events() == before


def test_five_thousand_nested_arrays_are_a_400_not_a_crash(api: Api, case: tuple[str, str]) -> None:
    before = api.events()
    response = raw_post(api, f"/cases/{case[0]}/contacts", "[" * 5000 + "]" * 5000)
    assert_problem(response, 400)
    assert api.events() == before


@pytest.mark.parametrize(
    ("field", "limit"), [("narrative", 20_000), ("purpose", 1_000), ("location", 1_000)]
)
def test_a_field_over_its_limit_is_422_and_at_its_limit_is_kept(
    api: Api, case: tuple[str, str], field: str, limit: int
) -> None:
    before = api.events()
    too_long = contact(case[1], **{field: "é" * (limit + 1)})
    problem = assert_problem(api.post(f"/cases/{case[0]}/contacts", too_long, "alice"), 422)
    assert field in problem["errors"]
    assert api.events() == before
    at_limit = contact(case[1], **{field: "é" * limit})
    assert api.post(f"/cases/{case[0]}/contacts", at_limit, "alice").status_code == 201


def test_a_ten_thousand_character_name_is_422(api: Api, case: tuple[str, str]) -> None:
    before = api.events()
    body = {"name": "N" * 10_000, "relationship": "step", "custodial": False}
    problem = assert_problem(api.post(f"/cases/{case[0]}/parents", body, "alice"), 422)
    assert "name" in problem["errors"]
    assert api.events() == before


@pytest.mark.parametrize("occurred_at", ["2999-01-01T00:00:00-05:00", "2026-03-10T16:00:01+00:00"])
def test_a_contact_in_the_future_even_one_second_ahead_is_422(
    api: Api, case: tuple[str, str], clock: Clock, occurred_at: str
) -> None:
    before = api.events()
    body = contact(case[1], occurred_at=occurred_at)
    problem = assert_problem(api.post(f"/cases/{case[0]}/contacts", body, "alice"), 422)
    assert "occurred_at" in problem["errors"]
    assert api.events() == before


def test_a_contact_at_the_server_instant_is_kept(api: Api, case: tuple[str, str]) -> None:
    body = contact(case[1], occurred_at="2026-03-10T16:00:00+00:00")
    assert api.post(f"/cases/{case[0]}/contacts", body, "alice").status_code == 201


def test_a_contact_the_day_before_the_case_opened_is_422(api: Api, case: tuple[str, str]) -> None:
    before = api.events()
    body = contact(case[1], occurred_at="2026-01-04T23:30:00-05:00")
    problem = assert_problem(api.post(f"/cases/{case[0]}/contacts", body, "alice"), 422)
    assert "occurred_at" in problem["errors"]
    assert "2026-01-05" in problem["detail"]
    assert api.events() == before
    on_opening = contact(case[1], occurred_at="2026-01-05T00:30:00-05:00")
    assert api.post(f"/cases/{case[0]}/contacts", on_opening, "alice").status_code == 201


@pytest.mark.parametrize(
    "occurred_at",
    [
        "2024-02-30T10:00:00-05:00",
        "24/03/05",
        "2026-03-09T10:00:00",
        "1800-01-01T10:00:00+00:00",
        "",
        None,
    ],
)
def test_impossible_naive_or_missing_instants_are_422(
    api: Api, case: tuple[str, str], occurred_at: str | None
) -> None:
    before = api.events()
    body = contact(case[1], occurred_at=occurred_at)
    problem = assert_problem(api.post(f"/cases/{case[0]}/contacts", body, "alice"), 422)
    assert "occurred_at" in problem["errors"]
    assert api.events() == before


def test_a_missing_instant_is_never_defaulted_to_now(api: Api, case: tuple[str, str]) -> None:
    body = contact(case[1])
    del body["occurred_at"]
    problem = assert_problem(api.post(f"/cases/{case[0]}/contacts", body, "alice"), 422)
    assert "occurred_at" in problem["errors"]


def test_a_nul_byte_in_free_text_is_422_naming_the_field(api: Api, case: tuple[str, str]) -> None:
    before = api.events()
    body = contact(case[1], narrative="before\x00after")
    problem = assert_problem(api.post(f"/cases/{case[0]}/contacts", body, "alice"), 422)
    assert "narrative" in problem["errors"]
    assert api.events() == before


def test_a_lone_surrogate_escape_is_422_naming_the_field(api: Api, case: tuple[str, str]) -> None:
    before = api.events()
    raw = '{"name": "Ann \\ud800", "relationship": "biological", "custodial": true}'
    problem = assert_problem(raw_post(api, f"/cases/{case[0]}/parents", raw), 422)
    assert "name" in problem["errors"]
    assert api.events() == before


def test_a_paired_surrogate_escape_is_an_ordinary_character(
    api: Api, case: tuple[str, str]
) -> None:
    raw = '{"name": "Ann \\ud83d\\ude00", "relationship": "biological", "custodial": true}'
    assert raw_post(api, f"/cases/{case[0]}/parents", raw).status_code == 201
    names = [p["name"] for p in api.get(f"/cases/{case[0]}", "alice").json["parents"]]
    assert "Ann \U0001f600" in names


@pytest.mark.parametrize("text", ["'; DROP TABLE stored_events;--", "%' OR 1=1 --"])
def test_sql_like_text_is_stored_and_returned_verbatim(
    api: Api, case: tuple[str, str], text: str
) -> None:
    body = contact(case[1], narrative=text, purpose=text, location=text)
    assert api.post(f"/cases/{case[0]}/contacts", body, "alice").status_code == 201
    (kept,) = api.get(f"/cases/{case[0]}", "alice").json["contacts"]
    assert (kept["narrative"], kept["purpose"], kept["location"]) == (text, text, text)


@pytest.mark.parametrize(
    ("field", "value"),
    [("method", "carrier_pigeon"), ("outcome", "maybe"), ("topics", ["gossip"])],
)
def test_a_word_outside_its_enumeration_is_422_with_errors(
    api: Api, case: tuple[str, str], field: str, value: Any
) -> None:
    before = api.events()
    body = contact(case[1], **{field: value})
    problem = assert_problem(api.post(f"/cases/{case[0]}/contacts", body, "alice"), 422)
    assert any(key.startswith(field) for key in problem["errors"])
    assert api.events() == before


@pytest.mark.parametrize(
    "name",
    [
        "Jos\u00e9 Mart\u00ednez",  # NFC
        "Jose\u0301 Marti\u0301nez",  # NFD: kept as sent, not normalised
        "\u202eevil\u202c Smith",  # right-to-left override
        "\U0001f469\u200d\U0001f467 Family",  # zero-width joiner, emoji
        "Z\u0351\u0360a\u0362lgo",  # combining marks
    ],
)
def test_unicode_names_are_stored_and_returned_exactly(
    api: Api, case: tuple[str, str], name: str
) -> None:
    body = {"name": name, "relationship": "adoptive", "custodial": False}
    response = api.post(f"/cases/{case[0]}/parents", body, "alice")
    assert response.status_code == 201
    parents = api.get(f"/cases/{case[0]}", "alice").json["parents"]
    (kept,) = [p for p in parents if p["parent_id"] == response.json["parent_id"]]
    assert kept["name"].encode("utf-8") == name.encode("utf-8")
