"""GET /review-queue: the supervisor's pending and due decisions, oldest first."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any
from uuid import UUID

from flask import Flask

from domain.values import Role
from tests.conftest import Clock
from tests.e2e.conftest import API, Api, assert_problem
from tests.e2e.test_decisions import consultation, decision, review
from web import close_app, create_app
from web.api.review_queue import read_model


def _case(api: Api, number: str) -> tuple[str, str]:
    case_id = api.open_case(case_number=number)
    return case_id, api.add_parent(case_id)


def test_a_supervisor_sees_pending_decisions_with_rationale_and_consultation(
    api: Api, clock: Clock
) -> None:
    case_id, parent_id = _case(api, "Q-1")
    held = api.post(f"/cases/{case_id}/consultations", consultation(), "alice").json
    body = decision(
        parent_id,
        kind="alternative_contact_plan",
        methods=["phone"],
        consultation_id=held["consultation_id"],
    )
    first = api.post(f"/cases/{case_id}/decisions", body, "alice").json
    clock.advance(minutes=5)
    other_case, other_parent = _case(api, "Q-2")
    second = api.post(f"/cases/{other_case}/decisions", decision(other_parent), "alice").json
    answer = api.get("/review-queue", "sam")
    assert answer.status_code == 200, answer.json
    items = answer.json["items"]
    assert [i["decision_id"] for i in items] == [first["decision_id"], second["decision_id"]]
    assert {i["kind"] for i in items} == {"pending_decision"}
    head = items[0]
    assert head["rationale"] == body["rationale"]
    assert head["supporting_information"] == body["supporting_information"]
    assert head["consultation"]["consultation_id"] == held["consultation_id"]
    assert head["decision_hash"] == first["decision_hash"]
    assert head["case_number"] == "Q-1"


def test_an_approved_decision_reappears_when_its_re_evaluation_is_due(
    api: Api, clock: Clock
) -> None:
    case_id, parent_id = _case(api, "Q-1")
    recorded = api.post(f"/cases/{case_id}/decisions", decision(parent_id), "alice").json
    path = f"/cases/{case_id}/decisions/{recorded['decision_id']}/reviews"
    assert api.post(path, review("approved"), "sam").status_code == 201
    assert api.get("/review-queue", "sam").json["items"] == []
    clock.advance(days=30)
    (item,) = api.get("/review-queue", "sam").json["items"]
    assert (item["kind"], item["status"]) == ("decision_due_for_review", "approved")
    assert api.post(path, review("continued"), "sam").status_code == 201
    assert api.get("/review-queue", "sam").json["items"] == []


def test_only_supervisors_have_a_review_queue_and_see_only_their_own(api: Api) -> None:
    api.user("nora", Role.SUPERVISOR, "north")
    case_id, parent_id = _case(api, "Q-1")
    api.post(f"/cases/{case_id}/decisions", decision(parent_id), "alice")
    assert_problem(api.get("/review-queue", "alice"), 403)
    assert api.get("/review-queue", "nora").json["items"] == []


def test_rebuilding_the_review_queue_from_the_command_line_equals_the_live_one(
    app: Flask, api: Api
) -> None:
    case_id, parent_id = _case(api, "Q-1")
    api.post(f"/cases/{case_id}/decisions", decision(parent_id), "alice")
    live_items = api.get("/review-queue", "sam").json
    with app.app_context():
        live = read_model().dump()
    result = app.test_cli_runner().invoke(args=["projections", "rebuild", "review_queue"])
    assert result.exit_code == 0, result.output
    assert f"review_queue: rebuilt up to event {api.events()}." in result.output
    with app.app_context():
        assert read_model().dump() == live
    assert api.get("/review-queue", "sam").json == live_items


def _together(*work: Callable[[], Any]) -> list[Any]:
    barrier = threading.Barrier(len(work))
    results: list[Any] = [None] * len(work)

    def run(index: int) -> None:
        barrier.wait()
        results[index] = work[index]()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(work))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_two_instances_reviewing_one_decision_at_once_give_one_201_and_one_409(
    app: Flask, api: Api, database_url: str, clock: Clock
) -> None:
    second = create_app({"DATABASE_URL": database_url, "CLOCK": clock})
    try:
        case_id, parent_id = _case(api, "Q-1")
        recorded = api.post(f"/cases/{case_id}/decisions", decision(parent_id), "alice").json
        path = f"{API}/cases/{case_id}/decisions/{recorded['decision_id']}/reviews"
        headers = api.headers("sam")
        clients = (app.test_client(), second.test_client())
        decision_id = UUID(recorded["decision_id"])

        def reviews() -> int:  # PostgreSQL's notification ids may skip: count the reviews
            return len(api.ledger.get_case(UUID(case_id)).decision(decision_id).reviews)

        codes = _together(
            *(lambda c=c: c.post(path, json=review("approved"), headers=headers) for c in clients)
        )
        assert sorted(r.status_code for r in codes) == [201, 409]
        assert reviews() == 1
        seen = api.get(f"/cases/{case_id}", "sam").json["open_decisions"][0]["decision_hash"]
        body = review("continued", decision_hash=seen)
        codes = _together(*(lambda c=c: c.post(path, json=body, headers=headers) for c in clients))
        assert sorted(r.status_code for r in codes) == [201, 409]
        assert reviews() == 2
    finally:
        close_app(second)
