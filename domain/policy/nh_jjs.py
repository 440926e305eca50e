"""NH-JJS: DCYF SOP 1501.4 on engaging parents/guardians in a JJS case, as data."""

from __future__ import annotations

import datetime as dt

from domain.decisions import DecisionKind
from domain.meetings import MeetingKind, WithholdReason
from domain.policy import nh_jjs_ppt
from domain.policy.rules import (
    METHOD_MEETS,
    AllowanceEffect,
    AllowanceKind,
    Citation,
    EscalationRule,
    ExemptionKind,
    ExemptionRule,
    NoticeRule,
    PolicyPack,
    Requirement,
    parameter,
)
from domain.policy.situations import IN_HOME_SITUATIONS, Situation, nh_situation
from domain.values import Program, Relationship

SOURCE = "NH DCYF SOP 1501.4: Engaging Parents/Guardians in a Juvenile Justice Services (JJS) Case"
# The SOP names no effective date; its values are in force before any case we hold.
IN_FORCE_FROM = dt.date(2000, 1, 1)


def cite(clause: str, section: str) -> Citation:
    """A citation of SOP 1501.4."""
    return Citation(clause, SOURCE, section)


ENG_I = cite(
    "ENG-I",
    "I. JPPOs will meet with custodial parents/guardians at least once a calendar month, or "
    "more often when indicated by the prevention/case plan or case needs as determined "
    "through formal or informal assessment.",
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
    "I.B.1. When reunification occurs, the JPPO will visit the home prior to the youth's "
    "return and will resume monthly face-to-face contact in the home.",
)
ENG_II = cite(
    "ENG-II",
    "II. JPPOs will engage non-custodial parents at least once a calendar month, or more "
    "often when indicated by the prevention/case plan or case needs.",
)
ENG_II_A = cite(
    "ENG-II.A",
    "II.A. In person face-to-face contact is preferred, but teleconferencing or meaningful "
    "telephone contact/written correspondence may be acceptable if the youth does not "
    "frequent the other home and there is no plan to reunify to that home.",
)
ENG_II_B = cite(
    "ENG-II.B",
    "II.B. If the youth frequents the home or is in placement and may be reunified to that "
    "parent, the JPPO must meet with that parent in their home monthly when possible.",
)
ENG_III_A = cite(
    "ENG-III.A",
    "III.A. When there is evidence to support that face-to-face contact in the home or "
    "community creates a safety risk that cannot otherwise be addressed, the JPPO, in "
    "consultation with their Supervisor, should create a plan for contact.",
)
ENG_III_B = cite(
    "ENG-III.B",
    "III.B. If a parent (custodial or non-custodial)/guardian chooses not to make themselves "
    "available to meet, the JPPO will continue to make efforts to engage throughout the case.",
)
ENG_IV = cite(
    "ENG-IV",
    "IV. Any decision to meet outside the home to accommodate the family or to suspend "
    "visits will be documented in the DCYF electronic information system, and should "
    "include all information supporting the decision.",
)
ENG_IV_A = cite(
    "ENG-IV.A",
    "IV.A. The JPPO and their Supervisor will conduct ongoing evaluation of the "
    "appropriateness of face-to-face contact as appropriate and document these discussions "
    "and the reason for the action taken/not taken in the DCYF electronic information system.",
)
ENG_VIII = cite(
    "ENG-VIII",
    "VIII. All efforts to engage with parents/guardians, including written correspondence, "
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
    "V. Unless otherwise ordered specified by the Court, the JPPO will ensure that "
    "notification of any meetings (including treatment meetings) relative to the youth are "
    "sent to the last known address of the non-custodial parent when it has been determined "
    "that the parent is a legal parent and it is not unsafe or otherwise against the youth's "
    "best interest.",
)
ENG_VI = cite(
    "ENG-VI",
    "VI. If a youth is in care and their non-custodial parent refuses to engage in meeting "
    "the needs of their youth, the JPPO will consult with their Supervisor, who will consult "
    "with a CPS Supervisor to discuss how to proceed if the parent's lack of engagement "
    "could affect the youth's permanency.",
)

# ENG-V: non-custodial legal parents; our reading of "legal parent" is biological or
# adoptive (policy-clauses.md). Putative fathers are not legal parents, so the CPS
# reason does not apply here.
NOTICE = NoticeRule(
    citation=ENG_V,
    kinds=frozenset(MeetingKind),
    relationships=frozenset({Relationship.BIOLOGICAL, Relationship.ADOPTIVE}),
    missing_parents=False,
    withhold={
        WithholdReason.UNSAFE: ENG_V,  # "it is not unsafe"
        WithholdReason.NOT_IN_BEST_INTEREST: ENG_V,  # "or otherwise against ... best interest"
        WithholdReason.COURT_ORDER: ENG_V,  # "Unless otherwise ... specified by the Court"
    },
)
# ENG-VI names no deadline for the consultations: an agency setting, default 5 business
# days from the refusal.
ESCALATION = EscalationRule(citation=ENG_VI, business_days=5)

PACK = PolicyPack(
    program=Program.NH_JJS,
    source=SOURCE,
    situation=nh_situation,
    requirements={
        Situation.CHILDREN_IN_HOME: parameter(Requirement.IN_HOME, ENG_I_A_1, IN_FORCE_FROM),
        Situation.REUNIFICATION_SOON: parameter(Requirement.IN_HOME, ENG_I_A_2, IN_FORCE_FROM),
        Situation.CUSTODIAL_AWAY: parameter(Requirement.FACE_TO_FACE, ENG_I, IN_FORCE_FROM),
        Situation.NON_CUSTODIAL_HOME: parameter(Requirement.IN_HOME, ENG_II_B, IN_FORCE_FROM),
        # ENG-II.A: JJS names no approval, so remote contact is acceptable as it stands.
        Situation.NON_CUSTODIAL_REMOTE: parameter(Requirement.ANY_CONTACT, ENG_II_A, IN_FORCE_FROM),
        Situation.NON_CUSTODIAL: parameter(Requirement.FACE_TO_FACE, ENG_II, IN_FORCE_FROM),
    },
    # ENG-II.A tells face-to-face from teleconferencing, telephone and written contact.
    methods=parameter(METHOD_MEETS, ENG_II_A, IN_FORCE_FROM),
    approvals={},  # ENG-II.A (JJS) names no approval for remote contact
    monthly_minimum=parameter(1, ENG_I, IN_FORCE_FROM),
    case_plan_frequency=ENG_I,
    reunification_window_months=parameter(2, ENG_I_A_2, IN_FORCE_FROM),
    quarterly_home_visit=ENG_I_B,
    pre_return_home_visit=ENG_I_B_1,
    diligent_search=None,
    documentation_business_days=parameter(1, ENG_VIII, IN_FORCE_FROM),
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
        # ENG-III.B (JJS): efforts continue throughout the case; no determination ends them.
        ExemptionKind.CEASE_EFFORTS: ExemptionRule(ENG_FAQ_Q2, step_parent=ENG_FAQ_Q2),
    },
    meeting_notice=parameter(NOTICE, ENG_V, IN_FORCE_FROM),
    refusal_escalation=parameter(ESCALATION, ENG_VI, IN_FORCE_FROM),
    # ENG-IV.A names no interval: the agency's setting, 30 days unless it says otherwise.
    decision_review_days=parameter(30, ENG_IV_A, IN_FORCE_FROM),
    # ENG-II.A (JJS) names no approval: a remote-contact decision stands as recorded.
    decisions_without_approval={DecisionKind.REMOTE_CONTACT: ENG_II_A},
    # ENG-III.B (JJS): efforts continue throughout the case; only the Court ends them.
    efforts_ceased_refused=ENG_III_B,
    efforts_ceased_refused_in_court=ENG_III_B,
    ppt=nh_jjs_ppt.RULES,
)
