"""Contacts: when they may be recorded, what they must say, how they are corrected."""

from __future__ import annotations

import datetime as dt
import uuid
from uuid import UUID

import pytest

from domain import errors
from domain.commands import AmendContact, RecordContact, VoidContact
from domain.values import ContactMethod, ContactOutcome, Program, Topic
from tests.unit.builders import NOW, WORKER, add_parent, open_case, record_contact

NH = dt.timezone(dt.timedelta(hours=-5))  # New Hampshire in winter (EST)


def test_contact_recorded_keeps_what_was_said_and_when_it_was_recorded():
    case = open_case()
    parent = add_parent(case)
    contact = record_contact(case, parent, occurred_at=NOW - dt.timedelta(hours=3))
    assert contact.parent_id == parent
    assert contact.recorded_at == NOW
    assert contact.recorded_by == WORKER
    assert contact.method is ContactMethod.IN_HOME
    assert contact.amendments == 0
    assert not contact.voided


def test_contact_answer_gives_the_contracted_fields():
    case = open_case()
    parent = add_parent(case)
    answer = RecordContact(
        parent, NOW - dt.timedelta(hours=1), ContactMethod.PHONE, ContactOutcome.ATTEMPTED, "Call"
    ).apply(case, WORKER, NOW)
    assert set(answer) == {"contact_id", "recorded_at", "documentation_due", "documented_late"}
    assert answer["recorded_at"] == NOW.isoformat()
    assert answer["documented_late"] is False


def test_contact_one_second_in_the_future_is_refused():
    case = open_case()
    parent = add_parent(case)
    with pytest.raises(errors.ContactInFuture) as refused:
        record_contact(case, parent, occurred_at=NOW + dt.timedelta(seconds=1))
    assert refused.value.field == "occurred_at"
    assert case.contacts == {}


def test_contact_at_the_recording_instant_is_accepted():
    case = open_case()
    parent = add_parent(case)
    assert record_contact(case, parent, occurred_at=NOW).occurred_at == NOW


def test_contact_on_the_local_day_before_opening_is_refused_though_utc_says_opening_day():
    case = open_case(opened_on=dt.date(2026, 3, 2))
    parent = add_parent(case)
    evening_before = dt.datetime(2026, 3, 2, 2, 0, tzinfo=dt.UTC)  # 1 March 21:00 in NH
    with pytest.raises(errors.BeforeCaseOpened) as refused:
        record_contact(case, parent, occurred_at=evening_before)
    assert refused.value.field == "occurred_at"


def test_contact_at_local_midnight_of_the_opening_day_is_accepted():
    case = open_case(opened_on=dt.date(2026, 3, 2))
    parent = add_parent(case)
    midnight = dt.datetime(2026, 3, 2, 0, 0, tzinfo=NH)
    assert record_contact(case, parent, occurred_at=midnight).occurred_at == midnight


def test_contact_opening_day_is_judged_in_tennessee_time_on_a_tn_case():
    case = open_case(Program.TN_DCS, opened_on=dt.date(2026, 3, 2))
    parent = add_parent(case)
    # 05:30 UTC is 00:30 in New York (2 March) but 23:30 on 1 March in Nashville.
    with pytest.raises(errors.BeforeCaseOpened):
        record_contact(case, parent, occurred_at=dt.datetime(2026, 3, 2, 5, 30, tzinfo=dt.UTC))


def test_contact_with_a_parent_the_case_does_not_have_is_refused_on_parent_id():
    case = open_case()
    add_parent(case)
    with pytest.raises(errors.UnknownParent) as refused:
        record_contact(case, uuid.uuid4(), occurred_at=NOW - dt.timedelta(hours=1))
    assert refused.value.field == "parent_id"


@pytest.mark.parametrize(
    ("program", "clause"),
    [(Program.NH_CPS, "ENG-VII"), (Program.NH_JJS, "ENG-VIII")],
)
@pytest.mark.parametrize("narrative", [None, "", "   \n"])
def test_completed_contact_without_narrative_is_refused_citing_the_programs_clause(
    program, clause, narrative
):
    case = open_case(program)
    parent = add_parent(case)
    with pytest.raises(errors.NarrativeRequired) as refused:
        record_contact(case, parent, occurred_at=NOW - dt.timedelta(hours=1), narrative=narrative)
    assert (refused.value.clause, refused.value.field) == (clause, "narrative")


@pytest.mark.parametrize("outcome", [ContactOutcome.ATTEMPTED, ContactOutcome.REFUSED])
def test_attempt_or_refusal_needs_no_narrative(outcome):
    case = open_case()
    parent = add_parent(case)
    contact = record_contact(
        case, parent, occurred_at=NOW - dt.timedelta(hours=1), outcome=outcome, narrative=None
    )
    assert contact.outcome is outcome


def _recorded(case_program: Program = Program.NH_CPS):
    case = open_case(case_program)
    parent = add_parent(case)
    # Friday 6 March 2026, 10:00 in NH: due Monday 9 March 23:59:59.
    contact = record_contact(case, parent, occurred_at=dt.datetime(2026, 3, 6, 15, tzinfo=dt.UTC))
    return case, contact.contact_id


def test_amendment_keeps_the_original_recording_instant_and_counts_itself():
    case, contact_id = _recorded()
    later = NOW + dt.timedelta(days=3)
    AmendContact(contact_id, "Typo", {"purpose": "Quarterly visit"}).apply(case, "sam", later)
    amended = case.contact(contact_id)
    assert amended.purpose == "Quarterly visit"
    assert amended.recorded_at == NOW
    assert amended.recorded_by == WORKER
    assert amended.amendments == 1


def test_amending_occurred_at_recomputes_documentation_due():
    case, contact_id = _recorded()
    assert case.contact(contact_id).documentation_due.date() == dt.date(2026, 3, 9)
    tuesday = dt.datetime(2026, 3, 3, 15, tzinfo=dt.UTC)
    answer = AmendContact(contact_id, "Wrong day", {"occurred_at": tuesday}).apply(
        case, WORKER, NOW
    )
    amended = case.contact(contact_id)
    assert amended.documentation_due.date() == dt.date(2026, 3, 4)
    assert amended.documented_late  # first recorded on 10 March, after 4 March's deadline
    assert answer["documented_late"] is True
    assert answer["amendments"] == 1


def test_amended_topics_are_kept_as_a_tuple_of_topics():
    case, contact_id = _recorded()
    AmendContact(contact_id, "Missed topic", {"topics": [Topic.OTHER_PARENTS]}).apply(
        case, WORKER, NOW
    )
    assert case.contact(contact_id).topics == (Topic.OTHER_PARENTS,)


def test_amendment_into_the_future_is_refused():
    case, contact_id = _recorded()
    with pytest.raises(errors.ContactInFuture):
        AmendContact(contact_id, "x", {"occurred_at": NOW + dt.timedelta(seconds=1)}).apply(
            case, WORKER, NOW
        )


def test_amendment_that_empties_a_completed_contacts_narrative_is_refused():
    case, contact_id = _recorded()
    with pytest.raises(errors.NarrativeRequired) as refused:
        AmendContact(contact_id, "x", {"narrative": " "}).apply(case, WORKER, NOW)
    assert refused.value.clause == "ENG-VII"


@pytest.mark.parametrize("field", ["recorded_at", "recorded_by", "parent_id", "voided"])
def test_amendment_cannot_touch_recording_fields(field):
    case, contact_id = _recorded()
    with pytest.raises(errors.InvalidValue) as refused:
        AmendContact(contact_id, "x", {field: None}).apply(case, WORKER, NOW)
    assert refused.value.field == field


def test_amending_or_voiding_an_unknown_contact_is_contact_not_found():
    case, _ = _recorded()
    with pytest.raises(errors.ContactNotFound):
        AmendContact(uuid.uuid4(), "x", {"purpose": "y"}).apply(case, WORKER, NOW)
    with pytest.raises(errors.ContactNotFound):
        VoidContact(uuid.uuid4(), "x").apply(case, WORKER, NOW)


def test_voided_contact_stays_on_record_and_cannot_be_amended_or_voided_again():
    case, contact_id = _recorded()
    VoidContact(contact_id, "Wrong case").apply(case, WORKER, NOW)
    voided = case.contact(contact_id)
    assert (voided.voided, voided.void_reason) == (True, "Wrong case")
    with pytest.raises(errors.ContactAlreadyVoided):
        AmendContact(contact_id, "x", {"purpose": "y"}).apply(case, WORKER, NOW)
    with pytest.raises(errors.ContactAlreadyVoided):
        VoidContact(contact_id, "again").apply(case, WORKER, NOW)
    assert [type(e).__name__ for e in case.collect_events()][-1] == "ContactVoided"


def test_refused_command_records_no_event():
    case, contact_id = _recorded()
    before = len(case.collect_events())
    with pytest.raises(errors.ContactInFuture):
        record_contact(case, case.contact(contact_id).parent_id, occurred_at=NOW + dt.timedelta(1))
    assert case.collect_events() == []
    assert before > 0


def test_contact_id_in_answer_names_the_stored_contact():
    case = open_case()
    parent = add_parent(case)
    answer = RecordContact(
        parent, NOW, ContactMethod.WRITTEN, ContactOutcome.COMPLETED, "Letter", narrative="Sent."
    ).apply(case, WORKER, NOW)
    assert case.contact(UUID(answer["contact_id"])).method is ContactMethod.WRITTEN


def test_amendment_given_wire_words_stores_enumeration_members():
    case, contact_id = _recorded()
    AmendContact(
        contact_id, "x", {"method": "phone", "outcome": "attempted", "topics": ["other_parents"]}
    ).apply(case, WORKER, NOW)
    amended = case.contact(contact_id)
    assert amended.method is ContactMethod.PHONE
    assert amended.outcome is ContactOutcome.ATTEMPTED
    assert amended.topics == (Topic.OTHER_PARENTS,)
    (event,) = [e for e in case.collect_events() if type(e).__name__ == "ContactAmended"]
    assert event.changes["method"] is ContactMethod.PHONE


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"method": "carrier_pigeon"}, "method"),
        ({"outcome": "maybe"}, "outcome"),
        ({"topics": ["gossip"]}, "topics"),
        ({"occurred_at": dt.datetime(2026, 3, 5, 10)}, "occurred_at"),
        ({"occurred_at": "2026-03-05"}, "occurred_at"),
    ],
)
def test_amendment_with_a_value_outside_its_type_is_refused(changes, field):
    case, contact_id = _recorded()
    with pytest.raises(errors.InvalidValue) as refused:
        AmendContact(contact_id, "x", changes).apply(case, WORKER, NOW)
    assert refused.value.field == field


def test_contact_at_a_time_without_its_offset_is_refused():
    case = open_case()
    parent = add_parent(case)
    with pytest.raises(errors.InvalidValue) as refused:
        record_contact(case, parent, occurred_at=dt.datetime(2026, 3, 9, 10, 0))
    assert refused.value.field == "occurred_at"
