"""The coordinator's board and candidates; no coordinator answer ever carries a narrative (B4)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import Clock
from tests.e2e.conftest import Api, assert_problem
from tests.e2e.pbp_helpers import COORDINATOR, Scene, reunification_scene

CANARY = "CANARY-7f3a9c-narrative-must-not-leak"


@pytest.fixture
def scene(api: Api) -> Scene:
    return reunification_scene(api)


def test_candidates_are_ranked_with_the_reasons_for_each_place(scene: Scene) -> None:
    referral_id = scene.refer()
    scene.enrol("Local", lived_experience=["court"])
    scene.enrol("Speaker", languages=["Spanish"], area="Concord")
    scene.enrol("Too new", tier=3, languages=["Spanish"])
    answer = scene.api.get(f"/referrals/{referral_id}/candidates", COORDINATOR).json
    names = [c["name"] for c in answer["candidates"]]
    assert names == ["Speaker", "Local"]
    first, second = answer["candidates"]
    assert first["rank"] == 1
    assert "speaks Spanish" in first["reasons"]
    assert "works in Concord, not Manchester" in first["reasons"]
    assert "lived experience matches 1 of 2 needs: court" in second["reasons"]
    assert_problem(scene.api.get(f"/referrals/{referral_id}/candidates", "alice"), 403)


def test_a_volunteer_at_capacity_ranks_after_those_with_room(scene: Scene) -> None:
    first = scene.refer()
    scene.needs(first)
    busy = scene.enrol("Busy", languages=["Spanish"])
    assert scene.assign(first, busy).status_code == 201
    scene.enrol("Free")
    second = scene.refer()
    answer = scene.api.get(f"/referrals/{second}/candidates", COORDINATOR).json
    assert [c["name"] for c in answer["candidates"]] == ["Free", "Busy"]
    assert answer["candidates"][1]["free_capacity"] == 0


def test_the_board_shows_each_referral_stage_and_days_in_stage(scene: Scene, clock: Clock) -> None:
    waiting = scene.refer()
    clock.advance(days=3)
    moving = scene.refer()
    scene.needs(moving)
    clock.advance(days=2)
    board = scene.api.get("/referrals", COORDINATOR).json["referrals"]
    stages = {row["referral_id"]: (row["status"], row["days_in_stage"]) for row in board}
    assert stages == {waiting: ("submitted", 5), moving: ("needs_identified", 2)}
    only = scene.api.get("/referrals?status=needs_identified", COORDINATOR).json["referrals"]
    assert [row["referral_id"] for row in only] == [moving]
    assert (
        "status"
        in assert_problem(scene.api.get("/referrals?status=lost", COORDINATOR), 422)["errors"]
    )
    assert_problem(scene.api.get("/referrals", "sam"), 403)


def _plant_canaries(scene: Scene) -> None:
    api, case_id, parent_id = scene.api, scene.case_id, scene.parent_id
    contact = {
        "parent_id": parent_id,
        "occurred_at": "2026-03-09T10:00:00-05:00",
        "method": "in_home",
        "outcome": "completed",
        "purpose": f"Visit {CANARY}",
        "location": f"Home {CANARY}",
        "narrative": f"Mother disclosed {CANARY}",
    }
    response = api.post(f"/cases/{case_id}/contacts", contact, "alice")
    assert response.status_code == 201, response.json
    contact_id = response.json["contact_id"]
    amended = {"reason": f"Typo {CANARY}", "narrative": f"Corrected {CANARY}"}
    assert (
        api.post(f"/cases/{case_id}/contacts/{contact_id}/amendments", amended, "alice").status_code
        == 201
    )
    frequency = {"per_month": 2, "effective_on": "2026-03-01", "reason": f"Plan {CANARY}"}
    path = f"/cases/{case_id}/parents/{parent_id}/contact-frequency"
    assert api.post(path, frequency, "alice").status_code == 201
    move = {"supervisor": "sam", "effective_on": "2026-03-01", "reason": f"Move {CANARY}"}
    assert api.post(f"/cases/{case_id}/reassignments", move, "alice").status_code == 201


def test_no_coordinator_answer_contains_a_case_narrative(scene: Scene) -> None:
    _plant_canaries(scene)
    api = scene.api
    referral_id = scene.refer()
    answers: list[Any] = [
        api.post(f"/referrals/{referral_id}/needs", {"needs": ["housing"]}, COORDINATOR)
    ]
    partner = scene.enrol("Rosa", languages=["Spanish"])
    answers.append(scene.assign(referral_id, partner))
    answers.append(
        api.post(
            f"/referrals/{referral_id}/family-meetings",
            {"held_on": "2026-03-10", "accompanied_by": "sam"},
            COORDINATOR,
        )
    )
    for path in (
        "/referrals",
        "/referrals?status=assigned",
        f"/referrals/{referral_id}",
        f"/referrals/{referral_id}/candidates",
        "/parent-partners",
        f"/parent-partners/{partner}",
        "/pbp/unit-meetings",
        f"/cases/{scene.case_id}",
        f"/cases/{scene.case_id}/audit",
        f"/cases/{scene.case_id}/obligations",
    ):
        answers.append(api.get(path, COORDINATOR))
    assert answers[-3].status_code == 404  # the case itself does not exist for the coordinator
    for response in answers:
        assert CANARY not in response.get_data(as_text=True)
    # the same case read by its worker does carry the narrative: the canary is really there
    assert CANARY in api.get(f"/cases/{scene.case_id}", "alice").get_data(as_text=True)
