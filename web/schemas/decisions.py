"""Bodies of the decision, consultation and court-order calls (api-contract "Decisions,
consultations, court orders").

A decision's rationale and supporting information may arrive blank here: refusing them is
policy (ENG-IV, 422 naming the clause), not only a schema error, so the Case does it.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from marshmallow import Schema, fields, validate

from domain.decision_commands import (
    DetermineEffortsCeased,
    IdentifySafetyRisk,
    RecordConsultation,
    RecordCourtOrder,
    RecordDecision,
    ReviewDecision,
)
from domain.decisions import ConsultantRole, CourtOrderKind, DecisionKind, ReviewOutcome
from domain.values import ContactMethod
from web.schemas.fields import (
    NARRATIVE_LIMIT,
    REASON_LIMIT,
    TEXT_LIMIT,
    day,
    instant,
    text,
    username,
    word,
)

HASH_LENGTH = 64


class ConsultationSchema(Schema):
    """POST /cases/{case_id}/consultations."""

    with_role = word(ConsultantRole, required=True)
    consultant = username()
    occurred_at = instant()
    topic = text(TEXT_LIMIT)
    outcome = text(REASON_LIMIT)

    def command(self, data: dict[str, Any]) -> RecordConsultation:
        """The command this body asks for."""
        return RecordConsultation(**data)


class SafetyRiskSchema(Schema):
    """POST /cases/{case_id}/safety-risks."""

    parent_id = fields.UUID(load_default=None, allow_none=True)
    identified_on = day()
    description = text(REASON_LIMIT)

    def command(self, data: dict[str, Any]) -> IdentifySafetyRisk:
        """The command this body asks for."""
        return IdentifySafetyRisk(**data)


class DecisionSchema(Schema):
    """POST /cases/{case_id}/decisions."""

    kind = word(DecisionKind, required=True)
    parent_id = fields.UUID(required=True)
    effective_on = day()
    rationale = text(REASON_LIMIT, required=False, load_default=None, allow_none=True)
    supporting_information = text(
        NARRATIVE_LIMIT, required=False, load_default=None, allow_none=True
    )
    methods = fields.List(word(ContactMethod), load_default=list)
    consultation_id = fields.UUID(load_default=None, allow_none=True)

    def command(self, data: dict[str, Any]) -> RecordDecision:
        """The command this body asks for."""
        return RecordDecision(**(data | {"methods": tuple(data["methods"])}))


class ReviewSchema(Schema):
    """POST /cases/{case_id}/decisions/{decision_id}/reviews."""

    outcome = word(ReviewOutcome, required=True)
    notes = text(REASON_LIMIT)
    decision_hash = fields.String(
        load_default=None, allow_none=True, validate=validate.Length(equal=HASH_LENGTH)
    )
    effective_on = day(required=False, load_default=None, allow_none=True)

    def command(self, data: dict[str, Any], decision_id: UUID, seen: str) -> ReviewDecision:
        """The command this body asks for, bound to the version the caller saw.

        Without a ``decision_hash`` the review is bound to the version this request read
        (``seen``), so a retry after a concurrent review never reviews a changed decision.
        """
        return ReviewDecision(
            decision_id=decision_id,
            outcome=data["outcome"],
            notes=data["notes"],
            decision_hash=data["decision_hash"] or seen,
            effective_on=data["effective_on"],
        )


class CourtOrderSchema(Schema):
    """POST /cases/{case_id}/court-orders."""

    kind = word(CourtOrderKind, required=True)
    parent_id = fields.UUID(load_default=None, allow_none=True)
    effective_on = day()

    def command(self, data: dict[str, Any]) -> RecordCourtOrder:
        """The command this body asks for."""
        return RecordCourtOrder(**data)


class EffortsCeasedSchema(Schema):
    """POST /cases/{case_id}/efforts-ceased."""

    parent_id = fields.UUID(required=True)
    effective_on = day()
    reason = text(REASON_LIMIT)

    def command(self, data: dict[str, Any]) -> DetermineEffortsCeased:
        """The command this body asks for."""
        return DetermineEffortsCeased(**data)


class ConsultationRecordedOut(Schema):
    """201 to POST /cases/{case_id}/consultations."""

    consultation_id = fields.UUID()


class DecisionRecordedOut(Schema):
    """201 to a decision or its review: its status and the hash of its new version."""

    decision_id = fields.UUID()
    status = fields.String()
    decision_hash = fields.String()
    outcome = fields.String()


class SafetyRiskRecordedOut(Schema):
    """201 to POST /cases/{case_id}/safety-risks."""

    risk_id = fields.UUID()


class CourtOrderRecordedOut(Schema):
    """201 to POST /cases/{case_id}/court-orders."""

    order_id = fields.UUID()


class EffortsCeasedRecordedOut(Schema):
    """201 to POST /cases/{case_id}/efforts-ceased."""

    determination_id = fields.UUID()
