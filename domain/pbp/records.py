"""Loading the programme's aggregates by id, with the refusals the contract names.

An id in a path that names nothing is a 404-class error; the same id inside a body is a
422-class error naming its field (api-contract "Errors").
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError

from domain.parent_partner import ParentPartner
from domain.pbp import errors
from domain.pbp.matching import Candidate, Family, rank
from domain.pbp.registers import CaseReferrals, Programme
from domain.referral import PartnerReferral

if TYPE_CHECKING:
    from domain.application import CaseLedger


def get_referral(ledger: CaseLedger, referral_id: UUID) -> PartnerReferral:
    """The referral named in a path (404 otherwise)."""
    try:
        referral: object = ledger.repository.get(referral_id)
    except AggregateNotFoundError:
        referral = None
    if not isinstance(referral, PartnerReferral):
        raise errors.ReferralNotFound("No such referral.")
    return referral


def get_partner(ledger: CaseLedger, partner_id: UUID, *, field: str | None = None) -> ParentPartner:
    """The volunteer named in a path (404) or, with ``field``, in a body (422)."""
    try:
        partner: object = ledger.repository.get(partner_id)
    except AggregateNotFoundError:
        partner = None
    if not isinstance(partner, ParentPartner):
        if field is not None:
            raise errors.UnknownParentPartner(field)
        raise errors.ParentPartnerNotFound("No such parent partner.")
    return partner


def programme(ledger: CaseLedger) -> Programme | None:
    """The volunteer unit, once anyone has been enrolled or a unit meeting recorded."""
    try:
        found: Programme = ledger.repository.get(Programme.create_id())
    except AggregateNotFoundError:
        return None
    return found


def roster(ledger: CaseLedger) -> list[ParentPartner]:
    """Every enrolled volunteer, in enrolment order."""
    unit = programme(ledger)
    if unit is None:
        return []
    return [get_partner(ledger, partner_id) for partner_id in unit.roster]


def case_referrals(ledger: CaseLedger, case_id: UUID) -> list[PartnerReferral]:
    """Every referral made for a case, oldest first."""
    try:
        register: CaseReferrals = ledger.repository.get(CaseReferrals.create_id(case_id))
    except AggregateNotFoundError:
        return []
    return [get_referral(ledger, referral_id) for referral_id in register.referral_ids]


def candidates(ledger: CaseLedger, referral: PartnerReferral) -> list[Candidate]:
    """The volunteers ranked for a referral's family (PBP-REF-3)."""
    family = Family(tuple(referral.needs), referral.preferred_language, referral.area)
    return rank(family, roster(ledger))
