"""The Permanency Planning Team record on a case (SOP 1626.4): what it keeps and refuses."""

from __future__ import annotations

import datetime as dt
from uuid import UUID, uuid4

import pytest

from domain import errors
from domain import ppt_commands as ppt
from domain.meeting_commands import ScheduleMeeting
from domain.meetings import MeetingKind
from domain.ppt_values import NO_PPT, InformationSource, PptRequestKind, StaffingFactor
from domain.values import Program
from tests.unit.builders import NOW, OPENED_ON, PPT_TOPICS, SUPERVISOR, WORKER, open_case

DAY = OPENED_ON + dt.timedelta(days=1)


def jjs_case():
    return open_case(Program.NH_JJS)


@pytest.mark.parametrize("program", [Program.NH_CPS, Program.TN_DCS])
def test_ppt_facts_are_refused_off_nh_jjs_naming_the_clause(program):
    case = open_case(program)
    with pytest.raises(errors.NotPptCase) as refused:
        ppt.RecordPlacement(DAY, "Foster home").apply(case, WORKER, NOW)
    assert refused.value.clause == "PPT-I.A"
    with pytest.raises(errors.NotPptCase) as refused:
        ppt.HoldPptMeeting(DAY, PPT_TOPICS).apply(case, WORKER, NOW)
    assert refused.value.clause == "PPT-I.D"
    with pytest.raises(errors.NotPptCase) as refused:
        ppt.RequestPptSupport(PptRequestKind.WORKGROUP, DAY, "Behaviours").apply(case, WORKER, NOW)
    assert refused.value.clause == "PPT-II"
    assert case.collect_events()[1:] == []


def test_a_placement_change_keeps_whether_it_may_affect_the_ppt_schedule():
    case = jjs_case()
    first = ppt.RecordPlacement(DAY, "Foster home").apply(case, WORKER, NOW)
    ppt.RecordPlacement(DAY, "Group home", change=True, may_affect_schedule=True).apply(
        case, WORKER, NOW
    )
    kinds = [type(e).__name__ for e in case.collect_events()]
    assert kinds[1:] == ["YouthPlaced", "PlacementChanged"]
    placed, changed = case.ppt.placements
    assert str(placed.placement_id) == first["placement_id"]
    assert (placed.change, changed.change, changed.may_affect_schedule) == (False, True, True)


def test_a_jppo_notice_must_name_a_placement_of_the_case():
    case = jjs_case()
    with pytest.raises(errors.UnknownPlacement) as refused:
        ppt.NotifyPermanencyJppo(uuid4(), DAY, "petra").apply(case, WORKER, NOW)
    assert refused.value.field == "placement_id"


def test_facts_dated_after_they_are_recorded_or_before_the_case_are_refused():
    case = jjs_case()
    with pytest.raises(errors.FactInFuture):
        ppt.CompleteScreen(dt.date(2026, 3, 11)).apply(case, WORKER, NOW)
    with pytest.raises(errors.BeforeCaseOpened):
        ppt.GatherInformation(InformationSource.CHILD, OPENED_ON - dt.timedelta(days=1)).apply(
            case, WORKER, NOW
        )


def test_a_meeting_record_missing_a_topic_is_refused_citing_ppt_i_d():
    case = jjs_case()
    topics = dict(PPT_TOPICS, barriers="  ")
    with pytest.raises(errors.PptTopicsMissing) as refused:
        ppt.HoldPptMeeting(DAY, topics).apply(case, WORKER, NOW)
    assert refused.value.clause == "PPT-I.D"
    assert "barriers" in refused.value.message
    with pytest.raises(errors.InvalidValue):
        ppt.HoldPptMeeting(DAY, dict(PPT_TOPICS, weather="fine")).apply(case, WORKER, NOW)


def test_advice_is_given_once_per_factor():
    case = jjs_case()
    factor = ppt.IdentifyStaffingFactor(StaffingFactor.TRAFFICKING, DAY).apply(case, WORKER, NOW)
    factor_id = UUID(factor["factor_id"])
    ppt.AdviseStaffing(factor_id, DAY, "Invite the trafficking liaison").apply(case, WORKER, NOW)
    assert case.ppt.factors[0].advised_on == DAY
    with pytest.raises(errors.AlreadyRecorded):
        ppt.AdviseStaffing(factor_id, DAY, "Again").apply(case, WORKER, NOW)
    with pytest.raises(errors.UnknownFactor):
        ppt.AdviseStaffing(uuid4(), DAY, "Nobody").apply(case, WORKER, NOW)


def test_a_task_is_completed_once_and_keeps_the_supervisors_follow_ups():
    case = jjs_case()
    answer = ppt.AssignPptTask("Call the school", WORKER, DAY, DAY + dt.timedelta(days=5)).apply(
        case, WORKER, NOW
    )
    task_id = UUID(answer["task_id"])
    ppt.FollowUpPptTask(task_id, DAY, "Asked about it").apply(case, SUPERVISOR, NOW)
    ppt.CompletePptTask(task_id, DAY + dt.timedelta(days=1)).apply(case, WORKER, NOW)
    (task,) = case.ppt.tasks
    assert (task.completed_on, task.follow_ups) == (DAY + dt.timedelta(days=1), (DAY,))
    with pytest.raises(errors.AlreadyRecorded):
        ppt.CompletePptTask(task_id, DAY).apply(case, WORKER, NOW)
    with pytest.raises(errors.PptTaskNotFound):
        ppt.CompletePptTask(uuid4(), DAY).apply(case, WORKER, NOW)


def test_a_task_cannot_fall_due_before_it_is_assigned():
    with pytest.raises(errors.InvalidValue) as refused:
        ppt.AssignPptTask("Call", WORKER, DAY, OPENED_ON).apply(jjs_case(), WORKER, NOW)
    assert refused.value.field == "due_on"


def test_the_ppt_is_updated_only_after_permanency_is_achieved():
    case = jjs_case()
    with pytest.raises(errors.AlreadyRecorded):
        ppt.UpdatePpt(DAY).apply(case, WORKER, NOW)
    ppt.AchievePermanency(DAY, "Reunified with mother").apply(case, WORKER, NOW)
    ppt.UpdatePpt(DAY + dt.timedelta(days=1)).apply(case, WORKER, NOW)
    assert case.ppt.permanency[0].ppt_updated_on == DAY + dt.timedelta(days=1)


def test_workgroup_and_extra_meeting_requests_are_distinct_events():
    case = jjs_case()
    for kind in PptRequestKind:
        ppt.RequestPptSupport(kind, DAY, "Runs from placement").apply(case, WORKER, NOW)
    kinds = [type(e).__name__ for e in case.collect_events()[1:]]
    assert kinds == ["ExtraPptMeetingRequested", "PermanencyWorkgroupRequested"]
    assert [r.kind for r in case.ppt.requests] == list(PptRequestKind)


def test_a_meeting_record_may_name_only_a_scheduled_ppt_meeting():
    case = jjs_case()
    team = ScheduleMeeting(MeetingKind.TEAM, DAY).apply(case, WORKER, NOW)["meeting_id"]
    with pytest.raises(errors.InvalidValue) as refused:
        ppt.HoldPptMeeting(DAY, PPT_TOPICS, meeting_id=UUID(team)).apply(case, WORKER, NOW)
    assert refused.value.field == "meeting_id"
    scheduled = ScheduleMeeting(MeetingKind.PPT, DAY).apply(case, WORKER, NOW)["meeting_id"]
    ppt.HoldPptMeeting(DAY, PPT_TOPICS, ("wendy",), UUID(scheduled)).apply(case, WORKER, NOW)
    assert case.ppt.meetings[0].meeting_id == UUID(scheduled)


def test_a_case_without_ppt_facts_holds_no_ppt_state_and_reads_an_empty_record():
    case = jjs_case()
    assert "ppt_record" not in vars(case)  # snapshots of older cases lack it too
    assert case.ppt == NO_PPT
