"""Every Case event carries its actor and recording instant, and replays to the same state."""

from __future__ import annotations

import datetime as dt
from typing import Any

from eventsourcing.domain import Aggregate

from domain.case import Case
from domain.values import Assignment, Program
from tests.unit.builders import NOW, OPENED_ON, SUPERVISOR, WORKER, every_fact, open_case

CASE_EVENT_TYPES = {
    name
    for name, value in vars(Case).items()
    if isinstance(value, type)
    and issubclass(value, Aggregate.Event)
    and name not in ("Event", "Created")
}


def replay(events: list[Any]) -> Case:
    rebuilt = None
    for event in events:
        rebuilt = event.mutate(rebuilt)
    assert isinstance(rebuilt, Case)
    return rebuilt


def test_opening_a_case_records_case_opened_with_every_field():
    case = open_case(Program.NH_JJS, court_involved=True)
    (opened,) = case.collect_events()
    assert type(opened).__name__ == "CaseOpened"
    assert (opened.case_number, opened.program, opened.opened_on) == (
        "NH-0001",
        Program.NH_JJS,
        OPENED_ON,
    )
    assert (opened.worker, opened.supervisor, opened.court_involved) == ("wendy", "sam", True)
    assert case.assignments == [Assignment("wendy", "sam", OPENED_ON)]


def test_case_id_derives_from_the_case_number():
    assert open_case(case_number="A-1").id == Case.create_id("A-1")
    assert Case.create_id("A-1") != Case.create_id("A-2")


def test_every_case_event_type_is_raised_by_some_command():
    raised = {
        type(e).__name__
        for program in (Program.NH_CPS, Program.NH_JJS)  # ENG-VI escalations: NH-JJS only
        for e in every_fact(open_case(program)).collect_events()
    }
    missing = CASE_EVENT_TYPES - raised
    assert not missing, f"add a command raising {missing} to tests/unit/builders.every_fact"


def test_every_event_names_its_actor_and_is_stamped_with_the_recording_instant():
    case = every_fact(open_case(Program.NH_JJS, at=NOW), start=NOW)
    events = case.collect_events()
    # only the case's supervisor reviews (ENG-IV.A) and follows up PPT tasks (PPT-III.C)
    reviews = {"DecisionReviewed", "PptTaskFollowedUp"}
    assert all(e.actor == WORKER for e in events if type(e).__name__ not in reviews)
    assert all(e.actor == SUPERVISOR for e in events if type(e).__name__ in reviews)
    stamps = [e.timestamp for e in events]
    assert stamps[0] == NOW
    assert stamps == sorted(stamps)
    assert stamps[1:] == [NOW + dt.timedelta(minutes=i) for i in range(1, len(stamps))]


def test_replaying_the_events_rebuilds_an_identical_case():
    case = every_fact(open_case(Program.NH_JJS))
    rebuilt = replay(case.collect_events())
    assert vars(rebuilt) == vars(case)


def test_reassignment_keeps_the_earlier_assignment_and_the_unnamed_role():
    case = every_fact(open_case())
    assert case.worker == "walt"
    assert case.supervisor == "sam"
    assert case.assignments == [
        Assignment("wendy", "sam", OPENED_ON),
        Assignment("walt", "sam", OPENED_ON + dt.timedelta(days=1)),
    ]


def test_closing_records_the_date_and_reason():
    case = every_fact(open_case())
    assert case.closed_on == OPENED_ON + dt.timedelta(days=7)
    assert case.close_reason == "Permanency achieved"
