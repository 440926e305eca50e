"""The referral's lifecycle (PBP-REF-2 .. PBP-REF-7) on the aggregate alone."""

from __future__ import annotations

import datetime as dt
from uuid import uuid4

import pytest

from domain.errors import InvalidValue
from domain.pbp import errors
from domain.pbp.values import PartnerAssignment, Party, ReferralStatus
from domain.referral import PartnerReferral

NOW = dt.datetime(2026, 3, 10, 16, 0, tzinfo=dt.UTC)
LATER = NOW + dt.timedelta(days=3)


def submitted() -> PartnerReferral:
    return PartnerReferral(
        case_id=uuid4(),
        parent_id=uuid4(),
        needs=["housing"],
        preferred_language="Spanish",
        area="Manchester",
        actor="wendy",
        timestamp=NOW,
    )


def assignment() -> PartnerAssignment:
    return PartnerAssignment(str(uuid4()), "Rosa Diaz", 1, None, None, NOW.date())


def assigned() -> PartnerReferral:
    referral = submitted()
    referral.identify_needs(needs=["housing"], conferred_with=["wendy"], actor="pat", at=NOW)
    referral.assign(assignment=assignment(), actor="pat", at=NOW)
    return referral


def test_a_submitted_referral_starts_in_the_submitted_stage_at_its_recording_time() -> None:
    referral = submitted()
    assert referral.status is ReferralStatus.SUBMITTED
    assert referral.stage_since == NOW
    assert referral.referred_by == "wendy"


def test_needs_must_be_identified_before_a_volunteer_is_assigned() -> None:
    referral = submitted()
    with pytest.raises(errors.ReferralStateConflict):
        referral.assign(assignment=assignment(), actor="pat", at=NOW)
    referral.identify_needs(needs=["court"], conferred_with=[], actor="pat", at=LATER)
    assert referral.status is ReferralStatus.NEEDS_IDENTIFIED
    assert referral.needs == ["court"]
    assert referral.stage_since == LATER


def test_planning_and_family_meetings_need_an_assigned_volunteer() -> None:
    referral = submitted()
    with pytest.raises(errors.ReferralStateConflict):
        referral.hold_planning_meeting(held_on=NOW.date(), attended_by=[], actor="pat", at=NOW)
    referral = assigned()
    referral.hold_planning_meeting(held_on=NOW.date(), attended_by=["pat"], actor="pat", at=LATER)
    assert referral.status is ReferralStatus.PLANNED


def test_a_family_meeting_without_the_pbp_supervisor_or_the_case_worker_is_refused() -> None:
    referral = assigned()
    with pytest.raises(errors.Unaccompanied) as refused:
        referral.hold_family_meeting(
            held_on=NOW.date(),
            accompanied_by="someone",
            companion_is_coordinator=False,
            case_worker="wendy",
            actor="pat",
            at=NOW,
        )
    assert refused.value.clause == "PBP-REF-6"


@pytest.mark.parametrize(("companion", "is_coordinator"), [("wendy", False), ("pat", True)])
def test_a_family_meeting_accompanied_by_the_coordinator_or_the_worker_makes_it_active(
    companion: str, is_coordinator: bool
) -> None:
    referral = assigned()
    referral.hold_family_meeting(
        held_on=NOW.date(),
        accompanied_by=companion,
        companion_is_coordinator=is_coordinator,
        case_worker="wendy",
        actor="pat",
        at=LATER,
    )
    assert referral.status is ReferralStatus.ACTIVE
    assert referral.working


def test_closure_without_all_four_parties_is_refused_citing_pbp_ref_7() -> None:
    referral = assigned()
    three = [Party.CASE_WORKER, Party.CASE_SUPERVISOR, Party.PBP_COORDINATOR]
    with pytest.raises(errors.AgreementIncomplete) as refused:
        referral.close(agreed_by=three, closed_on=NOW.date(), actor="pat", at=NOW)
    assert refused.value.clause == "PBP-REF-7"
    assert "parent_partner" in refused.value.message
    referral.close(
        agreed_by=[*three, Party.PARENT_PARTNER], closed_on=NOW.date(), actor="pat", at=LATER
    )
    assert referral.status is ReferralStatus.CLOSED
    assert not referral.working


def test_an_ended_referral_takes_no_further_step() -> None:
    referral = submitted()
    referral.withdraw(reason="Family moved out of state", actor="wendy", at=LATER)
    assert referral.status is ReferralStatus.WITHDRAWN
    assert referral.ended_reason == "Family moved out of state"
    with pytest.raises(errors.ReferralStateConflict):
        referral.withdraw(reason="again", actor="wendy", at=LATER)
    with pytest.raises(errors.ReferralStateConflict):
        referral.identify_needs(needs=[], conferred_with=[], actor="pat", at=LATER)


def test_a_meeting_or_closure_dated_in_the_future_is_refused() -> None:
    held_on = dt.date(2026, 3, 11)
    referral = assigned()
    with pytest.raises(InvalidValue) as refused:
        referral.hold_planning_meeting(held_on=held_on, attended_by=["pat"], actor="pat", at=NOW)
    assert refused.value.field == "held_on"
    with pytest.raises(InvalidValue):
        referral.close(agreed_by=list(Party), closed_on=held_on, actor="pat", at=NOW)
