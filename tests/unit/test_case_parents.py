"""Parents and their circumstances over time, the household, goals and case-plan frequency."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from domain import errors
from domain.commands import (
    ChangeCircumstances,
    ChangeHousehold,
    IdentifyParent,
    Reassign,
    RecordDiligentSearch,
    SetContactFrequency,
    SetPermanencyGoal,
)
from domain.values import (
    Household,
    ParentCircumstances,
    PermanencyGoal,
    Relationship,
    SearchOutcome,
)
from tests.unit.builders import NOW, OPENED_ON, WORKER, add_parent, open_case

JAN_5, FEB_1, MAR_1 = dt.date(2026, 1, 5), dt.date(2026, 2, 1), dt.date(2026, 3, 1)


def test_parent_added_without_a_date_belongs_to_the_case_from_its_opening():
    case = open_case()
    parent_id = add_parent(case)
    parent = case.parent(parent_id)
    assert parent.relationship is Relationship.BIOLOGICAL
    assert parent.history == (ParentCircumstances(OPENED_ON, custodial=True),)
    assert parent.on(OPENED_ON - dt.timedelta(days=1)) is None


def test_parent_effective_before_the_case_opened_is_refused():
    case = open_case()
    with pytest.raises(errors.BeforeCaseOpened) as refused:
        add_parent(case, effective_on=OPENED_ON - dt.timedelta(days=1))
    assert refused.value.field == "effective_on"


def test_unknown_circumstance_flag_is_refused_by_name():
    case = open_case(opened_on=JAN_5)
    parent = add_parent(case)
    with pytest.raises(errors.InvalidValue) as refused:
        IdentifyParent("Bo", Relationship.STEP, {"custodial": True, "rich": True}).apply(
            case, WORKER, NOW
        )
    assert refused.value.field == "rich"
    with pytest.raises(errors.InvalidValue) as refused:
        ChangeCircumstances(parent, FEB_1, {"rich": True}).apply(case, WORKER, NOW)
    assert refused.value.field == "rich"
    with pytest.raises(errors.InvalidValue):
        ChangeCircumstances(parent, FEB_1, {}).apply(case, WORKER, NOW)


def test_change_of_circumstances_applies_from_its_date_and_keeps_earlier_days():
    case = open_case(opened_on=JAN_5)
    parent = add_parent(case)
    ChangeCircumstances(parent, MAR_1, {"custodial": False}).apply(case, WORKER, NOW)
    history = case.parent(parent)
    assert history.on(dt.date(2026, 2, 28)).custodial is True
    assert history.on(MAR_1).custodial is False


def test_change_recorded_late_but_effective_mid_history_keeps_earlier_days():
    case = open_case(opened_on=JAN_5)
    parent = add_parent(case)
    ChangeCircumstances(parent, MAR_1, {"custodial": False}).apply(case, WORKER, NOW)
    ChangeCircumstances(parent, FEB_1, {"incarcerated": True}).apply(case, WORKER, NOW)
    parent_now = case.parent(parent)
    january = parent_now.on(dt.date(2026, 1, 31))
    february = parent_now.on(dt.date(2026, 2, 15))
    assert (january.custodial, january.incarcerated) == (True, False)
    assert (february.custodial, february.incarcerated) == (True, True)
    assert [h.effective_on for h in parent_now.history] == [JAN_5, FEB_1, MAR_1]


def test_change_effective_mid_history_carries_into_later_entries_that_did_not_name_it():
    case = open_case(opened_on=JAN_5)
    parent = add_parent(case)
    ChangeCircumstances(parent, MAR_1, {"custodial": False}).apply(case, WORKER, NOW)
    ChangeCircumstances(parent, FEB_1, {"incarcerated": True}).apply(case, WORKER, NOW)
    march = case.parent(parent).on(MAR_1)
    assert (march.custodial, march.incarcerated) == (False, True)


def test_later_change_on_the_same_day_wins():
    case = open_case(opened_on=JAN_5)
    parent = add_parent(case)
    ChangeCircumstances(parent, FEB_1, {"missing": True}).apply(case, WORKER, NOW)
    ChangeCircumstances(parent, FEB_1, {"missing": False}).apply(case, WORKER, NOW)
    assert case.parent(parent).on(FEB_1).missing is False
    assert len(case.parent(parent).history) == 2


def test_change_of_circumstances_before_the_case_opened_is_refused():
    case = open_case(opened_on=JAN_5)
    parent = add_parent(case)
    with pytest.raises(errors.BeforeCaseOpened):
        ChangeCircumstances(parent, dt.date(2026, 1, 4), {"missing": True}).apply(case, WORKER, NOW)


@pytest.mark.parametrize(
    "command",
    [
        lambda pid: ChangeCircumstances(pid, FEB_1, {"missing": True}),
        lambda pid: SetContactFrequency(pid, 2, FEB_1, "Case plan"),
        lambda pid: RecordDiligentSearch(pid, NOW, ("registry",), SearchOutcome.NOT_LOCATED),
    ],
    ids=["circumstances", "frequency", "diligent_search"],
)
def test_command_naming_an_unknown_parent_is_refused_on_parent_id(command):
    case = open_case(opened_on=JAN_5)
    add_parent(case)
    with pytest.raises(errors.UnknownParent) as refused:
        command(uuid.uuid4()).apply(case, WORKER, NOW)
    assert refused.value.field == "parent_id"


def test_household_change_on_the_same_day_replaces_the_earlier_entry():
    case = open_case(opened_on=JAN_5)
    ChangeHousehold(Household(JAN_5, True, None, False)).apply(case, WORKER, NOW)
    ChangeHousehold(Household(MAR_1, False, dt.date(2026, 4, 15), True)).apply(case, WORKER, NOW)
    ChangeHousehold(Household(FEB_1, False, None, True)).apply(case, WORKER, NOW)
    ChangeHousehold(Household(FEB_1, True, None, False)).apply(case, WORKER, NOW)
    assert [h.effective_on for h in case.household] == [JAN_5, FEB_1, MAR_1]
    assert case.household[1].children_in_home is True
    assert case.current_household == Household(MAR_1, False, dt.date(2026, 4, 15), True)


def test_current_goal_is_the_latest_by_effective_date():
    case = open_case(opened_on=JAN_5)
    later = SetPermanencyGoal(PermanencyGoal.ADOPTION, None, MAR_1, ("sam",))
    earlier = SetPermanencyGoal(
        PermanencyGoal.REUNIFICATION, PermanencyGoal.ADOPTION, FEB_1, ("wendy", "sam")
    )
    later.apply(case, WORKER, NOW)
    earlier.apply(case, WORKER, NOW)
    assert case.current_goal is not None
    assert case.current_goal.goal is PermanencyGoal.ADOPTION


def test_contact_frequency_below_one_a_month_is_refused():
    case = open_case(opened_on=JAN_5)
    parent = add_parent(case)
    with pytest.raises(errors.InvalidValue) as refused:
        SetContactFrequency(parent, 0, FEB_1, "x").apply(case, WORKER, NOW)
    assert refused.value.field == "per_month"


def test_diligent_search_in_the_future_is_refused():
    case = open_case(opened_on=JAN_5)
    parent = add_parent(case)
    with pytest.raises(errors.ContactInFuture):
        RecordDiligentSearch(
            parent, NOW + dt.timedelta(seconds=1), ("registry",), SearchOutcome.LOCATED
        ).apply(case, WORKER, NOW)


def test_parent_must_be_said_custodial_or_not_and_flags_must_be_booleans():
    case = open_case(opened_on=JAN_5)
    with pytest.raises(errors.InvalidValue) as missing:
        IdentifyParent("Bo", Relationship.STEP, {"missing": True}).apply(case, WORKER, NOW)
    assert missing.value.field == "custodial"
    with pytest.raises(errors.InvalidValue) as wrong:
        IdentifyParent("Bo", Relationship.STEP, {"custodial": "yes"}).apply(case, WORKER, NOW)
    assert wrong.value.field == "custodial"
    parent = add_parent(case)
    with pytest.raises(errors.InvalidValue) as changed:
        ChangeCircumstances(parent, FEB_1, {"missing": 1}).apply(case, WORKER, NOW)
    assert changed.value.field == "missing"
    assert case.parents.keys() == {parent.hex}


def test_of_two_goals_effective_the_same_day_the_later_recorded_is_current():
    case = open_case(opened_on=JAN_5)
    SetPermanencyGoal(PermanencyGoal.ADOPTION, None, FEB_1, ("sam",)).apply(case, WORKER, NOW)
    SetPermanencyGoal(PermanencyGoal.REUNIFICATION, None, FEB_1, ("sam",)).apply(case, WORKER, NOW)
    assert case.current_goal is not None
    assert case.current_goal.goal is PermanencyGoal.REUNIFICATION


def test_reassignment_naming_nobody_is_refused():
    case = open_case(opened_on=JAN_5)
    with pytest.raises(errors.InvalidValue):
        Reassign(None, None, FEB_1, "no change").apply(case, WORKER, NOW)
    assert case.collect_events()[-1].__class__.__name__ == "CaseOpened"


def test_change_effective_before_the_parent_joined_the_case_is_refused():
    case = open_case(opened_on=JAN_5)
    parent = add_parent(case, effective_on=MAR_1)
    with pytest.raises(errors.InvalidValue) as refused:
        ChangeCircumstances(parent, FEB_1, {"missing": True}).apply(case, WORKER, NOW)
    assert refused.value.field == "effective_on"
    assert case.parent(parent).history == (ParentCircumstances(MAR_1, custodial=True),)
