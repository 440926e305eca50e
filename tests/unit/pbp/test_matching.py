"""Ranking volunteers for a family (PBP-REF-3): who comes first, and the reasons why."""

from __future__ import annotations

import datetime as dt
from uuid import uuid4

from domain.parent_partner import ParentPartner
from domain.pbp.matching import Family, place_of, rank

NOW = dt.datetime(2026, 3, 10, 16, 0, tzinfo=dt.UTC)
FAMILY = Family(needs=("housing", "court"), preferred_language="Spanish", area="Manchester")


def volunteer(
    name: str,
    *,
    tier: int = 5,
    languages: tuple[str, ...] = ("English",),
    area: str = "Nashua",
    lived: tuple[str, ...] = (),
    capacity: int = 1,
) -> ParentPartner:
    return ParentPartner.enrol(
        name=name,
        languages=list(languages),
        area=area,
        own_case_closed_on=dt.date(2020, 1, 1),
        lived_experience=list(lived),
        capacity=capacity,
        tier=tier,
        actor="pat",
        at=NOW,
    )


def test_only_active_tier_five_volunteers_are_candidates() -> None:
    gone = volunteer("Gone")
    gone.deactivate(reason="left", actor="pat", at=NOW)
    ranked = rank(FAMILY, [volunteer("Four", tier=4), gone, volunteer("Five")])
    assert [c.name for c in ranked] == ["Five"]


def test_language_outranks_area_which_outranks_lived_experience() -> None:
    lived = volunteer("Lived", lived=("housing", "court"))
    local = volunteer("Local", area="manchester")
    speaker = volunteer("Speaker", languages=("spanish",))
    ranked = rank(FAMILY, [lived, local, speaker])
    assert [c.name for c in ranked] == ["Speaker", "Local", "Lived"]
    assert [c.rank for c in ranked] == [1, 2, 3]


def test_more_matched_needs_then_more_free_capacity_break_ties() -> None:
    one = volunteer("One", lived=("housing",))
    two = volunteer("Two", lived=("housing", "court"))
    roomy = volunteer("Roomy", lived=("housing",), capacity=3)
    assert [c.name for c in rank(FAMILY, [one, roomy, two])] == ["Two", "Roomy", "One"]


def test_a_volunteer_without_free_capacity_comes_last_whatever_else_matches() -> None:
    full = volunteer("Full", languages=("Spanish",), area="Manchester", lived=("housing",))
    full.take_family(referral_id=uuid4(), actor="pat", at=NOW)
    ranked = rank(FAMILY, [full, volunteer("Plain")])
    assert [c.name for c in ranked] == ["Plain", "Full"]
    assert "no free capacity" in ranked[1].reasons


def test_each_candidate_carries_the_reasons_for_its_place() -> None:
    best = volunteer(
        "Best", languages=("Spanish",), area="Manchester", lived=("court",), capacity=2
    )
    (candidate,) = rank(FAMILY, [best])
    assert candidate.language_match
    assert candidate.area_match
    assert candidate.matched_needs == ("court",)
    assert candidate.reasons == (
        "free capacity 2 of 2",
        "speaks Spanish",
        "works in Manchester",
        "lived experience matches 1 of 2 needs: court",
    )
    assert place_of([candidate], candidate.parent_partner_id) == 1
    assert place_of([candidate], str(uuid4())) is None
