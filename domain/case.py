"""The Case aggregate: every fact about a case is one of its events.

Commands (public methods) check the invariants and raise named domain errors; the
private ``@event`` methods only change state, because they run again on every replay
and must never refuse what is already stored.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import Aggregate, event

from domain import case_decisions as decided
from domain import decision_events, errors
from domain.case_meetings import CaseMeetings
from domain.case_ppt import CasePpt
from domain.policy.calendar import local_date
from domain.values import (
    PARENT_FLAGS,
    Assignment,
    Contact,
    ContactFrequency,
    ContactMethod,
    ContactOutcome,
    DiligentSearch,
    GoalSetting,
    Household,
    Parent,
    ParentCircumstances,
    PermanencyGoal,
    Program,
    Relationship,
    Reunification,
    SearchOutcome,
    Topic,
    check_flags,
    parse_enum,
    require_instant,
)

AMENDABLE_FIELDS = (
    "occurred_at",
    "method",
    "location",
    "outcome",
    "purpose",
    "topics",
    "narrative",
)


class Case(CasePpt, CaseMeetings, decided.CaseDecisions, Aggregate):
    """A child-welfare case: its parents, household, contacts and what was decided.

    Its meetings and notices come from ``CaseMeetings``, its decisions, consultations and
    court orders from ``CaseDecisions``, its Permanency Planning Team facts (NH-JJS) from
    ``CasePpt``.
    """

    # Decisions and what bears on them (domain/case_decisions.py), as Case events.
    ConsultationRecorded = decision_events.ConsultationRecorded
    SafetyRiskIdentified = decision_events.SafetyRiskIdentified
    DecisionRecorded = decision_events.DecisionRecorded
    DecisionReviewed = decision_events.DecisionReviewed
    CourtOrderRecorded = decision_events.CourtOrderRecorded
    EffortsCeasedDetermined = decision_events.EffortsCeasedDetermined

    class CaseOpened(Aggregate.Created):
        case_number: str
        program: Program
        opened_on: dt.date
        worker: str
        supervisor: str
        court_involved: bool
        actor: str

    class CaseReassigned(Aggregate.Event):
        worker: str
        supervisor: str
        effective_on: dt.date
        reason: str
        actor: str

    class ParentIdentified(Aggregate.Event):
        parent_id: UUID
        name: str
        relationship: Relationship
        circumstances: ParentCircumstances
        actor: str

    class ParentCircumstancesChanged(Aggregate.Event):
        parent_id: UUID
        effective_on: dt.date
        changes: dict[str, bool]
        actor: str

    class HouseholdChanged(Aggregate.Event):
        household: Household
        actor: str

    class PermanencyGoalSet(Aggregate.Event):
        setting: GoalSetting
        actor: str

    class ReunificationScheduled(Aggregate.Event):
        child_returns_on: dt.date
        actor: str

    class ContactFrequencySet(Aggregate.Event):
        frequency: ContactFrequency
        actor: str

    class DiligentSearchRecorded(Aggregate.Event):
        search: DiligentSearch
        actor: str

    class ContactRecorded(Aggregate.Event):
        contact_id: UUID
        parent_id: UUID
        occurred_at: dt.datetime
        method: ContactMethod
        location: str | None
        outcome: ContactOutcome
        purpose: str
        topics: list[Topic]
        narrative: str | None
        documentation_due: dt.datetime
        actor: str

    class ContactAmended(Aggregate.Event):
        contact_id: UUID
        reason: str
        changes: dict[str, Any]
        documentation_due: dt.datetime
        actor: str

    class ContactVoided(Aggregate.Event):
        contact_id: UUID
        reason: str
        actor: str

    class CaseClosed(Aggregate.Event):
        closed_on: dt.date
        reason: str
        actor: str

    @staticmethod
    def create_id(case_number: str) -> UUID:
        """The case id derives from the agency's case number, so a duplicate is refused."""
        return uuid5(NAMESPACE_URL, f"/caseledger/cases/{case_number}")

    @event(CaseOpened)
    def __init__(
        self,
        case_number: str,
        program: Program,
        opened_on: dt.date,
        worker: str,
        supervisor: str,
        court_involved: bool,
        actor: str,
        timestamp: dt.datetime,
    ) -> None:
        self.case_number = case_number
        self.program = program
        self.opened_on = opened_on
        self.court_involved = court_involved
        self.worker = worker
        self.supervisor = supervisor
        self.assignments = [Assignment(worker, supervisor, opened_on)]
        self.parents: dict[str, Parent] = {}
        self.circumstance_changes: dict[str, list[dict[str, Any]]] = {}
        self.household: list[Household] = []
        self.goals: list[GoalSetting] = []
        self.reunifications: list[Reunification] = []
        self.frequencies: list[ContactFrequency] = []
        self.searches: list[DiligentSearch] = []
        self.contacts: dict[str, Contact] = {}
        self.closed_on: dt.date | None = None
        self.close_reason: str | None = None

    # -- guards -------------------------------------------------------------------

    def _require_open(self) -> None:
        if self.closed_on is not None:
            raise errors.CaseClosed(f"The case was closed on {self.closed_on.isoformat()}.")

    def _require_not_before_opening(self, day: dt.date, field: str) -> None:
        if day < self.opened_on:
            raise errors.BeforeCaseOpened(
                f"{field} {day.isoformat()} is before the case opened on "
                f"{self.opened_on.isoformat()}.",
                field=field,
            )

    def parent(self, parent_id: UUID, field: str = "parent_id") -> Parent:
        """The parent named in a body, or a 422-class error."""
        try:
            return self.parents[parent_id.hex]
        except KeyError:
            raise errors.UnknownParent(field) from None

    def contact(self, contact_id: UUID) -> Contact:
        """The contact named in a path, or a 404-class error."""
        try:
            return self.contacts[contact_id.hex]
        except KeyError:
            raise errors.ContactNotFound("No such contact on this case.") from None

    def _check_occurred_at(self, occurred_at: dt.datetime, now: dt.datetime) -> None:
        require_instant(occurred_at, "occurred_at")
        if occurred_at > now:
            raise errors.ContactInFuture(
                "A contact cannot be recorded before it happens.", field="occurred_at"
            )
        self._require_not_before_opening(local_date(self.program, occurred_at), "occurred_at")

    @property
    def current_goal(self) -> GoalSetting | None:
        """The latest goal setting (by effective date, then recording order)."""
        ordered = sorted(self.goals, key=lambda g: g.effective_on)  # stable: recording order
        return ordered[-1] if ordered else None

    @property
    def current_household(self) -> Household | None:
        """The household entry with the latest effective date."""
        return max(self.household, key=lambda h: h.effective_on, default=None)

    # -- commands -----------------------------------------------------------------

    def reassign(
        self,
        *,
        worker: str | None,
        supervisor: str | None,
        effective_on: dt.date,
        reason: str,
        actor: str,
        at: dt.datetime,
    ) -> None:
        """Hand the case to another worker and/or supervisor."""
        self._require_open()
        if not worker and not supervisor:
            raise errors.InvalidValue("worker", "Name a new worker or supervisor.")
        self._require_not_before_opening(effective_on, "effective_on")
        self._reassigned(
            worker=worker or self.worker,
            supervisor=supervisor or self.supervisor,
            effective_on=effective_on,
            reason=reason,
            actor=actor,
            timestamp=at,
        )

    @event(CaseReassigned)
    def _reassigned(
        self,
        worker: str,
        supervisor: str,
        effective_on: dt.date,
        reason: str,
        actor: str,
        timestamp: dt.datetime,
    ) -> None:
        self.worker, self.supervisor = worker, supervisor
        self.assignments.append(Assignment(worker, supervisor, effective_on))

    def identify_parent(
        self,
        *,
        parent_id: UUID,
        name: str,
        relationship: Relationship,
        circumstances: ParentCircumstances,
        actor: str,
        at: dt.datetime,
    ) -> None:
        """Add a parent, with their circumstances from ``effective_on``."""
        self._require_open()
        self._require_not_before_opening(circumstances.effective_on, "effective_on")
        self._parent_identified(
            parent_id=parent_id,
            name=name,
            relationship=relationship,
            circumstances=circumstances,
            actor=actor,
            timestamp=at,
        )

    @event(ParentIdentified)
    def _parent_identified(
        self,
        parent_id: UUID,
        name: str,
        relationship: Relationship,
        circumstances: ParentCircumstances,
        actor: str,
        timestamp: dt.datetime,
    ) -> None:
        self.parents[parent_id.hex] = Parent(parent_id, name, relationship, (circumstances,))
        initial = {flag: getattr(circumstances, flag) for flag in PARENT_FLAGS}
        self.circumstance_changes[parent_id.hex] = [
            {"effective_on": circumstances.effective_on, "changes": initial}
        ]

    def change_circumstances(
        self,
        *,
        parent_id: UUID,
        effective_on: dt.date,
        changes: dict[str, bool],
        actor: str,
        at: dt.datetime,
    ) -> None:
        """Record that some of a parent's circumstances changed from ``effective_on``."""
        self._require_open()
        parent = self.parent(parent_id)
        self._require_not_before_opening(effective_on, "effective_on")
        if effective_on < parent.history[0].effective_on:
            raise errors.InvalidValue(
                "effective_on",
                f"The parent belongs to the case from {parent.history[0].effective_on}.",
            )
        changes = check_flags(dict(changes))
        if not changes:
            raise errors.InvalidValue("effective_on", "Name at least one circumstance.")
        self._circumstances_changed(
            parent_id=parent_id,
            effective_on=effective_on,
            changes=changes,
            actor=actor,
            timestamp=at,
        )

    @event(ParentCircumstancesChanged)
    def _circumstances_changed(
        self,
        parent_id: UUID,
        effective_on: dt.date,
        changes: dict[str, bool],
        actor: str,
        timestamp: dt.datetime,
    ) -> None:
        entry: dict[str, Any] = {"effective_on": effective_on, "changes": dict(changes)}
        log = [*self.circumstance_changes[parent_id.hex], entry]  # built before it is kept
        parent = self.parents[parent_id.hex]
        history = _fold_changes(log)
        self.circumstance_changes[parent_id.hex] = log
        self.parents[parent_id.hex] = dataclasses.replace(parent, history=history)

    def change_household(self, *, household: Household, actor: str, at: dt.datetime) -> None:
        """Record where the children are from ``household.effective_on``."""
        self._require_open()
        self._require_not_before_opening(household.effective_on, "effective_on")
        self._household_changed(household=household, actor=actor, timestamp=at)

    @event(HouseholdChanged)
    def _household_changed(self, household: Household, actor: str, timestamp: dt.datetime) -> None:
        kept = [h for h in self.household if h.effective_on != household.effective_on]
        self.household = sorted([*kept, household], key=lambda h: h.effective_on)

    def set_permanency_goal(self, *, setting: GoalSetting, actor: str, at: dt.datetime) -> None:
        """Record the case's permanency goal from ``effective_on``."""
        self._require_open()
        self._require_not_before_opening(setting.effective_on, "effective_on")
        self._goal_set(setting=setting, actor=actor, timestamp=at)

    @event(PermanencyGoalSet)
    def _goal_set(self, setting: GoalSetting, actor: str, timestamp: dt.datetime) -> None:
        self.goals.append(setting)

    def schedule_reunification(
        self, *, child_returns_on: dt.date, actor: str, at: dt.datetime
    ) -> None:
        """Record the date the child is to return home (ENG-I.B.1)."""
        self._require_open()
        self._require_not_before_opening(child_returns_on, "child_returns_on")
        self._reunification_scheduled(child_returns_on=child_returns_on, actor=actor, timestamp=at)

    @event(ReunificationScheduled)
    def _reunification_scheduled(
        self, child_returns_on: dt.date, actor: str, timestamp: dt.datetime
    ) -> None:
        self.reunifications.append(Reunification(child_returns_on, timestamp))

    def set_contact_frequency(
        self, *, frequency: ContactFrequency, actor: str, at: dt.datetime
    ) -> None:
        """Record the case plan's contact frequency for a parent (ENG-I, ENG-II)."""
        self._require_open()
        self.parent(frequency.parent_id)
        self._require_not_before_opening(frequency.effective_on, "effective_on")
        if frequency.per_month < 1:
            raise errors.InvalidValue("per_month", "Must be at least 1.")
        self._frequency_set(frequency=frequency, actor=actor, timestamp=at)

    @event(ContactFrequencySet)
    def _frequency_set(
        self, frequency: ContactFrequency, actor: str, timestamp: dt.datetime
    ) -> None:
        self.frequencies.append(frequency)

    def record_diligent_search(
        self, *, search: DiligentSearch, actor: str, at: dt.datetime
    ) -> None:
        """Record a search for a missing parent (TN-A-NOTE-2)."""
        self._require_open()
        self.parent(search.parent_id)
        self._check_occurred_at(search.occurred_at, at)
        self._search_recorded(search=search, actor=actor, timestamp=at)

    @event(DiligentSearchRecorded)
    def _search_recorded(self, search: DiligentSearch, actor: str, timestamp: dt.datetime) -> None:
        self.searches.append(search)

    def record_contact(
        self,
        *,
        contact_id: UUID,
        parent_id: UUID,
        occurred_at: dt.datetime,
        method: ContactMethod,
        location: str | None,
        outcome: ContactOutcome,
        purpose: str,
        topics: list[Topic],
        narrative: str | None,
        documentation_due: dt.datetime,
        actor: str,
        at: dt.datetime,
    ) -> Contact:
        """Record an effort to engage a parent, made or not."""
        self._require_open()
        self.parent(parent_id)
        self._check_occurred_at(occurred_at, at)
        _require_narrative(self.program, outcome, narrative)
        self._contact_recorded(
            contact_id=contact_id,
            parent_id=parent_id,
            occurred_at=occurred_at,
            method=method,
            location=location,
            outcome=outcome,
            purpose=purpose,
            topics=topics,
            narrative=narrative,
            documentation_due=documentation_due,
            actor=actor,
            timestamp=at,
        )
        return self.contacts[contact_id.hex]

    @event(ContactRecorded)
    def _contact_recorded(
        self,
        contact_id: UUID,
        parent_id: UUID,
        occurred_at: dt.datetime,
        method: ContactMethod,
        location: str | None,
        outcome: ContactOutcome,
        purpose: str,
        topics: list[Topic],
        narrative: str | None,
        documentation_due: dt.datetime,
        actor: str,
        timestamp: dt.datetime,
    ) -> None:
        self.contacts[contact_id.hex] = Contact(
            contact_id=contact_id,
            parent_id=parent_id,
            occurred_at=occurred_at,
            method=method,
            location=location,
            outcome=outcome,
            purpose=purpose,
            topics=tuple(topics),
            narrative=narrative,
            recorded_at=timestamp,
            recorded_by=actor,
            documentation_due=documentation_due,
        )

    def _live_contact(self, contact_id: UUID) -> Contact:
        contact = self.contact(contact_id)
        if contact.voided:
            raise errors.ContactAlreadyVoided("The contact was voided; record a new one.")
        return contact

    def amend_contact(
        self,
        *,
        contact_id: UUID,
        reason: str,
        changes: dict[str, Any],
        documentation_due: dt.datetime,
        actor: str,
        at: dt.datetime,
    ) -> Contact:
        """Correct a contact by a new fact; the original stays in the history."""
        self._require_open()
        contact = self._live_contact(contact_id)
        unknown = sorted(set(changes) - set(AMENDABLE_FIELDS))
        if unknown:
            raise errors.InvalidValue(unknown[0], "This field cannot be amended.")
        if not changes:
            raise errors.InvalidValue("reason", "Name at least one corrected field.")
        changes = _typed_changes(changes)
        amended = _apply_changes(contact, changes, documentation_due)
        self._check_occurred_at(amended.occurred_at, at)
        _require_narrative(self.program, amended.outcome, amended.narrative)
        self._contact_amended(
            contact_id=contact_id,
            reason=reason,
            changes=changes,
            documentation_due=documentation_due,
            actor=actor,
            timestamp=at,
        )
        return self.contacts[contact_id.hex]

    @event(ContactAmended)
    def _contact_amended(
        self,
        contact_id: UUID,
        reason: str,
        changes: dict[str, Any],
        documentation_due: dt.datetime,
        actor: str,
        timestamp: dt.datetime,
    ) -> None:
        contact = self.contacts[contact_id.hex]
        self.contacts[contact_id.hex] = _apply_changes(contact, changes, documentation_due)

    def void_contact(self, *, contact_id: UUID, reason: str, actor: str, at: dt.datetime) -> None:
        """Withdraw a contact recorded in error; it then counts for nothing."""
        self._require_open()
        self._live_contact(contact_id)
        self._contact_voided(contact_id=contact_id, reason=reason, actor=actor, timestamp=at)

    @event(ContactVoided)
    def _contact_voided(
        self, contact_id: UUID, reason: str, actor: str, timestamp: dt.datetime
    ) -> None:
        contact = self.contacts[contact_id.hex]
        self.contacts[contact_id.hex] = dataclasses.replace(
            contact, voided=True, void_reason=reason
        )

    def close(self, *, closed_on: dt.date, reason: str, actor: str, at: dt.datetime) -> None:
        """Close the case; it takes no further commands."""
        self._require_open()
        self._require_not_before_opening(closed_on, "closed_on")
        self._closed(closed_on=closed_on, reason=reason, actor=actor, timestamp=at)

    @event(CaseClosed)
    def _closed(self, closed_on: dt.date, reason: str, actor: str, timestamp: dt.datetime) -> None:
        self.closed_on, self.close_reason = closed_on, reason


_DOCUMENTATION_CLAUSE = {
    Program.NH_CPS: "ENG-VII",
    Program.NH_JJS: "ENG-VIII",
    Program.TN_DCS: "TN-D",
}


def _require_narrative(program: Program, outcome: ContactOutcome, narrative: str | None) -> None:
    if outcome is ContactOutcome.COMPLETED and not (narrative or "").strip():
        raise errors.NarrativeRequired(
            "A completed contact needs its narrative.",
            field="narrative",
            clause=_DOCUMENTATION_CLAUSE[program],
        )


def _fold_changes(log: list[dict[str, Any]]) -> tuple[ParentCircumstances, ...]:
    """Each day's circumstances: every change effective by then, in effective-date order.

    A change recorded late but effective mid-history alters the days from its date on,
    while the fields that later changes did not name keep its value.
    """
    ordered = sorted(log, key=lambda entry: entry["effective_on"])  # stable: recording order
    history = []
    for day in sorted({entry["effective_on"] for entry in ordered}):
        flags: dict[str, bool] = {}
        for entry in ordered:
            if entry["effective_on"] <= day:
                flags.update(entry["changes"])
        history.append(ParentCircumstances(effective_on=day, **flags))
    return tuple(history)


def _typed_changes(changes: dict[str, Any]) -> dict[str, Any]:
    """Corrected values as the members and instants a contact holds, never bare words."""
    typed = dict(changes)
    for field, enum_cls in (("method", ContactMethod), ("outcome", ContactOutcome)):
        if field in typed:
            typed[field] = parse_enum(enum_cls, typed[field], field)
    if "topics" in typed:
        typed["topics"] = [parse_enum(Topic, t, "topics") for t in typed["topics"]]
    if "occurred_at" in typed:
        require_instant(typed["occurred_at"], "occurred_at")
    return typed


def _apply_changes(
    contact: Contact, changes: dict[str, Any], documentation_due: dt.datetime
) -> Contact:
    fields = dict(changes)
    if "topics" in fields:
        fields["topics"] = tuple(fields["topics"])
    return dataclasses.replace(
        contact, **fields, amendments=contact.amendments + 1, documentation_due=documentation_due
    )


__all__ = ["AMENDABLE_FIELDS", "Case", "PermanencyGoal", "SearchOutcome"]
