"""The per-parent timeline: where the requirement changes, and the ENG-I.A.2 window."""

from __future__ import annotations

import datetime as dt
from uuid import uuid4

import pytest

from domain.policy.adjustments import Allowance
from domain.policy.packs import pack_for
from domain.policy.rules import AllowanceKind, Requirement
from domain.policy.situations import Situation
from domain.policy.timeline import Timeline, window_opens
from domain.values import Household, Parent, ParentCircumstances, Program, Relationship

D = dt.date


@pytest.mark.parametrize(
    ("expected_on", "opens"),
    [
        (D(2026, 3, 31), D(2026, 1, 31)),
        (D(2026, 4, 30), D(2026, 3, 1)),
        (D(2026, 3, 1), D(2026, 1, 1)),
        (D(2026, 2, 28), D(2025, 12, 28)),
    ],
)
def test_the_two_month_window_opens_on_the_first_day_whose_horizon_reaches_the_date(
    expected_on: dt.date, opens: dt.date
) -> None:
    assert window_opens(expected_on, 2) == opens


def _mother(*history: ParentCircumstances) -> Parent:
    return Parent(uuid4(), "mother", Relationship.BIOLOGICAL, history)


def test_a_custodial_mother_s_requirement_changes_on_the_days_the_facts_change() -> None:
    mother = _mother(ParentCircumstances(D(2026, 1, 1), custodial=True))
    household = [
        Household(D(2026, 1, 1), True, None, False),
        Household(D(2026, 1, 20), False, D(2026, 5, 15), True),
    ]
    timeline = Timeline(pack_for(Program.NH_CPS), mother, household, [], [], D(2026, 1, 1))
    spans = [
        (s.first, s.last, s.rule.situation) for s in timeline.spans(D(2026, 1, 1), D(2026, 3, 31))
    ]
    assert spans == [
        (D(2026, 1, 1), D(2026, 1, 19), Situation.CHILDREN_IN_HOME),
        (D(2026, 1, 20), D(2026, 3, 14), Situation.CUSTODIAL_AWAY),
        (D(2026, 3, 15), D(2026, 3, 31), Situation.REUNIFICATION_SOON),
    ]


def test_an_allowance_applies_only_while_in_force() -> None:
    mother = _mother(ParentCircumstances(D(2026, 1, 1), custodial=True))
    allowance = Allowance(
        AllowanceKind.MEET_OUTSIDE_HOME,
        mother.parent_id,
        D(2026, 2, 1),
        uuid4(),
        ends_on=D(2026, 3, 1),
    )
    household = [Household(D(2026, 1, 1), True, None, False)]
    timeline = Timeline(pack_for(Program.NH_CPS), mother, household, [], [allowance], D(2026, 1, 1))
    rules = [timeline.on(day) for day in (D(2026, 1, 31), D(2026, 2, 1), D(2026, 3, 1))]
    requires = [rule.requires if rule else None for rule in rules]
    assert requires == [Requirement.IN_HOME, Requirement.FACE_TO_FACE, Requirement.IN_HOME]


def test_no_rule_is_in_force_before_the_parent_joined() -> None:
    mother = _mother(ParentCircumstances(D(2026, 2, 1), custodial=True))
    timeline = Timeline(pack_for(Program.TN_DCS), mother, [], [], [], D(2026, 2, 1))
    assert timeline.on(D(2026, 1, 31)) is None
    rule = timeline.on(D(2026, 2, 1))
    assert rule is not None
    assert (rule.requires, rule.citation.clause) == (Requirement.FACE_TO_FACE, "TN-A.1")
