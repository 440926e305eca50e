"""The rules a decision, its review and a determination must meet before they are recorded.

ENG-IV (documented), ENG-III.A (contact plans), ENG-IV.A (who reviews, and what state a
review needs), ENG-III.B / ENG-III.B.1 (who ends efforts). Each raises a named domain
error; the web maps them to 403, 409 or 422 naming the clause.
"""

from __future__ import annotations

from collections.abc import Sequence

from domain import errors
from domain.decisions import (
    ConsultantRole,
    Consultation,
    Decision,
    DecisionKind,
    DecisionStatus,
    ReviewOutcome,
)
from domain.policy.rules import PolicyPack
from domain.values import ContactMethod


def check_documented(rationale: str | None, supporting_information: str | None) -> None:
    """ENG-IV: a decision carries its rationale and all the information supporting it."""
    for field, text in (
        ("rationale", rationale),
        ("supporting_information", supporting_information),
    ):
        if not (text or "").strip():
            raise errors.DecisionUndocumented(
                "A decision is documented with its rationale and all supporting information.",
                field=field,
                clause="ENG-IV",
            )


def check_contact_plan(
    kind: DecisionKind, methods: Sequence[ContactMethod], consultation: Consultation | None
) -> None:
    """ENG-III.A: a plan names its methods and follows a consultation with the supervisor."""
    if kind is not DecisionKind.ALTERNATIVE_CONTACT_PLAN:
        return
    if not methods:
        raise errors.ContactPlanIncomplete(
            "An alternative contact plan names the methods it allows.",
            field="methods",
            clause="ENG-III.A",
        )
    if consultation is None or consultation.with_role is not ConsultantRole.SUPERVISOR:
        raise errors.ContactPlanIncomplete(
            "An alternative contact plan is made in consultation with the supervisor:"
            " name a recorded consultation with the supervisor.",
            field="consultation_id",
            clause="ENG-III.A",
        )


def check_reviewer(supervisor: str, decision: Decision, actor: str) -> None:
    """Only the case's supervisor reviews, and never a decision they recorded (403)."""
    if actor != supervisor:
        raise errors.NotPermitted("Only the case's supervisor reviews its decisions.")
    if actor == decision.recorded_by:
        raise errors.NotPermitted("Nobody reviews a decision they recorded themselves.")


def check_reviewable(decision: Decision, outcome: ReviewOutcome, seen: str | None) -> None:
    """Approve or decline a pending decision, continue or end an approved one (409), and
    only the version the reviewer saw (409 when it changed since)."""
    status = decision.status
    if outcome in (ReviewOutcome.APPROVED, ReviewOutcome.DECLINED):
        if status is not DecisionStatus.PENDING_REVIEW:
            raise errors.DecisionNotPending(
                f"The decision is {status.value}; only a pending one is approved or declined."
            )
    elif status is not DecisionStatus.APPROVED:
        raise errors.DecisionNotApproved(
            f"The decision is {status.value}; only an approved one is continued or ended."
        )
    if seen is not None and seen != decision.version_hash:
        raise errors.DecisionChanged(
            "The decision changed since the version reviewed; read it again."
        )


def check_efforts_may_cease(pack: PolicyPack, court_involved: bool) -> None:
    """ENG-III.B.1 (CPS, court-involved), ENG-III.B (JJS), TN-A-NOTE-1: only the Court."""
    refused = pack.efforts_ceased_refused_in_court if court_involved else None
    refused = pack.efforts_ceased_refused or refused
    if refused is not None:
        raise errors.EffortsCeaseByCourtOnly(
            "Efforts to engage this parent end only by court order here.",
            clause=refused.clause,
        )
