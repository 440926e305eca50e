"""Open NH-JJS refusal escalations as review-queue rows (ENG-VI).

A refusal by a non-custodial parent while the youth is in care asks first for the
JPPO's supervisor, then for the supervisor's consultation of a CPS supervisor or their
finding that permanency is not affected; until both are recorded the escalation waits
in the supervisor's queue, from the refusal on, with the steps taken so far and the
day the ``refusal_escalation`` obligation falls due.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from domain.case import Case
from domain.meetings import CLOSING_STEPS, EscalationStep, RefusalEscalation
from domain.policy.calendar import add_business_days, local_date
from domain.policy.packs import pack_for
from domain.values import Contact, ContactOutcome, in_force
from projections.review_row import QueueRow, utc

KIND = "refusal_escalation"


def _escalated(case: Case, contact: Contact, day: dt.date) -> bool:
    """ENG-VI: a refused contact by a non-custodial parent while the youth is in placement."""
    parent = case.parents.get(contact.parent_id.hex)
    circumstances = None if parent is None else parent.on(day)
    household = in_force(case.household, day)
    if circumstances is None or circumstances.custodial:
        return False
    return household is not None and household.in_placement


def complete(steps: Sequence[RefusalEscalation]) -> bool:
    """The supervisor was consulted, and after that a closing step was recorded (ENG-VI)."""
    consulted = [s.occurred_at for s in steps if s.step is EscalationStep.SUPERVISOR_CONSULTED]
    return any(
        s.step in CLOSING_STEPS and any(t <= s.occurred_at for t in consulted) for s in steps
    )


def _step(step: RefusalEscalation) -> dict[str, Any]:
    return {
        "escalation_id": str(step.escalation_id),
        "step": step.step.value,
        "occurred_at": utc(step.occurred_at),
        "consultant": step.consultant,
        "recorded_by": step.recorded_by,
    }


def escalation_rows(case: Case) -> Iterable[QueueRow]:
    """Each refusal whose escalation is not complete, waiting since the refusal (ENG-VI)."""
    rules = pack_for(case.program).refusal_escalation
    if rules is None:
        return
    for contact in case.contacts.values():
        if contact.voided or contact.outcome is not ContactOutcome.REFUSED:
            continue
        day = local_date(case.program, contact.occurred_at)
        if not _escalated(case, contact, day):
            continue
        steps = sorted(
            (e for e in case.refusal_escalations.values() if e.contact_id == contact.contact_id),
            key=lambda e: (e.occurred_at, str(e.escalation_id)),
        )
        if complete(steps):
            continue
        rule = rules.on(day).value
        due = add_business_days(case.program, day, rule.business_days)
        parent = case.parents.get(contact.parent_id.hex)
        yield QueueRow(
            case_id=str(case.id),
            item_id=str(contact.contact_id),
            kind=KIND,
            state="open",
            supervisor=case.supervisor,
            program=case.program.value,
            since=utc(contact.occurred_at),
            due_on=due.isoformat(),
            due_since=None,
            document={
                "case_id": str(case.id),
                "case_number": case.case_number,
                "program": case.program.value,
                "worker": case.worker,
                "parent_id": str(contact.parent_id),
                "parent_name": None if parent is None else parent.name,
                "contact_id": str(contact.contact_id),
                "refused_at": utc(contact.occurred_at),
                "refused_on": day.isoformat(),
                "steps": [_step(s) for s in steps],
                "escalation_due": due.isoformat(),
                "clause": rule.citation.clause,
            },
        )


def escalation_shown(row: QueueRow, today: dt.date) -> tuple[str, str] | None:
    """An open escalation waits from the refusal until it completes, due or not."""
    return "open_escalation", row.since
