"""Decisions, consultations, court orders (api-contract "Decisions, consultations, court
orders"). Thin: the Case enforces ENG-III and ENG-IV; reviews check who reviews (403)
before the body is read, as the contract orders its checks."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from domain.decision_rules import check_reviewer
from web.api import api
from web.api.writes import documented, record_body
from web.auth import viewer, writable_case
from web.schemas import decisions as schemas


@api.post("/cases/<uuid:case_id>/consultations")
@documented(schemas.ConsultationSchema, schemas.ConsultationRecordedOut)
def record_consultation(case_id: UUID) -> Any:
    """Record a consultation (supervisor, FVPS, CPS supervisor, permanency worker)."""
    writable_case(case_id)
    return record_body(case_id, schemas.ConsultationSchema())


@api.post("/cases/<uuid:case_id>/safety-risks")
@documented(schemas.SafetyRiskSchema, schemas.SafetyRiskRecordedOut)
def identify_safety_risk(case_id: UUID) -> Any:
    """Record a safety risk identified for a parent or the case."""
    writable_case(case_id)
    return record_body(case_id, schemas.SafetyRiskSchema())


@api.post("/cases/<uuid:case_id>/decisions")
@documented(schemas.DecisionSchema, schemas.DecisionRecordedOut)
def record_decision(case_id: UUID) -> Any:
    """Record a decision with its rationale and supporting information (ENG-IV)."""
    writable_case(case_id)
    return record_body(case_id, schemas.DecisionSchema())


@api.post("/cases/<uuid:case_id>/decisions/<uuid:decision_id>/reviews")
@documented(schemas.ReviewSchema, schemas.DecisionRecordedOut)
def review_decision(case_id: UUID, decision_id: UUID) -> Any:
    """Review a decision as the case's supervisor (ENG-IV.A), bound to the version seen."""
    case = writable_case(case_id)
    decision = case.decision(decision_id)
    check_reviewer(case.supervisor, decision, viewer().username)
    return record_body(case_id, schemas.ReviewSchema(), decision_id, decision.version_hash)


@api.post("/cases/<uuid:case_id>/court-orders")
@documented(schemas.CourtOrderSchema, schemas.CourtOrderRecordedOut)
def record_court_order(case_id: UUID) -> Any:
    """Record a court order for a parent or the whole case."""
    writable_case(case_id)
    return record_body(case_id, schemas.CourtOrderSchema())


@api.post("/cases/<uuid:case_id>/efforts-ceased")
@documented(schemas.EffortsCeasedSchema, schemas.EffortsCeasedRecordedOut)
def determine_efforts_ceased(case_id: UUID) -> Any:
    """Determine that efforts to engage a parent are no longer necessary (ENG-III.B)."""
    writable_case(case_id)
    return record_body(case_id, schemas.EffortsCeasedSchema())
