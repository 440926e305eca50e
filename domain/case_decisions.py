"""The case's decisions, consultations, safety risks, court orders and determinations.

A mixin of the ``Case`` aggregate: the event classes below are attached to ``Case`` in
its class body, where the library re-declares them as ``Case.<Name>`` (so they are
``Case`` events, stored under ``domain.case:Case.<Name>`` like the rest). Commands check
the invariants and raise named domain errors; each event's ``apply`` only changes state,
never refusing what is already stored. State is replaced, never changed in place, and
starts from the immutable class defaults (so older snapshots read back too).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import Any, Protocol
from uuid import UUID

from eventsourcing.domain import Aggregate

from domain import errors
from domain.decisions import (
    ConsultantRole,
    Consultation,
    CourtOrder,
    CourtOrderKind,
    Decision,
    DecisionKind,
    DecisionStatus,
    EffortsCeased,
    Review,
    ReviewOutcome,
    SafetyRisk,
)
from domain.policy.calendar import local_date
from domain.policy.packs import pack_for
from domain.values import ContactMethod, Parent, Program


class ConsultationRecorded(Aggregate.Event):
    consultation_id: UUID
    with_role: ConsultantRole
    consultant: str
    occurred_at: dt.datetime
    topic: str
    outcome: str
    actor: str

    def apply(self, aggregate: Any) -> None:
        consultation = Consultation(
            consultation_id=self.consultation_id,
            with_role=self.with_role,
            consultant=self.consultant,
            occurred_at=self.occurred_at,
            topic=self.topic,
            outcome=self.outcome,
            recorded_by=self.actor,
            recorded_at=self.timestamp,
        )
        key = self.consultation_id.hex
        aggregate.consultations = {**aggregate.consultations, key: consultation}


class SafetyRiskIdentified(Aggregate.Event):
    risk_id: UUID
    parent_id: UUID | None
    identified_on: dt.date
    description: str
    actor: str

    def apply(self, aggregate: Any) -> None:
        risk = SafetyRisk(self.risk_id, self.parent_id, self.identified_on, self.description)
        aggregate.safety_risks = [*aggregate.safety_risks, risk]


class DecisionRecorded(Aggregate.Event):
    decision_id: UUID
    kind: DecisionKind
    parent_id: UUID
    effective_on: dt.date
    rationale: str
    supporting_information: str
    methods: list[ContactMethod]
    consultation_id: UUID | None
    needs_approval: bool
    actor: str

    def apply(self, aggregate: Any) -> None:
        decision = Decision(
            decision_id=self.decision_id,
            kind=self.kind,
            parent_id=self.parent_id,
            effective_on=self.effective_on,
            rationale=self.rationale,
            supporting_information=self.supporting_information,
            methods=tuple(self.methods),
            consultation_id=self.consultation_id,
            recorded_by=self.actor,
            recorded_at=self.timestamp,
            needs_approval=self.needs_approval,
        )
        aggregate.decisions = {**aggregate.decisions, self.decision_id.hex: decision}


class DecisionReviewed(Aggregate.Event):
    decision_id: UUID
    review_id: UUID
    outcome: ReviewOutcome
    notes: str
    decision_hash: str
    effective_on: dt.date
    actor: str

    def apply(self, aggregate: Any) -> None:
        decision: Decision = aggregate.decisions[self.decision_id.hex]
        review = Review(
            review_id=self.review_id,
            outcome=self.outcome,
            notes=self.notes,
            reviewer=self.actor,
            reviewed_at=self.timestamp,
            effective_on=self.effective_on,
            decision_hash=self.decision_hash,
        )
        reviewed = dataclasses.replace(decision, reviews=(*decision.reviews, review))
        aggregate.decisions = {**aggregate.decisions, self.decision_id.hex: reviewed}


class CourtOrderRecorded(Aggregate.Event):
    order_id: UUID
    kind: CourtOrderKind
    parent_id: UUID | None
    effective_on: dt.date
    actor: str

    def apply(self, aggregate: Any) -> None:
        order = CourtOrder(self.order_id, self.kind, self.parent_id, self.effective_on)
        aggregate.court_orders = [*aggregate.court_orders, order]


class EffortsCeasedDetermined(Aggregate.Event):
    determination_id: UUID
    parent_id: UUID
    effective_on: dt.date
    reason: str
    actor: str

    def apply(self, aggregate: Any) -> None:
        determination = EffortsCeased(
            self.determination_id, self.parent_id, self.effective_on, self.reason
        )
        aggregate.determinations = [*aggregate.determinations, determination]


EVENTS = (
    ConsultationRecorded,
    SafetyRiskIdentified,
    DecisionRecorded,
    DecisionReviewed,
    CourtOrderRecorded,
    EffortsCeasedDetermined,
)


class _Case(Protocol):
    """What the mixin needs of the aggregate it is mixed into."""

    program: Program
    opened_on: dt.date
    supervisor: str
    court_involved: bool
    consultations: Mapping[str, Consultation]
    decisions: Mapping[str, Decision]

    def trigger_event(self, event_class: type[Any], **kwargs: Any) -> None: ...

    def parent(self, parent_id: UUID, field: str = "parent_id") -> Parent: ...

    def _require_open(self) -> None: ...

    def _require_not_before_opening(self, day: dt.date, field: str) -> None: ...

    def _check_occurred_at(self, occurred_at: dt.datetime, now: dt.datetime) -> None: ...


def _blank(text: str | None) -> bool:
    return not (text or "").strip()


def _trigger(case: _Case, template: type[Aggregate.Event], **kwargs: Any) -> None:
    """Trigger the aggregate's own re-declared event class (``Case.<Name>``)."""
    case.trigger_event(getattr(type(case), template.__name__), **kwargs)


class CaseDecisions:
    """Decisions and what bears on them: consultations, risks, orders, determinations."""

    consultations: Mapping[str, Consultation] = MappingProxyType({})
    decisions: Mapping[str, Decision] = MappingProxyType({})
    safety_risks: Sequence[SafetyRisk] = ()
    court_orders: Sequence[CourtOrder] = ()
    determinations: Sequence[EffortsCeased] = ()

    def decision(self: _Case, decision_id: UUID) -> Decision:
        """The decision named in a path, or a 404-class error."""
        try:
            return self.decisions[decision_id.hex]
        except KeyError:
            raise errors.DecisionNotFound("No such decision on this case.") from None

    def record_consultation(
        self: _Case,
        *,
        consultation_id: UUID,
        with_role: ConsultantRole,
        consultant: str,
        occurred_at: dt.datetime,
        topic: str,
        outcome: str,
        actor: str,
        at: dt.datetime,
    ) -> None:
        """Record a consultation held (ENG-III.A, ENG-FAQ-Q3/Q4, ENG-VI on NH-JJS)."""
        self._require_open()
        self._check_occurred_at(occurred_at, at)
        _trigger(
            self,
            ConsultationRecorded,
            consultation_id=consultation_id,
            with_role=with_role,
            consultant=consultant,
            occurred_at=occurred_at,
            topic=topic,
            outcome=outcome,
            actor=actor,
            timestamp=at,
        )

    def identify_safety_risk(
        self: _Case,
        *,
        risk_id: UUID,
        parent_id: UUID | None,
        identified_on: dt.date,
        description: str,
        actor: str,
        at: dt.datetime,
    ) -> None:
        """Record a safety risk identified on the case (ENG-III.A)."""
        self._require_open()
        if parent_id is not None:
            self.parent(parent_id)
        self._require_not_before_opening(identified_on, "identified_on")
        _trigger(
            self,
            SafetyRiskIdentified,
            risk_id=risk_id,
            parent_id=parent_id,
            identified_on=identified_on,
            description=description,
            actor=actor,
            timestamp=at,
        )

    def record_decision(
        self: _Case,
        *,
        decision_id: UUID,
        kind: DecisionKind,
        parent_id: UUID,
        effective_on: dt.date,
        rationale: str | None,
        supporting_information: str | None,
        methods: Sequence[ContactMethod],
        consultation_id: UUID | None,
        actor: str,
        at: dt.datetime,
    ) -> Decision:
        """Record a decision; it stands once approved, unless policy needs no approval."""
        self._require_open()
        self.parent(parent_id)
        self._require_not_before_opening(effective_on, "effective_on")
        consultation = None
        if consultation_id is not None:
            consultation = self.consultations.get(consultation_id.hex)
            if consultation is None:
                raise errors.UnknownConsultation()
        for field, text in (
            ("rationale", rationale),
            ("supporting_information", supporting_information),
        ):
            if _blank(text):
                raise errors.DecisionUndocumented(
                    "A decision is documented with its rationale and all supporting information.",
                    field=field,
                    clause="ENG-IV",
                )
        if kind is DecisionKind.ALTERNATIVE_CONTACT_PLAN:
            _check_contact_plan(methods, consultation)
        pack = pack_for(self.program)
        _trigger(
            self,
            DecisionRecorded,
            decision_id=decision_id,
            kind=kind,
            parent_id=parent_id,
            effective_on=effective_on,
            rationale=rationale,
            supporting_information=supporting_information,
            methods=list(dict.fromkeys(methods)),
            consultation_id=consultation_id,
            needs_approval=kind not in pack.decisions_without_approval,
            actor=actor,
            timestamp=at,
        )
        return self.decisions[decision_id.hex]

    def review_decision(
        self: _Case,
        *,
        decision_id: UUID,
        review_id: UUID,
        outcome: ReviewOutcome,
        notes: str,
        decision_hash: str | None,
        effective_on: dt.date | None,
        actor: str,
        at: dt.datetime,
    ) -> Decision:
        """Review a decision as the case's supervisor, bound to the version they saw."""
        self._require_open()
        try:
            decision = self.decisions[decision_id.hex]
        except KeyError:
            raise errors.DecisionNotFound("No such decision on this case.") from None
        check_reviewer(self.supervisor, decision, actor)
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
        current = decision.version_hash
        if decision_hash is not None and decision_hash != current:
            raise errors.DecisionChanged(
                "The decision changed since the version reviewed; read it again."
            )
        day = effective_on or local_date(self.program, at)
        self._require_not_before_opening(day, "effective_on")
        _trigger(
            self,
            DecisionReviewed,
            decision_id=decision_id,
            review_id=review_id,
            outcome=outcome,
            notes=notes,
            decision_hash=current,
            effective_on=day,
            actor=actor,
            timestamp=at,
        )
        return self.decisions[decision_id.hex]

    def record_court_order(
        self: _Case,
        *,
        order_id: UUID,
        kind: CourtOrderKind,
        parent_id: UUID | None,
        effective_on: dt.date,
        actor: str,
        at: dt.datetime,
    ) -> None:
        """Record a court order for a parent or the whole case."""
        self._require_open()
        if parent_id is not None:
            self.parent(parent_id)
        self._require_not_before_opening(effective_on, "effective_on")
        _trigger(
            self,
            CourtOrderRecorded,
            order_id=order_id,
            kind=kind,
            parent_id=parent_id,
            effective_on=effective_on,
            actor=actor,
            timestamp=at,
        )

    def determine_efforts_ceased(
        self: _Case,
        *,
        determination_id: UUID,
        parent_id: UUID,
        effective_on: dt.date,
        reason: str,
        actor: str,
        at: dt.datetime,
    ) -> None:
        """Determine that efforts to engage a parent are no longer necessary (ENG-III.B)."""
        self._require_open()
        self.parent(parent_id)
        self._require_not_before_opening(effective_on, "effective_on")
        pack = pack_for(self.program)
        refused = pack.efforts_ceased_refused_in_court if self.court_involved else None
        refused = pack.efforts_ceased_refused or refused
        if refused is not None:
            raise errors.EffortsCeaseByCourtOnly(
                "Efforts to engage this parent end only by court order here.",
                clause=refused.clause,
            )
        _trigger(
            self,
            EffortsCeasedDetermined,
            determination_id=determination_id,
            parent_id=parent_id,
            effective_on=effective_on,
            reason=reason,
            actor=actor,
            timestamp=at,
        )


def check_reviewer(supervisor: str, decision: Decision, actor: str) -> None:
    """Only the case's supervisor reviews, and never a decision they recorded (403)."""
    if actor != supervisor:
        raise errors.NotPermitted("Only the case's supervisor reviews its decisions.")
    if actor == decision.recorded_by:
        raise errors.NotPermitted("Nobody reviews a decision they recorded themselves.")


def _check_contact_plan(
    methods: Sequence[ContactMethod], consultation: Consultation | None
) -> None:
    """ENG-III.A: a plan names its methods and follows a consultation with the supervisor."""
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
