"""Meetings, notices and escalations through the ledger on SQLite and PostgreSQL (ENG-V, ENG-VI)."""

from __future__ import annotations

import datetime as dt
import json
import uuid

import pytest

from domain import errors
from domain.commands import ChangeHousehold, IdentifyParent, OpenCase, RecordContact
from domain.meeting_commands import EscalateRefusal, RecordMeetingNotice, ScheduleMeeting
from domain.meetings import EscalationStep, MeetingKind, NoticeOutcome, WithholdReason
from domain.values import ContactMethod, ContactOutcome, Household, Program, Relationship
from projections.obligations import ObligationsReadModel, catch_up, rebuild
from tests.integration.audit_helpers import add_staff, open_case


def _kinds(model, case_id, kind):
    stored = model.case(case_id)
    return [d for d in map(json.loads, stored.documents) if d["kind"] == kind]


def test_a_meeting_notice_moves_from_open_to_met_in_the_read_model(ledger, clock):
    add_staff(ledger)
    case_id, _mother = open_case(ledger, "NH-1")
    father = uuid.UUID(
        ledger.handle(
            case_id, IdentifyParent("Tom", Relationship.BIOLOGICAL, {"custodial": False}), "wendy"
        )["parent_id"]
    )
    model = ObligationsReadModel(ledger)
    meeting = ledger.handle(
        case_id, ScheduleMeeting(MeetingKind.TEAM, dt.date(2026, 3, 20)), "wendy"
    )
    meeting_id = uuid.UUID(meeting["meeting_id"])
    catch_up(ledger, model)
    (owed,) = _kinds(model, case_id, "meeting_notice")
    assert (owed["parent_id"], owed["status"]) == (str(father), "open")
    sent = RecordMeetingNotice(meeting_id, father, NoticeOutcome.SENT, dt.date(2026, 3, 10))
    notice = ledger.handle(case_id, sent, "wendy")
    catch_up(ledger, model)
    (met,) = _kinds(model, case_id, "meeting_notice")
    assert (met["status"], met["satisfied_by"]) == ("met", [notice["notice_id"]])
    loaded = ledger.get_case(case_id)
    assert loaded.meeting(meeting_id).kind is MeetingKind.TEAM
    assert next(iter(loaded.meeting_notices.values())).outcome is NoticeOutcome.SENT
    live = model.dump()
    rebuild(ledger, model)
    assert model.dump() == live


def test_a_refused_notice_reason_records_nothing(ledger):
    add_staff(ledger)
    case_id, mother = open_case(ledger, "NH-2")
    meeting = ledger.handle(
        case_id, ScheduleMeeting(MeetingKind.COURT, dt.date(2026, 3, 20)), "wendy"
    )
    before = ledger.recorder.max_notification_id()
    withheld = RecordMeetingNotice(
        uuid.UUID(meeting["meeting_id"]),
        mother,
        NoticeOutcome.WITHHELD,
        dt.date(2026, 3, 9),
        WithholdReason.PUTATIVE_FATHER,
    )
    with pytest.raises(errors.NoticeReasonRefused):
        ledger.handle(case_id, withheld, "wendy")
    assert ledger.recorder.max_notification_id() == before


def test_a_refusal_escalation_is_stored_and_meets_its_obligation(ledger, clock):
    add_staff(ledger)
    opened = ledger.open_case(
        OpenCase("JJ-1", Program.NH_JJS, dt.date(2026, 1, 5), "wendy", "sam"), "wendy"
    )
    case_id = uuid.UUID(opened["case_id"])
    ledger.handle(
        case_id, ChangeHousehold(Household(dt.date(2026, 1, 5), False, None, True)), "wendy"
    )
    father = uuid.UUID(
        ledger.handle(
            case_id, IdentifyParent("Tom", Relationship.BIOLOGICAL, {"custodial": False}), "wendy"
        )["parent_id"]
    )
    refused = RecordContact(
        father,
        clock.now - dt.timedelta(hours=3),
        ContactMethod.PHONE,
        ContactOutcome.REFUSED,
        "call",
    )
    contact_id = uuid.UUID(ledger.handle(case_id, refused, "wendy")["contact_id"])
    for step, consultant in (
        (EscalationStep.SUPERVISOR_CONSULTED, "sam"),
        (EscalationStep.PERMANENCY_NOT_AFFECTED, None),
    ):
        clock.advance(minutes=5)
        command = EscalateRefusal(contact_id, step, clock.now - dt.timedelta(minutes=1), consultant)
        ledger.handle(case_id, command, "sam")
    model = ObligationsReadModel(ledger)
    catch_up(ledger, model)
    (escalation,) = _kinds(model, case_id, "refusal_escalation")
    assert (escalation["status"], escalation["citation"]["clause"]) == ("met", "ENG-VI")
    steps = [e.step for e in ledger.get_case(case_id).refusal_escalations.values()]
    assert steps == [EscalationStep.SUPERVISOR_CONSULTED, EscalationStep.PERMANENCY_NOT_AFFECTED]
