"""The rule vocabulary every policy pack is written in.

A pack is data: each value carries the clause it comes from and the day it took
effect, so a later value never changes what was owed before it (policy-clauses.md).
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import enum
import functools
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Generic, TypeVar

from domain.decisions import DecisionKind
from domain.meetings import MeetingKind, WithholdReason
from domain.policy.situations import Situation, SituationFacts
from domain.values import ContactMethod, ContactOutcome, Program, Relationship

if TYPE_CHECKING:
    from domain.policy.ppt_rules import PptRules

T = TypeVar("T")


@dataclasses.dataclass(frozen=True)
class Citation:
    """The sentence of policy a value or finding comes from."""

    clause: str
    source: str
    section: str

    def to_contract(self) -> dict[str, str]:
        """The contract's ``citation`` object."""
        return {"clause": self.clause, "source": self.source, "section": self.section}


@dataclasses.dataclass(frozen=True)
class Cited(Generic[T]):
    """One value of a parameter, in force from ``effective_on`` until the next one."""

    value: T
    citation: Citation
    effective_on: dt.date


class NotInForce(LookupError):
    """A parameter was asked for a day before its first value took effect."""


class Parameter(Generic[T]):
    """An effective-dated, cited policy value: ``on(day)`` is the value in force that day."""

    def __init__(self, *values: Cited[T]) -> None:
        if not values:
            raise ValueError("A parameter needs at least one value.")
        self.values = tuple(sorted(values, key=lambda v: v.effective_on))
        self._days = [v.effective_on for v in self.values]

    def on(self, day: dt.date) -> Cited[T]:
        """The value whose effective date is the latest on or before ``day``."""
        index = bisect.bisect_right(self._days, day) - 1
        if index < 0:
            raise NotInForce(f"No value in force on {day.isoformat()}.")
        return self.values[index]

    @property
    def changes(self) -> tuple[dt.date, ...]:
        """Every day on which this parameter takes a new value."""
        return tuple(self._days)

    def __repr__(self) -> str:
        return f"Parameter{self.values!r}"


class Requirement(enum.Enum):
    """What a period's contact must be, from the most demanding to the least."""

    IN_HOME = "in_home"
    FACE_TO_FACE = "face_to_face"
    PHONE = "phone"
    ANY_CONTACT = "any_contact"


MethodTable = Mapping[ContactMethod, frozenset[Requirement]]

# Reading rules, "Which contacts count": in_home meets every requirement;
# face_to_face_other meets face_to_face, phone, any_contact; video (never face-to-face)
# and phone meet phone and any_contact; written meets any_contact only.
METHOD_MEETS: MethodTable = {
    ContactMethod.IN_HOME: frozenset(Requirement),
    ContactMethod.FACE_TO_FACE_OTHER: frozenset(
        {Requirement.FACE_TO_FACE, Requirement.PHONE, Requirement.ANY_CONTACT}
    ),
    ContactMethod.VIDEO: frozenset({Requirement.PHONE, Requirement.ANY_CONTACT}),
    ContactMethod.PHONE: frozenset({Requirement.PHONE, Requirement.ANY_CONTACT}),
    ContactMethod.WRITTEN: frozenset({Requirement.ANY_CONTACT}),
}


def meets(
    method: ContactMethod,
    outcome: ContactOutcome,
    requirement: Requirement,
    table: MethodTable = METHOD_MEETS,
) -> bool:
    """Whether a contact meets a requirement: only completed contacts ever do."""
    return outcome is ContactOutcome.COMPLETED and requirement in table[method]


def strictest_met_by(
    methods: frozenset[ContactMethod], table: MethodTable = METHOD_MEETS
) -> Requirement:
    """The most demanding requirement that every one of ``methods`` meets."""
    for requirement in Requirement:
        if all(requirement in table[m] for m in methods):
            return requirement
    return Requirement.ANY_CONTACT


class AllowanceKind(enum.Enum):
    """An approved decision that lets other methods meet a parent's months."""

    REMOTE_CONTACT = "remote_contact"  # ENG-II.A
    MEET_OUTSIDE_HOME = "meet_outside_home"  # ENG-IV
    ALTERNATIVE_CONTACT_PLAN = "alternative_contact_plan"  # ENG-III.A


class ExemptionKind(enum.Enum):
    """A fact that removes a parent's (or the case's) obligations from its effective date."""

    SUSPEND_VISITS = "suspend_visits"  # ENG-IV, an approved decision
    EFFORTS_CEASED = "efforts_ceased"  # ENG-III.B, a CPS determination
    CEASE_EFFORTS = "cease_efforts"  # a court order (ENG-III.B.1, ENG-FAQ-Q2)
    RELEASE_REASONABLE_EFFORTS = "release_reasonable_efforts"  # TN-A-NOTE-1
    FULL_GUARDIANSHIP = "full_guardianship"  # TN-A-NOTE-1
    NO_NOTIFICATION = "no_notification"  # a court order: no meeting notices (ENG-V)


@dataclasses.dataclass(frozen=True)
class AllowanceEffect:
    """What an approved allowance does: in ``situations``, ``requires`` becomes this."""

    situations: frozenset[Situation]
    requires: Requirement | None  # None: the plan's own methods decide (ENG-III.A)
    citation: Citation


@dataclasses.dataclass(frozen=True)
class Approval:
    """A requirement that holds only under an approved decision of ``kind`` (ENG-II.A, CPS).

    Until such a decision is in force, ``until_approved`` is required instead.
    """

    kind: AllowanceKind
    until_approved: Requirement


@dataclasses.dataclass(frozen=True)
class ExemptionRule:
    """A pack's reading of an exemption; ``step_parent`` None means step parents keep owing."""

    citation: Citation
    step_parent: Citation | None


@dataclasses.dataclass(frozen=True)
class NoticeRule:
    """Who is owed notice of a meeting about the child, and why it may be withheld (ENG-V).

    A parent is owed notice while non-custodial (or, where ``missing_parents``, missing)
    on the meeting day and recorded under one of ``relationships``; a notice withheld for
    one of ``withhold`` makes the obligation ``exempt``, citing that reason's clause.
    """

    citation: Citation
    kinds: frozenset[MeetingKind]
    relationships: frozenset[Relationship]
    missing_parents: bool
    withhold: Mapping[WithholdReason, Citation]


@dataclasses.dataclass(frozen=True)
class EscalationRule:
    """A refused contact to escalate, and by when (ENG-VI, NH-JJS).

    ``business_days`` counts from the refusal's local day; the SOP names no deadline, so
    it is the agency's setting.
    """

    citation: Citation
    business_days: int


@dataclasses.dataclass(frozen=True)
class PolicyPack:
    """One programme's rules: every parameter effective-dated and cited."""

    program: Program
    source: str
    # How the pack places a parent on a day (nh_situation, tn_situation).
    situation: Callable[[SituationFacts], Situation]
    # The requirement each situation sets (ENG-I.A.1 ... TN-A.2).
    requirements: Mapping[Situation, Parameter[Requirement]]
    # Which contact methods meet which requirement (reading rules, "Which contacts count").
    methods: Parameter[MethodTable]
    # Situations whose requirement needs a supervisor's approval first (ENG-II.A on CPS).
    approvals: Mapping[Situation, Parameter[Approval | None]]
    # Contacts owed a month at the least (ENG-I, ENG-II, TN-A.1); a case plan may raise it.
    monthly_minimum: Parameter[int]
    case_plan_frequency: Citation
    # ENG-I.A.2: the window, in calendar months, that makes reunification "expected soon".
    reunification_window_months: Parameter[int] | None
    # ENG-I.B: a home visit at least each quarter in months that may be outside the home.
    quarterly_home_visit: Citation | None
    # ENG-I.B.1: a home visit before the child returns.
    pre_return_home_visit: Citation | None
    # TN-A-NOTE-2: a monthly diligent search replaces contact while a parent is missing.
    diligent_search: Citation | None
    # ENG-VII (CPS) / ENG-VIII (JJS): business days to document a contact; TN sets none.
    documentation_business_days: Parameter[int] | None
    # ENG-III.B: attempts and refusals make an unmet month efforts_made.
    efforts: Citation
    # ENG-II.B: "whenever possible": a face-to-face contact elsewhere is an effort.
    when_possible: frozenset[Situation]
    when_possible_citation: Citation | None
    allowances: Mapping[AllowanceKind, AllowanceEffect]
    exemptions: Mapping[ExemptionKind, ExemptionRule]
    # ENG-V: notice of meetings about the child to non-custodial parents; TN sets none.
    meeting_notice: Parameter[NoticeRule] | None = None
    # ENG-VI (JJS): a refusal by a non-custodial parent of a youth in care is escalated.
    refusal_escalation: Parameter[EscalationRule] | None = None
    # ENG-IV.A: days from a decision (or its last review) to its next evaluation; None:
    # the programme owes no decision_review.
    decision_review_days: Parameter[int] | None = None
    # Decisions that stand without a supervisor's approval (NH-JJS remote contact, ENG-II.A).
    decisions_without_approval: Mapping[DecisionKind, Citation] = dataclasses.field(
        default_factory=dict
    )
    # Why an efforts-ceased determination is refused on every case of the programme
    # (JJS ENG-III.B, TN-A-NOTE-1), or only on court-involved ones (CPS ENG-III.B.1).
    efforts_ceased_refused: Citation | None = None
    efforts_ceased_refused_in_court: Citation | None = None
    # SOP 1626.4 (NH-JJS): the Permanency Planning Team deadlines; None where none apply.
    ppt: PptRules | None = None

    def requirement(self, situation: Situation, day: dt.date) -> Cited[Requirement]:
        """The requirement ``situation`` sets on ``day``, with its citation."""
        return self.requirements[situation].on(day)

    @functools.cached_property
    def changes(self) -> frozenset[dt.date]:
        """Every day on which a value deciding a day's requirement changes."""
        days: set[dt.date] = set()
        for parameter in self.requirements.values():
            days.update(parameter.changes)
        for approval in self.approvals.values():
            days.update(approval.changes)
        days.update(self.methods.changes)
        if self.reunification_window_months is not None:
            days.update(self.reunification_window_months.changes)
        return frozenset(days)


def parameter(value: T, citation: Citation, effective_on: dt.date) -> Parameter[T]:
    """A parameter with a single value, in force from ``effective_on``."""
    return Parameter(Cited(value, citation, effective_on))
