"""Who is calling, and which cases exist for them (ARCHITECTURE "Who may do what").

Checks run in the contract's order: token (401), visibility (404), role (403); only
then is the body read.
"""

from __future__ import annotations

from uuid import UUID

from flask import current_app, g, request

from domain import errors as domain
from domain.access import CASE_OPENERS, CaseParties, Viewer, can_read_case, can_write_case
from domain.application import CaseLedger
from domain.case import Case
from web.errors import Problem

PUBLIC_ENDPOINTS = frozenset({"api.health", "api.openapi"})


def ledger() -> CaseLedger:
    """The application this Flask app serves."""
    app_ledger: CaseLedger = current_app.extensions["caseledger"]
    return app_ledger


def _unauthorized(detail: str) -> Problem:
    return Problem(
        401, "unauthorized", "Unauthorized.", detail, headers={"WWW-Authenticate": "Bearer"}
    )


def authenticate_request() -> None:
    """Before every API request: resolve the bearer token to a viewer, or 401."""
    if request.endpoint in PUBLIC_ENDPOINTS or request.endpoint is None:
        return
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise _unauthorized("Send Authorization: Bearer TOKEN.")
    viewer = ledger().authenticate(token.strip())
    if viewer is None:
        raise _unauthorized("The token is not valid.")
    g.viewer = viewer


def viewer() -> Viewer:
    """The authenticated caller of this request."""
    current: Viewer = g.viewer
    return current


def forbidden(detail: str) -> Problem:
    """A readable case (or the service) with an action this role may not take."""
    return Problem(403, "forbidden", "Forbidden.", detail)


def visible_case(case_id: UUID) -> tuple[Case, CaseParties]:
    """The case and who its access rules depend on, or 404 when it does not exist for
    this caller (the parties come back so a handler need not look them up again)."""
    app_ledger = ledger()
    case = app_ledger.get_case(case_id)
    parties = app_ledger.case_parties(case)
    if not can_read_case(viewer(), parties):
        raise domain.CaseNotFound("No such case.")
    return case, parties


def readable_case(case_id: UUID) -> Case:
    """The case, or 404 when it does not exist for this caller."""
    return visible_case(case_id)[0]


def writable_case(case_id: UUID) -> Case:
    """The case, when the caller may also record facts on it (404, then 403)."""
    case, parties = visible_case(case_id)
    if not can_write_case(viewer(), parties):
        raise forbidden("Your role may read this case but not record on it.")
    return case


def require_case_opener() -> None:
    """Only caseworkers and supervisors open cases."""
    if viewer().role not in CASE_OPENERS:
        raise forbidden("Only caseworkers and supervisors open cases.")
