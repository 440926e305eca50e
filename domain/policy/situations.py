"""Where a parent stands on a day, in the terms each pack's clauses use."""

from __future__ import annotations

import dataclasses
import enum


class Situation(enum.Enum):
    """Where a parent stands on a day, as the packs' clauses distinguish it."""

    CHILDREN_IN_HOME = "children_in_home"  # ENG-I.A.1
    REUNIFICATION_SOON = "reunification_soon"  # ENG-I.A.2
    CUSTODIAL_AWAY = "custodial_away"  # ENG-I, ENG-I.B
    NON_CUSTODIAL_HOME = "non_custodial_home"  # ENG-II.B
    NON_CUSTODIAL_REMOTE = "non_custodial_remote"  # ENG-II.A
    NON_CUSTODIAL = "non_custodial"  # ENG-II
    ANY_PARENT = "any_parent"  # TN-A.1
    OUT_OF_STATE = "out_of_state"  # TN-A.2
    INCARCERATED = "incarcerated"  # TN-A-NOTE-2
    MISSING = "missing"  # TN-A-NOTE-2


IN_HOME_SITUATIONS = frozenset(
    {Situation.CHILDREN_IN_HOME, Situation.REUNIFICATION_SOON, Situation.NON_CUSTODIAL_HOME}
)


@dataclasses.dataclass(frozen=True)
class SituationFacts:
    """What a pack needs to know about a parent on one day to place them."""

    custodial: bool
    out_of_state: bool
    incarcerated: bool
    missing: bool
    child_frequents_home: bool
    reunification_planned: bool
    children_in_home: bool
    in_placement: bool
    reunification_soon: bool


def nh_situation(facts: SituationFacts) -> Situation:
    """ENG-I (custodial) and ENG-II (non-custodial) as the NH SOPs divide them."""
    if facts.custodial:
        if facts.children_in_home:
            return Situation.CHILDREN_IN_HOME  # ENG-I.A.1
        if facts.reunification_soon:
            return Situation.REUNIFICATION_SOON  # ENG-I.A.2
        return Situation.CUSTODIAL_AWAY  # ENG-I.B
    if facts.child_frequents_home or (facts.in_placement and facts.reunification_planned):
        return Situation.NON_CUSTODIAL_HOME  # ENG-II.B
    if not facts.reunification_planned:
        return Situation.NON_CUSTODIAL_REMOTE  # ENG-II.A
    return Situation.NON_CUSTODIAL  # ENG-II


def tn_situation(facts: SituationFacts) -> Situation:
    """TN 31.8 A: every parent alike, custodial or not, save the named exceptions."""
    if facts.missing:
        return Situation.MISSING  # TN-A-NOTE-2
    if facts.out_of_state:
        return Situation.OUT_OF_STATE  # TN-A.2
    if facts.incarcerated:
        return Situation.INCARCERATED  # TN-A-NOTE-2
    return Situation.ANY_PARENT  # TN-A.1
