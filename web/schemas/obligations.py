"""Query strings and answers of the obligation calls (api-contract "Obligations")."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, ValidationError, fields, validates

from domain.obligations import Kind, Status
from web.schemas.fields import day, instant, username, word

STATUS_WORDS = frozenset(status.value for status in Status)


class CaseObligationsQuery(Schema):
    """GET /cases/{case_id}/obligations: the day statuses are judged on, and what was known."""

    as_of = day(required=False, load_default=None)
    known_at = instant(required=False)


class ObligationListQuery(Schema):
    """GET /obligations: whose, which statuses (comma-separated), due before a day."""

    worker = username(required=False, load_default=None)
    status = fields.String(required=False, load_default=None)
    due_before = day(required=False, load_default=None)

    @validates("status")
    def _known_words(self, value: str | None, **_: Any) -> None:
        if value is None:
            return
        unknown = sorted(set(value.split(",")) - STATUS_WORDS)
        if unknown:
            raise ValidationError(f"Not a status: {', '.join(unknown)}.")


class CitationOut(Schema):
    """The clause behind an obligation."""

    clause = fields.String()
    source = fields.String()
    section = fields.String()


class ObligationOut(Schema):
    """One obligation in the contract's shape."""

    obligation_id = fields.UUID()
    parent_id = fields.UUID(allow_none=True)
    kind = word(Kind)
    period = fields.String()
    due = fields.String(metadata={"description": "A date, or an instant for documentation"})
    requires = fields.String()
    required_count = fields.Integer()
    status = word(Status)
    satisfied_by = fields.List(fields.UUID())
    citation = fields.Nested(CitationOut)


class CaseObligationsOut(Schema):
    """A case's obligations at ``as_of``, as the record showed at ``known_at``."""

    case_id = fields.UUID()
    as_of = fields.Date()
    known_at = fields.AwareDateTime()
    obligations = fields.List(fields.Nested(ObligationOut))


class ListedObligationOut(ObligationOut):
    """An obligation across cases: which case, and whose."""

    case_id = fields.UUID()
    worker = fields.String()


class ObligationListOut(Schema):
    """Obligations across the caller's cases, by due day."""

    obligations = fields.List(fields.Nested(ListedObligationOut))
