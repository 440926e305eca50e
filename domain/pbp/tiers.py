"""Certification tiers I-V and the services each allows (PBP-TIERS, PBP-DIRECT).

Our reading of PBP-TIERS: tiers are cumulative, so a volunteer certified for tier V may
also give every service of tiers I-IV.
"""

from __future__ import annotations

import enum

from domain.errors import InvalidValue

LOWEST_TIER = 1
DIRECT_WORK_TIER = 5  # PBP-DIRECT: only tier V volunteers work directly with families


class Service(enum.Enum):
    """A service a volunteer may give, by the tier that first allows it (PBP-TIERS)."""

    UNIT_MEETINGS = "unit_meetings"
    TELLING_MY_STORY = "telling_my_story"
    PARENT_ENGAGEMENT = "parent_engagement"
    TRAINING = "training"
    PARENT_ORIENTATION = "parent_orientation"
    PLANNING_TEAM = "planning_team"
    FOCUS_GROUPS = "focus_groups"
    SYSTEM_CHANGE_WORKGROUPS = "system_change_workgroups"
    IMMERSION_CLASSES = "immersion_classes"
    PRIDE_TRAININGS = "pride_trainings"
    TEAM_DECISION_MAKING = "team_decision_making"
    PARENTING_CLASSES = "parenting_classes"
    ONE_ON_ONE_MENTORING = "one_on_one_mentoring"
    PERMANENCY_TEAMING = "permanency_teaming"
    SB163_WRAPAROUND_REVIEW = "sb163_wraparound_review"


TIER_SERVICES: dict[int, tuple[Service, ...]] = {
    1: (Service.UNIT_MEETINGS, Service.TELLING_MY_STORY, Service.PARENT_ENGAGEMENT),
    2: (Service.TRAINING, Service.PARENT_ORIENTATION, Service.PLANNING_TEAM),
    3: (Service.FOCUS_GROUPS, Service.SYSTEM_CHANGE_WORKGROUPS, Service.IMMERSION_CLASSES),
    4: (Service.PRIDE_TRAININGS,),
    5: (
        Service.TEAM_DECISION_MAKING,
        Service.PARENTING_CLASSES,
        Service.ONE_ON_ONE_MENTORING,
        Service.PERMANENCY_TEAMING,
        Service.SB163_WRAPAROUND_REVIEW,
    ),
}


def check_tier(tier: int, field: str = "tier") -> int:
    """A tier is I-V, stored as 1-5."""
    if isinstance(tier, bool) or not isinstance(tier, int) or tier not in TIER_SERVICES:
        raise InvalidValue(field, "A tier is 1 to 5 (I-V).")
    return tier


def services_for(tier: int | None) -> tuple[Service, ...]:
    """Every service a volunteer certified for ``tier`` may give (cumulative, PBP-TIERS)."""
    if tier is None:
        return ()
    return tuple(s for level in range(LOWEST_TIER, tier + 1) for s in TIER_SERVICES[level])


def allows(tier: int | None, service: Service) -> bool:
    """Whether ``tier`` covers ``service`` (PBP-TIERS)."""
    return service in services_for(tier)
