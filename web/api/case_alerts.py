"""The parent partner on the case page: an alert and a collateral (PBP-REF-5)."""

from __future__ import annotations

from typing import Any

from domain.access import CaseParties
from domain.case import Case
from domain.pbp import records
from domain.pbp.access import sees_referral
from web.auth import ledger, viewer


def case_pbp_section(case: Case, parties: CaseParties) -> dict[str, Any]:
    """PBP-REF-5: the assigned volunteer shown on the case, as an alert and as a collateral.

    Read from the case's referral register and the referrals themselves (saved with each
    referral in one transaction), so the case shows an assignment as soon as it is made
    and the case's own history stays the worker's facts. Empty for a reader who may
    not see the case's referrals (the Permanency JPPO), so the volunteer's name does not
    reach them by the case view either.
    """
    alerts: list[dict[str, Any]] = []
    collaterals: list[dict[str, Any]] = []
    if not sees_referral(viewer(), parties):
        return {"alerts": alerts, "collaterals": collaterals}
    for referral in records.case_referrals(ledger(), case.id):
        assignment = referral.assignment
        if assignment is None or not referral.working:
            continue
        name, since = assignment.parent_partner_name, assignment.assigned_on.isoformat()
        alerts.append(
            {
                "kind": "parent_partner_assigned",
                "clause": "PBP-REF-5",
                "message": f"Parents Becoming Partners: {name} assigned on {since}.",
                "referral_id": str(referral.id),
                "parent_id": str(referral.parent_id),
                "parent_partner_id": assignment.parent_partner_id,
                "parent_partner_name": name,
            }
        )
        collaterals.append(
            {
                "kind": "parent_partner",
                "name": name,
                "parent_partner_id": assignment.parent_partner_id,
                "referral_id": str(referral.id),
                "parent_id": str(referral.parent_id),
                "since": since,
            }
        )
    return {"alerts": alerts, "collaterals": collaterals}
