"""Which decisions, orders and determinations reach evaluation, and the reviews owed."""

from __future__ import annotations

import datetime as dt
from uuid import UUID

from domain.commands import CloseCase
from domain.decision_commands import (
    DetermineEffortsCeased,
    RecordCourtOrder,
    RecordDecision,
    ReviewDecision,
)
from domain.decisions import CourtOrderKind, DecisionKind, ReviewOutcome
from domain.obligations import adjustments_of, obligations_of
from domain.policy.decision_effects import next_review_due
from domain.policy.packs import pack_for
from domain.policy.rules import AllowanceKind, ExemptionKind
from domain.values import Program
from tests.unit.builders import NOW, OPENED_ON, SUPERVISOR, WORKER, add_parent, open_case

LATER = NOW + dt.timedelta(hours=1)


def _decision(case, parent, kind=DecisionKind.MEET_OUTSIDE_HOME) -> UUID:
    answer = RecordDecision(kind, parent, OPENED_ON, "Threats at home", "Police report").apply(
        case, WORKER, NOW
    )
    return UUID(answer["decision_id"])


def _review(case, decision_id, outcome, effective_on=None) -> None:
    ReviewDecision(decision_id, outcome, "Discussed", None, effective_on).apply(
        case, SUPERVISOR, LATER
    )


def test_a_pending_decision_changes_nothing_until_approved() -> None:
    case = open_case()
    decision_id = _decision(case, add_parent(case))
    assert adjustments_of(case).allowances == ()
    _review(case, decision_id, ReviewOutcome.APPROVED)
    (allowance,) = adjustments_of(case).allowances
    assert (allowance.kind, allowance.event_id) == (AllowanceKind.MEET_OUTSIDE_HOME, decision_id)


def test_a_declined_decision_never_applied() -> None:
    case = open_case()
    decision_id = _decision(case, add_parent(case), DecisionKind.SUSPEND_VISITS)
    _review(case, decision_id, ReviewOutcome.DECLINED)
    assert adjustments_of(case).exemptions == ()


def test_an_ended_suspension_is_an_exemption_until_its_end() -> None:
    case = open_case()
    decision_id = _decision(case, add_parent(case), DecisionKind.SUSPEND_VISITS)
    _review(case, decision_id, ReviewOutcome.APPROVED)
    _review(case, decision_id, ReviewOutcome.ENDED, dt.date(2026, 3, 5))
    (exemption,) = adjustments_of(case).exemptions
    assert (exemption.kind, exemption.ends_on) == (
        ExemptionKind.SUSPEND_VISITS,
        dt.date(2026, 3, 5),
    )


def test_court_orders_and_determinations_exempt_and_no_notification_reaches_notices() -> None:
    case = open_case()
    parent = add_parent(case)
    for kind in CourtOrderKind:
        RecordCourtOrder(kind, None, OPENED_ON).apply(case, WORKER, NOW)
    DetermineEffortsCeased(parent, OPENED_ON, "Refuses").apply(case, WORKER, NOW)
    kinds = sorted(e.kind.value for e in adjustments_of(case).exemptions)
    assert kinds == [
        "cease_efforts",
        "efforts_ceased",
        "full_guardianship",
        "no_notification",
        "release_reasonable_efforts",
    ]


def test_the_next_review_is_due_one_interval_after_the_last_review() -> None:
    case = open_case()
    decision_id = _decision(case, add_parent(case))
    pack = pack_for(Program.NH_CPS)
    assert next_review_due(pack, case.decision(decision_id)) == dt.date(2026, 4, 9)
    _review(case, decision_id, ReviewOutcome.DECLINED)
    assert next_review_due(pack, case.decision(decision_id)) is None


def test_a_closed_case_owes_no_further_decision_review() -> None:
    case = open_case()
    _decision(case, add_parent(case))
    CloseCase(dt.date(2026, 3, 20), "Goals met").apply(case, WORKER, LATER)
    owed = [
        o for o in obligations_of(case, dt.date(2026, 4, 20)) if o.kind.value == "decision_review"
    ]
    assert owed == []
