"""Refusal escalations (ENG-VI) and overdue PPT tasks (PPT-III.C) as review-queue rows."""

from __future__ import annotations

import datetime as dt
from uuid import UUID

from domain.case import Case
from domain.commands import ChangeHousehold, CloseCase, VoidContact
from domain.meeting_commands import EscalateRefusal
from domain.meetings import CLOSING_STEPS, EscalationStep
from domain.ppt_commands import AssignPptTask, CompletePptTask, FollowUpPptTask
from domain.values import ContactMethod, ContactOutcome, Household, Program
from projections.review_items import SHOWN, case_rows
from tests.unit.builders import (
    NOW,
    OPENED_ON,
    SUPERVISOR,
    WORKER,
    add_parent,
    open_case,
    record_contact,
)

TODAY = dt.date(2026, 3, 10)  # NOW in New Hampshire
REFUSED_AT = NOW - dt.timedelta(days=1)


def _refusal(in_placement: bool = True, custodial: bool = False) -> tuple[Case, UUID]:
    case = open_case(Program.NH_JJS)
    ChangeHousehold(Household(OPENED_ON, False, None, in_placement)).apply(case, WORKER, NOW)
    father = add_parent(case, custodial=custodial)
    refusal = record_contact(
        case,
        father,
        occurred_at=REFUSED_AT,
        method=ContactMethod.PHONE,
        outcome=ContactOutcome.REFUSED,
        narrative=None,
    )
    return case, refusal.contact_id


def _step(case: Case, contact: UUID, step: EscalationStep, consultant: str | None) -> None:
    at = NOW - dt.timedelta(hours=1)
    actor = SUPERVISOR if step in CLOSING_STEPS else WORKER  # ENG-VI: closing steps are theirs
    EscalateRefusal(contact, step, at, consultant).apply(case, actor, NOW)


def _shown(case: Case, today: dt.date = TODAY) -> list[tuple[str, str]]:
    return [s for row in case_rows(case) if (s := SHOWN[row.kind](row, today)) is not None]


def test_a_refusal_waits_for_the_supervisor_from_the_refusal_with_its_due_day() -> None:
    case, contact = _refusal()
    (row,) = case_rows(case)
    assert (row.kind, row.item_id, row.supervisor) == ("refusal_escalation", str(contact), "sam")
    assert row.document["refused_on"] == "2026-03-09"
    assert row.document["escalation_due"] == row.due_on
    assert row.document["steps"] == []
    assert row.document["clause"] == "ENG-VI"
    assert _shown(case) == [("open_escalation", "2026-03-09T16:00:00.000000+00:00")]


def test_an_escalation_shows_its_steps_until_a_closing_step_completes_it() -> None:
    case, contact = _refusal()
    _step(case, contact, EscalationStep.SUPERVISOR_CONSULTED, "sam")
    (row,) = case_rows(case)
    assert [s["step"] for s in row.document["steps"]] == ["supervisor_consulted"]
    assert row.document["steps"][0]["consultant"] == "sam"
    _step(case, contact, EscalationStep.PERMANENCY_NOT_AFFECTED, None)
    assert case_rows(case) == []


def test_refusals_that_need_no_escalation_put_nothing_in_the_queue() -> None:
    assert case_rows(_refusal(in_placement=False)[0]) == []
    assert case_rows(_refusal(custodial=True)[0]) == []
    case, contact = _refusal()
    VoidContact(contact, "Entered on the wrong case").apply(case, WORKER, NOW)
    assert case_rows(case) == []
    cps = open_case(Program.NH_CPS)
    father = add_parent(cps, custodial=False)
    record_contact(cps, father, occurred_at=REFUSED_AT, outcome=ContactOutcome.REFUSED)
    assert case_rows(cps) == []


def _task(case: Case, due_on: dt.date) -> UUID:
    assign = AssignPptTask("Call the school", "wendy", OPENED_ON, due_on)
    return UUID(assign.apply(case, WORKER, NOW)["task_id"])


def test_a_ppt_task_shows_once_overdue_with_its_latest_follow_up() -> None:
    case = open_case(Program.NH_JJS)
    task_id = _task(case, dt.date(2026, 3, 6))
    FollowUpPptTask(task_id, dt.date(2026, 3, 4), "Asked Wendy").apply(case, SUPERVISOR, NOW)
    FollowUpPptTask(task_id, dt.date(2026, 3, 9), "Asked again").apply(case, SUPERVISOR, NOW)
    (row,) = case_rows(case)
    assert (row.kind, row.item_id, row.due_on) == ("ppt_task", str(task_id), "2026-03-06")
    assert (row.document["follow_ups"], row.document["latest_follow_up"]) == (2, "2026-03-09")
    assert row.document["clause"] == "PPT-III.C"
    assert _shown(case, dt.date(2026, 3, 6)) == []
    since = "2026-03-07T05:00:00.000000+00:00"  # midnight after the due day, New Hampshire
    assert _shown(case, dt.date(2026, 3, 7)) == [("overdue_ppt_task", since)]


def test_a_completed_task_or_a_closed_case_leaves_the_queue() -> None:
    case = open_case(Program.NH_JJS)
    done = _task(case, dt.date(2026, 3, 3))
    _task(case, dt.date(2026, 3, 4))
    CompletePptTask(done, dt.date(2026, 3, 9)).apply(case, WORKER, NOW)
    assert [r.document["task_due"] for r in case_rows(case)] == ["2026-03-04"]
    CloseCase(TODAY, "Goals met").apply(case, WORKER, NOW)
    assert case_rows(case) == []
