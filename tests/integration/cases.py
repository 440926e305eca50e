"""Helpers for integration tests: staff, a case and a parent on a real store."""

from __future__ import annotations

import datetime as dt
from uuid import UUID

from domain.application import CaseLedger, IdempotencyRequest
from domain.commands import IdentifyParent, OpenCase, RecordContact
from domain.idempotency import fingerprint
from domain.values import ContactMethod, ContactOutcome, Program, Relationship, Role

OPENED_ON = dt.date(2026, 1, 5)


def enrol_staff(ledger: CaseLedger) -> None:
    """A caseworker ``wendy`` and her supervisor ``sam``, both on team north."""
    ledger.add_user("wendy", Role.CASEWORKER, "north", "admin")
    ledger.add_user("sam", Role.SUPERVISOR, "north", "admin")


def open_case(ledger: CaseLedger, number: str = "NH-1", program: Program = Program.NH_CPS) -> UUID:
    """Open a case for ``wendy`` and return its id."""
    answer = ledger.open_case(OpenCase(number, program, OPENED_ON, "wendy", "sam"), "wendy")
    return UUID(answer["case_id"])


def case_with_parent(ledger: CaseLedger, number: str = "NH-1") -> tuple[UUID, UUID]:
    """Staff, an open case and a custodial mother: (case_id, parent_id)."""
    enrol_staff(ledger)
    case_id = open_case(ledger, number)
    answer = ledger.handle(
        case_id, IdentifyParent("Ana", Relationship.BIOLOGICAL, {"custodial": True}), "wendy"
    )
    return case_id, UUID(answer["parent_id"])


def contact(parent_id: UUID, occurred_at: dt.datetime, purpose: str = "Visit") -> RecordContact:
    """A completed in-home contact."""
    return RecordContact(
        parent_id=parent_id,
        occurred_at=occurred_at,
        method=ContactMethod.IN_HOME,
        outcome=ContactOutcome.COMPLETED,
        purpose=purpose,
        narrative="Met at home.",
    )


def keyed(key: str, body: object, owner: str = "wendy") -> IdempotencyRequest:
    """An Idempotency-Key for ``body`` posted to the contacts path."""
    return IdempotencyRequest(owner, key, fingerprint("POST", "/contacts", body))


def event_count(ledger: CaseLedger) -> int:
    """How many events the whole log holds."""
    return ledger.recorder.max_notification_id() or 0
