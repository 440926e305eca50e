"""A closed case takes no further commands, whatever they are."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from domain import commands as cmd
from domain import errors
from domain.values import (
    ContactMethod,
    ContactOutcome,
    Household,
    PermanencyGoal,
    Relationship,
    SearchOutcome,
)
from tests.unit.builders import NOW, OPENED_ON, WORKER, add_parent, open_case, record_contact

DAY = OPENED_ON + dt.timedelta(days=1)


def _closed_case():
    case = open_case()
    parent = add_parent(case)
    contact = record_contact(case, parent, occurred_at=NOW - dt.timedelta(days=1))
    cmd.CloseCase(DAY, "Case goals met").apply(case, WORKER, NOW)
    case.collect_events()
    return case, parent, contact.contact_id


COMMANDS = {
    "reassign": lambda p, c: cmd.Reassign("walt", None, DAY, "x"),
    "identify_parent": lambda p, c: cmd.IdentifyParent(
        "Bo", Relationship.STEP, {"custodial": True}
    ),
    "circumstances": lambda p, c: cmd.ChangeCircumstances(p, DAY, {"missing": True}),
    "household": lambda p, c: cmd.ChangeHousehold(Household(DAY, True, None, False)),
    "reunification": lambda p, c: cmd.ScheduleReunification(DAY),
    "goal": lambda p, c: cmd.SetPermanencyGoal(PermanencyGoal.ADOPTION, None, DAY, ("sam",)),
    "frequency": lambda p, c: cmd.SetContactFrequency(p, 2, DAY, "x"),
    "search": lambda p, c: cmd.RecordDiligentSearch(p, NOW, ("x",), SearchOutcome.LOCATED),
    "contact": lambda p, c: cmd.RecordContact(
        p, NOW, ContactMethod.PHONE, ContactOutcome.ATTEMPTED, "x"
    ),
    "amend": lambda p, c: cmd.AmendContact(c, "x", {"purpose": "y"}),
    "amend_unknown_contact": lambda p, c: cmd.AmendContact(uuid.uuid4(), "x", {"purpose": "y"}),
    "void": lambda p, c: cmd.VoidContact(c, "x"),
    "close_again": lambda p, c: cmd.CloseCase(DAY, "x"),
}


@pytest.mark.parametrize("make", COMMANDS.values(), ids=COMMANDS.keys())
def test_any_command_on_a_closed_case_is_refused_and_records_nothing(make):
    case, parent, contact = _closed_case()
    with pytest.raises(errors.CaseClosed):
        make(parent, contact).apply(case, WORKER, NOW)
    assert case.collect_events() == []


def test_every_case_command_is_covered_by_the_closed_case_test():
    command_classes = {
        name
        for name, value in vars(cmd).items()
        if isinstance(value, type) and hasattr(value, "apply") and value.__module__ == cmd.__name__
    } - {"CaseCommand"}
    _, parent, contact = _closed_case()
    covered = {type(make(parent, contact)).__name__ for make in COMMANDS.values()}
    assert command_classes <= covered


def test_closing_before_the_case_opened_is_refused():
    case = open_case()
    with pytest.raises(errors.BeforeCaseOpened) as refused:
        cmd.CloseCase(OPENED_ON - dt.timedelta(days=1), "x").apply(case, WORKER, NOW)
    assert refused.value.field == "closed_on"
    assert case.closed_on is None
