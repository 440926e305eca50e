"""Bodies and answers of the Parents Becoming Partners calls (api-contract, dss-028)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from marshmallow import Schema, fields, validate

from domain import pbp_commands as cmd
from domain.pbp.values import Party
from web.schemas.fields import NAME_LIMIT, REASON_LIMIT, TEXT_LIMIT, day, text, username, word

WORDS = 50


def _words(*, required: bool = True, shortest: int = 0) -> fields.List:
    """A short list of short words or phrases (languages, needs, lived experience)."""
    return fields.List(
        text(NAME_LIMIT), required=required, validate=validate.Length(min=shortest, max=WORDS)
    )


def _tier(**kwargs: Any) -> fields.Integer:
    return fields.Integer(strict=True, validate=validate.Range(min=1, max=5), **kwargs)


class PbpEnrolmentSchema(Schema):
    """POST /parent-partners."""

    name = text(NAME_LIMIT)
    tier = _tier(required=True)
    languages = _words(shortest=1)
    area = text(NAME_LIMIT)
    own_case_closed_on = day()
    lived_experience = _words()
    capacity = fields.Integer(strict=True, validate=validate.Range(min=0, max=50), load_default=1)

    def command(self, data: dict[str, Any]) -> cmd.EnrolParentPartner:
        """The command this body asks for."""
        return cmd.EnrolParentPartner(
            name=data["name"],
            tier=data["tier"],
            languages=tuple(data["languages"]),
            area=data["area"],
            own_case_closed_on=data["own_case_closed_on"],
            lived_experience=tuple(data["lived_experience"]),
            capacity=data["capacity"],
        )


class PbpCertificationSchema(Schema):
    """POST /parent-partners/{id}/certifications (PBP-TIERS)."""

    tier = _tier(required=True)
    certified_on = day()

    def command(self, data: dict[str, Any], partner_id: UUID) -> cmd.CertifyTier:
        """The command this body asks for."""
        return cmd.CertifyTier(partner_id, data["tier"], data["certified_on"])


class PbpReasonSchema(Schema):
    """A reason, and nothing else (deactivation, withdrawal)."""

    reason = text(REASON_LIMIT)


class PbpReferralSchema(Schema):
    """POST /referrals (PBP-REF-1, PBP-ELIG)."""

    case_id = fields.UUID(required=True)
    parent_id = fields.UUID(required=True)
    needs = _words()
    preferred_language = text(NAME_LIMIT, required=False, load_default=None, allow_none=True)
    area = text(NAME_LIMIT, required=False, load_default=None, allow_none=True)

    def command(self, data: dict[str, Any]) -> cmd.SubmitReferral:
        """The command this body asks for."""
        return cmd.SubmitReferral(
            data["case_id"],
            data["parent_id"],
            tuple(data["needs"]),
            data["preferred_language"],
            data["area"],
        )


class PbpNeedsSchema(Schema):
    """POST /referrals/{id}/needs (PBP-REF-2)."""

    needs = _words()
    conferred_with = fields.List(username(), load_default=list, validate=validate.Length(max=10))


class PbpAssignmentSchema(Schema):
    """POST /referrals/{id}/assignment (PBP-REF-3, PBP-DIRECT)."""

    parent_partner_id = fields.UUID(required=True)
    override_reason = text(REASON_LIMIT, required=False, load_default=None, allow_none=True)


class PbpPlanningMeetingSchema(Schema):
    """POST /referrals/{id}/planning-meeting (PBP-REF-4)."""

    held_on = day()
    attended_by = fields.List(
        text(NAME_LIMIT), required=True, validate=validate.Length(min=1, max=20)
    )


class PbpFamilyMeetingSchema(Schema):
    """POST /referrals/{id}/family-meetings (PBP-REF-6)."""

    held_on = day()
    accompanied_by = username()


class PbpClosureSchema(Schema):
    """POST /referrals/{id}/closure (PBP-REF-7): which of the four parties agreed."""

    agreed_by = fields.List(word(Party), required=True, validate=validate.Length(max=4))
    closed_on = day()


class PbpUnitMeetingSchema(Schema):
    """POST /pbp/unit-meetings (PBP-SWS)."""

    held_on = day()
    attendees = fields.List(fields.UUID(), load_default=list, validate=validate.Length(max=200))


class PbpStatusQuery(Schema):
    """GET /referrals?status=submitted,assigned."""

    status = text(TEXT_LIMIT, required=False, load_default=None)


class ParentPartnerEnrolledOut(Schema):
    """201 to POST /parent-partners; ``warnings`` carries PBP-CANDIDATE."""

    parent_partner_id = fields.UUID()
    warnings = fields.List(fields.Dict())


class ReferralOut(Schema):
    """201 to a referral step: where the referral now stands."""

    referral_id = fields.UUID()
    status = fields.String()


class CandidateOut(Schema):
    """A ranked volunteer and the reasons for its place (PBP-REF-3)."""

    rank = fields.Integer()
    parent_partner_id = fields.UUID()
    name = fields.String()
    tier = fields.Integer()
    free_capacity = fields.Integer()
    capacity = fields.Integer()
    language_match = fields.Boolean()
    area_match = fields.Boolean()
    matched_needs = fields.List(fields.String())
    reasons = fields.List(fields.String())


class CandidatesOut(Schema):
    """GET /referrals/{id}/candidates."""

    referral_id = fields.UUID()
    candidates = fields.List(fields.Nested(CandidateOut))


class BoardRowOut(Schema):
    """One referral on the coordinator's board: referral data only (never narrative)."""

    referral_id = fields.UUID()
    case_id = fields.UUID()
    parent_id = fields.UUID()
    status = fields.String()
    stage_since = fields.String()
    days_in_stage = fields.Integer()
    submitted_at = fields.String()
    referred_by = fields.String()
    needs = fields.List(fields.String())
    preferred_language = fields.String(allow_none=True)
    area = fields.String(allow_none=True)
    parent_partner_id = fields.UUID(allow_none=True)
    parent_partner_name = fields.String(allow_none=True)
    assigned_on = fields.String(allow_none=True)


class BoardOut(Schema):
    """GET /referrals?status=."""

    as_of = fields.Date()
    referrals = fields.List(fields.Nested(BoardRowOut))


class CertificationOut(Schema):
    """A tier certified on a date (PBP-TIERS)."""

    tier = fields.Integer()
    certified_on = fields.Date()
    certified_by = fields.String()


class WarningOut(Schema):
    """A visible warning that refuses nothing (PBP-CANDIDATE)."""

    clause = fields.String()
    message = fields.String()


class ParentPartnerOut(Schema):
    """GET /parent-partners/{id}: the volunteer record."""

    parent_partner_id = fields.UUID()
    name = fields.String()
    languages = fields.List(fields.String())
    area = fields.String()
    own_case_closed_on = fields.Date()
    lived_experience = fields.List(fields.String())
    enrolled_on = fields.Date()
    tier = fields.Integer()
    certifications = fields.List(fields.Nested(CertificationOut))
    services = fields.List(fields.String())
    capacity = fields.Integer()
    free_capacity = fields.Integer()
    referral_ids = fields.List(fields.UUID())
    active = fields.Boolean()
    deactivated_on = fields.Date(allow_none=True)
    deactivation_reason = fields.String(allow_none=True)
    warnings = fields.List(fields.Nested(WarningOut))


class ParentPartnersOut(Schema):
    """GET /parent-partners."""

    parent_partners = fields.List(fields.Nested(ParentPartnerOut))


class UnitMeetingsOut(Schema):
    """GET /pbp/unit-meetings: the PBP-SWS obligations and the meetings held."""

    as_of = fields.Date()
    obligations = fields.List(fields.Dict())
    meetings = fields.List(fields.Dict())
