"""The case's decisions, consultations, safety risks, court orders and determinations.

A mixin of the ``Case`` aggregate: its commands check the invariants (ENG-III, ENG-IV)
and raise named domain errors, then trigger the events of domain/decision_events.py,
which ``Case`` re-declares as its own. State starts from the immutable class defaults
(so older snapshots read back too) and events replace it, never change it in place.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import Any, Protocol
from uuid import UUID

from eventsourcing.domain import Aggregate

from domain import decision_rules as rules
from domain import errors
from domain.decision_events import (
    ConsultationRecorded,
    CourtOrderRecorded,
    DecisionRecorded,
    DecisionReviewed,
    EffortsCeasedDetermined,
    SafetyRiskIdentified,
)
from domain.decisions import (
    ConsultantRole,
    Consultation,
    CourtOrder,
    CourtOrderKind,
    Decision,
    DecisionKind,
    EffortsCeased,
    ReviewOutcome,
    SafetyRisk,
)
from domain.policy.calendar import local_date
from domain.policy.packs import pack_for
from domain.values import ContactMethod, Parent, Program


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
        rules.check_documented(rationale, supporting_information)
        rules.check_contact_plan(kind, methods, consultation)
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
        rules.check_reviewer(self.supervisor, decision, actor)
        rules.check_reviewable(decision, outcome, decision_hash)
        day = effective_on or local_date(self.program, at)
        self._require_not_before_opening(day, "effective_on")
        _trigger(
            self,
            DecisionReviewed,
            decision_id=decision_id,
            review_id=review_id,
            outcome=outcome,
            notes=notes,
            decision_hash=decision.version_hash,
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
        rules.check_efforts_may_cease(pack_for(self.program), self.court_involved)
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
