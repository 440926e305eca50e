"""The Permanency Planning Team record of an NH-JJS case (SOP 1626.4), under /ppt.

The case's worker and supervisor record here as anywhere on the case; the Permanency
JPPO (``permanency_worker``) of the worker's team reads and records here too. Only
the case's supervisor records follow-ups on tasks (PPT-III.C).
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from flask import jsonify

from domain import errors as domain
from domain.access import can_write_ppt, may_follow_up_ppt_tasks
from domain.case import Case
from domain.policy.calendar import local_date
from domain.ppt_values import PptRequestKind
from domain.values import Role
from projections.audit_entry import plain
from web.api import api
from web.api.writes import documented, load, record, record_body
from web.auth import forbidden, ledger, readable_case, viewer
from web.schemas import ppt as schemas

PERMANENCY_WORKERS = frozenset({Role.PERMANENCY_WORKER})


def ppt_case(case_id: UUID) -> Case:
    """The case, when the caller may record its PPT facts (404, then 403)."""
    case = readable_case(case_id)
    if not can_write_ppt(viewer(), ledger().case_parties(case)):
        raise forbidden("Your role may read this case but not record PPT facts on it.")
    return case


@api.get("/cases/<uuid:case_id>/ppt")
@documented(answer=schemas.PptRecordOut, status=200)
def get_ppt(case_id: UUID) -> Any:
    """Every PPT fact of the case; tasks say whether they are overdue (PPT-III.C)."""
    case = readable_case(case_id)
    today = local_date(case.program, ledger().clock())
    record_ = case.ppt
    tasks = [
        plain(task)
        | {"overdue": task.completed_on is None and task.due_on < today}
        | {"follow_ups": [d.isoformat() for d in task.follow_ups]}
        for task in record_.tasks
    ]
    answer = {
        "case_id": str(case.id),
        "program": case.program.value,
        "placements": plain(record_.placements),
        "notices": plain(record_.notices),
        "screens": plain(record_.screens),
        "information": plain(record_.information),
        "meetings": plain(record_.meetings),
        "staffing_factors": plain(record_.factors),
        "tasks": tasks,
        "permanency": plain(record_.permanency),
        "requests": plain(record_.requests),
    }
    return jsonify(answer)


@api.post("/cases/<uuid:case_id>/ppt/placements")
@documented(schemas.PlacementSchema, schemas.PptRecordedOut)
def record_placement(case_id: UUID) -> Any:
    """The youth was placed, or the placement changed (PPT-I.A)."""
    ppt_case(case_id)
    return record_body(case_id, schemas.PlacementSchema())


@api.post("/cases/<uuid:case_id>/ppt/jppo-notices")
@documented(schemas.JppoNoticeSchema, schemas.PptRecordedOut)
def notify_permanency_jppo(case_id: UUID) -> Any:
    """The Permanency JPPO was told of a placement or change (PPT-I.A)."""
    ppt_case(case_id)
    schema = schemas.JppoNoticeSchema()
    body, data = load(schema)
    ledger().require_user(data["permanency_worker"], "permanency_worker", PERMANENCY_WORKERS)
    return record(case_id, schema.command(data), body)


@api.post("/cases/<uuid:case_id>/ppt/screens")
@documented(schemas.ScreenSchema, schemas.PptRecordedOut)
def complete_screen(case_id: UUID) -> Any:
    """Page 1 of the PPT screen was completed (PPT-I.B)."""
    ppt_case(case_id)
    return record_body(case_id, schemas.ScreenSchema())


@api.post("/cases/<uuid:case_id>/ppt/information")
@documented(schemas.InformationSchema, schemas.PptRecordedOut)
def gather_information(case_id: UUID) -> Any:
    """Information was gathered from parents, the youth or providers (PPT-I.C)."""
    ppt_case(case_id)
    return record_body(case_id, schemas.InformationSchema())


@api.post("/cases/<uuid:case_id>/ppt/meetings")
@documented(schemas.PptMeetingSchema, schemas.PptRecordedOut)
def hold_ppt_meeting(case_id: UUID) -> Any:
    """A PPT meeting was held, with the notes on topics 1-6 (PPT-I.D)."""
    ppt_case(case_id)
    return record_body(case_id, schemas.PptMeetingSchema())


@api.post("/cases/<uuid:case_id>/ppt/staffing-factors")
@documented(schemas.StaffingFactorSchema, schemas.PptRecordedOut)
def identify_staffing_factor(case_id: UUID) -> Any:
    """A factor warranting more DCYF staff at the PPT was identified (PPT-I.H)."""
    ppt_case(case_id)
    return record_body(case_id, schemas.StaffingFactorSchema())


@api.post("/cases/<uuid:case_id>/ppt/staffing-factors/<uuid:factor_id>/advice")
@documented(schemas.AdviceSchema, schemas.PptRecordedOut)
def advise_staffing(case_id: UUID, factor_id: UUID) -> Any:
    """The Permanency JPPO was advised of the factor (PPT-I.H)."""
    if ppt_case(case_id).ppt.factor(factor_id) is None:
        raise domain.StaffingFactorNotFound("No such staffing factor on this case.")
    return record_body(case_id, schemas.AdviceSchema(), factor_id)


@api.post("/cases/<uuid:case_id>/ppt/tasks")
@documented(schemas.TaskSchema, schemas.PptRecordedOut)
def assign_ppt_task(case_id: UUID) -> Any:
    """A task was assigned at a PPT meeting (PPT-I.I)."""
    ppt_case(case_id)
    return record_body(case_id, schemas.TaskSchema())


def _task_case(case_id: UUID, task_id: UUID) -> Case:
    case = ppt_case(case_id)
    if case.ppt.task(task_id) is None:
        raise domain.PptTaskNotFound("No such PPT task on this case.")
    return case


@api.post("/cases/<uuid:case_id>/ppt/tasks/<uuid:task_id>/completion")
@documented(schemas.TaskCompletionSchema, schemas.PptRecordedOut)
def complete_ppt_task(case_id: UUID, task_id: UUID) -> Any:
    """A PPT task was completed (PPT-I.I)."""
    _task_case(case_id, task_id)
    return record_body(case_id, schemas.TaskCompletionSchema(), task_id)


@api.post("/cases/<uuid:case_id>/ppt/tasks/<uuid:task_id>/follow-ups")
@documented(schemas.FollowUpSchema, schemas.PptRecordedOut)
def follow_up_ppt_task(case_id: UUID, task_id: UUID) -> Any:
    """The supervisor followed up with the JPPO on a task (PPT-III.C)."""
    case = _task_case(case_id, task_id)
    if not may_follow_up_ppt_tasks(viewer(), ledger().case_parties(case)):
        raise forbidden("Only the case's supervisor follows up on PPT tasks (PPT-III.C).")
    return record_body(case_id, schemas.FollowUpSchema(), task_id)


@api.post("/cases/<uuid:case_id>/ppt/permanency")
@documented(schemas.PermanencySchema, schemas.PptRecordedOut)
def achieve_permanency(case_id: UUID) -> Any:
    """Permanency was achieved for the youth (PPT-I.J)."""
    ppt_case(case_id)
    return record_body(case_id, schemas.PermanencySchema())


@api.post("/cases/<uuid:case_id>/ppt/updates")
@documented(schemas.UpdateSchema, schemas.PptRecordedOut)
def update_ppt(case_id: UUID) -> Any:
    """The PPT was updated that permanency was achieved (PPT-I.J)."""
    ppt_case(case_id)
    return record_body(case_id, schemas.UpdateSchema())


@api.post("/cases/<uuid:case_id>/ppt/meeting-requests")
@documented(schemas.RequestSchema, schemas.PptRecordedOut)
def request_extra_meeting(case_id: UUID) -> Any:
    """A PPT meeting outside the regular schedule was asked for (PPT-I.E-G)."""
    ppt_case(case_id)
    return record_body(case_id, schemas.RequestSchema(), PptRequestKind.EXTRA_MEETING)


@api.post("/cases/<uuid:case_id>/ppt/workgroup-requests")
@documented(schemas.RequestSchema, schemas.PptRecordedOut)
def request_workgroup(case_id: UUID) -> Any:
    """The JJ Permanency Workgroup was asked for (PPT-II)."""
    ppt_case(case_id)
    return record_body(case_id, schemas.RequestSchema(), PptRequestKind.WORKGROUP)
