"""Two processes reviewing one decision at the same moment: exactly one review is kept.

Each ``CaseLedger`` stands for a process with its own kept cases; both have the
approved decision in hand when they review. The loser's save collides, and its retry,
still bound to the version it saw, is refused (409) instead of reviewing a decision that
changed under it.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Iterator
from uuid import UUID

import pytest

from domain import errors
from domain.application import CaseLedger
from domain.decision_commands import RecordConsultation, RecordDecision, ReviewDecision
from domain.decisions import ConsultantRole, DecisionKind, ReviewOutcome
from tests.conftest import Clock
from tests.integration.cases import OPENED_ON, case_with_parent
from web.config import store_settings

OPENED_ON_NOON = dt.datetime(2026, 1, 6, 12, 0, tzinfo=dt.UTC)


@pytest.fixture
def other(database_url: str, clock: Clock) -> Iterator[CaseLedger]:
    """A second application on the same store: another process."""
    app = CaseLedger(store_settings(database_url), clock=clock)
    try:
        yield app
    finally:
        app.close()


def _together(*work: Callable[[], object]) -> list[object]:
    barrier = threading.Barrier(len(work))
    results: list[object] = [None] * len(work)

    def run(index: int) -> None:
        barrier.wait()
        try:
            results[index] = work[index]()
        except errors.DomainError as refused:
            results[index] = refused

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(work))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def _approved_in_both(ledger: CaseLedger, other: CaseLedger) -> tuple[UUID, UUID]:
    case_id, parent_id = case_with_parent(ledger)
    decide = RecordDecision(
        DecisionKind.MEET_OUTSIDE_HOME, parent_id, OPENED_ON, "Threats", "Police report"
    )
    decision_id = UUID(ledger.handle(case_id, decide, "wendy")["decision_id"])
    other.handle(case_id, ReviewDecision(decision_id, ReviewOutcome.APPROVED, "Ok", None), "sam")
    # Both processes now keep the approved decision in hand.
    note = RecordConsultation(ConsultantRole.FVPS, "Fran", OPENED_ON_NOON, "DV", "Plan")
    ledger.handle(case_id, note, "wendy")
    return case_id, decision_id


@pytest.mark.parametrize("outcome", [ReviewOutcome.CONTINUED, ReviewOutcome.ENDED])
def test_two_reviews_of_one_decision_at_the_same_moment_keep_exactly_one(
    ledger: CaseLedger, other: CaseLedger, outcome: ReviewOutcome
) -> None:
    case_id, decision_id = _approved_in_both(ledger, other)
    review = ReviewDecision(decision_id, outcome, "Re-evaluated", None)
    results = _together(
        lambda: ledger.handle(case_id, review, "sam"),
        lambda: other.handle(case_id, review, "sam"),
    )
    refused = [r for r in results if isinstance(r, errors.DomainError)]
    assert len(refused) == 1, results
    assert isinstance(refused[0], errors.Conflict)
    decision = ledger.get_case(case_id).decision(decision_id)
    assert [r.outcome for r in decision.reviews] == [ReviewOutcome.APPROVED, outcome]


def test_two_approvals_of_one_pending_decision_keep_exactly_one(
    ledger: CaseLedger, other: CaseLedger
) -> None:
    case_id, parent_id = case_with_parent(ledger)
    decide = RecordDecision(
        DecisionKind.SUSPEND_VISITS, parent_id, OPENED_ON, "Threats", "Police report"
    )
    decision_id = UUID(ledger.handle(case_id, decide, "wendy")["decision_id"])
    other.get_case(case_id)
    approve = ReviewDecision(decision_id, ReviewOutcome.APPROVED, "Ok", None)
    results = _together(
        lambda: ledger.handle(case_id, approve, "sam"),
        lambda: other.handle(case_id, approve, "sam"),
    )
    assert sum(isinstance(r, errors.Conflict) for r in results) == 1, results
    assert len(ledger.get_case(case_id).decision(decision_id).reviews) == 1


def test_a_process_whose_kept_case_lags_still_reviews_what_the_store_holds(
    ledger: CaseLedger, other: CaseLedger
) -> None:
    case_id, parent_id = case_with_parent(ledger)
    decide = RecordDecision(
        DecisionKind.MEET_OUTSIDE_HOME, parent_id, OPENED_ON, "Threats", "Police report"
    )
    decision_id = UUID(other.handle(case_id, decide, "wendy")["decision_id"])  # other keeps it
    ledger.handle(case_id, ReviewDecision(decision_id, ReviewOutcome.APPROVED, "Ok", None), "sam")
    # other's kept case still shows the decision pending; continuing it is judged on the store.
    other.handle(case_id, ReviewDecision(decision_id, ReviewOutcome.CONTINUED, "Ok", None), "sam")
    outcomes = [r.outcome for r in ledger.get_case(case_id).decision(decision_id).reviews]
    assert outcomes == [ReviewOutcome.APPROVED, ReviewOutcome.CONTINUED]
