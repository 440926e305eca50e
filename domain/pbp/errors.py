"""Named refusals of the Parents Becoming Partners programme, each citing its clause.

They are ``DomainError``s, so web/errors.py maps them like every other: NotFound 404,
Conflict 409, the rest 422 with ``field`` and ``clause``.
"""

from __future__ import annotations

from domain.errors import Conflict, DomainError, NotFound


class ReferralNotFound(NotFound):
    """No referral with that id (or not one the caller may see)."""


class ParentPartnerNotFound(NotFound):
    """No volunteer with that id."""


class UnknownCase(DomainError):
    """A body names a case that does not exist for the caller."""

    def __init__(self, field: str = "case_id") -> None:
        super().__init__("No such case.", field=field)


class UnknownParentPartner(DomainError):
    """A body names a volunteer who is not enrolled."""

    def __init__(self, field: str = "parent_partner_id") -> None:
        super().__init__("No such parent partner.", field=field)


class NotEligible(DomainError):
    """PBP-ELIG: only birth, adoptive and guardian parents receiving reunification services."""


class TierTooLow(DomainError):
    """PBP-DIRECT: direct work with families only by tier V volunteers."""


class ParentPartnerInactive(DomainError):
    """A deactivated volunteer takes no new certification or family."""


class NoFreeCapacity(DomainError):
    """The volunteer already works with as many families as their capacity allows."""


class OverrideReasonRequired(DomainError):
    """PBP-REF-3: choosing other than the top-ranked candidate needs a recorded reason."""


class Unaccompanied(DomainError):
    """PBP-REF-6: the volunteer meets the family with the PBP SWS or the case worker."""


class AgreementIncomplete(DomainError):
    """PBP-REF-7: support ends only when all four parties agree."""


class ReferralStateConflict(Conflict):
    """The step does not fit where the referral stands (e.g. closed, or not yet assigned)."""


class ParentPartnerStateConflict(Conflict):
    """The volunteer is already deactivated."""
