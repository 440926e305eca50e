"""The PPT record through the ledger on SQLite and PostgreSQL (SOP 1626.4)."""

from __future__ import annotations

import datetime as dt
import json
import uuid

import pytest

from domain import errors
from domain import ppt_commands as ppt
from domain.commands import OpenCase
from domain.meeting_commands import ScheduleMeeting
from domain.meetings import MeetingKind
from domain.ppt_values import InformationSource, StaffingFactor
from domain.values import Program
from projections.obligations import ObligationsReadModel, catch_up, rebuild
from tests.integration.audit_helpers import add_staff, open_case
from tests.unit.builders import PPT_TOPICS


def _kinds(model, case_id, kind):
    stored = model.case(case_id)
    return [d for d in map(json.loads, stored.documents) if d["kind"] == kind]


def _jjs(ledger, number="JJ-1"):
    opened = ledger.open_case(
        OpenCase(number, Program.NH_JJS, dt.date(2026, 2, 2), "wendy", "sam"), "wendy"
    )
    return uuid.UUID(opened["case_id"])


def test_ppt_obligations_follow_the_record_and_rebuild_to_the_same_read_model(ledger):
    add_staff(ledger)
    case_id = _jjs(ledger)
    model = ObligationsReadModel(ledger)
    ledger.handle(case_id, ScheduleMeeting(MeetingKind.PPT, dt.date(2026, 3, 17)), "wendy")
    placed = ledger.handle(case_id, ppt.RecordPlacement(dt.date(2026, 3, 9), "Foster"), "wendy")
    ledger.handle(
        case_id, ppt.IdentifyStaffingFactor(StaffingFactor.FISCAL, dt.date(2026, 3, 9)), "wendy"
    )
    catch_up(ledger, model)
    assert [o["status"] for o in _kinds(model, case_id, "placement_notice")] == ["missed"]
    assert [o["due"] for o in _kinds(model, case_id, "ppt_screen")] == ["2026-03-10"]
    assert [o["status"] for o in _kinds(model, case_id, "ppt_information")] == ["open"]
    assert [o["due"] for o in _kinds(model, case_id, "ppt_staffing_advice")] == ["2026-03-17"]
    ledger.handle(case_id, ppt.CompleteScreen(dt.date(2026, 3, 10)), "wendy")
    for source in InformationSource:
        ledger.handle(case_id, ppt.GatherInformation(source, dt.date(2026, 3, 10)), "wendy")
    catch_up(ledger, model)
    assert [o["status"] for o in _kinds(model, case_id, "ppt_screen")] == ["met"]
    assert [o["status"] for o in _kinds(model, case_id, "ppt_information")] == ["met"]
    loaded = ledger.get_case(case_id)
    assert loaded.ppt.placements[0].placement_id == uuid.UUID(placed["placement_id"])
    assert {i.source for i in loaded.ppt.information} == set(InformationSource)
    live = model.dump()
    rebuild(ledger, model)
    assert model.dump() == live


def test_a_ppt_meeting_record_is_stored_with_its_topics_and_the_scheduled_meeting(ledger):
    add_staff(ledger)
    case_id = _jjs(ledger, "JJ-2")
    meeting = ledger.handle(case_id, ScheduleMeeting(MeetingKind.PPT, dt.date(2026, 3, 9)), "wendy")
    meeting_id = uuid.UUID(meeting["meeting_id"])
    held = ppt.HoldPptMeeting(dt.date(2026, 3, 9), PPT_TOPICS, ("wendy", "sam"), meeting_id)
    ledger.handle(case_id, held, "wendy")
    (record,) = ledger.get_case(case_id).ppt.meetings
    assert (record.meeting_id, record.topics, record.attended_by) == (
        meeting_id,
        PPT_TOPICS,
        ("wendy", "sam"),
    )


def test_a_refused_ppt_command_records_nothing_on_a_cps_case(ledger):
    add_staff(ledger)
    case_id, _mother = open_case(ledger, "NH-3")
    before = ledger.recorder.max_notification_id()
    with pytest.raises(errors.NotPptCase):
        ledger.handle(case_id, ppt.CompleteScreen(dt.date(2026, 3, 9)), "wendy")
    assert ledger.recorder.max_notification_id() == before
