"""Volunteers over HTTP: enrolment (PBP-CANDIDATE), tiers (PBP-TIERS), deactivation, roles."""

from __future__ import annotations

import pytest

from domain.values import Role
from tests.e2e.conftest import Api, assert_problem
from tests.e2e.pbp_helpers import COORDINATOR, Scene, reunification_scene


@pytest.fixture
def scene(api: Api) -> Scene:
    return reunification_scene(api)


def test_enrolment_answers_the_id_and_no_warning_after_a_year(scene: Scene) -> None:
    body = {
        "name": "Rosa Diaz",
        "tier": 5,
        "languages": ["Spanish"],
        "area": "Manchester",
        "own_case_closed_on": "2024-01-15",
        "lived_experience": ["housing"],
    }
    response = scene.api.post("/parent-partners", body, COORDINATOR)
    assert response.status_code == 201
    assert response.json["warnings"] == []
    partner = scene.api.get(f"/parent-partners/{response.json['parent_partner_id']}", COORDINATOR)
    assert partner.json["capacity"] == 1
    assert partner.json["tier"] == 5
    assert "one_on_one_mentoring" in partner.json["services"]


def test_a_candidate_whose_case_closed_under_a_year_ago_is_enrolled_with_a_warning(
    scene: Scene,
) -> None:
    body = {
        "name": "New Volunteer",
        "tier": 1,
        "languages": ["English"],
        "area": "Nashua",
        "own_case_closed_on": "2025-09-01",
        "lived_experience": [],
    }
    response = scene.api.post("/parent-partners", body, COORDINATOR)
    assert response.status_code == 201
    (warning,) = response.json["warnings"]
    assert warning["clause"] == "PBP-CANDIDATE"
    partner_id = response.json["parent_partner_id"]
    shown = scene.api.get(f"/parent-partners/{partner_id}", COORDINATOR).json
    assert shown["warnings"] == [warning]


def test_certifications_over_time_change_the_tier_and_its_services(scene: Scene) -> None:
    partner_id = scene.enrol("Dana", tier=1)
    path = f"/parent-partners/{partner_id}/certifications"
    assert (
        scene.api.post(path, {"tier": 4, "certified_on": "2026-03-10"}, COORDINATOR).status_code
        == 201
    )
    shown = scene.api.get(f"/parent-partners/{partner_id}", COORDINATOR).json
    assert [c["tier"] for c in shown["certifications"]] == [1, 4]
    assert "pride_trainings" in shown["services"]
    assert "parenting_classes" not in shown["services"]


@pytest.mark.parametrize("tier", [0, 6, "5", 4.5, True])
def test_a_tier_outside_one_to_five_is_422(scene: Scene, tier: object) -> None:
    partner_id = scene.enrol("Dana")
    body = {"tier": tier, "certified_on": "2026-03-10"}
    problem = assert_problem(
        scene.api.post(f"/parent-partners/{partner_id}/certifications", body, COORDINATOR), 422
    )
    assert "tier" in problem["errors"]


def test_unknown_fields_in_an_enrolment_are_422(scene: Scene) -> None:
    body = {
        "name": "X",
        "tier": 5,
        "languages": ["English"],
        "area": "A",
        "own_case_closed_on": "2020-01-01",
        "lived_experience": [],
        "nickname": "x",
    }
    assert (
        "nickname"
        in assert_problem(scene.api.post("/parent-partners", body, COORDINATOR), 422)["errors"]
    )


def test_a_deactivated_volunteer_is_no_longer_a_candidate(scene: Scene) -> None:
    referral_id = scene.refer()
    partner_id = scene.enrol("Rosa")
    path = f"/parent-partners/{partner_id}/deactivation"
    assert scene.api.post(path, {"reason": "Moved away"}, COORDINATOR).status_code == 201
    assert_problem(scene.api.post(path, {"reason": "again"}, COORDINATOR), 409)
    shown = scene.api.get(f"/parent-partners/{partner_id}", COORDINATOR).json
    assert shown["active"] is False
    candidates = scene.api.get(f"/referrals/{referral_id}/candidates", COORDINATOR).json
    assert candidates["candidates"] == []


def test_volunteer_calls_are_the_coordinators_only(scene: Scene) -> None:
    partner_id = scene.enrol("Rosa")
    scene.api.user("audrey", Role.AUDITOR)
    body = {
        "name": "X",
        "tier": 5,
        "languages": ["English"],
        "area": "A",
        "own_case_closed_on": "2020-01-01",
        "lived_experience": [],
    }
    for user in ("alice", "sam", "audrey"):
        assert_problem(scene.api.post("/parent-partners", body, user), 403)
        assert_problem(scene.api.get("/parent-partners", user), 403)
        assert_problem(
            scene.api.post(f"/parent-partners/{partner_id}/deactivation", {"reason": "r"}, user),
            403,
        )
    assert_problem(scene.api.get(f"/parent-partners/{scene.case_id}", COORDINATOR), 404)
    assert_problem(scene.api.post("/parent-partners", body, None), 401)


def test_the_unit_meeting_is_owed_monthly_by_the_coordinator(scene: Scene, clock) -> None:
    scene.enrol("Rosa")  # the programme starts with its first volunteer, in March 2026
    path = "/pbp/unit-meetings"
    answer = scene.api.get(path, COORDINATOR).json
    assert [(o["period"], o["status"]) for o in answer["obligations"]] == [("2026-03", "open")]
    held = scene.api.post(path, {"held_on": "2026-03-10"}, COORDINATOR)
    assert held.status_code == 201
    later = scene.api.get(f"{path}?as_of=2026-05-02", COORDINATOR).json["obligations"]
    assert [(o["period"], o["status"]) for o in later] == [
        ("2026-03", "met"),
        ("2026-04", "missed"),
        ("2026-05", "open"),
    ]
    assert later[0]["kind"] == "pbp_unit_meeting"
    assert later[0]["satisfied_by"] == [held.json["meeting_id"]]
    assert later[0]["citation"]["clause"] == "PBP-SWS"
    assert_problem(scene.api.get(path, "alice"), 403)
    assert_problem(scene.api.post(path, {"held_on": "2026-03-10"}, "sam"), 403)
