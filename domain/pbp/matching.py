"""Ranking volunteers for a family (PBP-REF-3: the one who best meets the family's needs).

Only active tier V volunteers may work with families (PBP-DIRECT). They are ranked by,
in order: free capacity (any at all), the family's preferred language, the family's
area, how many of the family's needs their lived experience matches, then more free
capacity; ties go by name and id so the ranking is stable. Each candidate carries the
reasons for its place, in words a coordinator can check.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence

from domain.parent_partner import ParentPartner
from domain.pbp.tiers import DIRECT_WORK_TIER


@dataclasses.dataclass(frozen=True)
class Family:
    """What the referral says the family needs (PBP-REF-2)."""

    needs: tuple[str, ...]
    preferred_language: str | None
    area: str | None


@dataclasses.dataclass(frozen=True)
class Candidate:
    """A volunteer's place in the ranking and why."""

    rank: int
    parent_partner_id: str
    name: str
    tier: int
    free_capacity: int
    capacity: int
    language_match: bool
    area_match: bool
    matched_needs: tuple[str, ...]
    reasons: tuple[str, ...]


def _fold(word: str | None) -> str:
    return (word or "").strip().casefold()


def eligible(partner: ParentPartner) -> bool:
    """Active and certified for tier V (PBP-DIRECT)."""
    return partner.active and partner.tier >= DIRECT_WORK_TIER


Key = tuple[bool, bool, bool, int, int, str, str]


def _assess(family: Family, partner: ParentPartner) -> tuple[Key, Candidate]:
    language = _fold(family.preferred_language)
    speaks = bool(language) and language in {_fold(x) for x in partner.languages}
    in_area = bool(_fold(family.area)) and _fold(family.area) == _fold(partner.area)
    lived = {_fold(x) for x in partner.lived_experience}
    matched = tuple(n for n in family.needs if _fold(n) in lived)
    free = partner.free_capacity
    reasons = [
        f"free capacity {free} of {partner.capacity}" if free else "no free capacity",
    ]
    if language:
        says = "speaks" if speaks else "does not speak"
        reasons.append(f"{says} {family.preferred_language}")
    if _fold(family.area):
        reasons.append(f"works in {partner.area}" + ("" if in_area else f", not {family.area}"))
    if family.needs:
        shared = ", ".join(matched) if matched else "none"
        reasons.append(
            f"lived experience matches {len(matched)} of {len(family.needs)} needs: {shared}"
        )
    key: Key = (
        free == 0,
        not speaks,
        not in_area,
        -len(matched),
        -free,
        partner.name,
        str(partner.id),
    )
    candidate = Candidate(
        rank=0,
        parent_partner_id=str(partner.id),
        name=partner.name,
        tier=partner.tier,
        free_capacity=free,
        capacity=partner.capacity,
        language_match=speaks,
        area_match=in_area,
        matched_needs=matched,
        reasons=tuple(reasons),
    )
    return key, candidate


def rank(family: Family, partners: Iterable[ParentPartner]) -> list[Candidate]:
    """Active tier V volunteers, best first, each with the reasons for its place."""
    assessed = sorted((_assess(family, p) for p in partners if eligible(p)), key=lambda a: a[0])
    return [dataclasses.replace(c, rank=i) for i, (_, c) in enumerate(assessed, start=1)]


def place_of(candidates: Sequence[Candidate], parent_partner_id: str) -> int | None:
    """The rank of a volunteer among the candidates, or None when not among them."""
    return next((c.rank for c in candidates if c.parent_partner_id == parent_partner_id), None)
