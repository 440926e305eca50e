"""Bodies of the case and participant calls (api-contract "Cases and participants")."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from domain.commands import (
    ChangeCircumstances,
    ChangeHousehold,
    CloseCase,
    IdentifyParent,
    OpenCase,
    Reassign,
    RecordDiligentSearch,
    ScheduleReunification,
    SetContactFrequency,
    SetPermanencyGoal,
)
from domain.values import (
    PARENT_FLAGS,
    Household,
    PermanencyGoal,
    Program,
    Relationship,
    SearchOutcome,
)
from web.schemas.fields import (
    NAME_LIMIT,
    REASON_LIMIT,
    TEXT_LIMIT,
    day,
    flag,
    instant,
    text,
    username,
    word,
)


class OpenCaseSchema(Schema):
    """POST /cases."""

    case_number = text(NAME_LIMIT)
    program = word(Program, required=True)
    opened_on = day()
    worker = username()
    supervisor = username()
    court_involved = flag()

    def command(self, data: dict[str, Any]) -> OpenCase:
        """The command this body asks for."""
        return OpenCase(**data)


class ParentSchema(Schema):
    """POST /cases/{case_id}/parents."""

    name = text(NAME_LIMIT)
    relationship = word(Relationship, required=True)
    custodial = flag(required=True)
    out_of_state = flag()
    incarcerated = flag()
    missing = flag()
    child_frequents_home = flag()
    reunification_planned = flag()
    effective_on = day(required=False, load_default=None)

    def command(self, data: dict[str, Any]) -> IdentifyParent:
        """The command this body asks for."""
        flags = {name: data[name] for name in PARENT_FLAGS}
        return IdentifyParent(data["name"], data["relationship"], flags, data["effective_on"])


class CircumstancesSchema(Schema):
    """POST /cases/{case_id}/parents/{parent_id}/circumstances."""

    effective_on = day()
    custodial = flag(default=None)
    out_of_state = flag(default=None)
    incarcerated = flag(default=None)
    missing = flag(default=None)
    child_frequents_home = flag(default=None)
    reunification_planned = flag(default=None)

    @validates_schema
    def _names_a_change(self, data: dict[str, Any], **kwargs: Any) -> None:
        if all(data.get(name) is None for name in PARENT_FLAGS):
            raise ValidationError("Name at least one circumstance.", "_schema")

    def command(self, data: dict[str, Any], parent_id: UUID) -> ChangeCircumstances:
        """The command this body asks for."""
        changes = {name: data[name] for name in PARENT_FLAGS if data.get(name) is not None}
        return ChangeCircumstances(parent_id, data["effective_on"], changes)


class HouseholdSchema(Schema):
    """POST /cases/{case_id}/household."""

    effective_on = day()
    children_in_home = flag(required=True)
    reunification_expected_on = day(required=False, load_default=None, allow_none=True)
    in_placement = flag(required=True)

    def command(self, data: dict[str, Any]) -> ChangeHousehold:
        """The command this body asks for."""
        return ChangeHousehold(Household(**data))


class ReunificationSchema(Schema):
    """POST /cases/{case_id}/reunifications (ENG-I.B.1)."""

    child_returns_on = day()

    def command(self, data: dict[str, Any]) -> ScheduleReunification:
        """The command this body asks for."""
        return ScheduleReunification(**data)


class ReassignmentSchema(Schema):
    """POST /cases/{case_id}/reassignments."""

    worker = username(required=False, load_default=None)
    supervisor = username(required=False, load_default=None)
    effective_on = day()
    reason = text(REASON_LIMIT)

    @validates_schema
    def _names_someone(self, data: dict[str, Any], **kwargs: Any) -> None:
        if data.get("worker") is None and data.get("supervisor") is None:
            raise ValidationError("Name a worker, a supervisor or both.", "_schema")

    def command(self, data: dict[str, Any]) -> Reassign:
        """The command this body asks for."""
        return Reassign(**data)


class ContactFrequencySchema(Schema):
    """POST /cases/{case_id}/parents/{parent_id}/contact-frequency (ENG-I, ENG-II)."""

    per_month = fields.Integer(required=True, strict=True, validate=validate.Range(min=1, max=31))
    effective_on = day()
    reason = text(REASON_LIMIT)

    def command(self, data: dict[str, Any], parent_id: UUID) -> SetContactFrequency:
        """The command this body asks for."""
        return SetContactFrequency(parent_id=parent_id, **data)


class DiligentSearchSchema(Schema):
    """POST /cases/{case_id}/diligent-searches (TN-A-NOTE-2)."""

    parent_id = fields.UUID(required=True)
    occurred_at = instant()
    sources = fields.List(text(TEXT_LIMIT), required=True, validate=validate.Length(min=1, max=50))
    outcome = word(SearchOutcome, required=True)

    def command(self, data: dict[str, Any]) -> RecordDiligentSearch:
        """The command this body asks for."""
        return RecordDiligentSearch(
            data["parent_id"], data["occurred_at"], tuple(data["sources"]), data["outcome"]
        )


class ClosureSchema(Schema):
    """POST /cases/{case_id}/closure."""

    closed_on = day()
    reason = text(REASON_LIMIT)

    def command(self, data: dict[str, Any]) -> CloseCase:
        """The command this body asks for."""
        return CloseCase(**data)


class PermanencyGoalSchema(Schema):
    """POST /cases/{case_id}/permanency-goals (PPT-FAQ-Q1: who set it)."""

    goal = word(PermanencyGoal, required=True)
    concurrent_goal = word(PermanencyGoal, load_default=None, allow_none=True)
    effective_on = day()
    set_by = fields.List(username(), required=True, validate=validate.Length(min=1, max=20))

    def command(self, data: dict[str, Any]) -> SetPermanencyGoal:
        """The command this body asks for."""
        return SetPermanencyGoal(
            data["goal"], data["concurrent_goal"], data["effective_on"], tuple(data["set_by"])
        )
