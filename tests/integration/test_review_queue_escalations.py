"""Refusal escalations (ENG-VI) and overdue PPT tasks (PPT-III.C) in the review queue,
on both stores: they come and go with the case's events, and a rebuild equals the live queue.
"""

from __future__ import annotations

import datetime as dt
from uuid import UUID

from domain.application import CaseLedger
from domain.commands import ChangeHousehold, IdentifyParent, RecordContact
from domain.meeting_commands import EscalateRefusal
from domain.meetings import EscalationStep
from domain.ppt_commands import AssignPptTask, CompletePptTask, FollowUpPptTask
from domain.values import ContactMethod, ContactOutcome, Household, Program, Relationship
from projections.review_queue import ReviewQueue, catch_up
from tests.conftest import Clock
from tests.integration.cases import OPENED_ON, enrol_staff, open_case


def _refusal(ledger: CaseLedger, clock: Clock) -> tuple[UUID, UUID]:
    enrol_staff(ledger)
    case_id = open_case(ledger, "JJS-1", Program.NH_JJS)
    ledger.handle(case_id, ChangeHousehold(Household(OPENED_ON, False, None, True)), "wendy")
    father = ledger.handle(
        case_id, IdentifyParent("Tom", Relationship.BIOLOGICAL, {"custodial": False}), "wendy"
    )["parent_id"]
    refused = RecordContact(
        parent_id=UUID(father),
        occurred_at=clock() - dt.timedelta(hours=2),
        method=ContactMethod.PHONE,
        outcome=ContactOutcome.REFUSED,
        purpose="Monthly contact",
        narrative=None,
    )
    return case_id, UUID(ledger.handle(case_id, refused, "wendy")["contact_id"])


def _escalate(
    ledger: CaseLedger, case_id: UUID, contact: UUID, step: EscalationStep, clock: Clock
) -> None:
    consultant = None if step is EscalationStep.PERMANENCY_NOT_AFFECTED else "sam"
    body = EscalateRefusal(contact, step, clock() - dt.timedelta(hours=1), consultant)
    ledger.handle(case_id, body, "sam")


def test_an_open_escalation_waits_with_its_steps_until_the_supervisor_completes_it(
    ledger: CaseLedger, clock: Clock
) -> None:
    case_id, contact = _refusal(ledger, clock)
    queue = ReviewQueue(ledger)
    catch_up(ledger, queue)
    (item,) = queue.items("sam", clock())
    assert (item["kind"], item["contact_id"], item["parent_name"]) == (
        "open_escalation",
        str(contact),
        "Tom",
    )
    assert (item["refused_on"], item["escalation_due"], item["steps"]) == (
        "2026-03-10",
        "2026-03-17",
        [],
    )
    _escalate(ledger, case_id, contact, EscalationStep.SUPERVISOR_CONSULTED, clock)
    catch_up(ledger, queue)
    (item,) = queue.items("sam", clock())
    assert [s["step"] for s in item["steps"]] == ["supervisor_consulted"]
    clock.advance(minutes=30)
    _escalate(ledger, case_id, contact, EscalationStep.PERMANENCY_NOT_AFFECTED, clock)
    catch_up(ledger, queue)
    assert queue.items("sam", clock()) == []


def test_an_overdue_ppt_task_joins_the_queue_and_leaves_it_when_completed(
    ledger: CaseLedger, clock: Clock
) -> None:
    case_id, _ = _refusal(ledger, clock)
    task = AssignPptTask("Call the school", "wendy", OPENED_ON, dt.date(2026, 3, 12))
    task_id = UUID(ledger.handle(case_id, task, "wendy")["task_id"])
    queue = ReviewQueue(ledger)
    catch_up(ledger, queue)
    assert [i["kind"] for i in queue.items("sam", clock())] == ["open_escalation"]
    clock.advance(days=3)
    ledger.handle(case_id, FollowUpPptTask(task_id, dt.date(2026, 3, 13), "Asked"), "sam")
    catch_up(ledger, queue)
    kinds = [(i["kind"], i.get("latest_follow_up")) for i in queue.items("sam", clock())]
    assert kinds == [("open_escalation", None), ("overdue_ppt_task", "2026-03-13")]
    ledger.handle(case_id, CompletePptTask(task_id, dt.date(2026, 3, 13)), "wendy")
    catch_up(ledger, queue)
    assert [i["kind"] for i in queue.items("sam", clock())] == ["open_escalation"]


def test_a_rebuilt_queue_of_escalations_and_tasks_equals_the_live_one(
    ledger: CaseLedger, clock: Clock
) -> None:
    case_id, contact = _refusal(ledger, clock)
    queue = ReviewQueue(ledger)
    catch_up(ledger, queue)
    _escalate(ledger, case_id, contact, EscalationStep.SUPERVISOR_CONSULTED, clock)
    catch_up(ledger, queue)
    for due in (dt.date(2026, 3, 3), dt.date(2026, 3, 20)):
        ledger.handle(case_id, AssignPptTask("Call", "wendy", OPENED_ON, due), "wendy")
        catch_up(ledger, queue)
    live = queue.dump()
    assert queue.rebuild() == ledger.recorder.max_notification_id()
    assert queue.dump() == live
    assert [i["kind"] for i in queue.items("sam", clock())] == [
        "overdue_ppt_task",
        "open_escalation",
    ]
