"""Answers: the case as the record now reads, and the contracted write answers."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, fields

from domain.case import Case
from domain.meetings import MeetingKind, NoticeOutcome, WithholdReason
from domain.values import (
    ContactMethod,
    ContactOutcome,
    PermanencyGoal,
    Program,
    Relationship,
    SearchOutcome,
    Topic,
)


class CircumstancesOut(Schema):
    """A parent's circumstances from ``effective_on``."""

    effective_on = fields.Date()
    custodial = fields.Boolean()
    out_of_state = fields.Boolean()
    incarcerated = fields.Boolean()
    missing = fields.Boolean()
    child_frequents_home = fields.Boolean()
    reunification_planned = fields.Boolean()


class ParentOut(Schema):
    """A parent with their latest circumstances and the history behind them."""

    parent_id = fields.UUID()
    name = fields.String()
    relationship = fields.Enum(Relationship, by_value=True)
    circumstances = fields.Nested(CircumstancesOut)
    history = fields.List(fields.Nested(CircumstancesOut))


class HouseholdOut(Schema):
    """Where the children are from ``effective_on``."""

    effective_on = fields.Date()
    children_in_home = fields.Boolean()
    reunification_expected_on = fields.Date(allow_none=True)
    in_placement = fields.Boolean()


class GoalOut(Schema):
    """The permanency goal in force."""

    goal = fields.Enum(PermanencyGoal, by_value=True)
    concurrent_goal = fields.Enum(PermanencyGoal, by_value=True, allow_none=True)
    effective_on = fields.Date()
    set_by = fields.List(fields.String())


class ReunificationOut(Schema):
    """A scheduled return home (ENG-I.B.1)."""

    child_returns_on = fields.Date()
    scheduled_at = fields.AwareDateTime()


class FrequencyOut(Schema):
    """A case-plan contact frequency (ENG-I, ENG-II)."""

    parent_id = fields.UUID()
    per_month = fields.Integer()
    effective_on = fields.Date()
    reason = fields.String()


class SearchOut(Schema):
    """A diligent search (TN-A-NOTE-2)."""

    search_id = fields.UUID()
    parent_id = fields.UUID()
    occurred_at = fields.AwareDateTime()
    sources = fields.List(fields.String())
    outcome = fields.Enum(SearchOutcome, by_value=True)


class ContactOut(Schema):
    """A contact as the record now reads: amendments applied, voids shown."""

    contact_id = fields.UUID()
    parent_id = fields.UUID()
    occurred_at = fields.AwareDateTime()
    method = fields.Enum(ContactMethod, by_value=True)
    location = fields.String(allow_none=True)
    outcome = fields.Enum(ContactOutcome, by_value=True)
    purpose = fields.String()
    topics = fields.List(fields.Enum(Topic, by_value=True))
    narrative = fields.String(allow_none=True)
    recorded_at = fields.AwareDateTime()
    recorded_by = fields.String()
    documentation_due = fields.AwareDateTime()
    documented_late = fields.Boolean()
    amendments = fields.Integer()
    voided = fields.Boolean()
    void_reason = fields.String(allow_none=True)


class NoticeOut(Schema):
    """Notice of a meeting sent to, or withheld from, a parent (ENG-V)."""

    notice_id = fields.UUID()
    parent_id = fields.UUID()
    outcome = fields.Enum(NoticeOutcome, by_value=True)
    on = fields.Date()
    reason = fields.Enum(WithholdReason, by_value=True, allow_none=True)


class MeetingOut(Schema):
    """A meeting about the child with the notices recorded for it."""

    meeting_id = fields.UUID()
    kind = fields.Enum(MeetingKind, by_value=True)
    held_on = fields.Date()
    notices = fields.List(fields.Nested(NoticeOut))


class CaseOut(Schema):
    """GET /cases/{case_id}: the case's current state; ``version`` is its ETag."""

    case_id = fields.UUID()
    case_number = fields.String()
    program = fields.Enum(Program, by_value=True)
    opened_on = fields.Date()
    closed_on = fields.Date(allow_none=True)
    worker = fields.String()
    supervisor = fields.String()
    court_involved = fields.Boolean()
    parents = fields.List(fields.Nested(ParentOut))
    household = fields.Nested(HouseholdOut, allow_none=True)
    permanency_goal = fields.Nested(GoalOut, allow_none=True)
    reunifications = fields.List(fields.Nested(ReunificationOut))
    contact_frequencies = fields.List(fields.Nested(FrequencyOut))
    diligent_searches = fields.List(fields.Nested(SearchOut))
    contacts = fields.List(fields.Nested(ContactOut))
    meetings = fields.List(fields.Nested(MeetingOut))
    open_decisions = fields.List(fields.Dict())
    version = fields.Integer()


def case_state(case: Case) -> dict[str, Any]:
    """The plain answer for GET /cases/{case_id}."""
    parents = [
        {
            "parent_id": p.parent_id,
            "name": p.name,
            "relationship": p.relationship,
            "circumstances": p.history[-1],
            "history": list(p.history),
        }
        for p in case.parents.values()
    ]
    state = {
        "case_id": case.id,
        "case_number": case.case_number,
        "program": case.program,
        "opened_on": case.opened_on,
        "closed_on": case.closed_on,
        "worker": case.worker,
        "supervisor": case.supervisor,
        "court_involved": case.court_involved,
        "parents": parents,
        "household": case.current_household,
        "permanency_goal": case.current_goal,
        "reunifications": case.reunifications,
        "contact_frequencies": case.frequencies,
        "diligent_searches": case.searches,
        "contacts": sorted(case.contacts.values(), key=lambda c: c.occurred_at),
        "meetings": _meetings(case),
        "open_decisions": [],
        "version": case.version,
    }
    answer: dict[str, Any] = CaseOut().dump(state)
    return answer


def _meetings(case: Case) -> list[dict[str, Any]]:
    """Each meeting by day, its notices in the order they were given."""
    notices = sorted(case.meeting_notices.values(), key=lambda n: n.on)
    return [
        {
            "meeting_id": m.meeting_id,
            "kind": m.kind,
            "held_on": m.held_on,
            "notices": [n for n in notices if n.meeting_id == m.meeting_id],
        }
        for m in sorted(case.meetings.values(), key=lambda m: m.held_on)
    ]


class CaseOpenedOut(Schema):
    """201 to POST /cases."""

    case_id = fields.UUID()
    case_number = fields.String()


class ParentIdentifiedOut(Schema):
    """201 to POST /cases/{case_id}/parents."""

    parent_id = fields.UUID()


class SearchRecordedOut(Schema):
    """201 to POST /cases/{case_id}/diligent-searches."""

    search_id = fields.UUID()


class MeetingScheduledOut(Schema):
    """201 to POST /cases/{case_id}/meetings."""

    meeting_id = fields.UUID()


class NoticeRecordedOut(Schema):
    """201 to POST /cases/{case_id}/meetings/{meeting_id}/notices."""

    notice_id = fields.UUID()


class EscalationRecordedOut(Schema):
    """201 to POST /cases/{case_id}/refusal-escalations (ENG-VI)."""

    escalation_id = fields.UUID()


class ContactRecordedOut(Schema):
    """201 to a contact, its amendment or its void."""

    contact_id = fields.UUID()
    recorded_at = fields.AwareDateTime()
    documentation_due = fields.AwareDateTime()
    documented_late = fields.Boolean()


class RecordedOut(Schema):
    """201 to any other write: the plain facts recorded."""

    class Meta:
        """Other answers vary by call."""

        unknown = "include"
