"""What one case puts in its supervisor's review queue: pure rows from the Case.

Each source turns a case into rows of one ``kind``; the queue stores them with the
day from which each asks for the supervisor, and at read time ``SHOWN`` decides, per
kind and the programme's today, whether a row is in the queue and as what.

The kinds: decisions (here), NH-JJS refusal escalations (ENG-VI,
``review_escalations``) and overdue PPT tasks (PPT-III.C, ``review_ppt``).

Extension point: a new row kind adds a source to ``SOURCES``, the names of its events
to ``REFRESHING_EVENTS`` and a rule to ``SHOWN``; the table, the tracking and the
endpoint stay as they are.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from domain.case import Case
from domain.decisions import Consultation, Decision, DecisionStatus
from domain.policy.decision_effects import next_review_due
from domain.policy.packs import pack_for
from projections.review_escalations import escalation_rows, escalation_shown
from projections.review_ppt import ppt_task_rows, ppt_task_shown
from projections.review_row import QueueRow, day_start, utc


def _consultation(c: Consultation | None) -> dict[str, Any] | None:
    if c is None:
        return None
    return {
        "consultation_id": str(c.consultation_id),
        "with_role": c.with_role.value,
        "consultant": c.consultant,
        "occurred_at": c.occurred_at.isoformat(),
        "topic": c.topic,
        "outcome": c.outcome,
        "recorded_by": c.recorded_by,
    }


def preceding_consultation(case: Case, decision: Decision) -> Consultation | None:
    """The consultation the decision names, else the latest one held before it was recorded."""
    if decision.consultation_id is not None:
        return case.consultations.get(decision.consultation_id.hex)
    before = [c for c in case.consultations.values() if c.occurred_at <= decision.recorded_at]
    return max(before, key=lambda c: (c.occurred_at, c.recorded_at), default=None)


def decision_rows(case: Case) -> Iterable[QueueRow]:
    """Pending decisions and approved ones, with when each is next evaluated (ENG-IV.A)."""
    pack = pack_for(case.program)
    for decision in case.decisions.values():
        if not decision.active:
            continue
        due = next_review_due(pack, decision)
        due_since = None
        if due is not None:
            due_since = day_start(case.program, due)
        parent = case.parents.get(decision.parent_id.hex)
        consultation = preceding_consultation(case, decision)
        yield QueueRow(
            case_id=str(case.id),
            item_id=str(decision.decision_id),
            kind="decision",
            state=decision.status.value,
            supervisor=case.supervisor,
            program=case.program.value,
            since=utc(decision.recorded_at),
            due_on=None if due is None else due.isoformat(),
            due_since=due_since,
            document={
                "case_id": str(case.id),
                "case_number": case.case_number,
                "program": case.program.value,
                "worker": case.worker,
                "parent_id": str(decision.parent_id),
                "parent_name": None if parent is None else parent.name,
                "decision_id": str(decision.decision_id),
                "decision_kind": decision.kind.value,
                "status": decision.status.value,
                "effective_on": decision.effective_on.isoformat(),
                "rationale": decision.rationale,
                "supporting_information": decision.supporting_information,
                "methods": [m.value for m in decision.methods],
                "recorded_by": decision.recorded_by,
                "recorded_at": utc(decision.recorded_at),
                "decision_hash": decision.version_hash,
                "review_due": None if due is None else due.isoformat(),
                "consultation": _consultation(consultation),
            },
        )


def _decision_shown(row: QueueRow, today: dt.date) -> tuple[str, str] | None:
    """A pending decision waits from its recording; an approved one from its due day."""
    if row.state == DecisionStatus.PENDING_REVIEW.value:
        return "pending_decision", row.since
    due_on = None if row.due_on is None else dt.date.fromisoformat(row.due_on)
    if row.state == DecisionStatus.APPROVED.value and due_on is not None and due_on <= today:
        return "decision_due_for_review", row.due_since or row.since
    return None


SOURCES: tuple[Callable[[Case], Iterable[QueueRow]], ...] = (
    decision_rows,
    escalation_rows,
    ppt_task_rows,
)
"""Every source of queue rows."""

REFRESHING_EVENTS: frozenset[str] = frozenset(
    {
        "CaseOpened",
        "CaseReassigned",
        "CaseClosed",
        "ParentIdentified",
        "ConsultationRecorded",
        "DecisionRecorded",
        "DecisionReviewed",
        # refusal escalations (ENG-VI): the refusal, its parent and household, its steps
        "ContactRecorded",
        "ContactAmended",
        "ContactVoided",
        "ParentCircumstancesChanged",
        "HouseholdChanged",
        "RefusalEscalated",
        # PPT tasks (PPT-I.I, PPT-III.C)
        "PptTaskAssigned",
        "PptTaskCompleted",
        "PptTaskFollowedUp",
    }
)
"""Case events after which a case's rows are computed again; others leave them as they are."""

SHOWN: Mapping[str, Callable[[QueueRow, dt.date], tuple[str, str] | None]] = {
    "decision": _decision_shown,
    "refusal_escalation": escalation_shown,
    "ppt_task": ppt_task_shown,
}
"""Per row kind: at the programme's today, the queue item's kind and since when it waits."""


def case_rows(case: Case) -> list[QueueRow]:
    """Every row the case puts in the queue now; none once it is closed."""
    if case.closed_on is not None:
        return []
    return [row for source in SOURCES for row in source(case)]
