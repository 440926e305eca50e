"""NH-CPS: the DCYF SOP on engaging parents/guardians in an open CPS case, as data."""

from __future__ import annotations

import datetime as dt

from domain.meetings import MeetingKind, WithholdReason
from domain.policy.rules import (
    METHOD_MEETS,
    AllowanceEffect,
    AllowanceKind,
    Approval,
    Citation,
    ExemptionKind,
    ExemptionRule,
    NoticeRule,
    PolicyPack,
    Requirement,
    parameter,
)
from domain.policy.situations import IN_HOME_SITUATIONS, Situation, nh_situation
from domain.values import Program, Relationship

SOURCE = "NH DCYF SOP: Engaging Parents/Guardians in an Open Child Protective Services (CPS) Case"
# The SOP names no effective date; its values are in force before any case we hold.
IN_FORCE_FROM = dt.date(2000, 1, 1)


def cite(clause: str, section: str) -> Citation:
    """A citation of this SOP."""
    return Citation(clause, SOURCE, section)


ENG_I = cite(
    "ENG-I",
    "I. CPSWs will meet with custodial parents/guardians at least once a calendar month, or "
    "more often when indicated by the prevention/case plan or case needs as determined "
    "through the formal Standard Decision Making (SDM) tool or informal assessment.",
)
ENG_I_A_1 = cite(
    "ENG-I.A.1",
    "I.A.1. Face-to-face contact will occur in the home when there are children in the home, "
    "regardless of the Division's legal relationship with all children.",
)
ENG_I_A_2 = cite(
    "ENG-I.A.2",
    "I.A.2. Face-to-face contact will occur in the home when there are no children in the "
    "home, but reunification is expected to occur within the next 2 months.",
)
ENG_I_B = cite(
    "ENG-I.B",
    "I.B. Face-to-face contact will occur in the home at least quarterly, but can occur "
    "outside the home during the other months when there are no children in the home and "
    "reunification is not likely to occur within the next 2 months.",
)
ENG_I_B_1 = cite(
    "ENG-I.B.1",
    "I.B.1. When reunification occurs, the CPSW will visit the home prior to the child's "
    "return and will resume monthly face-to-face contact in the home.",
)
ENG_II = cite(
    "ENG-II",
    "II. CPSWs will engage non-custodial parents at least once a calendar month, or more "
    "often when indicated by the prevention/case plan or case needs.",
)
ENG_II_A = cite(
    "ENG-II.A",
    "II.A. In person face-to-face contact is preferred, but teleconferencing or meaningful "
    "telephone contact/written correspondence may be acceptable (with Supervisor approval) "
    "if the child does not frequent the other home and there is no plan to reunify to that "
    "home.",
)
ENG_II_B = cite(
    "ENG-II.B",
    "II.B. If the child frequents the home or is in placement and may be reunified to that "
    "parent, the CPSW must meet with that parent in their home monthly whenever possible.",
)
ENG_III_A = cite(
    "ENG-III.A",
    "III.A. When there is evidence to support that face-to-face contact in the home or "
    "community creates a safety risk that cannot otherwise be addressed, the CPSW, in "
    "consultation with their Supervisor, should create a plan for contact.",
)
ENG_III_B = cite(
    "ENG-III.B",
    "III.B. If a parent (custodial or non-custodial) chooses not to make themselves "
    "available to meet, the CPSW will continue to make efforts to engage them until it is "
    "determined that efforts are no longer necessary.",
)
ENG_III_B_1 = cite(
    "ENG-III.B.1",
    "III.B.1. For court-involved cases, the Court must make the determination as to when to "
    "cease efforts.",
)
ENG_IV = cite(
    "ENG-IV",
    "IV. Any decision to meet outside the home to accommodate the family or to suspend "
    "visits will be documented in the DCYF electronic information system, and should "
    "include all information supporting the decision.",
)
ENG_VII = cite(
    "ENG-VII",
    "VII. All efforts to engage with parents/guardians, including written correspondence, "
    "must be documented in the DCYF electronic information system by the end of the next "
    "business day.",
)
ENG_FAQ_Q2 = cite(
    "ENG-FAQ-Q2",
    "Q2. DCYF is obligated to continue monthly efforts to engage all parents until such "
    "time as the case closes or the Court orders otherwise (as applicable).",
)
ENG_V = cite(
    "ENG-V",
    "V. The CPSW will ensure that notification of any meetings relative to the safety, "
    "permanency, and well-being of their child are sent to the last known address of the "
    "missing/non-custodial parent (excluding putative fathers) so long as it has been "
    "determined to be safe and in the best interest of the child. This will also include "
    "notice of treatment meetings or other meetings held on behalf of the child.",
)

# ENG-V: every missing or non-custodial parent but putative fathers, for any meeting.
NOTICE = NoticeRule(
    citation=ENG_V,
    kinds=frozenset(MeetingKind),
    relationships=frozenset(Relationship) - {Relationship.PUTATIVE_FATHER},
    missing_parents=True,
    withhold={
        WithholdReason.UNSAFE: ENG_V,  # "so long as it has been determined to be safe"
        WithholdReason.NOT_IN_BEST_INTEREST: ENG_V,  # "... and in the best interest"
        # The Court's no_notification order overrides the SOP on either programme.
        WithholdReason.COURT_ORDER: ENG_V,
        WithholdReason.PUTATIVE_FATHER: ENG_V,  # "(excluding putative fathers)"
    },
)

PACK = PolicyPack(
    program=Program.NH_CPS,
    source=SOURCE,
    situation=nh_situation,
    requirements={
        Situation.CHILDREN_IN_HOME: parameter(Requirement.IN_HOME, ENG_I_A_1, IN_FORCE_FROM),
        Situation.REUNIFICATION_SOON: parameter(Requirement.IN_HOME, ENG_I_A_2, IN_FORCE_FROM),
        Situation.CUSTODIAL_AWAY: parameter(Requirement.FACE_TO_FACE, ENG_I, IN_FORCE_FROM),
        Situation.NON_CUSTODIAL_HOME: parameter(Requirement.IN_HOME, ENG_II_B, IN_FORCE_FROM),
        Situation.NON_CUSTODIAL_REMOTE: parameter(Requirement.ANY_CONTACT, ENG_II_A, IN_FORCE_FROM),
        Situation.NON_CUSTODIAL: parameter(Requirement.FACE_TO_FACE, ENG_II, IN_FORCE_FROM),
    },
    # ENG-II.A tells face-to-face from teleconferencing, telephone and written contact.
    methods=parameter(METHOD_MEETS, ENG_II_A, IN_FORCE_FROM),
    approvals={
        # ENG-II.A: remote contact only "with Supervisor approval"; until then, face to face.
        Situation.NON_CUSTODIAL_REMOTE: parameter(
            Approval(AllowanceKind.REMOTE_CONTACT, until_approved=Requirement.FACE_TO_FACE),
            ENG_II_A,
            IN_FORCE_FROM,
        ),
    },
    monthly_minimum=parameter(1, ENG_I, IN_FORCE_FROM),
    case_plan_frequency=ENG_I,
    reunification_window_months=parameter(2, ENG_I_A_2, IN_FORCE_FROM),
    quarterly_home_visit=ENG_I_B,
    pre_return_home_visit=ENG_I_B_1,
    diligent_search=None,
    documentation_business_days=parameter(1, ENG_VII, IN_FORCE_FROM),
    efforts=ENG_III_B,
    when_possible=frozenset({Situation.NON_CUSTODIAL_HOME}),
    when_possible_citation=ENG_II_B,
    allowances={
        AllowanceKind.MEET_OUTSIDE_HOME: AllowanceEffect(
            IN_HOME_SITUATIONS, Requirement.FACE_TO_FACE, ENG_IV
        ),
        AllowanceKind.ALTERNATIVE_CONTACT_PLAN: AllowanceEffect(
            frozenset(Situation), None, ENG_III_A
        ),
    },
    exemptions={
        ExemptionKind.SUSPEND_VISITS: ExemptionRule(ENG_IV, step_parent=ENG_IV),
        # ENG-FAQ-Q2: a determination never ends the monthly efforts owed to a step parent.
        ExemptionKind.EFFORTS_CEASED: ExemptionRule(ENG_III_B, step_parent=None),
        ExemptionKind.CEASE_EFFORTS: ExemptionRule(ENG_III_B_1, step_parent=ENG_FAQ_Q2),
    },
    meeting_notice=parameter(NOTICE, ENG_V, IN_FORCE_FROM),
)
