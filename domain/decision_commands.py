"""Commands about decisions and what bears on them: consultations, risks, orders.

Each applies itself to a loaded ``Case`` at the recording instant and returns the plain
answer an Idempotency-Key replays (domain/commands.py has the case's other commands).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any
from uuid import UUID, uuid4

from domain.case import Case
from domain.decisions import ConsultantRole, CourtOrderKind, Decision, DecisionKind, ReviewOutcome
from domain.values import ContactMethod

Answer = dict[str, Any]


def decision_answer(decision: Decision) -> Answer:
    """The contracted answer to a recorded or reviewed decision."""
    return {
        "decision_id": str(decision.decision_id),
        "status": decision.status.value,
        "decision_hash": decision.version_hash,
    }


@dataclasses.dataclass(frozen=True)
class RecordConsultation:
    """A consultation was held (ENG-III.A, ENG-FAQ-Q3/Q4)."""

    with_role: ConsultantRole
    consultant: str
    occurred_at: dt.datetime
    topic: str
    outcome: str

    def apply(self, case: Case, actor: str, at: dt.datetime) -> Answer:
        consultation_id = uuid4()
        case.record_consultation(
            consultation_id=consultation_id,
            with_role=self.with_role,
            consultant=self.consultant,
            occurred_at=self.occurred_at,
            topic=self.topic,
            outcome=self.outcome,
            actor=actor,
            at=at,
        )
        return {"consultation_id": str(consultation_id)}


@dataclasses.dataclass(frozen=True)
class IdentifySafetyRisk:
    """A safety risk was identified, for a parent or the case."""

    parent_id: UUID | None
    identified_on: dt.date
    description: str

    def apply(self, case: Case, actor: str, at: dt.datetime) -> Answer:
        risk_id = uuid4()
        case.identify_safety_risk(
            risk_id=risk_id,
            parent_id=self.parent_id,
            identified_on=self.identified_on,
            description=self.description,
            actor=actor,
            at=at,
        )
        return {"risk_id": str(risk_id)}


@dataclasses.dataclass(frozen=True)
class RecordDecision:
    """A decision about how a parent is met (ENG-II.A, ENG-III.A, ENG-IV)."""

    kind: DecisionKind
    parent_id: UUID
    effective_on: dt.date
    rationale: str | None
    supporting_information: str | None
    methods: tuple[ContactMethod, ...] = ()
    consultation_id: UUID | None = None

    def apply(self, case: Case, actor: str, at: dt.datetime) -> Answer:
        decision = case.record_decision(
            decision_id=uuid4(),
            kind=self.kind,
            parent_id=self.parent_id,
            effective_on=self.effective_on,
            rationale=self.rationale,
            supporting_information=self.supporting_information,
            methods=self.methods,
            consultation_id=self.consultation_id,
            actor=actor,
            at=at,
        )
        return decision_answer(decision)


@dataclasses.dataclass(frozen=True)
class ReviewDecision:
    """The case's supervisor reviews a decision (ENG-IV.A).

    ``decision_hash`` binds the review to the version the reviewer saw: when a
    conflicting write is retried, a decision that changed meanwhile is refused (409)
    instead of being reviewed again unseen.
    """

    decision_id: UUID
    outcome: ReviewOutcome
    notes: str
    decision_hash: str | None
    effective_on: dt.date | None = None

    def bound_to(self, case: Case) -> ReviewDecision:
        """This review, bound to the decision's version in ``case`` unless already bound."""
        decision = case.decisions.get(self.decision_id.hex)
        if self.decision_hash is not None or decision is None:
            return self
        return dataclasses.replace(self, decision_hash=decision.version_hash)

    def apply(self, case: Case, actor: str, at: dt.datetime) -> Answer:
        decision = case.review_decision(
            decision_id=self.decision_id,
            review_id=uuid4(),
            outcome=self.outcome,
            notes=self.notes,
            decision_hash=self.decision_hash,
            effective_on=self.effective_on,
            actor=actor,
            at=at,
        )
        return decision_answer(decision) | {"outcome": self.outcome.value}


@dataclasses.dataclass(frozen=True)
class RecordCourtOrder:
    """A court order for a parent or, without one, the whole case."""

    kind: CourtOrderKind
    parent_id: UUID | None
    effective_on: dt.date

    def apply(self, case: Case, actor: str, at: dt.datetime) -> Answer:
        order_id = uuid4()
        case.record_court_order(
            order_id=order_id,
            kind=self.kind,
            parent_id=self.parent_id,
            effective_on=self.effective_on,
            actor=actor,
            at=at,
        )
        return {"order_id": str(order_id)}


@dataclasses.dataclass(frozen=True)
class DetermineEffortsCeased:
    """Efforts to engage a parent are determined no longer necessary (ENG-III.B)."""

    parent_id: UUID
    effective_on: dt.date
    reason: str

    def apply(self, case: Case, actor: str, at: dt.datetime) -> Answer:
        determination_id = uuid4()
        case.determine_efforts_ceased(
            determination_id=determination_id,
            parent_id=self.parent_id,
            effective_on=self.effective_on,
            reason=self.reason,
            actor=actor,
            at=at,
        )
        return {"determination_id": str(determination_id)}
