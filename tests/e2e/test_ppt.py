"""The Permanency Planning Team record over HTTP (SOP 1626.4), on both stores."""

from __future__ import annotations

import pytest

from domain.ppt_values import PptTopic
from domain.values import Role
from tests.e2e.conftest import Api, assert_problem

TOPICS = {topic.value: f"Notes on {topic.value}" for topic in PptTopic}
NARRATIVE = "Mother spoke of the night of the fire, unique-ppt-narrative-7731."


@pytest.fixture
def jjs(api: Api) -> str:
    """An NH-JJS case of alice (team north), with Permanency JPPO petra on team north."""
    api.user("petra", Role.PERMANENCY_WORKER, "north")
    api.user("paul", Role.PERMANENCY_WORKER, "south")
    return api.open_case(program="NH-JJS", case_number="JJS-1")


def obligations(api: Api, case_id: str, as_of: str, kind: str) -> list[dict]:
    response = api.get(f"/cases/{case_id}/obligations?as_of={as_of}", "alice")
    assert response.status_code == 200, response.json
    return [o for o in response.json["obligations"] if o["kind"] == kind]


def test_a_placement_notified_the_same_day_meets_its_placement_notice(api, jjs):
    placed = api.post(
        f"/cases/{jjs}/ppt/placements", {"on": "2026-03-02", "setting": "Foster"}, "alice"
    )
    assert placed.status_code == 201, placed.json
    notice = {
        "placement_id": placed.json["placement_id"],
        "on": "2026-03-02",
        "permanency_worker": "petra",
    }
    told = api.post(f"/cases/{jjs}/ppt/jppo-notices", notice, "alice")
    assert told.status_code == 201, told.json
    (owed,) = obligations(api, jjs, "2026-03-10", "placement_notice")
    assert owed["status"] == "met"
    assert owed["due"] == "2026-03-02"
    assert owed["parent_id"] is None
    assert owed["satisfied_by"] == [told.json["notice_id"]]
    assert owed["citation"]["clause"] == "PPT-I.A"
    assert "1626.4" in owed["citation"]["source"]


def test_the_jppo_notice_names_a_permanency_worker_and_a_placement_of_the_case(api, jjs):
    placed = api.post(
        f"/cases/{jjs}/ppt/placements", {"on": "2026-03-02", "setting": "Foster"}, "alice"
    )
    body = {
        "placement_id": placed.json["placement_id"],
        "on": "2026-03-02",
        "permanency_worker": "sam",
    }
    problem = assert_problem(api.post(f"/cases/{jjs}/ppt/jppo-notices", body, "alice"), 422)
    assert "permanency_worker" in problem["errors"]
    body |= {"permanency_worker": "petra", "placement_id": "00000000-0000-0000-0000-000000000001"}
    problem = assert_problem(api.post(f"/cases/{jjs}/ppt/jppo-notices", body, "alice"), 422)
    assert "placement_id" in problem["errors"]


def test_ppt_records_on_an_nh_cps_case_are_refused_naming_the_clause(api):
    case_id = api.open_case(program="NH-CPS")
    before = api.events()
    response = api.post(f"/cases/{case_id}/ppt/screens", {"on": "2026-03-02"}, "alice")
    problem = assert_problem(response, 422)
    assert problem["clause"] == "PPT-I.B"
    assert api.events() == before


def test_a_meeting_record_missing_a_topic_is_refused_citing_ppt_i_d(api, jjs):
    topics = {k: v for k, v in TOPICS.items() if k != "connections"}
    body = {"held_on": "2026-03-09", "topics": topics}
    problem = assert_problem(api.post(f"/cases/{jjs}/ppt/meetings", body, "alice"), 422)
    assert problem["clause"] == "PPT-I.D"
    assert "topics" in problem["errors"]
    body = {"held_on": "2026-03-09", "topics": TOPICS, "attended_by": ["alice", "petra"]}
    assert api.post(f"/cases/{jjs}/ppt/meetings", body, "alice").status_code == 201


def test_unknown_fields_and_words_outside_the_enumerations_are_refused(api, jjs):
    bad = {"source": "neighbours", "on": "2026-03-02"}
    assert (
        "source"
        in assert_problem(api.post(f"/cases/{jjs}/ppt/information", bad, "alice"), 422)["errors"]
    )
    extra = {"on": "2026-03-02", "actor": "mallory"}
    assert_problem(api.post(f"/cases/{jjs}/ppt/screens", extra, "alice"), 422)


def test_the_permanency_jppo_of_the_team_reads_and_records_ppt_facts_only(api, jjs):
    parent = api.add_parent(jjs)
    contact = {
        "parent_id": parent,
        "occurred_at": "2026-03-09T10:00:00-04:00",
        "method": "in_home",
        "outcome": "completed",
        "purpose": "Monthly visit",
        "narrative": NARRATIVE,
    }
    assert api.post(f"/cases/{jjs}/contacts", contact, "alice").status_code == 201
    factor = {"factor": "trafficking", "identified_on": "2026-03-03"}
    recorded = api.post(f"/cases/{jjs}/ppt/staffing-factors", factor, "petra")
    assert recorded.status_code == 201, recorded.json
    case = api.get(f"/cases/{jjs}", "petra")
    assert case.status_code == 200
    assert NARRATIVE not in case.get_data(as_text=True)
    assert case.json["contacts"][0]["method"] == "in_home"
    ppt = api.get(f"/cases/{jjs}/ppt", "petra")
    assert ppt.json["staffing_factors"][0]["factor"] == "trafficking"
    assert_problem(api.get(f"/cases/{jjs}/audit", "petra"), 403)
    assert_problem(api.post(f"/cases/{jjs}/contacts", contact, "petra"), 403)
    assert_problem(api.post(f"/cases/{jjs}/household", {}, "petra"), 403)


def test_a_permanency_jppo_of_another_team_or_on_a_cps_case_sees_nothing(api, jjs):
    assert_problem(api.get(f"/cases/{jjs}", "paul"), 404)
    assert_problem(api.post(f"/cases/{jjs}/ppt/screens", {"on": "2026-03-02"}, "paul"), 404)
    cps = api.open_case(program="NH-CPS", case_number="CPS-1")
    assert_problem(api.get(f"/cases/{cps}", "petra"), 404)


def test_tasks_fall_due_are_completed_and_only_the_supervisor_follows_up(api, jjs, clock):
    task = {
        "description": "Call the school",
        "assigned_to": "alice",
        "assigned_on": "2026-03-02",
        "due_on": "2026-03-06",
    }
    assigned = api.post(f"/cases/{jjs}/ppt/tasks", task, "petra")
    assert assigned.status_code == 201, assigned.json
    task_id = assigned.json["task_id"]
    (listed,) = api.get(f"/cases/{jjs}/ppt", "sam").json["tasks"]
    assert listed["overdue"] is True
    (owed,) = obligations(api, jjs, "2026-03-10", "ppt_task")
    assert (owed["status"], owed["citation"]["clause"]) == ("missed", "PPT-I.I")
    follow_up = {"on": "2026-03-09", "notes": "Reminded alice"}
    assert_problem(
        api.post(f"/cases/{jjs}/ppt/tasks/{task_id}/follow-ups", follow_up, "alice"), 403
    )
    assert (
        api.post(f"/cases/{jjs}/ppt/tasks/{task_id}/follow-ups", follow_up, "sam").status_code
        == 201
    )
    done = api.post(f"/cases/{jjs}/ppt/tasks/{task_id}/completion", {"on": "2026-03-10"}, "alice")
    assert done.status_code == 201
    again = api.post(f"/cases/{jjs}/ppt/tasks/{task_id}/completion", {"on": "2026-03-10"}, "alice")
    assert_problem(again, 409)
    (listed,) = api.get(f"/cases/{jjs}/ppt", "alice").json["tasks"]
    assert (listed["overdue"], listed["follow_ups"]) == (False, ["2026-03-09"])
    missing = "00000000-0000-0000-0000-000000000002"
    assert_problem(
        api.post(f"/cases/{jjs}/ppt/tasks/{missing}/completion", {"on": "2026-03-10"}, "alice"), 404
    )


def test_permanency_achieved_owes_a_ppt_update_met_once_recorded(api, jjs):
    achieved = api.post(
        f"/cases/{jjs}/ppt/permanency", {"on": "2026-03-06", "outcome": "Reunified"}, "alice"
    )
    assert achieved.status_code == 201
    (owed,) = obligations(api, jjs, "2026-03-09", "ppt_update")
    assert (owed["status"], owed["due"]) == ("open", "2026-03-09")
    updated = api.post(f"/cases/{jjs}/ppt/updates", {"on": "2026-03-09"}, "alice")
    assert updated.status_code == 201
    (owed,) = obligations(api, jjs, "2026-03-10", "ppt_update")
    assert owed["status"] == "met"
    assert owed["satisfied_by"] == [updated.json["update_id"]]


def test_staffing_advice_and_support_requests_are_recorded(api, jjs):
    factor = api.post(
        f"/cases/{jjs}/ppt/staffing-factors",
        {"factor": "medical", "identified_on": "2026-03-03"},
        "alice",
    )
    factor_id = factor.json["factor_id"]
    advice = {"on": "2026-03-04", "advice": "Invite the nurse consultant"}
    assert (
        api.post(
            f"/cases/{jjs}/ppt/staffing-factors/{factor_id}/advice", advice, "alice"
        ).status_code
        == 201
    )
    (owed,) = obligations(api, jjs, "2026-03-10", "ppt_staffing_advice")
    assert (owed["status"], owed["requires"], owed["citation"]["clause"]) == (
        "met",
        "medical",
        "PPT-I.H",
    )
    for path in ("meeting-requests", "workgroup-requests"):
        response = api.post(
            f"/cases/{jjs}/ppt/{path}", {"on": "2026-03-05", "reason": "Runs away"}, "alice"
        )
        assert response.status_code == 201
    kinds = [r["kind"] for r in api.get(f"/cases/{jjs}/ppt", "alice").json["requests"]]
    assert kinds == ["extra_meeting", "workgroup"]


def test_a_ppt_write_honours_its_idempotency_key(api, jjs):
    body = {"on": "2026-03-02", "setting": "Foster"}
    headers = {"Idempotency-Key": "place-1"}
    first = api.post(f"/cases/{jjs}/ppt/placements", body, "alice", headers)
    count = api.events()
    again = api.post(f"/cases/{jjs}/ppt/placements", body, "alice", headers)
    assert (again.status_code, again.json) == (201, first.json)
    assert api.events() == count
    changed = api.post(
        f"/cases/{jjs}/ppt/placements", body | {"setting": "Group"}, "alice", headers
    )
    assert_problem(changed, 422)


def test_each_ppt_event_reads_as_one_line_in_the_audit_history(api, jjs):
    placed = api.post(
        f"/cases/{jjs}/ppt/placements", {"on": "2026-03-02", "setting": "Foster"}, "alice"
    )
    api.post(f"/cases/{jjs}/ppt/information", {"source": "providers", "on": "2026-03-03"}, "alice")
    assert placed.status_code == 201
    entries = api.get(f"/cases/{jjs}/audit", "alice").json["entries"]
    summaries = {e["event_type"]: e["summary"] for e in entries}
    assert summaries["YouthPlaced"] == "Youth placed on 2026-03-02"
    assert (
        summaries["PptInformationGathered"]
        == "PPT information gathered from providers on 2026-03-03"
    )


def test_the_ppt_calls_are_in_the_openapi_document_with_their_schemas(api):
    paths = api.get("/openapi.json", None).json["paths"]
    wanted = [
        "/cases/{case_id}/ppt",
        "/cases/{case_id}/ppt/placements",
        "/cases/{case_id}/ppt/jppo-notices",
        "/cases/{case_id}/ppt/screens",
        "/cases/{case_id}/ppt/information",
        "/cases/{case_id}/ppt/meetings",
        "/cases/{case_id}/ppt/staffing-factors",
        "/cases/{case_id}/ppt/staffing-factors/{factor_id}/advice",
        "/cases/{case_id}/ppt/tasks",
        "/cases/{case_id}/ppt/tasks/{task_id}/completion",
        "/cases/{case_id}/ppt/tasks/{task_id}/follow-ups",
        "/cases/{case_id}/ppt/permanency",
        "/cases/{case_id}/ppt/updates",
        "/cases/{case_id}/ppt/meeting-requests",
        "/cases/{case_id}/ppt/workgroup-requests",
    ]
    for path in wanted:
        found = next(p for p in paths if p.endswith(path))
        operation = paths[found].get("post") or paths[found]["get"]
        assert operation["summary"], path
    meetings = next(p for p in paths if p.endswith("/cases/{case_id}/ppt/meetings"))
    assert "requestBody" in paths[meetings]["post"]


def test_the_permanency_jppo_schedules_ppt_meetings_whose_screen_falls_due(api, jjs):
    team = api.post(f"/cases/{jjs}/meetings", {"kind": "team", "held_on": "2026-03-20"}, "petra")
    assert_problem(team, 403)
    body = {"kind": "ppt", "held_on": "2026-03-20"}
    scheduled = api.post(f"/cases/{jjs}/meetings", body, "petra")
    assert scheduled.status_code == 201, scheduled.json
    (screen,) = obligations(api, jjs, "2026-03-10", "ppt_screen")
    assert (screen["due"], screen["status"], screen["period"]) == (
        "2026-03-13",
        "open",
        "2026-03-20",
    )
    (information,) = obligations(api, jjs, "2026-03-10", "ppt_information")
    assert information["due"] == "2026-03-20"


def test_an_overdue_ppt_task_shows_in_the_supervisors_list_of_missed_obligations(api, jjs):
    task = {"description": "Visit the school", "assigned_to": "alice", "assigned_on": "2026-03-02"}
    api.post(f"/cases/{jjs}/ppt/tasks", task | {"due_on": "2026-03-05"}, "alice")
    listed = api.get("/obligations?status=missed", "sam")
    assert listed.status_code == 200, listed.json
    tasks = [o for o in listed.json["obligations"] if o["kind"] == "ppt_task"]
    assert [(o["case_id"], o["due"], o["worker"]) for o in tasks] == [(jjs, "2026-03-05", "alice")]


def test_the_permanency_jppo_lists_only_the_ppt_obligations_of_their_teams_cases(api, jjs):
    api.user("nadia", Role.PERMANENCY_WORKER)
    api.add_parent(jjs)  # raises monthly contacts, which are not theirs to list
    task = {"description": "Visit the school", "assigned_to": "alice", "assigned_on": "2026-03-02"}
    api.post(f"/cases/{jjs}/ppt/tasks", task | {"due_on": "2026-03-20"}, "alice")

    def kinds(user: str) -> list[str]:
        response = api.get("/obligations", user)
        assert response.status_code == 200, response.json
        return sorted(o["kind"] for o in response.json["obligations"])

    assert kinds("petra") == ["ppt_task"]
    assert kinds("paul") == []
    assert kinds("nadia") == []
    assert "monthly_contact" in kinds("alice")
