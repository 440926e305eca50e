"""Meetings, their notices (ENG-V) and refusal escalations (ENG-VI) as the case records them."""

from __future__ import annotations

import datetime as dt
import uuid
from uuid import UUID

import pytest

from domain import errors
from domain.case import Case
from domain.commands import ChangeHousehold, CloseCase
from domain.decision_commands import RecordCourtOrder
from domain.decisions import CourtOrderKind
from domain.meeting_commands import EscalateRefusal, RecordMeetingNotice, ScheduleMeeting
from domain.meetings import (
    CLOSING_STEPS,
    EscalationStep,
    MeetingKind,
    NoticeOutcome,
    WithholdReason,
)
from domain.values import ContactMethod, ContactOutcome, Household, Program, Relationship
from tests.unit.builders import (
    NOW,
    OPENED_ON,
    SUPERVISOR,
    WORKER,
    add_parent,
    open_case,
    record_contact,
)

HELD_ON = dt.date(2026, 3, 20)
TODAY = dt.date(2026, 3, 10)  # NOW in New Hampshire


def _meeting(case: Case, kind: MeetingKind = MeetingKind.TEAM, held_on: dt.date = HELD_ON) -> UUID:
    return UUID(ScheduleMeeting(kind, held_on).apply(case, WORKER, NOW)["meeting_id"])


def _notice(case: Case, meeting: UUID, parent: UUID, reason: WithholdReason | None) -> None:
    outcome = NoticeOutcome.SENT if reason is None else NoticeOutcome.WITHHELD
    RecordMeetingNotice(meeting, parent, outcome, TODAY, reason).apply(case, WORKER, NOW)


def test_a_scheduled_meeting_is_kept_with_its_kind_and_day():
    case = open_case()
    meeting_id = _meeting(case, MeetingKind.PPT)
    (event,) = case.collect_events()[1:]
    assert type(event).__name__ == "MeetingScheduled"
    assert (event.meeting_id, event.kind, event.held_on, event.actor) == (
        meeting_id,
        MeetingKind.PPT,
        HELD_ON,
        WORKER,
    )
    assert case.meeting(meeting_id).held_on == HELD_ON


def test_a_meeting_before_the_case_opened_or_on_a_closed_case_is_refused():
    case = open_case()
    with pytest.raises(errors.BeforeCaseOpened):
        _meeting(case, held_on=OPENED_ON - dt.timedelta(days=1))
    CloseCase(TODAY, "done").apply(case, WORKER, NOW)
    with pytest.raises(errors.CaseClosed):
        _meeting(case)


def test_a_sent_notice_and_a_withheld_one_are_different_events():
    case = open_case()
    meeting = _meeting(case)
    father = add_parent(case, custodial=False)
    putative = add_parent(case, custodial=False, relationship=Relationship.PUTATIVE_FATHER)
    _notice(case, meeting, father, None)
    _notice(case, meeting, putative, WithholdReason.PUTATIVE_FATHER)
    sent, withheld = case.collect_events()[-2:]
    assert type(sent).__name__ == "MeetingNoticeSent"
    assert type(withheld).__name__ == "MeetingNoticeWithheld"
    assert withheld.reason is WithholdReason.PUTATIVE_FATHER
    assert {n.outcome for n in case.meeting_notices.values()} == set(NoticeOutcome)


def test_a_notice_of_an_unknown_meeting_is_not_found_and_of_an_unknown_parent_unknown():
    case = open_case()
    meeting = _meeting(case)
    father = add_parent(case, custodial=False)
    with pytest.raises(errors.MeetingNotFound):
        _notice(case, uuid.uuid4(), father, None)
    with pytest.raises(errors.UnknownParent):
        _notice(case, meeting, uuid.uuid4(), None)


def test_a_withheld_notice_without_a_reason_is_refused_naming_eng_v():
    case = open_case(Program.NH_JJS)
    meeting = _meeting(case)
    father = add_parent(case, custodial=False)
    command = RecordMeetingNotice(meeting, father, NoticeOutcome.WITHHELD, TODAY, None)
    with pytest.raises(errors.NoticeReasonRefused) as refused:
        command.apply(case, WORKER, NOW)
    assert (refused.value.clause, refused.value.field) == ("ENG-V", "reason")


@pytest.mark.parametrize("program", [Program.NH_JJS, Program.NH_CPS])
def test_a_notice_withheld_under_a_court_order_needs_a_no_notification_order_in_force(
    program: Program,
):
    case = open_case(program)
    meeting = _meeting(case)
    father = add_parent(case, custodial=False)
    mother = add_parent(case, custodial=False)
    refused = "no_notification court order"

    def withhold() -> None:
        _notice(case, meeting, father, WithholdReason.COURT_ORDER)

    with pytest.raises(errors.NoticeReasonRefused, match=refused) as none:
        withhold()
    assert (none.value.clause, none.value.field) == ("ENG-V", "reason")
    RecordCourtOrder(CourtOrderKind.CEASE_EFFORTS, father, OPENED_ON).apply(case, WORKER, NOW)
    RecordCourtOrder(CourtOrderKind.NO_NOTIFICATION, mother, OPENED_ON).apply(case, WORKER, NOW)
    after_meeting = HELD_ON + dt.timedelta(days=1)
    RecordCourtOrder(CourtOrderKind.NO_NOTIFICATION, None, after_meeting).apply(case, WORKER, NOW)
    with pytest.raises(errors.NoticeReasonRefused, match=refused):
        withhold()  # another kind, another parent, or not yet in force on the meeting day
    RecordCourtOrder(CourtOrderKind.NO_NOTIFICATION, None, HELD_ON).apply(case, WORKER, NOW)
    withhold()
    (notice,) = case.meeting_notices.values()
    assert notice.reason is WithholdReason.COURT_ORDER


def test_putative_father_is_a_reason_on_nh_cps_only_and_only_for_a_putative_father():
    jjs = open_case(Program.NH_JJS)
    putative = add_parent(jjs, custodial=False, relationship=Relationship.PUTATIVE_FATHER)
    with pytest.raises(errors.NoticeReasonRefused) as refused:
        _notice(jjs, _meeting(jjs), putative, WithholdReason.PUTATIVE_FATHER)
    assert refused.value.clause == "ENG-V"
    cps = open_case()
    father = add_parent(cps, custodial=False)
    with pytest.raises(errors.NoticeReasonRefused, match="not recorded as a putative father"):
        _notice(cps, _meeting(cps), father, WithholdReason.PUTATIVE_FATHER)


def test_a_sent_notice_with_a_reason_or_dated_after_today_is_refused():
    case = open_case()
    meeting = _meeting(case)
    father = add_parent(case, custodial=False)
    with pytest.raises(errors.InvalidValue) as reason:
        RecordMeetingNotice(
            meeting, father, NoticeOutcome.SENT, TODAY, WithholdReason.UNSAFE
        ).apply(case, WORKER, NOW)
    assert reason.value.field == "reason"
    tomorrow = TODAY + dt.timedelta(days=1)
    with pytest.raises(errors.InvalidValue) as future:
        RecordMeetingNotice(meeting, father, NoticeOutcome.SENT, tomorrow).apply(case, WORKER, NOW)
    assert future.value.field == "on"


def _refusal_case(
    program: Program = Program.NH_JJS, in_placement: bool = True
) -> tuple[Case, UUID]:
    case = open_case(program)
    ChangeHousehold(Household(OPENED_ON, False, None, in_placement)).apply(case, WORKER, NOW)
    father = add_parent(case, custodial=False)
    refusal = record_contact(
        case,
        father,
        occurred_at=NOW - dt.timedelta(days=1),
        method=ContactMethod.PHONE,
        outcome=ContactOutcome.REFUSED,
        narrative=None,
    )
    return case, refusal.contact_id


def _step(case: Case, contact: UUID, step: EscalationStep, consultant: str | None = "sam") -> None:
    actor = SUPERVISOR if step in CLOSING_STEPS else WORKER  # ENG-VI: closing steps are theirs
    EscalateRefusal(contact, step, NOW - dt.timedelta(hours=1), consultant).apply(case, actor, NOW)


def test_only_the_cases_supervisor_records_a_closing_escalation_step():
    case, refusal = _refusal_case()
    _step(case, refusal, EscalationStep.SUPERVISOR_CONSULTED)
    finding = EscalateRefusal(
        refusal, EscalationStep.PERMANENCY_NOT_AFFECTED, NOW - dt.timedelta(hours=1), None
    )
    with pytest.raises(errors.NotPermitted):
        finding.apply(case, WORKER, NOW)
    finding.apply(case, SUPERVISOR, NOW)


def test_the_supervisor_is_consulted_before_a_cps_supervisor_or_a_finding():
    case, refusal = _refusal_case()
    with pytest.raises(errors.EscalationRefused) as early:
        _step(case, refusal, EscalationStep.PERMANENCY_NOT_AFFECTED, None)
    assert (early.value.clause, early.value.field) == ("ENG-VI", "step")
    _step(case, refusal, EscalationStep.SUPERVISOR_CONSULTED)
    _step(case, refusal, EscalationStep.CPS_SUPERVISOR_CONSULTED, "Lee (CPS)")
    steps = [e.step for e in case.refusal_escalations.values()]
    assert steps == [EscalationStep.SUPERVISOR_CONSULTED, EscalationStep.CPS_SUPERVISOR_CONSULTED]
    event = case.collect_events()[-1]
    assert type(event).__name__ == "RefusalEscalated"
    assert (event.contact_id, event.consultant) == (refusal, "Lee (CPS)")


def test_a_consultation_step_names_the_person_consulted():
    case, refusal = _refusal_case()
    with pytest.raises(errors.EscalationRefused) as refused:
        _step(case, refusal, EscalationStep.SUPERVISOR_CONSULTED, "  ")
    assert (refused.value.clause, refused.value.field) == ("ENG-VI", "consultant")


def test_only_a_refusal_by_a_non_custodial_parent_of_a_youth_in_placement_is_escalated():
    case, _ = _refusal_case(in_placement=False)
    refusal = next(iter(case.contacts.values())).contact_id
    with pytest.raises(errors.EscalationRefused, match="in care") as refused:
        _step(case, refusal, EscalationStep.SUPERVISOR_CONSULTED)
    assert refused.value.clause == "ENG-VI"
    case, _ = _refusal_case()
    mother = add_parent(case)
    visit = record_contact(case, mother, occurred_at=NOW - dt.timedelta(days=1))
    with pytest.raises(errors.EscalationRefused, match="refused contact"):
        _step(case, visit.contact_id, EscalationStep.SUPERVISOR_CONSULTED)
    with pytest.raises(errors.UnknownContact):
        _step(case, uuid.uuid4(), EscalationStep.SUPERVISOR_CONSULTED)


def test_refusal_escalation_is_refused_on_nh_cps_which_has_none():
    case, refusal = _refusal_case(Program.NH_CPS)
    with pytest.raises(errors.EscalationRefused) as refused:
        _step(case, refusal, EscalationStep.SUPERVISOR_CONSULTED)
    assert refused.value.clause is None  # ENG-VI on NH-CPS is the relationships clause


def test_meeting_events_are_case_events_stored_under_the_case_topic():
    from eventsourcing.utils import get_topic

    from tests.unit.builders import every_fact

    events = every_fact(open_case(Program.NH_JJS)).collect_events()
    names = {"MeetingScheduled", "MeetingNoticeSent", "MeetingNoticeWithheld", "RefusalEscalated"}
    found = [e for e in events if type(e).__name__ in names]
    assert {type(e).__name__ for e in found} == names
    for event in found:
        assert isinstance(event, Case.Event)
        assert get_topic(type(event)) == f"domain.case:Case.{type(event).__name__}"
