"""Volunteers and the unit's monthly meeting (api-contract "Parents Becoming Partners").

Every call here is the PBP coordinator's, and every answer is built from volunteer and
programme records alone.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from uuid import UUID

from flask import jsonify, request
from marshmallow import Schema

from domain import pbp_commands as cmd
from domain.parent_partner import ParentPartner
from domain.pbp import records
from domain.pbp.access import coordinates
from domain.pbp.unit_meetings import unit_meeting_obligations
from web.api import api
from web.api.writes import created, documented, idempotency, load
from web.auth import forbidden, ledger, viewer
from web.schemas import pbp as schemas
from web.schemas.fields import day
from web.schemas.pbp import ParentPartnerEnrolledOut


def require_coordinator() -> None:
    """Only the PBP social work supervisor (403 otherwise)."""
    if not coordinates(viewer()):
        raise forbidden("Only the PBP coordinator may do this.")


def execute(command: Any, body: Any) -> Any:
    """Run one programme command as the caller, honouring Idempotency-Key."""
    return created(ledger().execute(command, viewer().username, idempotency=idempotency(body)))


def partner_view(partner: ParentPartner) -> dict[str, Any]:
    """The volunteer record as the coordinator reads it."""
    warning = partner.warning
    return {
        "parent_partner_id": str(partner.id),
        "name": partner.name,
        "languages": partner.languages,
        "area": partner.area,
        "own_case_closed_on": partner.own_case_closed_on.isoformat(),
        "lived_experience": partner.lived_experience,
        "enrolled_on": partner.enrolled_on.isoformat(),
        "tier": partner.tier,
        "certifications": [
            {
                "tier": c.tier,
                "certified_on": c.certified_on.isoformat(),
                "certified_by": c.certified_by,
            }
            for c in partner.certifications
        ],
        "services": [s.value for s in partner.services],
        "capacity": partner.capacity,
        "free_capacity": partner.free_capacity,
        "referral_ids": [str(r) for r in partner.families],
        "active": partner.active,
        "deactivated_on": None
        if partner.deactivated_on is None
        else partner.deactivated_on.isoformat(),
        "deactivation_reason": partner.deactivation_reason,
        "warnings": [] if warning is None else [{"clause": "PBP-CANDIDATE", "message": warning}],
    }


@api.post("/parent-partners")
@documented(schemas.PbpEnrolmentSchema, ParentPartnerEnrolledOut)
def enrol_parent_partner() -> Any:
    """Enrol a volunteer; under a year since their own case closed: a PBP-CANDIDATE warning."""
    require_coordinator()
    schema = schemas.PbpEnrolmentSchema()
    body, data = load(schema)
    return execute(schema.command(data), body)


@api.get("/parent-partners")
@documented(answer=schemas.ParentPartnersOut, status=200)
def list_parent_partners() -> Any:
    """Every enrolled volunteer, in enrolment order."""
    require_coordinator()
    return jsonify({"parent_partners": [partner_view(p) for p in records.roster(ledger())]})


@api.get("/parent-partners/<uuid:partner_id>")
@documented(answer=schemas.ParentPartnerOut, status=200)
def get_parent_partner(partner_id: UUID) -> Any:
    """One volunteer: tiers over time, the services they allow, families, warnings."""
    require_coordinator()
    return jsonify(partner_view(records.get_partner(ledger(), partner_id)))


@api.post("/parent-partners/<uuid:partner_id>/certifications")
@documented(schemas.PbpCertificationSchema)
def certify_parent_partner(partner_id: UUID) -> Any:
    """Certify a volunteer for a tier (PBP-TIERS)."""
    require_coordinator()
    records.get_partner(ledger(), partner_id)
    schema = schemas.PbpCertificationSchema()
    body, data = load(schema)
    return execute(schema.command(data, partner_id), body)


@api.post("/parent-partners/<uuid:partner_id>/deactivation")
@documented(schemas.PbpReasonSchema)
def deactivate_parent_partner(partner_id: UUID) -> Any:
    """A volunteer leaves the programme, with the reason."""
    require_coordinator()
    records.get_partner(ledger(), partner_id)
    body, data = load(schemas.PbpReasonSchema())
    return execute(cmd.DeactivateParentPartner(partner_id, data["reason"]), body)


@api.post("/pbp/unit-meetings")
@documented(schemas.PbpUnitMeetingSchema)
def hold_unit_meeting() -> Any:
    """The PBP SWS met the volunteer unit as a group (PBP-SWS)."""
    require_coordinator()
    body, data = load(schemas.PbpUnitMeetingSchema())
    return execute(cmd.HoldUnitMeeting(data["held_on"], tuple(data["attendees"])), body)


class _AsOf(Schema):
    as_of = day(required=False, load_default=None)


@api.get("/pbp/unit-meetings")
@documented(answer=schemas.UnitMeetingsOut, status=200)
def unit_meetings() -> Any:
    """The monthly ``pbp_unit_meeting`` obligations owed by the PBP SWS, and the meetings."""
    require_coordinator()
    query = _AsOf().load(request.args.to_dict())
    as_of: dt.date = query["as_of"] or ledger().clock().date()
    unit = records.programme(ledger())
    meetings = [] if unit is None else unit.meetings
    owed = (
        []
        if unit is None
        else unit_meeting_obligations(unit.started_on, [(m, d) for m, d, _ in meetings], as_of)
    )
    return jsonify(
        {
            "as_of": as_of.isoformat(),
            "obligations": [o.to_contract() for o in owed],
            "meetings": [
                {"meeting_id": str(m), "held_on": d.isoformat(), "attendees": list(a)}
                for m, d, a in meetings
            ],
        }
    )
