"""Contacts and their corrections (api-contract "Contacts")."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from web.api import api
from web.api.writes import documented, record_body
from web.auth import writable_case
from web.schemas.contacts import AmendmentSchema, ContactSchema, VoidSchema
from web.schemas.output import ContactRecordedOut, RecordedOut


@api.post("/cases/<uuid:case_id>/contacts")
@documented(ContactSchema, ContactRecordedOut)
def record_contact(case_id: UUID) -> Any:
    """Record an effort to engage a parent; recorded_at is always the server's clock."""
    writable_case(case_id)
    return record_body(case_id, ContactSchema())


@api.post("/cases/<uuid:case_id>/contacts/<uuid:contact_id>/amendments")
@documented(AmendmentSchema, ContactRecordedOut)
def amend_contact(case_id: UUID, contact_id: UUID) -> Any:
    """Correct a contact by a new fact; the original stays in the history."""
    writable_case(case_id).contact(contact_id)
    return record_body(case_id, AmendmentSchema(), contact_id)


@api.post("/cases/<uuid:case_id>/contacts/<uuid:contact_id>/voids")
@documented(VoidSchema, RecordedOut)
def void_contact(case_id: UUID, contact_id: UUID) -> Any:
    """Withdraw a contact recorded in error; it stays visible, counting for nothing."""
    writable_case(case_id).contact(contact_id)
    return record_body(case_id, VoidSchema(), contact_id)
