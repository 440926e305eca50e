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


class QueueEscalationStepOut(Schema):
    """One step of a refusal escalation recorded so far (ENG-VI)."""

    escalation_id = fields.UUID()
    step = fields.String(
        metadata={
            "enum": ["supervisor_consulted", "cps_supervisor_consulted", "permanency_not_affected"]
        }
    )
    occurred_at = fields.AwareDateTime()
    consultant = fields.String(allow_none=True)
    recorded_by = fields.String()


class QueueItemOut(Schema):
    """One item before the supervisor; ``kind`` says why it is there and which fields it has.

    Decisions carry the decision fields; ``open_escalation`` (ENG-VI) the refused contact,
    its day, the steps so far and ``escalation_due``; ``overdue_ppt_task`` (PPT-III.C) the
    task, its due day and the supervisor's follow-ups.
    """

    kind = fields.String(
        metadata={
            "enum": [
                "pending_decision",
                "decision_due_for_review",
                "open_escalation",
                "overdue_ppt_task",
            ]
        }
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
    contact_id = fields.UUID()
    refused_at = fields.AwareDateTime()
    refused_on = fields.Date()
    steps = fields.List(fields.Nested(QueueEscalationStepOut))
    escalation_due = fields.Date()
    task_id = fields.UUID()
    description = fields.String()
    assigned_to = fields.String()
    assigned_on = fields.Date()
    task_due = fields.Date()
    follow_ups = fields.Integer(metadata={"description": "how many follow-ups are recorded"})
    latest_follow_up = fields.Date(allow_none=True)
    clause = fields.String(metadata={"description": "the clause that puts the item here"})


class ReviewQueueOut(Schema):
    """GET /review-queue: the caller's queue, oldest first."""

    supervisor = fields.String()
    items = fields.List(fields.Nested(QueueItemOut))
