"""A PBP scene over HTTP: a reunification case, its mother, a coordinator, volunteers."""

from __future__ import annotations

import dataclasses
from typing import Any

from domain.values import Role
from tests.e2e.conftest import Api

COORDINATOR = "pat"


@dataclasses.dataclass
class Scene:
    """Ids of what the scene created."""

    api: Api
    case_id: str
    parent_id: str

    def enrol(self, name: str, **fields: Any) -> str:
        """Enrol a volunteer (tier V, speaks English, Manchester, closed in 2020)."""
        body = {
            "name": name,
            "tier": 5,
            "languages": ["English"],
            "area": "Manchester",
            "own_case_closed_on": "2020-05-01",
            "lived_experience": [],
            "capacity": 1,
        } | fields
        response = self.api.post("/parent-partners", body, COORDINATOR)
        assert response.status_code == 201, response.json
        partner_id: str = response.json["parent_partner_id"]
        return partner_id

    def refer(self, as_user: str = "alice", **fields: Any) -> str:
        """Refer the mother; returns the referral id."""
        body = {
            "case_id": self.case_id,
            "parent_id": self.parent_id,
            "needs": ["housing", "court"],
            "preferred_language": "Spanish",
            "area": "Manchester",
        } | fields
        response = self.api.post("/referrals", body, as_user)
        assert response.status_code == 201, response.json
        referral_id: str = response.json["referral_id"]
        return referral_id

    def needs(self, referral_id: str) -> None:
        """The PBP SWS confers and records the needs (PBP-REF-2)."""
        body = {"needs": ["housing", "court"], "conferred_with": ["alice", "sam"]}
        response = self.api.post(f"/referrals/{referral_id}/needs", body, COORDINATOR)
        assert response.status_code == 201, response.json

    def assign(self, referral_id: str, partner_id: str, **fields: Any) -> Any:
        """The coordinator assigns a volunteer (PBP-REF-3)."""
        body = {"parent_partner_id": partner_id} | fields
        return self.api.post(f"/referrals/{referral_id}/assignment", body, COORDINATOR)


def reunification_scene(api: Api, relationship: str = "biological") -> Scene:
    """Alice's case with a goal of reunification, its mother, and pat the coordinator."""
    api.user(COORDINATOR, Role.PBP_COORDINATOR)
    case_id = api.open_case()
    parent_id = api.add_parent(case_id, relationship=relationship)
    goal = {"goal": "reunification", "effective_on": "2026-01-05", "set_by": ["alice", "sam"]}
    assert api.post(f"/cases/{case_id}/permanency-goals", goal, "alice").status_code == 201
    return Scene(api, case_id, parent_id)
