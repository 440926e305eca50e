"""How decisions, court orders and determinations reach evaluation, and the reviews owed.

``adjustments_from`` reads them into the ``Adjustments`` seam: an approved decision is
an allowance (ENG-II.A, ENG-III.A, ENG-IV) or, for suspended visits, an exemption
(ENG-IV), from its ``effective_on`` until an ``ended`` review; a declined or pending
one changes nothing. Court orders exempt (TN-A-NOTE-1, ENG-III.B.1, ENG-FAQ-Q2), as does
a CPS efforts-ceased determination (ENG-III.B); the pack decides which count for whom.
``decision_reviews`` raises ENG-IV.A's ``decision_review`` for every active decision.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from uuid import UUID

from domain.decisions import (
    CourtOrder,
    CourtOrderKind,
    Decision,
    DecisionKind,
    DecisionStatus,
    EffortsCeased,
    ReviewOutcome,
)
from domain.policy.adjustments import Adjustments, Allowance, Exemption
from domain.policy.calendar import local_date
from domain.policy.obligation import Kind, Obligation, Verdict, obligation_id
from domain.policy.rules import AllowanceKind, Citation, ExemptionKind, PolicyPack

_ALLOWANCES = {
    DecisionKind.REMOTE_CONTACT: AllowanceKind.REMOTE_CONTACT,
    DecisionKind.MEET_OUTSIDE_HOME: AllowanceKind.MEET_OUTSIDE_HOME,
    DecisionKind.ALTERNATIVE_CONTACT_PLAN: AllowanceKind.ALTERNATIVE_CONTACT_PLAN,
}
_DECISION_EXEMPTIONS = {DecisionKind.SUSPEND_VISITS: ExemptionKind.SUSPEND_VISITS}
_ORDER_EXEMPTIONS = {
    CourtOrderKind.CEASE_EFFORTS: ExemptionKind.CEASE_EFFORTS,
    CourtOrderKind.RELEASE_REASONABLE_EFFORTS: ExemptionKind.RELEASE_REASONABLE_EFFORTS,
    CourtOrderKind.FULL_GUARDIANSHIP: ExemptionKind.FULL_GUARDIANSHIP,
    # ENG-V: exempts meeting notices only; no pack has a contact rule for it, so months
    # stay owed (facts.exemption_in_force skips kinds the pack does not name).
    CourtOrderKind.NO_NOTIFICATION: ExemptionKind.NO_NOTIFICATION,
}
REVIEW_REQUIRES = "supervisor_review"


def adjustments_from(
    decisions: Iterable[Decision],
    court_orders: Iterable[CourtOrder],
    determinations: Iterable[EffortsCeased],
) -> Adjustments:
    """The allowances and exemptions the case's record puts in force."""
    allowances: list[Allowance] = []
    exemptions: list[Exemption] = []
    for d in decisions:
        if not d.approved:
            continue  # pending or declined: "declined means it never applied"
        if d.kind in _ALLOWANCES:
            allowances.append(
                Allowance(
                    kind=_ALLOWANCES[d.kind],
                    parent_id=d.parent_id,
                    effective_on=d.effective_on,
                    event_id=d.decision_id,
                    methods=frozenset(d.methods),
                    ends_on=d.ends_on,
                )
            )
        elif d.kind in _DECISION_EXEMPTIONS:
            exemptions.append(
                Exemption(
                    _DECISION_EXEMPTIONS[d.kind],
                    d.parent_id,
                    d.effective_on,
                    d.decision_id,
                    d.ends_on,
                )
            )
    for order in court_orders:
        kind = _ORDER_EXEMPTIONS.get(order.kind)
        if kind is not None:
            exemptions.append(Exemption(kind, order.parent_id, order.effective_on, order.order_id))
    for determination in determinations:
        exemptions.append(
            Exemption(
                ExemptionKind.EFFORTS_CEASED,
                determination.parent_id,
                determination.effective_on,
                determination.determination_id,
            )
        )
    return Adjustments(allowances=tuple(allowances), exemptions=tuple(exemptions))


_AFTER = {
    ReviewOutcome.APPROVED: DecisionStatus.APPROVED,
    ReviewOutcome.DECLINED: DecisionStatus.DECLINED,
    ReviewOutcome.CONTINUED: DecisionStatus.APPROVED,
    ReviewOutcome.ENDED: DecisionStatus.ENDED,
}
_ACTIVE = (DecisionStatus.PENDING_REVIEW, DecisionStatus.APPROVED)


def next_review_due(pack: PolicyPack, decision: Decision) -> dt.date | None:
    """ENG-IV.A: when an active decision is next to be evaluated; None if none is owed."""
    interval = pack.decision_review_days
    if interval is None or not decision.active:
        return None
    last = decision.reviews[-1].reviewed_at if decision.reviews else decision.recorded_at
    since = local_date(pack.program, last)
    return since + dt.timedelta(days=interval.on(since).value)


def decision_reviews(
    case_id: UUID,
    pack: PolicyPack,
    decisions: Iterable[Decision],
    as_of: dt.date,
    closed_on: dt.date | None,
) -> Iterator[Obligation]:
    """ENG-IV.A: each active decision is evaluated one interval after it was recorded or
    last reviewed; every review meets the cycle it falls in and, if the decision stays
    in force, opens the next. Reviews and decisions count from their recording day."""
    interval = pack.decision_review_days
    if interval is None:
        return
    ordered = sorted(decisions, key=lambda d: (d.recorded_at, d.decision_id.int))
    for decision in ordered:
        since = local_date(pack.program, decision.recorded_at)
        if since > as_of:
            continue
        status = _ACTIVE[0] if decision.needs_approval else DecisionStatus.APPROVED
        cycle = 0
        for review in decision.reviews:
            reviewed_on = local_date(pack.program, review.reviewed_at)
            if reviewed_on > as_of:
                break
            cited = interval.on(since)
            due = since + dt.timedelta(days=cited.value)
            yield _review(case_id, decision, cycle, due, cited.citation, (review.review_id,), as_of)
            status, since, cycle = _AFTER[review.outcome], reviewed_on, cycle + 1
            if status not in _ACTIVE:
                break
        if status in _ACTIVE and (closed_on is None or closed_on > as_of):
            cited = interval.on(since)
            due = since + dt.timedelta(days=cited.value)
            yield _review(case_id, decision, cycle, due, cited.citation, (), as_of)


def _review(
    case_id: UUID,
    decision: Decision,
    cycle: int,
    due: dt.date,
    citation: Citation,
    evidence: tuple[UUID, ...],
    as_of: dt.date,
) -> Obligation:
    met = bool(evidence)
    return Obligation(
        obligation_id=obligation_id(
            case_id,
            decision.parent_id,
            Kind.DECISION_REVIEW,
            due.isoformat(),
            f"{decision.decision_id.hex}/{cycle}",
        ),
        parent_id=decision.parent_id,
        kind=Kind.DECISION_REVIEW,
        period=due.isoformat(),
        due=due,
        requires=REVIEW_REQUIRES,
        required_count=1,
        status=Verdict(met, None, running=as_of <= due, efforts=False).status(),
        satisfied_by=evidence,
        citation=citation,
    )
