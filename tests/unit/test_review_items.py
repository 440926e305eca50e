"""What a case puts in its supervisor's review queue, without a store."""

from __future__ import annotations

import datetime as dt
from uuid import UUID

from domain.commands import CloseCase
from domain.decision_commands import RecordConsultation, RecordDecision, ReviewDecision
from domain.decisions import ConsultantRole, DecisionKind, ReviewOutcome
from projections.review_items import SHOWN, case_rows
from tests.unit.builders import NOW, OPENED_ON, SUPERVISOR, WORKER, add_parent, open_case


def _consult(case, role: ConsultantRole, hours_before: int) -> str:
    held = RecordConsultation(
        role, "Fran", NOW - dt.timedelta(hours=hours_before), "Safety", "Plan"
    ).apply(case, WORKER, NOW)
    return held["consultation_id"]


def _decide(case, parent, **fields) -> UUID:
    body = {
        "kind": DecisionKind.MEET_OUTSIDE_HOME,
        "parent_id": parent,
        "effective_on": OPENED_ON,
        "rationale": "Threats",
        "supporting_information": "Police report",
    } | fields
    return UUID(RecordDecision(**body).apply(case, WORKER, NOW)["decision_id"])


def _shown(row, day: dt.date):
    return SHOWN[row.kind](row, day)


def test_a_decision_without_a_named_consultation_shows_the_latest_one_before_it() -> None:
    case = open_case()
    parent = add_parent(case)
    _consult(case, ConsultantRole.SUPERVISOR, 5)
    latest = _consult(case, ConsultantRole.FVPS, 2)
    _decide(case, parent)
    (row,) = case_rows(case)
    assert row.document["consultation"]["consultation_id"] == latest
    assert _shown(row, NOW.date()) == ("pending_decision", row.since)


def test_an_approved_decision_is_shown_only_once_its_evaluation_is_due() -> None:
    case = open_case()
    decision_id = _decide(case, add_parent(case))
    ReviewDecision(decision_id, ReviewOutcome.APPROVED, "Ok", None).apply(case, SUPERVISOR, NOW)
    (row,) = case_rows(case)
    assert row.due_on == "2026-04-09"
    assert _shown(row, dt.date(2026, 4, 8)) is None
    assert _shown(row, dt.date(2026, 4, 9)) == ("decision_due_for_review", row.due_since)
    assert row.due_since == "2026-04-09T04:00:00.000000+00:00"  # midnight in New Hampshire


def test_declined_decisions_and_closed_cases_put_nothing_in_the_queue() -> None:
    case = open_case()
    parent = add_parent(case)
    declined = _decide(case, parent)
    ReviewDecision(declined, ReviewOutcome.DECLINED, "No", None).apply(case, SUPERVISOR, NOW)
    assert case_rows(case) == []
    _decide(case, parent)
    assert len(case_rows(case)) == 1
    CloseCase(OPENED_ON, "Goals met").apply(case, WORKER, NOW)
    assert case_rows(case) == []
