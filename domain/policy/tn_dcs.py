"""TN-DCS: Administrative Policy 31.8, Parent/Caregiver Engagement and Support, as data."""

from __future__ import annotations

import datetime as dt

from domain.policy.rules import (
    METHOD_MEETS,
    Citation,
    ExemptionKind,
    ExemptionRule,
    PolicyPack,
    Requirement,
    parameter,
)
from domain.policy.situations import Situation, tn_situation
from domain.values import Program

SOURCE = (
    "TN DCS Administrative Policies and Procedures 31.8: Parent/Caregiver Engagement and Support"
)
# The policy text names no effective date; its values are in force before any case we hold.
IN_FORCE_FROM = dt.date(2000, 1, 1)


def cite(clause: str, section: str) -> Citation:
    """A citation of Policy 31.8."""
    return Citation(clause, SOURCE, section)


TN_A_1 = cite(
    "TN-A.1",
    "A.1. The assigned worker will make initial and ongoing face to face contact with the "
    "parent(s)/caregiver(s) within the timeframes outlined in each program area policy, or at "
    "a minimum once monthly.",
)
TN_A_2 = cite(
    "TN-A.2",
    "A.2. For parents that reside out of state, the assigned worker will make initial and "
    "ongoing contact via phone and at a minimum once monthly.",
)
TN_A_NOTE_1 = cite(
    "TN-A-NOTE-1",
    "A, NOTE: The assigned worker will make contact with the parent(s)/caregiver(s) as "
    "prescribed by policy and/or protocol unless there is a court order releasing the "
    "Department of reasonable efforts to make such contact or if the child is in full "
    "guardianship.",
)
TN_A_NOTE_2 = cite(
    "TN-A-NOTE-2",
    "A, NOTE: Parents who are incarcerated should be contacted as well. Diligent searches "
    "should continue monthly if parents are missing.",
)

PACK = PolicyPack(
    program=Program.TN_DCS,
    source=SOURCE,
    situation=tn_situation,
    requirements={
        Situation.ANY_PARENT: parameter(Requirement.FACE_TO_FACE, TN_A_1, IN_FORCE_FROM),
        Situation.OUT_OF_STATE: parameter(Requirement.PHONE, TN_A_2, IN_FORCE_FROM),
        # TN-A-NOTE-2: incarceration never exempts; a visit at the facility is face to face.
        Situation.INCARCERATED: parameter(Requirement.FACE_TO_FACE, TN_A_NOTE_2, IN_FORCE_FROM),
        Situation.MISSING: parameter(Requirement.FACE_TO_FACE, TN_A_NOTE_2, IN_FORCE_FROM),
    },
    # TN-A.1 asks for face to face, TN-A.2 for a phone call: the reading rules tell them apart.
    methods=parameter(METHOD_MEETS, TN_A_2, IN_FORCE_FROM),
    approvals={},
    monthly_minimum=parameter(1, TN_A_1, IN_FORCE_FROM),
    case_plan_frequency=TN_A_1,
    reunification_window_months=None,
    quarterly_home_visit=None,
    pre_return_home_visit=None,
    diligent_search=TN_A_NOTE_2,
    # TN 31.8 sets no documentation deadline, so the pack raises no documentation duty.
    documentation_business_days=None,
    efforts=TN_A_1,
    when_possible=frozenset(),
    when_possible_citation=None,
    allowances={},
    exemptions={
        ExemptionKind.RELEASE_REASONABLE_EFFORTS: ExemptionRule(
            TN_A_NOTE_1, step_parent=TN_A_NOTE_1
        ),
        ExemptionKind.FULL_GUARDIANSHIP: ExemptionRule(TN_A_NOTE_1, step_parent=TN_A_NOTE_1),
        # Our reading of TN-A-NOTE-1: an order to cease efforts releases the Department too.
        ExemptionKind.CEASE_EFFORTS: ExemptionRule(TN_A_NOTE_1, step_parent=TN_A_NOTE_1),
    },
    decision_review_days=None,  # 31.8 sets no re-evaluation of decisions
    decisions_without_approval={},
    # TN-A-NOTE-1: contact continues unless a court order releases the Department.
    efforts_ceased_refused=TN_A_NOTE_1,
    efforts_ceased_refused_in_court=TN_A_NOTE_1,
)
