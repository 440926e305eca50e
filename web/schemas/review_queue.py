"""The answer of GET /review-queue (documented for the OpenAPI document)."""

from __future__ import annotations

from marshmallow import Schema, fields


class QueueConsultationOut(Schema):
    """The consultation that preceded the decision."""

    consultation_id = fields.UUID()
    with_role = fields.String()
    consultant = fields.String()
    occurred_at = fields.AwareDateTime()
    topic = fields.String()
    outcome = fields.String()
    recorded_by = fields.String()


class QueueItemOut(Schema):
    """One item before the supervisor; ``kind`` says why it is there."""

    kind = fields.String(
        metadata={"enum": ["pending_decision", "decision_due_for_review", "open_escalation"]}
    )
    waiting_since = fields.AwareDateTime()
    case_id = fields.UUID()
    case_number = fields.String()
    program = fields.String()
    worker = fields.String()
    parent_id = fields.UUID()
    parent_name = fields.String(allow_none=True)
    decision_id = fields.UUID()
    decision_kind = fields.String()
    status = fields.String()
    effective_on = fields.Date()
    rationale = fields.String()
    supporting_information = fields.String()
    methods = fields.List(fields.String())
    recorded_by = fields.String()
    recorded_at = fields.AwareDateTime()
    decision_hash = fields.String()
    review_due = fields.Date(allow_none=True)
    consultation = fields.Nested(QueueConsultationOut, allow_none=True)


class ReviewQueueOut(Schema):
    """GET /review-queue: the caller's queue, oldest first."""

    supervisor = fields.String()
    items = fields.List(fields.Nested(QueueItemOut))
