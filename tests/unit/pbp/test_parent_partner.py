"""The volunteer record: enrolment, PBP-CANDIDATE, tiers (PBP-TIERS), families, deactivation."""

from __future__ import annotations

import datetime as dt
from uuid import uuid4

import pytest

from domain.errors import InvalidValue
from domain.parent_partner import ParentPartner
from domain.pbp import errors
from domain.pbp.tiers import Service, allows, services_for

NOW = dt.datetime(2026, 3, 10, 16, 0, tzinfo=dt.UTC)


def enrol(tier: int = 5, closed_on: dt.date = dt.date(2023, 1, 1), capacity: int = 1):
    return ParentPartner.enrol(
        name="Rosa Diaz",
        languages=["Spanish", "English"],
        area="Manchester",
        own_case_closed_on=closed_on,
        lived_experience=["substance_use"],
        capacity=capacity,
        tier=tier,
        actor="pat",
        at=NOW,
    )


def test_enrolment_records_the_volunteer_with_the_tier_certified_that_day() -> None:
    partner = enrol(tier=2)
    assert partner.tier == 2
    assert partner.certifications[0].certified_on == dt.date(2026, 3, 10)
    assert partner.active
    assert partner.free_capacity == 1
    assert partner.warning is None


def test_a_candidate_whose_own_case_closed_under_a_year_ago_is_enrolled_with_a_warning() -> None:
    partner = enrol(closed_on=dt.date(2025, 6, 1))
    assert partner.warning is not None
    assert "2025-06-01" in partner.warning


def test_a_case_closed_exactly_a_year_before_enrolment_gives_no_warning() -> None:
    assert enrol(closed_on=dt.date(2025, 3, 10)).warning is None
    assert enrol(closed_on=dt.date(2025, 3, 11)).warning is not None


def test_a_tier_outside_one_to_five_is_refused() -> None:
    with pytest.raises(InvalidValue):
        enrol(tier=6)
    with pytest.raises(InvalidValue):
        enrol().certify(tier=0, certified_on=dt.date(2026, 3, 1), actor="pat", at=NOW)


def test_tiers_are_cumulative_so_tier_five_allows_every_service() -> None:
    assert set(services_for(5)) == set(Service)
    assert allows(1, Service.TELLING_MY_STORY)
    assert not allows(4, Service.ONE_ON_ONE_MENTORING)
    assert allows(4, Service.PRIDE_TRAININGS)
    assert allows(4, Service.FOCUS_GROUPS)


def test_a_later_certification_raises_the_tier_and_the_services_it_allows() -> None:
    partner = enrol(tier=1)
    assert not allows(partner.tier, Service.TRAINING)
    partner.certify(tier=3, certified_on=dt.date(2026, 4, 1), actor="pat", at=NOW)
    assert partner.tier == 3
    assert Service.IMMERSION_CLASSES in partner.services


def test_taking_a_family_below_tier_five_is_refused_citing_pbp_direct() -> None:
    partner = enrol(tier=4)
    with pytest.raises(errors.TierTooLow) as refused:
        partner.take_family(referral_id=uuid4(), actor="pat", at=NOW)
    assert refused.value.clause == "PBP-DIRECT"


def test_free_capacity_is_capacity_minus_families_until_released() -> None:
    partner = enrol(capacity=2)
    first, second = uuid4(), uuid4()
    partner.take_family(referral_id=first, actor="pat", at=NOW)
    partner.take_family(referral_id=second, actor="pat", at=NOW)
    assert partner.free_capacity == 0
    with pytest.raises(errors.NoFreeCapacity):
        partner.take_family(referral_id=uuid4(), actor="pat", at=NOW)
    partner.release_family(referral_id=first, actor="pat", at=NOW)
    assert partner.free_capacity == 1


def test_a_deactivated_volunteer_takes_no_family_and_no_certification() -> None:
    partner = enrol()
    partner.deactivate(reason="Moved away", actor="pat", at=NOW)
    assert not partner.active
    assert partner.services == ()
    with pytest.raises(errors.ParentPartnerInactive):
        partner.take_family(referral_id=uuid4(), actor="pat", at=NOW)
    with pytest.raises(errors.ParentPartnerStateConflict):
        partner.certify(tier=5, certified_on=dt.date(2026, 3, 10), actor="pat", at=NOW)
    with pytest.raises(errors.ParentPartnerStateConflict):
        partner.deactivate(reason="again", actor="pat", at=NOW)


def test_every_volunteer_event_names_its_actor_and_is_stamped_with_the_recording_time() -> None:
    partner = enrol()
    partner.take_family(referral_id=uuid4(), actor="pat", at=NOW + dt.timedelta(hours=1))
    events = partner.collect_events()
    assert [type(e).__name__ for e in events] == ["ParentPartnerEnrolled", "FamilyAssigned"]
    assert all(e.actor == "pat" for e in events)  # type: ignore[attr-defined]
    assert events[1].timestamp == NOW + dt.timedelta(hours=1)


def test_a_certification_dated_before_enrolment_is_refused() -> None:
    with pytest.raises(InvalidValue) as refused:
        enrol().certify(tier=5, certified_on=dt.date(2026, 3, 9), actor="pat", at=NOW)
    assert refused.value.field == "certified_on"
