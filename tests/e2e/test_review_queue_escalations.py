"""GET /review-queue: open refusal escalations (ENG-VI) and overdue PPT tasks (PPT-III.C)."""

from __future__ import annotations

from tests.conftest import Clock
from tests.e2e.conftest import Api
from tests.e2e.test_meetings import _refusal

ESCALATIONS = "refusal-escalations"


def test_an_open_escalation_is_in_the_queue_until_the_supervisor_completes_it(
    api: Api, clock: Clock
) -> None:
    case_id, father, contact_id = _refusal(api)
    (item,) = api.get("/review-queue", "sam").json["items"]
    assert (item["kind"], item["contact_id"], item["parent_id"]) == (
        "open_escalation",
        contact_id,
        father,
    )
    assert (item["refused_on"], item["escalation_due"], item["steps"]) == (
        "2026-03-09",
        "2026-03-16",
        [],
    )
    assert item["waiting_since"] == "2026-03-09T15:00:00.000000+00:00"
    first = {
        "contact_id": contact_id,
        "step": "supervisor_consulted",
        "occurred_at": "2026-03-09T15:00:00-05:00",
        "consultant": "sam",
    }
    assert api.post(f"/cases/{case_id}/{ESCALATIONS}", first, "alice").status_code == 201
    (item,) = api.get("/review-queue", "sam").json["items"]
    assert [(s["step"], s["consultant"]) for s in item["steps"]] == [
        ("supervisor_consulted", "sam")
    ]
    finding = {
        "contact_id": contact_id,
        "step": "permanency_not_affected",
        "occurred_at": "2026-03-10T09:00:00-05:00",
    }
    closed = api.post(f"/cases/{case_id}/{ESCALATIONS}", finding, "sam")
    assert closed.status_code == 201, closed.json
    assert api.get("/review-queue", "sam").json["items"] == []


def test_an_overdue_ppt_task_is_in_the_queue_with_its_latest_follow_up(
    api: Api, clock: Clock
) -> None:
    case_id = api.open_case(program="NH-JJS", case_number="JJS-1")
    task = {
        "description": "Call the school",
        "assigned_to": "alice",
        "assigned_on": "2026-03-02",
        "due_on": "2026-03-10",
    }
    task_id = api.post(f"/cases/{case_id}/ppt/tasks", task, "alice").json["task_id"]
    assert api.get("/review-queue", "sam").json["items"] == []  # due today, not yet overdue
    clock.advance(days=1)
    path = f"/cases/{case_id}/ppt/tasks/{task_id}"
    follow_up = {"on": "2026-03-11", "notes": "Asked Alice"}
    assert api.post(f"{path}/follow-ups", follow_up, "sam").status_code == 201
    (item,) = api.get("/review-queue", "sam").json["items"]
    assert (item["kind"], item["task_id"], item["task_due"]) == (
        "overdue_ppt_task",
        task_id,
        "2026-03-10",
    )
    assert (item["latest_follow_up"], item["follow_ups"], item["case_number"]) == (
        "2026-03-11",
        1,
        "JJS-1",
    )
    assert api.post(f"{path}/completion", {"on": "2026-03-11"}, "alice").status_code == 201
    assert api.get("/review-queue", "sam").json["items"] == []


def test_the_openapi_document_names_every_queue_item_kind_and_its_fields(api: Api) -> None:
    document = api.get("/openapi.json", None).json
    item = document["components"]["schemas"]["QueueItemOut"]["properties"]
    assert item["kind"]["enum"] == [
        "pending_decision",
        "decision_due_for_review",
        "open_escalation",
        "overdue_ppt_task",
    ]
    assert {"steps", "escalation_due", "task_due", "latest_follow_up"} <= set(item)
