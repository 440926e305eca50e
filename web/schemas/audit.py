"""Query strings and answers of the audit and access-log calls (api-contract "Audit history")."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from web.schemas.fields import instant

FORMATS = ("json", "html", "pdf")


class AuditQuery(Schema):
    """GET /cases/{case_id}/audit: what the record showed at an instant, in which form."""

    known_at = instant(required=False)
    format = fields.String(required=False, validate=validate.OneOf(FORMATS))


class AccessLogQuery(Schema):
    """GET /access-log: one case's entries (or all), the latest first."""

    case_id = fields.UUID(required=False, load_default=None)
    limit = fields.Integer(
        required=False, load_default=100, strict=False, validate=validate.Range(1, 1000)
    )


class AuditEntryOut(Schema):
    """One event of the case's history with its place in the hash chain."""

    seq = fields.Integer()
    event_type = fields.String()
    occurred_at = fields.String()
    recorded_at = fields.String()
    recorded_by = fields.String()
    summary = fields.String()
    data = fields.Dict()
    hash = fields.String()
    prev_hash = fields.String(allow_none=True)


class AuditOut(Schema):
    """The case's history in recording order, and its head hash."""

    case_id = fields.UUID()
    entries = fields.List(fields.Nested(AuditEntryOut))
    head_hash = fields.String(allow_none=True)


class VerifyOut(Schema):
    """The case's chain recomputed from the stored events."""

    ok = fields.Boolean()
    entries = fields.Integer()
    head_hash = fields.String(allow_none=True)
    first_bad_seq = fields.Integer(allow_none=True)


class AccessEntryOut(Schema):
    """Who did what to which case, when, and whether it was allowed."""

    at = fields.String()
    user = fields.String(allow_none=True)
    role = fields.String(allow_none=True)
    action = fields.String()
    case_id = fields.UUID(allow_none=True)
    outcome = fields.String()
    status = fields.Integer()


class AccessLogOut(Schema):
    """The access log's entries, the latest first."""

    entries = fields.List(fields.Nested(AccessEntryOut))
