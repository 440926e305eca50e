"""The rule vocabulary: effective-dated values, which methods meet what, the packs."""

from __future__ import annotations

import datetime as dt

import pytest

from domain.policy.packs import pack_for
from domain.policy.rules import (
    AllowanceKind,
    Approval,
    Citation,
    Cited,
    NotInForce,
    Parameter,
    Requirement,
    meets,
    strictest_met_by,
)
from domain.policy.situations import Situation
from domain.values import ContactMethod, ContactOutcome, Program

OLD = Citation("ENG-I", "SOP", "I. once a month")
NEW = Citation("ENG-I", "SOP (revised)", "I. twice a month")


def frequency() -> Parameter[int]:
    return Parameter(Cited(2, NEW, dt.date(2026, 3, 1)), Cited(1, OLD, dt.date(2020, 1, 1)))


def test_a_parameter_gives_the_value_in_force_on_the_day_asked() -> None:
    assert frequency().on(dt.date(2026, 2, 28)).value == 1
    assert frequency().on(dt.date(2026, 3, 1)).value == 2


def test_a_later_value_does_not_change_what_an_earlier_day_reads() -> None:
    in_force = frequency().on(dt.date(2026, 1, 15))
    assert (in_force.value, in_force.citation) == (1, OLD)


def test_a_parameter_asked_before_its_first_value_refuses() -> None:
    with pytest.raises(NotInForce):
        frequency().on(dt.date(2019, 12, 31))


def test_a_parameter_lists_the_days_it_changes() -> None:
    assert frequency().changes == (dt.date(2020, 1, 1), dt.date(2026, 3, 1))


@pytest.mark.parametrize(
    ("method", "met"),
    [
        (ContactMethod.IN_HOME, set(Requirement)),
        (
            ContactMethod.FACE_TO_FACE_OTHER,
            {Requirement.FACE_TO_FACE, Requirement.PHONE, Requirement.ANY_CONTACT},
        ),
        (ContactMethod.VIDEO, {Requirement.PHONE, Requirement.ANY_CONTACT}),
        (ContactMethod.PHONE, {Requirement.PHONE, Requirement.ANY_CONTACT}),
        (ContactMethod.WRITTEN, {Requirement.ANY_CONTACT}),
    ],
)
def test_each_completed_method_meets_exactly_the_requirements_the_reading_rules_name(
    method: ContactMethod, met: set[Requirement]
) -> None:
    assert {r for r in Requirement if meets(method, ContactOutcome.COMPLETED, r)} == met


@pytest.mark.parametrize("outcome", [ContactOutcome.ATTEMPTED, ContactOutcome.REFUSED])
def test_an_attempt_or_refusal_meets_nothing_even_in_the_home(outcome: ContactOutcome) -> None:
    assert not meets(ContactMethod.IN_HOME, outcome, Requirement.ANY_CONTACT)


def test_a_plan_of_phone_and_video_asks_for_phone_contact() -> None:
    methods = frozenset({ContactMethod.PHONE, ContactMethod.VIDEO})
    assert strictest_met_by(methods) is Requirement.PHONE


def test_a_plan_allowing_written_correspondence_asks_for_any_contact() -> None:
    methods = frozenset({ContactMethod.FACE_TO_FACE_OTHER, ContactMethod.WRITTEN})
    assert strictest_met_by(methods) is Requirement.ANY_CONTACT


@pytest.mark.parametrize("program", list(Program))
def test_every_pack_cites_its_own_source_on_every_requirement(program: Program) -> None:
    pack = pack_for(program)
    assert pack.program is program
    for parameter in pack.requirements.values():
        for value in parameter.values:
            assert value.citation.source == pack.source
            assert value.citation.section


def test_remote_contact_with_a_non_custodial_parent_needs_approval_on_cps_only() -> None:
    day = dt.date(2026, 1, 1)
    remote = Situation.NON_CUSTODIAL_REMOTE
    for program in (Program.NH_CPS, Program.NH_JJS):
        allowed = pack_for(program).requirement(remote, day)
        assert (allowed.value, allowed.citation.clause) == (Requirement.ANY_CONTACT, "ENG-II.A")
    approval = pack_for(Program.NH_CPS).approvals[remote].on(day)
    assert approval.value == Approval(AllowanceKind.REMOTE_CONTACT, Requirement.FACE_TO_FACE)
    assert approval.citation.clause == "ENG-II.A"
    assert remote not in pack_for(Program.NH_JJS).approvals


def test_documentation_clauses_follow_each_sops_numbering_and_tn_sets_none() -> None:
    day = dt.date(2026, 1, 1)
    cps = pack_for(Program.NH_CPS).documentation_business_days
    jjs = pack_for(Program.NH_JJS).documentation_business_days
    assert cps is not None
    assert cps.on(day).citation.clause == "ENG-VII"
    assert jjs is not None
    assert jjs.on(day).citation.clause == "ENG-VIII"
    assert pack_for(Program.TN_DCS).documentation_business_days is None
