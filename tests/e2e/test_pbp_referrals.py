"""Referrals over HTTP: PBP-REF-1..7, PBP-ELIG, PBP-DIRECT, roles and the case's alert."""

from __future__ import annotations

import pytest

from domain.values import Role
from tests.e2e.conftest import Api, assert_problem
from tests.e2e.pbp_helpers import COORDINATOR, Scene, reunification_scene


@pytest.fixture
def scene(api: Api) -> Scene:
    return reunification_scene(api)


def test_the_case_worker_refers_a_parent_receiving_reunification_services(scene: Scene) -> None:
    referral_id = scene.refer()
    answer = scene.api.get(f"/referrals/{referral_id}", COORDINATOR).json
    assert answer["status"] == "submitted"
    assert answer["referred_by"] == "alice"
    assert answer["case_id"] == scene.case_id


def test_the_case_supervisor_may_refer_too(scene: Scene) -> None:
    assert scene.refer(as_user="sam")


def test_a_referral_when_the_goal_is_not_reunification_is_422_pbp_elig(scene: Scene) -> None:
    goal = {"goal": "adoption", "effective_on": "2026-02-01", "set_by": ["alice"]}
    assert (
        scene.api.post(f"/cases/{scene.case_id}/permanency-goals", goal, "alice").status_code == 201
    )
    before = scene.api.events()
    body = {"case_id": scene.case_id, "parent_id": scene.parent_id, "needs": ["housing"]}
    problem = assert_problem(scene.api.post("/referrals", body, "alice"), 422)
    assert problem["clause"] == "PBP-ELIG"
    assert scene.api.events() == before


@pytest.mark.parametrize("relationship", ["step", "putative_father"])
def test_a_step_parent_or_putative_father_is_not_eligible(api: Api, relationship: str) -> None:
    scene = reunification_scene(api)
    other = api.add_parent(scene.case_id, relationship=relationship, name="Tom")
    body = {"case_id": scene.case_id, "parent_id": other, "needs": ["housing"]}
    assert assert_problem(api.post("/referrals", body, "alice"), 422)["clause"] == "PBP-ELIG"


@pytest.mark.parametrize("relationship", ["adoptive", "legal_guardian"])
def test_adoptive_parents_and_legal_guardians_are_eligible(api: Api, relationship: str) -> None:
    assert reunification_scene(api, relationship).refer()


def test_only_the_cases_worker_or_supervisor_refers(scene: Scene) -> None:
    body = {"case_id": scene.case_id, "parent_id": scene.parent_id, "needs": ["housing"]}
    assert_problem(scene.api.post("/referrals", body, COORDINATOR), 403)
    scene.api.user("olga", Role.CASEWORKER, "south")
    problem = assert_problem(scene.api.post("/referrals", body, "olga"), 422)
    assert "case_id" in problem["errors"]


def test_an_unknown_parent_in_the_body_is_422_naming_it(scene: Scene) -> None:
    body = {"case_id": scene.case_id, "parent_id": scene.case_id, "needs": []}
    assert "parent_id" in assert_problem(scene.api.post("/referrals", body, "alice"), 422)["errors"]


def test_assigning_a_volunteer_below_tier_five_is_422_pbp_direct(scene: Scene) -> None:
    referral_id = scene.refer()
    scene.needs(referral_id)
    four = scene.enrol("Dana", tier=4)
    problem = assert_problem(scene.assign(referral_id, four, override_reason="only one"), 422)
    assert problem["clause"] == "PBP-DIRECT"


def test_only_the_coordinator_assigns(scene: Scene) -> None:
    referral_id = scene.refer()
    scene.needs(referral_id)
    partner = scene.enrol("Rosa")
    body = {"parent_partner_id": partner}
    assert_problem(scene.api.post(f"/referrals/{referral_id}/assignment", body, "alice"), 403)
    assert_problem(scene.api.post(f"/referrals/{referral_id}/assignment", body, "sam"), 403)


def test_assignment_before_needs_are_identified_is_a_409(scene: Scene) -> None:
    referral_id = scene.refer()
    assert_problem(scene.assign(referral_id, scene.enrol("Rosa")), 409)


def test_choosing_other_than_the_top_candidate_needs_an_override_reason(scene: Scene) -> None:
    referral_id = scene.refer()
    scene.needs(referral_id)
    scene.enrol("Best", languages=["Spanish"])
    second = scene.enrol("Second")
    problem = assert_problem(scene.assign(referral_id, second), 422)
    assert problem["clause"] == "PBP-REF-3"
    assert "override_reason" in problem["errors"]
    response = scene.assign(referral_id, second, override_reason="Knows the family's school")
    assert response.status_code == 201
    assignment = scene.api.get(f"/referrals/{referral_id}", COORDINATOR).json["assignment"]
    assert assignment["rank"] == 2
    assert assignment["override_reason"] == "Knows the family's school"


def test_the_assignment_shows_on_the_case_as_an_alert_and_a_collateral(scene: Scene) -> None:
    referral_id = scene.refer()
    scene.needs(referral_id)
    partner = scene.enrol("Rosa Diaz", languages=["Spanish"])
    assert scene.assign(referral_id, partner).status_code == 201
    case = scene.api.get(f"/cases/{scene.case_id}", "alice").json
    (alert,) = case["alerts"]
    assert alert["clause"] == "PBP-REF-5"
    assert "Rosa Diaz" in alert["message"]
    (collateral,) = case["collaterals"]
    assert collateral == {
        "kind": "parent_partner",
        "name": "Rosa Diaz",
        "parent_partner_id": partner,
        "referral_id": referral_id,
        "parent_id": scene.parent_id,
        "since": "2026-03-10",
    }


def test_a_family_meeting_needs_the_pbp_supervisor_or_the_case_worker(scene: Scene) -> None:
    referral_id = scene.refer()
    scene.needs(referral_id)
    scene.assign(referral_id, scene.enrol("Rosa", languages=["Spanish"]))
    path = f"/referrals/{referral_id}/family-meetings"
    alone = {"held_on": "2026-03-09", "accompanied_by": "sam"}
    assert assert_problem(scene.api.post(path, alone, COORDINATOR), 422)["clause"] == "PBP-REF-6"
    with_worker = {"held_on": "2026-03-09", "accompanied_by": "alice"}
    assert scene.api.post(path, with_worker, "alice").status_code == 201
    with_pbp = {"held_on": "2026-03-10", "accompanied_by": COORDINATOR}
    assert scene.api.post(path, with_pbp, COORDINATOR).status_code == 201
    assert_problem(scene.api.post(path, with_pbp, "sam"), 403)


def test_closure_needs_all_four_parties_and_frees_the_volunteer(scene: Scene) -> None:
    referral_id = scene.refer()
    scene.needs(referral_id)
    partner = scene.enrol("Rosa", languages=["Spanish"])
    scene.assign(referral_id, partner)
    meeting = {"held_on": "2026-03-10", "attended_by": ["pat", "Rosa", "alice", "sam"]}
    assert (
        scene.api.post(
            f"/referrals/{referral_id}/planning-meeting", meeting, COORDINATOR
        ).status_code
        == 201
    )
    path = f"/referrals/{referral_id}/closure"
    three = {
        "agreed_by": ["case_worker", "case_supervisor", "pbp_coordinator"],
        "closed_on": "2026-03-10",
    }
    assert assert_problem(scene.api.post(path, three, COORDINATOR), 422)["clause"] == "PBP-REF-7"
    four = three | {"agreed_by": [*three["agreed_by"], "parent_partner"]}
    assert scene.api.post(path, four, COORDINATOR).status_code == 201
    volunteer = scene.api.get(f"/parent-partners/{partner}", COORDINATOR).json
    assert volunteer["free_capacity"] == 1
    assert scene.api.get(f"/cases/{scene.case_id}", "alice").json["alerts"] == []


def test_the_referring_worker_withdraws_with_a_reason_but_another_worker_may_not(
    scene: Scene,
) -> None:
    referral_id = scene.refer()
    body = {"reason": "Family moved out of state"}
    assert_problem(scene.api.post(f"/referrals/{referral_id}/withdrawal", body, "sam"), 403)
    response = scene.api.post(f"/referrals/{referral_id}/withdrawal", body, "alice")
    assert response.status_code == 201
    assert response.json["status"] == "withdrawn"
    assert_problem(scene.api.post(f"/referrals/{referral_id}/withdrawal", body, COORDINATOR), 409)


def test_an_unknown_referral_is_404_and_anothers_case_referral_is_404_too(scene: Scene) -> None:
    assert_problem(scene.api.get(f"/referrals/{scene.case_id}", COORDINATOR), 404)
    referral_id = scene.refer()
    scene.api.user("olga", Role.CASEWORKER, "south")
    assert_problem(scene.api.get(f"/referrals/{referral_id}", "olga"), 404)
    assert_problem(
        scene.api.post(f"/referrals/{referral_id}/withdrawal", {"reason": "x"}, "olga"), 404
    )


def test_a_repeated_idempotency_key_records_the_referral_once(scene: Scene) -> None:
    body = {"case_id": scene.case_id, "parent_id": scene.parent_id, "needs": ["housing"]}
    headers = {"Idempotency-Key": "ref-1"}
    first = scene.api.post("/referrals", body, "alice", headers)
    events = scene.api.events()
    again = scene.api.post("/referrals", body, "alice", headers)
    assert (again.status_code, again.json) == (first.status_code, first.json)
    assert scene.api.events() == events


def test_a_repeated_assignment_with_its_key_answers_the_same_and_records_once(
    scene: Scene,
) -> None:
    referral_id = scene.refer()
    scene.needs(referral_id)
    partner = scene.enrol("Rosa", languages=["Spanish"], capacity=2)
    headers = {"Idempotency-Key": "assign-1"}
    body = {"parent_partner_id": partner}
    path = f"/referrals/{referral_id}/assignment"
    keyed = scene.api.post(path, body, COORDINATOR, headers)
    events = scene.api.events()
    again = scene.api.post(path, body, COORDINATOR, headers)
    assert (again.status_code, again.json) == (keyed.status_code, keyed.json)
    assert scene.api.events() == events
    other = {"parent_partner_id": partner, "override_reason": "different body"}
    assert_problem(scene.api.post(path, other, COORDINATOR, headers), 422)


def test_the_permanency_jppo_of_the_team_does_not_see_a_referral_on_its_nh_jjs_case(
    api: Api,
) -> None:
    api.user(COORDINATOR, Role.PBP_COORDINATOR)
    api.user("petra", Role.PERMANENCY_WORKER, "north")
    case_id = api.open_case(program="NH-JJS", case_number="JJS-1")
    assert api.get(f"/cases/{case_id}", "petra").status_code == 200  # the case is theirs to read
    parent_id = api.add_parent(case_id)
    goal = {"goal": "reunification", "effective_on": "2026-01-05", "set_by": ["alice", "sam"]}
    assert api.post(f"/cases/{case_id}/permanency-goals", goal, "alice").status_code == 201
    referral_id = Scene(api, case_id, parent_id).refer()
    assert_problem(api.get(f"/referrals/{referral_id}", "petra"), 404)
    assert_problem(api.get(f"/referrals/{referral_id}/candidates", "petra"), 404)
    assert api.get(f"/referrals/{referral_id}", "alice").status_code == 200


def test_the_permanency_jppo_reading_the_case_sees_no_assigned_volunteer(api: Api) -> None:
    api.user(COORDINATOR, Role.PBP_COORDINATOR)
    api.user("petra", Role.PERMANENCY_WORKER, "north")
    case_id = api.open_case(program="NH-JJS", case_number="JJS-2")
    scene = Scene(api, case_id, api.add_parent(case_id))
    goal = {"goal": "reunification", "effective_on": "2026-01-05", "set_by": ["alice", "sam"]}
    assert api.post(f"/cases/{case_id}/permanency-goals", goal, "alice").status_code == 201
    referral_id = scene.refer()
    scene.needs(referral_id)
    assert scene.assign(referral_id, scene.enrol("Rosa Diaz")).status_code == 201
    assert len(api.get(f"/cases/{case_id}", "alice").json["collaterals"]) == 1
    seen = api.get(f"/cases/{case_id}", "petra")
    assert seen.status_code == 200
    assert (seen.json["alerts"], seen.json["collaterals"]) == ([], [])
    assert "Rosa Diaz" not in seen.get_data(as_text=True)
