"""Commands on a case: what a caller asks for, as plain immutable values.

Each command applies itself to a loaded ``Case`` at the recording instant and returns
the plain answer (JSON natives only) that the caller receives and that an
Idempotency-Key replays.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any, Protocol
from uuid import UUID, uuid4

from domain.case import Case
from domain.policy.calendar import documentation_due
from domain.values import (
    Contact,
    ContactFrequency,
    ContactMethod,
    ContactOutcome,
    DiligentSearch,
    GoalSetting,
    Household,
    PermanencyGoal,
    Program,
    Relationship,
    SearchOutcome,
    Topic,
    circumstances_from,
    require_instant,
)

Answer = dict[str, Any]


class CaseCommand(Protocol):
    """Anything that can be applied to a case by an actor at an instant."""

    def apply(self, case: Case, actor: str, at: dt.datetime) -> Answer: ...


@dataclasses.dataclass(frozen=True)
class OpenCase:
    """Open a case under the agency's own case number."""

    case_number: str
    program: Program
    opened_on: dt.date
    worker: str
    supervisor: str
    court_involved: bool = False

    def build(self, actor: str, at: dt.datetime) -> Case:
        """The new case aggregate, its opening event pending."""
        return Case(
            case_number=self.case_number,
            program=self.program,
            opened_on=self.opened_on,
            worker=self.worker,
            supervisor=self.supervisor,
            court_involved=self.court_involved,
            actor=actor,
            timestamp=at,
        )


@dataclasses.dataclass(frozen=True)
class Reassign:
    """Hand the case to another worker and/or supervisor."""

    worker: str | None
    supervisor: str | None
    effective_on: dt.date
    reason: str

    def apply(self, case: Case, actor: str, at: dt.datetime) -> Answer:
        case.reassign(
            worker=self.worker,
            supervisor=self.supervisor,
            effective_on=self.effective_on,
            reason=self.reason,
            actor=actor,
            at=at,
        )
        return {"case_id": str(case.id), "worker": case.worker, "supervisor": case.supervisor}


@dataclasses.dataclass(frozen=True)
class IdentifyParent:
    """Add a parent to the case; ``effective_on`` defaults to the case's opening."""

    name: str
    relationship: Relationship
    flags: dict[str, bool]
    effective_on: dt.date | None = None

    def apply(self, case: Case, actor: str, at: dt.datetime) -> Answer:
        parent_id = uuid4()
        circumstances = circumstances_from(self.effective_on or case.opened_on, dict(self.flags))
        case.identify_parent(
            parent_id=parent_id,
            name=self.name,
            relationship=self.relationship,
            circumstances=circumstances,
            actor=actor,
            at=at,
        )
        return {"parent_id": str(parent_id)}


@dataclasses.dataclass(frozen=True)
class ChangeCircumstances:
    """Some of a parent's circumstances change from ``effective_on``."""

    parent_id: UUID
    effective_on: dt.date
    changes: dict[str, bool]

    def apply(self, case: Case, actor: str, at: dt.datetime) -> Answer:
        case.change_circumstances(
            parent_id=self.parent_id,
            effective_on=self.effective_on,
            changes=self.changes,
            actor=actor,
            at=at,
        )
        return {"parent_id": str(self.parent_id), "effective_on": self.effective_on.isoformat()}


@dataclasses.dataclass(frozen=True)
class ChangeHousehold:
    """Where the children live changes from ``effective_on``."""

    household: Household

    def apply(self, case: Case, actor: str, at: dt.datetime) -> Answer:
        case.change_household(household=self.household, actor=actor, at=at)
        return {"effective_on": self.household.effective_on.isoformat()}


@dataclasses.dataclass(frozen=True)
class ScheduleReunification:
    """The child is to return home on ``child_returns_on`` (ENG-I.B.1)."""

    child_returns_on: dt.date

    def apply(self, case: Case, actor: str, at: dt.datetime) -> Answer:
        case.schedule_reunification(child_returns_on=self.child_returns_on, actor=actor, at=at)
        return {"child_returns_on": self.child_returns_on.isoformat()}


@dataclasses.dataclass(frozen=True)
class SetPermanencyGoal:
    """Record the case's permanency goal (PPT-FAQ-Q1: who set it)."""

    goal: PermanencyGoal
    concurrent_goal: PermanencyGoal | None
    effective_on: dt.date
    set_by: tuple[str, ...]

    def apply(self, case: Case, actor: str, at: dt.datetime) -> Answer:
        setting = GoalSetting(self.goal, self.concurrent_goal, self.effective_on, self.set_by)
        case.set_permanency_goal(setting=setting, actor=actor, at=at)
        return {"goal": self.goal.value, "effective_on": self.effective_on.isoformat()}


@dataclasses.dataclass(frozen=True)
class SetContactFrequency:
    """The case plan asks for ``per_month`` contacts with a parent (ENG-I, ENG-II)."""

    parent_id: UUID
    per_month: int
    effective_on: dt.date
    reason: str

    def apply(self, case: Case, actor: str, at: dt.datetime) -> Answer:
        frequency = ContactFrequency(self.parent_id, self.per_month, self.effective_on, self.reason)
        case.set_contact_frequency(frequency=frequency, actor=actor, at=at)
        return {"parent_id": str(self.parent_id), "per_month": self.per_month}


@dataclasses.dataclass(frozen=True)
class RecordDiligentSearch:
    """A search for a missing parent was made (TN-A-NOTE-2)."""

    parent_id: UUID
    occurred_at: dt.datetime
    sources: tuple[str, ...]
    outcome: SearchOutcome

    def apply(self, case: Case, actor: str, at: dt.datetime) -> Answer:
        search = DiligentSearch(
            uuid4(), self.parent_id, self.occurred_at, self.sources, self.outcome
        )
        case.record_diligent_search(search=search, actor=actor, at=at)
        return {"search_id": str(search.search_id)}


def contact_answer(contact: Contact) -> Answer:
    """The contracted answer to a recorded or corrected contact."""
    return {
        "contact_id": str(contact.contact_id),
        "recorded_at": contact.recorded_at.isoformat(),
        "documentation_due": contact.documentation_due.isoformat(),
        "documented_late": contact.documented_late,
    }


@dataclasses.dataclass(frozen=True)
class RecordContact:
    """An effort to engage a parent, made or not."""

    parent_id: UUID
    occurred_at: dt.datetime
    method: ContactMethod
    outcome: ContactOutcome
    purpose: str
    topics: tuple[Topic, ...] = ()
    location: str | None = None
    narrative: str | None = None

    def apply(self, case: Case, actor: str, at: dt.datetime) -> Answer:
        contact = case.record_contact(
            contact_id=uuid4(),
            parent_id=self.parent_id,
            occurred_at=self.occurred_at,
            method=self.method,
            location=self.location,
            outcome=self.outcome,
            purpose=self.purpose,
            topics=list(self.topics),
            narrative=self.narrative,
            documentation_due=documentation_due(case.program, self.occurred_at),
            actor=actor,
            at=at,
        )
        return contact_answer(contact)


@dataclasses.dataclass(frozen=True)
class AmendContact:
    """Correct a contact; the original stays visible beside the correction."""

    contact_id: UUID
    reason: str
    changes: dict[str, Any]

    def apply(self, case: Case, actor: str, at: dt.datetime) -> Answer:
        known = case.contacts.get(self.contact_id.hex)  # unknown: amend_contact refuses it
        occurred_at = self.changes.get("occurred_at", known.occurred_at if known else at)
        require_instant(occurred_at, "occurred_at")
        changes = dict(self.changes)
        if "topics" in changes:
            changes["topics"] = list(changes["topics"])
        contact = case.amend_contact(
            contact_id=self.contact_id,
            reason=self.reason,
            changes=changes,
            documentation_due=documentation_due(case.program, occurred_at),
            actor=actor,
            at=at,
        )
        return contact_answer(contact) | {"amendments": contact.amendments}


@dataclasses.dataclass(frozen=True)
class VoidContact:
    """Withdraw a contact recorded in error."""

    contact_id: UUID
    reason: str

    def apply(self, case: Case, actor: str, at: dt.datetime) -> Answer:
        case.void_contact(contact_id=self.contact_id, reason=self.reason, actor=actor, at=at)
        return {"contact_id": str(self.contact_id), "voided": True}


@dataclasses.dataclass(frozen=True)
class CloseCase:
    """Close the case."""

    closed_on: dt.date
    reason: str

    def apply(self, case: Case, actor: str, at: dt.datetime) -> Answer:
        case.close(closed_on=self.closed_on, reason=self.reason, actor=actor, at=at)
        return {"case_id": str(case.id), "closed_on": self.closed_on.isoformat()}
