"""Bodies of the contact calls (api-contract "Contacts")."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from marshmallow import Schema, fields

from domain.commands import AmendContact, RecordContact, VoidContact
from domain.values import ContactMethod, ContactOutcome, Topic
from web.schemas.fields import NARRATIVE_LIMIT, REASON_LIMIT, TEXT_LIMIT, instant, text, word


class ContactSchema(Schema):
    """POST /cases/{case_id}/contacts: an effort to engage a parent, made or not."""

    parent_id = fields.UUID(required=True)
    occurred_at = instant()
    method = word(ContactMethod, required=True)
    location = text(TEXT_LIMIT, required=False, load_default=None, allow_none=True)
    outcome = word(ContactOutcome, required=True)
    purpose = text(TEXT_LIMIT)
    topics = fields.List(word(Topic), load_default=list)
    narrative = text(NARRATIVE_LIMIT, required=False, load_default=None, allow_none=True)

    def command(self, data: dict[str, Any]) -> RecordContact:
        """The command this body asks for."""
        return RecordContact(**(data | {"topics": tuple(data["topics"])}))


class AmendmentSchema(Schema):
    """POST .../contacts/{contact_id}/amendments: the reason and the corrected fields."""

    reason = text(REASON_LIMIT)
    occurred_at = instant(required=False)
    method = word(ContactMethod)
    location = text(TEXT_LIMIT, required=False, allow_none=True)
    outcome = word(ContactOutcome)
    purpose = text(TEXT_LIMIT, required=False, nonempty=True)
    topics = fields.List(word(Topic))
    narrative = text(NARRATIVE_LIMIT, required=False, allow_none=True)

    def command(self, data: dict[str, Any], contact_id: UUID) -> AmendContact:
        """The command this body asks for."""
        changes = {k: v for k, v in data.items() if k != "reason"}
        if "topics" in changes:
            changes["topics"] = tuple(changes["topics"])
        return AmendContact(contact_id, data["reason"], changes)


class VoidSchema(Schema):
    """POST .../contacts/{contact_id}/voids."""

    reason = text(REASON_LIMIT)

    def command(self, data: dict[str, Any], contact_id: UUID) -> VoidContact:
        """The command this body asks for."""
        return VoidContact(contact_id, data["reason"])
