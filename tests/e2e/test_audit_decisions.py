"""The court-ready history shows each decision with its rationale and its reviews (issue 5)."""

from __future__ import annotations

import re

from tests.e2e.conftest import Api
from tests.e2e.test_decisions import case, decision, review

__all__ = ["case"]


def test_the_audit_page_shows_a_decisions_rationale_and_its_approval(
    api: Api, case: tuple[str, str]
) -> None:
    case_id, parent_id = case
    decided = api.post(f"/cases/{case_id}/decisions", decision(parent_id), "alice")
    decision_id = decided.json["decision_id"]
    approved = review("approved", notes="Office visits until the order is served.")
    reviewed = api.post(f"/cases/{case_id}/decisions/{decision_id}/reviews", approved, "sam")
    assert reviewed.status_code == 201, reviewed.json
    page = api.get(f"/cases/{case_id}/audit", "sam", query_string={"format": "html"})
    assert page.status_code == 200
    section = page.text.split("Decisions, their rationale and reviews")[1]
    assert "meet outside home" in section
    assert "The partner threatened staff at the home." in section
    assert "Police report 26-114" in section
    assert "approved by <bdi>sam</bdi>" in section
    assert "Office visits until the order is served." in section
    assert "Not reviewed." not in section


def test_the_audit_page_lists_each_clause_text_once_below_the_obligations(
    api: Api, case: tuple[str, str]
) -> None:
    case_id, _ = case
    page = api.get(f"/cases/{case_id}/audit", "sam", query_string={"format": "html"}).text
    obligations = page.split("Obligations met and missed")[1]
    table, cited = obligations.split("Clauses cited")
    assert re.search(r"^2026-03 +monthly_contact .* ENG-I\.A\.1 ", table, re.M)
    assert "<dt>ENG-I.A.1</dt>" in cited
    assert cited.count("<dt>ENG-I.A.1</dt>") == 1
