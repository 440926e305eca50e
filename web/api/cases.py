"""Cases and participants (api-contract "Cases and participants")."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from flask import jsonify, url_for

from domain import errors as domain
from domain.access import CASE_OPENERS, sees_narrative
from domain.case import Case
from domain.values import Role
from web.api import api
from web.api.case_alerts import case_pbp_section
from web.api.writes import created, documented, idempotency, load, record, record_body
from web.auth import ledger, require_case_opener, viewer, visible_case, writable_case
from web.schemas import cases as schemas
from web.schemas.output import (
    CaseOpenedOut,
    CaseOut,
    ParentIdentifiedOut,
    RecordedOut,
    SearchRecordedOut,
    case_state,
)

SUPERVISORS = frozenset({Role.SUPERVISOR})


_NARRATIVE_FIELDS = frozenset({"narrative", "purpose", "location"})


def _without_narrative(contact: dict[str, Any]) -> dict[str, Any]:
    """A contact as the Permanency JPPO sees it: when and how, never what was said."""
    return {k: v for k, v in contact.items() if k not in _NARRATIVE_FIELDS}


def _path_parent(case: Case, parent_id: UUID) -> None:
    """A parent id in the path that is not on the case: 404."""
    if parent_id.hex not in case.parents:
        raise domain.ParentNotFound("No such parent on this case.")


@api.post("/cases")
@documented(schemas.OpenCaseSchema, CaseOpenedOut)
def open_case() -> Any:
    """Open a case under the agency's own case number."""
    require_case_opener()
    schema = schemas.OpenCaseSchema()
    body, data = load(schema)
    answer = ledger().open_case(schema.command(data), viewer().username, idempotency(body))
    response, status = created(answer)
    response.headers["Location"] = url_for("api.get_case", case_id=answer["case_id"])
    return response, status


@api.get("/cases/<uuid:case_id>")
@documented(answer=CaseOut, status=200)
def get_case(case_id: UUID) -> Any:
    """The case's current state; its ETag is the case's version."""
    case, parties = visible_case(case_id)
    state = case_state(case)
    if not sees_narrative(viewer()):
        state["contacts"] = [_without_narrative(c) for c in state["contacts"]]
    response = jsonify(state | case_pbp_section(case, parties))  # PBP-REF-5
    response.headers["ETag"] = f'"{case.version}"'
    return response


@api.post("/cases/<uuid:case_id>/parents")
@documented(schemas.ParentSchema, ParentIdentifiedOut)
def identify_parent(case_id: UUID) -> Any:
    """Add a parent to the case with their circumstances."""
    writable_case(case_id)
    return record_body(case_id, schemas.ParentSchema())


@api.post("/cases/<uuid:case_id>/parents/<uuid:parent_id>/circumstances")
@documented(schemas.CircumstancesSchema, RecordedOut)
def change_circumstances(case_id: UUID, parent_id: UUID) -> Any:
    """Some of a parent's circumstances change from a date."""
    _path_parent(writable_case(case_id), parent_id)
    return record_body(case_id, schemas.CircumstancesSchema(), parent_id)


@api.post("/cases/<uuid:case_id>/household")
@documented(schemas.HouseholdSchema, RecordedOut)
def change_household(case_id: UUID) -> Any:
    """Where the children live changes from a date."""
    writable_case(case_id)
    return record_body(case_id, schemas.HouseholdSchema())


@api.post("/cases/<uuid:case_id>/reunifications")
@documented(schemas.ReunificationSchema, RecordedOut)
def schedule_reunification(case_id: UUID) -> Any:
    """The child is to return home on a date (ENG-I.B.1)."""
    writable_case(case_id)
    return record_body(case_id, schemas.ReunificationSchema())


@api.post("/cases/<uuid:case_id>/reassignments")
@documented(schemas.ReassignmentSchema, RecordedOut)
def reassign(case_id: UUID) -> Any:
    """Hand the case to another worker and/or supervisor."""
    writable_case(case_id)
    schema = schemas.ReassignmentSchema()
    body, data = load(schema)
    if data["worker"] is not None:
        ledger().require_user(data["worker"], "worker", CASE_OPENERS)
    if data["supervisor"] is not None:
        ledger().require_user(data["supervisor"], "supervisor", SUPERVISORS)
    return record(case_id, schema.command(data), body)


@api.post("/cases/<uuid:case_id>/parents/<uuid:parent_id>/contact-frequency")
@documented(schemas.ContactFrequencySchema, RecordedOut)
def set_contact_frequency(case_id: UUID, parent_id: UUID) -> Any:
    """The case plan's contact frequency for a parent (ENG-I, ENG-II)."""
    _path_parent(writable_case(case_id), parent_id)
    return record_body(case_id, schemas.ContactFrequencySchema(), parent_id)


@api.post("/cases/<uuid:case_id>/diligent-searches")
@documented(schemas.DiligentSearchSchema, SearchRecordedOut)
def record_diligent_search(case_id: UUID) -> Any:
    """A search for a missing parent was made (TN-A-NOTE-2)."""
    writable_case(case_id)
    return record_body(case_id, schemas.DiligentSearchSchema())


@api.post("/cases/<uuid:case_id>/closure")
@documented(schemas.ClosureSchema, RecordedOut)
def close_case(case_id: UUID) -> Any:
    """Close the case; it then takes no further commands."""
    writable_case(case_id)
    return record_body(case_id, schemas.ClosureSchema())


@api.post("/cases/<uuid:case_id>/permanency-goals")
@documented(schemas.PermanencyGoalSchema, RecordedOut)
def set_permanency_goal(case_id: UUID) -> Any:
    """Record the case's permanency goal and who set it."""
    writable_case(case_id)
    return record_body(case_id, schemas.PermanencyGoalSchema())
