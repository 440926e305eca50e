"""Referrals to Parents Becoming Partners and the coordinator's board (dss-028).

Checks run in the contract's order: token, visibility (404), role (403), body, then
the command's own state (409) and policy (422 with clause) refusals. What the
coordinator reads is built from referral and volunteer records only (B4).
"""

from __future__ import annotations

import threading
from typing import Any
from uuid import UUID

from flask import current_app, jsonify, request

from domain import errors as domain
from domain import pbp_commands as cmd
from domain.pbp import access, records
from domain.pbp.errors import ReferralNotFound, UnknownCase
from domain.pbp.values import ReferralStatus
from domain.referral import PartnerReferral
from domain.values import parse_enum
from projections.referral_board import ReferralBoard
from projections.runner import catch_up
from web.api import api
from web.api.parent_partners import execute, require_coordinator
from web.api.writes import documented, load
from web.auth import forbidden, ledger, viewer
from web.schemas import pbp as schemas

_board_lock = threading.Lock()


def board() -> ReferralBoard:
    """The board read model of this app, caught up with every acknowledged write."""
    with _board_lock:
        found = current_app.extensions.get("caseledger.referral_board")
        if found is None:
            found = current_app.extensions["caseledger.referral_board"] = ReferralBoard(ledger())
    catch_up(ledger(), found)
    board_model: ReferralBoard = found
    return board_model


def visible_referral(referral_id: UUID) -> PartnerReferral:
    """The referral, or 404 when it does not exist for the caller."""
    app_ledger = ledger()
    referral = records.get_referral(app_ledger, referral_id)
    case = app_ledger.get_case(referral.case_id)
    if not access.sees_referral(viewer(), app_ledger.case_parties(case)):
        raise ReferralNotFound("No such referral.")
    return referral


def referral_view(referral: PartnerReferral) -> dict[str, Any]:
    """The referral as its record reads: referral data only, never the case's narrative."""
    assignment = referral.assignment
    return {
        "referral_id": str(referral.id),
        "case_id": str(referral.case_id),
        "parent_id": str(referral.parent_id),
        "status": referral.status.value,
        "stage_since": referral.stage_since.isoformat(),
        "submitted_at": referral.submitted_at.isoformat(),
        "referred_by": referral.referred_by,
        "needs": referral.needs,
        "conferred_with": referral.conferred_with,
        "preferred_language": referral.preferred_language,
        "area": referral.area,
        "assignment": None
        if assignment is None
        else {
            "parent_partner_id": assignment.parent_partner_id,
            "parent_partner_name": assignment.parent_partner_name,
            "rank": assignment.rank,
            "top_ranked_id": assignment.top_ranked_id,
            "override_reason": assignment.override_reason,
            "assigned_on": assignment.assigned_on.isoformat(),
        },
        "planning_meetings": [
            {"held_on": d.isoformat(), "attended_by": list(a)}
            for d, a in referral.planning_meetings
        ],
        "family_meetings": [
            {"held_on": d.isoformat(), "accompanied_by": a} for d, a in referral.family_meetings
        ],
    }


@api.post("/referrals")
@documented(schemas.PbpReferralSchema, schemas.ReferralOut)
def submit_referral() -> Any:
    """The case's worker or supervisor refers a parent (PBP-REF-1); 422 PBP-ELIG if ineligible."""
    if viewer().role not in access.REFERRERS:
        raise forbidden("Only the case's worker or supervisor refers a family.")
    schema = schemas.PbpReferralSchema()
    body, data = load(schema)
    app_ledger = ledger()
    try:
        case = app_ledger.get_case(data["case_id"])
    except domain.CaseNotFound:
        raise UnknownCase() from None
    parties = app_ledger.case_parties(case)
    if not access.sees_referral(viewer(), parties):
        raise UnknownCase()
    if not access.may_refer(viewer(), parties):
        raise forbidden("Only the case's worker or supervisor refers a family.")
    return execute(schema.command(data), body)


def parse_statuses(words: str | None) -> list[ReferralStatus]:
    """``?status=submitted,assigned``: any of the board's stage words (422 otherwise)."""
    if not words:
        return []
    return [parse_enum(ReferralStatus, w.strip(), "status") for w in words.split(",")]


@api.get("/referrals")
@documented(answer=schemas.BoardOut, status=200)
def referral_board() -> Any:
    """The coordinator's board: stage and days in stage per referral, never a narrative."""
    require_coordinator()
    statuses = parse_statuses(request.args.get("status"))
    as_of = ledger().clock().date()
    rows = board().rows(statuses, as_of)
    return jsonify(
        {"as_of": as_of.isoformat(), "referrals": schemas.BoardRowOut(many=True).dump(rows)}
    )


@api.get("/referrals/<uuid:referral_id>")
@documented(status=200)
def get_referral(referral_id: UUID) -> Any:
    """One referral's record: needs, assignment and why, meetings, stage."""
    return jsonify(referral_view(visible_referral(referral_id)))


@api.get("/referrals/<uuid:referral_id>/candidates")
@documented(answer=schemas.CandidatesOut, status=200)
def candidates(referral_id: UUID) -> Any:
    """Active tier V volunteers ranked for the family, each with the reasons for its place."""
    referral = visible_referral(referral_id)
    require_coordinator()
    ranked = records.candidates(ledger(), referral)
    return jsonify(schemas.CandidatesOut().dump({"referral_id": referral.id, "candidates": ranked}))


def _coordinator_step(referral_id: UUID, schema: Any) -> tuple[Any, dict[str, Any]]:
    visible_referral(referral_id)
    require_coordinator()
    return load(schema)


@api.post("/referrals/<uuid:referral_id>/needs")
@documented(schemas.PbpNeedsSchema, schemas.ReferralOut)
def identify_needs(referral_id: UUID) -> Any:
    """The needs agreed with the referring worker and their SWS (PBP-REF-2)."""
    body, data = _coordinator_step(referral_id, schemas.PbpNeedsSchema())
    command = cmd.IdentifyNeeds(referral_id, tuple(data["needs"]), tuple(data["conferred_with"]))
    return execute(command, body)


@api.post("/referrals/<uuid:referral_id>/assignment")
@documented(schemas.PbpAssignmentSchema, schemas.ReferralOut)
def assign(referral_id: UUID) -> Any:
    """Assign a volunteer (PBP-REF-3); below tier V: 422 PBP-DIRECT."""
    body, data = _coordinator_step(referral_id, schemas.PbpAssignmentSchema())
    command = cmd.AssignParentPartner(
        referral_id, data["parent_partner_id"], data["override_reason"]
    )
    return execute(command, body)


@api.post("/referrals/<uuid:referral_id>/planning-meeting")
@documented(schemas.PbpPlanningMeetingSchema, schemas.ReferralOut)
def planning_meeting(referral_id: UUID) -> Any:
    """The planning meeting held and who attended (PBP-REF-4)."""
    body, data = _coordinator_step(referral_id, schemas.PbpPlanningMeetingSchema())
    command = cmd.HoldPlanningMeeting(referral_id, data["held_on"], tuple(data["attended_by"]))
    return execute(command, body)


@api.post("/referrals/<uuid:referral_id>/family-meetings")
@documented(schemas.PbpFamilyMeetingSchema, schemas.ReferralOut)
def family_meeting(referral_id: UUID) -> Any:
    """The volunteer met the family; 422 PBP-REF-6 unless the PBP SWS or the worker came."""
    referral = visible_referral(referral_id)
    app_ledger = ledger()
    parties = app_ledger.case_parties(app_ledger.get_case(referral.case_id))
    if not access.may_record_family_meeting(viewer(), parties):
        raise forbidden("Only the PBP coordinator or the case's worker records family meetings.")
    body, data = load(schemas.PbpFamilyMeetingSchema())
    command = cmd.HoldFamilyMeeting(referral_id, data["held_on"], data["accompanied_by"])
    return execute(command, body)


@api.post("/referrals/<uuid:referral_id>/closure")
@documented(schemas.PbpClosureSchema, schemas.ReferralOut)
def close_referral(referral_id: UUID) -> Any:
    """Support ends; 422 PBP-REF-7 unless all four parties agreed."""
    body, data = _coordinator_step(referral_id, schemas.PbpClosureSchema())
    command = cmd.CloseReferral(referral_id, tuple(data["agreed_by"]), data["closed_on"])
    return execute(command, body)


@api.post("/referrals/<uuid:referral_id>/withdrawal")
@documented(schemas.PbpReasonSchema, schemas.ReferralOut)
def withdraw_referral(referral_id: UUID) -> Any:
    """The referring worker or the coordinator withdraws the referral, with the reason."""
    referral = visible_referral(referral_id)
    if not access.may_withdraw(viewer(), referral.referred_by):
        raise forbidden("Only the referring worker or the PBP coordinator withdraws a referral.")
    body, data = load(schemas.PbpReasonSchema())
    return execute(cmd.WithdrawReferral(referral_id, data["reason"]), body)
