"""How decisions and what bears on them read in GET /cases/{case_id}."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, fields

from domain.case_decisions import CaseDecisions
from domain.decisions import (
    ConsultantRole,
    CourtOrderKind,
    Decision,
    DecisionKind,
    ReviewOutcome,
)
from domain.values import ContactMethod


class ConsultationOut(Schema):
    """A consultation held on the case."""

    consultation_id = fields.UUID()
    with_role = fields.Enum(ConsultantRole, by_value=True)
    consultant = fields.String()
    occurred_at = fields.AwareDateTime()
    topic = fields.String()
    outcome = fields.String()
    recorded_by = fields.String()
    recorded_at = fields.AwareDateTime()


class ReviewOut(Schema):
    """One review of a decision and the version of it the reviewer saw."""

    review_id = fields.UUID()
    outcome = fields.Enum(ReviewOutcome, by_value=True)
    notes = fields.String()
    reviewer = fields.String()
    reviewed_at = fields.AwareDateTime()
    effective_on = fields.Date()
    decision_hash = fields.String()


class DecisionOut(Schema):
    """A decision with its supporting information, status, reviews and current hash."""

    decision_id = fields.UUID()
    kind = fields.Enum(DecisionKind, by_value=True)
    parent_id = fields.UUID()
    effective_on = fields.Date()
    rationale = fields.String()
    supporting_information = fields.String()
    methods = fields.List(fields.Enum(ContactMethod, by_value=True))
    consultation_id = fields.UUID(allow_none=True)
    recorded_by = fields.String()
    recorded_at = fields.AwareDateTime()
    needs_approval = fields.Boolean()
    status = fields.Function(lambda d: d.status.value)
    decision_hash = fields.Function(lambda d: d.version_hash)
    ends_on = fields.Date(allow_none=True)
    reviews = fields.List(fields.Nested(ReviewOut))


class SafetyRiskOut(Schema):
    """A safety risk identified on the case."""

    risk_id = fields.UUID()
    parent_id = fields.UUID(allow_none=True)
    identified_on = fields.Date()
    description = fields.String()


class CourtOrderOut(Schema):
    """A court order for a parent or the whole case."""

    order_id = fields.UUID()
    kind = fields.Enum(CourtOrderKind, by_value=True)
    parent_id = fields.UUID(allow_none=True)
    effective_on = fields.Date()


class DeterminationOut(Schema):
    """An efforts-ceased determination (ENG-III.B)."""

    determination_id = fields.UUID()
    parent_id = fields.UUID()
    effective_on = fields.Date()
    reason = fields.String()


def _by_recording(decisions: list[Decision]) -> list[Decision]:
    return sorted(decisions, key=lambda d: (d.recorded_at, d.decision_id.int))


def decision_state(case: CaseDecisions) -> dict[str, Any]:
    """The plain values GET /cases/{case_id} adds for decisions and what bears on them."""
    decisions = _by_recording(list(case.decisions.values()))
    return {
        "open_decisions": [d for d in decisions if d.active],
        "decisions": decisions,
        "consultations": sorted(case.consultations.values(), key=lambda c: c.occurred_at),
        "safety_risks": list(case.safety_risks),
        "court_orders": list(case.court_orders),
        "efforts_ceased": list(case.determinations),
    }


DECISION_FIELDS: dict[str, fields.Field] = {
    "open_decisions": fields.List(fields.Nested(DecisionOut)),
    "decisions": fields.List(fields.Nested(DecisionOut)),
    "consultations": fields.List(fields.Nested(ConsultationOut)),
    "safety_risks": fields.List(fields.Nested(SafetyRiskOut)),
    "court_orders": fields.List(fields.Nested(CourtOrderOut)),
    "efforts_ceased": fields.List(fields.Nested(DeterminationOut)),
}
