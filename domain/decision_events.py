"""The events of a case's decisions, consultations, risks, court orders and determinations.

Templates: ``Case`` attaches each in its class body, where the library re-declares it as
``Case.<Name>`` (a ``Case`` event, stored under ``domain.case:Case.<Name>`` like the rest).
Each ``apply`` only changes state, never refusing what is already stored, and replaces
the case's containers instead of changing them in place.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate

from domain.decisions import (
    ConsultantRole,
    Consultation,
    CourtOrder,
    CourtOrderKind,
    Decision,
    DecisionKind,
    EffortsCeased,
    Review,
    ReviewOutcome,
    SafetyRisk,
)
from domain.values import ContactMethod


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
