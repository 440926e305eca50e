"""The review queue on both stores: live equals rebuilt, items come and go with reviews."""

from __future__ import annotations

import datetime as dt
from uuid import UUID

from domain.application import CaseLedger
from domain.commands import CloseCase, IdentifyParent, Reassign
from domain.decision_commands import RecordConsultation, RecordDecision, ReviewDecision
from domain.decisions import ConsultantRole, DecisionKind, ReviewOutcome
from domain.values import ContactMethod, Relationship, Role
from projections.review_queue import ReviewQueue, catch_up
from tests.conftest import Clock
from tests.integration.cases import OPENED_ON, case_with_parent, open_case


def _plan(ledger: CaseLedger, case_id: UUID, parent_id: UUID, clock: Clock) -> UUID:
    held = RecordConsultation(
        ConsultantRole.SUPERVISOR, "sam", clock() - dt.timedelta(hours=1), "Safety", "Phone"
    )
    consultation = ledger.handle(case_id, held, "wendy")["consultation_id"]
    decision = RecordDecision(
        DecisionKind.ALTERNATIVE_CONTACT_PLAN,
        parent_id,
        OPENED_ON,
        "Threats at the home",
        "Police report 26-114",
        (ContactMethod.PHONE,),
        UUID(consultation),
    )
    return UUID(ledger.handle(case_id, decision, "wendy")["decision_id"])


def _review(ledger: CaseLedger, case_id: UUID, decision_id: UUID, outcome: ReviewOutcome) -> None:
    ledger.handle(case_id, ReviewDecision(decision_id, outcome, "Discussed", None), "sam")


def test_a_pending_decision_waits_in_its_supervisors_queue_with_its_reasons(
    ledger: CaseLedger, clock: Clock
) -> None:
    case_id, parent_id = case_with_parent(ledger)
    decision_id = _plan(ledger, case_id, parent_id, clock)
    queue = ReviewQueue(ledger)
    catch_up(ledger, queue)
    (item,) = queue.items("sam", clock())
    assert (item["kind"], item["decision_id"]) == ("pending_decision", str(decision_id))
    assert item["rationale"] == "Threats at the home"
    assert item["supporting_information"] == "Police report 26-114"
    assert item["consultation"]["with_role"] == "supervisor"
    assert item["parent_name"] == "Ana"
    assert queue.items("wendy", clock()) == []


def test_an_approved_decision_returns_to_the_queue_when_its_evaluation_falls_due(
    ledger: CaseLedger, clock: Clock
) -> None:
    case_id, parent_id = case_with_parent(ledger)
    decision_id = _plan(ledger, case_id, parent_id, clock)
    _review(ledger, case_id, decision_id, ReviewOutcome.APPROVED)
    queue = ReviewQueue(ledger)
    catch_up(ledger, queue)
    assert queue.items("sam", clock()) == []
    clock.advance(days=30)
    (item,) = queue.items("sam", clock())
    assert (item["kind"], item["review_due"]) == ("decision_due_for_review", "2026-04-09")
    _review(ledger, case_id, decision_id, ReviewOutcome.CONTINUED)
    catch_up(ledger, queue)
    assert queue.items("sam", clock()) == []


def test_declined_ended_and_closed_cases_leave_the_queue_and_reassignment_moves_it(
    ledger: CaseLedger, clock: Clock
) -> None:
    case_id, parent_id = case_with_parent(ledger)
    ledger.add_user("nora", Role.SUPERVISOR, "north", "admin")
    declined = _plan(ledger, case_id, parent_id, clock)
    kept = _plan(ledger, case_id, parent_id, clock)
    _review(ledger, case_id, declined, ReviewOutcome.DECLINED)
    queue = ReviewQueue(ledger)
    catch_up(ledger, queue)
    assert [i["decision_id"] for i in queue.items("sam", clock())] == [str(kept)]
    ledger.handle(case_id, Reassign(None, "nora", OPENED_ON, "Leave"), "wendy")
    catch_up(ledger, queue)
    assert queue.items("sam", clock()) == []
    assert [i["decision_id"] for i in queue.items("nora", clock())] == [str(kept)]
    ledger.handle(case_id, CloseCase(dt.date(2026, 3, 9), "Goals met"), "wendy")
    catch_up(ledger, queue)
    assert queue.items("nora", clock()) == []


def test_the_queue_lists_the_oldest_first_across_cases(ledger: CaseLedger, clock: Clock) -> None:
    case_id, parent_id = case_with_parent(ledger)
    first = _plan(ledger, case_id, parent_id, clock)
    clock.advance(hours=1)
    other = open_case(ledger, "NH-2")
    other_parent = UUID(
        ledger.handle(
            other, IdentifyParent("Bea", Relationship.BIOLOGICAL, {"custodial": True}), "wendy"
        )["parent_id"]
    )
    second = _plan(ledger, other, other_parent, clock)
    queue = ReviewQueue(ledger)
    catch_up(ledger, queue)
    assert [i["decision_id"] for i in queue.items("sam", clock())] == [str(first), str(second)]


def test_a_rebuilt_queue_equals_the_live_one(ledger: CaseLedger, clock: Clock) -> None:
    case_id, parent_id = case_with_parent(ledger)
    queue = ReviewQueue(ledger)
    for outcome in (None, ReviewOutcome.APPROVED, ReviewOutcome.DECLINED):
        decision_id = _plan(ledger, case_id, parent_id, clock)
        catch_up(ledger, queue)  # live: page by page as the log grows
        if outcome is not None:
            _review(ledger, case_id, decision_id, outcome)
    catch_up(ledger, queue)
    live = queue.dump()
    assert queue.rebuild() == ledger.recorder.max_notification_id()
    assert queue.dump() == live
