"""Who may do what in the programme: the access rules as pure functions."""

from __future__ import annotations

from domain.access import CaseParties, Viewer
from domain.pbp.access import (
    coordinates,
    may_record_family_meeting,
    may_refer,
    may_withdraw,
    sees_referral,
)
from domain.values import Role

CASE = CaseParties(worker="wendy", supervisor="sam", worker_team="north")
WENDY = Viewer("wendy", Role.CASEWORKER, "north")
SAM = Viewer("sam", Role.SUPERVISOR, "north")
PAT = Viewer("pat", Role.PBP_COORDINATOR, None)
OLGA = Viewer("olga", Role.CASEWORKER, "south")
AUDREY = Viewer("audrey", Role.AUDITOR, None)


def test_the_cases_worker_and_supervisor_refer_and_nobody_else() -> None:
    assert may_refer(WENDY, CASE)
    assert may_refer(SAM, CASE)
    assert not may_refer(PAT, CASE)
    assert not may_refer(OLGA, CASE)
    assert not may_refer(AUDREY, CASE)


def test_the_coordinator_sees_every_referral_and_others_only_their_cases() -> None:
    assert sees_referral(PAT, CASE)
    assert sees_referral(WENDY, CASE)
    assert not sees_referral(OLGA, CASE)
    assert coordinates(PAT)
    assert not coordinates(SAM)


def test_family_meetings_are_recorded_by_the_coordinator_or_the_cases_worker() -> None:
    assert may_record_family_meeting(PAT, CASE)
    assert may_record_family_meeting(WENDY, CASE)
    assert not may_record_family_meeting(SAM, CASE)


def test_the_referring_worker_or_the_coordinator_withdraws() -> None:
    assert may_withdraw(WENDY, "wendy")
    assert may_withdraw(PAT, "wendy")
    assert not may_withdraw(SAM, "wendy")
