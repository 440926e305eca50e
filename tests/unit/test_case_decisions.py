"""Decisions, their reviews and determinations: the rules the Case enforces (ENG-III, ENG-IV)."""

from __future__ import annotations

import datetime as dt
from uuid import UUID, uuid4

import pytest

from domain import errors
from domain.case import Case
from domain.decision_commands import (
    DetermineEffortsCeased,
    RecordConsultation,
    RecordCourtOrder,
    RecordDecision,
    ReviewDecision,
)
from domain.decisions import (
    ConsultantRole,
    CourtOrderKind,
    DecisionKind,
    DecisionStatus,
    ReviewOutcome,
)
from domain.values import ContactMethod, Program
from tests.unit.builders import NOW, OPENED_ON, SUPERVISOR, WORKER, add_parent, open_case


def _consult(case: Case, role: ConsultantRole = ConsultantRole.SUPERVISOR) -> UUID:
    answer = RecordConsultation(role, SUPERVISOR, NOW, "Safety at the home", "Plan agreed").apply(
        case, WORKER, NOW
    )
    return UUID(answer["consultation_id"])


def _decide(
    case: Case,
    parent: UUID,
    kind: DecisionKind = DecisionKind.MEET_OUTSIDE_HOME,
    *,
    actor: str = WORKER,
    **fields: object,
) -> dict[str, str]:
    body: dict[str, object] = {
        "kind": kind,
        "parent_id": parent,
        "effective_on": OPENED_ON,
        "rationale": "The father threatened staff at the home.",
        "supporting_information": "Police report 26-114.",
    } | fields
    return RecordDecision(**body).apply(case, actor, NOW)  # type: ignore[arg-type]


def _review(
    case: Case,
    answer: dict[str, str],
    outcome: ReviewOutcome,
    *,
    actor: str = SUPERVISOR,
    decision_hash: str | None = None,
) -> dict[str, str]:
    command = ReviewDecision(
        UUID(answer["decision_id"]), outcome, "Discussed with the worker.", decision_hash
    )
    return command.apply(case, actor, NOW + dt.timedelta(hours=1))


@pytest.fixture
def case() -> Case:
    return open_case()


@pytest.mark.parametrize("field", ["rationale", "supporting_information"])
@pytest.mark.parametrize("blank", [None, "", "   "])
def test_a_decision_without_its_rationale_or_supporting_information_is_refused_under_eng_iv(
    case: Case, field: str, blank: str | None
) -> None:
    parent = add_parent(case)
    with pytest.raises(errors.DecisionUndocumented) as refused:
        _decide(case, parent, **{field: blank})
    assert (refused.value.clause, refused.value.field) == ("ENG-IV", field)
    assert case.decisions == {}


def test_an_alternative_contact_plan_without_methods_is_refused_under_eng_iii_a(case: Case) -> None:
    parent = add_parent(case)
    consultation = _consult(case)
    with pytest.raises(errors.ContactPlanIncomplete) as refused:
        _decide(case, parent, DecisionKind.ALTERNATIVE_CONTACT_PLAN, consultation_id=consultation)
    assert (refused.value.clause, refused.value.field) == ("ENG-III.A", "methods")


@pytest.mark.parametrize("role", [None, ConsultantRole.FVPS, ConsultantRole.CPS_SUPERVISOR])
def test_an_alternative_contact_plan_needs_a_consultation_with_the_supervisor(
    case: Case, role: ConsultantRole | None
) -> None:
    parent = add_parent(case)
    consultation = None if role is None else _consult(case, role)
    with pytest.raises(errors.ContactPlanIncomplete) as refused:
        _decide(
            case,
            parent,
            DecisionKind.ALTERNATIVE_CONTACT_PLAN,
            methods=(ContactMethod.PHONE,),
            consultation_id=consultation,
        )
    assert (refused.value.clause, refused.value.field) == ("ENG-III.A", "consultation_id")


def test_an_alternative_contact_plan_after_a_supervisor_consultation_is_pending_review(
    case: Case,
) -> None:
    parent = add_parent(case)
    answer = _decide(
        case,
        parent,
        DecisionKind.ALTERNATIVE_CONTACT_PLAN,
        methods=(ContactMethod.PHONE, ContactMethod.WRITTEN),
        consultation_id=_consult(case),
    )
    decision = case.decision(UUID(answer["decision_id"]))
    assert answer["status"] == "pending_review"
    assert decision.status is DecisionStatus.PENDING_REVIEW
    assert decision.methods == (ContactMethod.PHONE, ContactMethod.WRITTEN)
    assert answer["decision_hash"] == decision.version_hash


def test_a_decision_naming_an_unknown_consultation_is_refused_as_a_bad_body(case: Case) -> None:
    parent = add_parent(case)
    with pytest.raises(errors.UnknownConsultation):
        _decide(case, parent, consultation_id=uuid4())


def test_only_the_cases_supervisor_reviews_a_decision(case: Case) -> None:
    answer = _decide(case, add_parent(case))
    with pytest.raises(errors.NotPermitted):
        _review(case, answer, ReviewOutcome.APPROVED, actor="another_supervisor")


def test_nobody_reviews_a_decision_they_recorded_themselves(case: Case) -> None:
    answer = _decide(case, add_parent(case), actor=SUPERVISOR)
    with pytest.raises(errors.NotPermitted):
        _review(case, answer, ReviewOutcome.APPROVED)


def test_an_approved_decision_cannot_be_approved_or_declined_again(case: Case) -> None:
    answer = _decide(case, add_parent(case))
    _review(case, answer, ReviewOutcome.APPROVED)
    for outcome in (ReviewOutcome.APPROVED, ReviewOutcome.DECLINED):
        with pytest.raises(errors.DecisionNotPending):
            _review(case, answer, outcome)


@pytest.mark.parametrize("outcome", [ReviewOutcome.CONTINUED, ReviewOutcome.ENDED])
def test_a_pending_or_declined_decision_cannot_be_continued_or_ended(
    case: Case, outcome: ReviewOutcome
) -> None:
    answer = _decide(case, add_parent(case))
    with pytest.raises(errors.DecisionNotApproved):
        _review(case, answer, outcome)
    _review(case, answer, ReviewOutcome.DECLINED)
    with pytest.raises(errors.DecisionNotApproved):
        _review(case, answer, outcome)


def test_a_review_bound_to_an_earlier_version_of_the_decision_is_refused(case: Case) -> None:
    answer = _decide(case, add_parent(case))
    seen = answer["decision_hash"]
    approved = _review(case, answer, ReviewOutcome.APPROVED, decision_hash=seen)
    assert approved["decision_hash"] != seen
    with pytest.raises(errors.DecisionChanged):
        _review(case, answer, ReviewOutcome.CONTINUED, decision_hash=seen)
    _review(case, answer, ReviewOutcome.CONTINUED, decision_hash=approved["decision_hash"])


def test_a_review_records_the_hash_of_the_version_it_reviewed(case: Case) -> None:
    answer = _decide(case, add_parent(case))
    _review(case, answer, ReviewOutcome.APPROVED)
    review = case.decision(UUID(answer["decision_id"])).reviews[0]
    assert review.decision_hash == answer["decision_hash"]
    assert review.reviewer == SUPERVISOR


def test_ending_a_decision_without_a_date_ends_it_on_the_review_day(case: Case) -> None:
    answer = _decide(case, add_parent(case))
    _review(case, answer, ReviewOutcome.APPROVED)
    _review(case, answer, ReviewOutcome.ENDED)
    decision = case.decision(UUID(answer["decision_id"]))
    assert decision.status is DecisionStatus.ENDED
    assert decision.ends_on == dt.date(2026, 3, 10)


def test_a_remote_contact_decision_on_nh_jjs_stands_without_approval() -> None:
    case = open_case(Program.NH_JJS)
    answer = _decide(case, add_parent(case, custodial=False), DecisionKind.REMOTE_CONTACT)
    assert answer["status"] == "approved"
    assert case.decision(UUID(answer["decision_id"])).needs_approval is False


def test_a_remote_contact_decision_on_nh_cps_waits_for_the_supervisor() -> None:
    case = open_case(Program.NH_CPS)
    answer = _decide(case, add_parent(case, custodial=False), DecisionKind.REMOTE_CONTACT)
    assert answer["status"] == "pending_review"


@pytest.mark.parametrize(
    ("program", "court_involved", "clause"),
    [
        (Program.NH_CPS, True, "ENG-III.B.1"),
        (Program.NH_JJS, False, "ENG-III.B"),
        (Program.NH_JJS, True, "ENG-III.B"),
        (Program.TN_DCS, False, "TN-A-NOTE-1"),
    ],
)
def test_efforts_cease_only_by_court_order_where_policy_says_so(
    program: Program, court_involved: bool, clause: str
) -> None:
    case = open_case(program, court_involved=court_involved)
    parent = add_parent(case)
    command = DetermineEffortsCeased(parent, OPENED_ON, "Refuses every contact")
    with pytest.raises(errors.EffortsCeaseByCourtOnly) as refused:
        command.apply(case, WORKER, NOW)
    assert refused.value.clause == clause
    assert list(case.determinations) == []


def test_an_nh_cps_case_without_the_court_may_determine_efforts_ceased() -> None:
    case = open_case(Program.NH_CPS)
    parent = add_parent(case)
    DetermineEffortsCeased(parent, OPENED_ON, "Refuses every contact").apply(case, WORKER, NOW)
    assert [d.parent_id for d in case.determinations] == [parent]


def test_a_court_order_for_the_whole_case_names_no_parent(case: Case) -> None:
    RecordCourtOrder(CourtOrderKind.FULL_GUARDIANSHIP, None, OPENED_ON).apply(case, WORKER, NOW)
    assert [(o.kind, o.parent_id) for o in case.court_orders] == [
        (CourtOrderKind.FULL_GUARDIANSHIP, None)
    ]


def test_decision_events_are_case_events_stored_under_the_cases_topic(case: Case) -> None:
    _decide(case, add_parent(case))
    recorded = case.collect_events()[-1]
    assert isinstance(recorded, Case.Event)
    assert type(recorded).__qualname__ == "Case.DecisionRecorded"
    assert type(recorded).__module__ == "domain.case"


def test_a_case_stored_before_decisions_existed_reads_as_having_none(case: Case) -> None:
    for name in ("consultations", "decisions", "safety_risks", "court_orders", "determinations"):
        vars(case).pop(name, None)  # a snapshot taken before these events existed
    assert (dict(case.decisions), list(case.court_orders)) == ({}, [])
    _decide(case, add_parent(case))
    assert len(case.decisions) == 1
