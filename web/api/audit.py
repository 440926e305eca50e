"""A case's audit history as JSON, a printable page or a court-ready PDF, and its verification.

Who may read it: the case's worker and supervisor (as for the case), auditors and admins
(ARCHITECTURE "Who may do what"); to everyone else the case does not exist (404), but
the Permanency JPPO, who may read the case, is refused its history (403). The
access log records every one of these reads and refusals (web.access_log).
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from flask import Response, g, jsonify, render_template, request

from domain import errors as domain
from domain.access import can_read_case, sees_narrative
from domain.values import Role
from projections.audit_trail import AuditTrail
from web.api import api
from web.api.writes import documented
from web.audit import case_parties, caught_up
from web.audit_report import report
from web.auth import forbidden, ledger, viewer
from web.pdf import render_pdf
from web.schemas.audit import AuditOut, AuditQuery, VerifyOut

PDF = "application/pdf"


def audit_readable(case_id: UUID) -> AuditTrail:
    """The caught-up trail, when this caller may read the case's history (404 otherwise)."""
    trail = caught_up()
    parties = case_parties(trail, case_id)
    if parties is None or not (viewer().role is Role.ADMIN or can_read_case(viewer(), parties)):
        raise domain.CaseNotFound("No such case.")
    if not sees_narrative(viewer()):
        raise forbidden("The Permanency JPPO reads a case's PPT records, not its history.")
    return trail


def _wanted_format(query: dict[str, Any]) -> str:
    """``?format=`` first, else ``Accept: application/pdf``, else JSON."""
    if "format" in query:
        return str(query["format"])
    best = request.accept_mimetypes.best_match(["application/json", PDF, "text/html"])
    return "pdf" if best == PDF else "json"


@api.get("/cases/<uuid:case_id>/audit")
@documented(answer=AuditOut, status=200)
def case_audit(case_id: UUID) -> Any:
    """The case's audit history as the record showed at known_at (JSON, html or pdf)."""
    trail = audit_readable(case_id)
    query = AuditQuery().load(request.args)
    g.access_format = chosen = _wanted_format(query)
    known_at = query.get("known_at")
    if chosen == "json":
        return jsonify(trail.entries(case_id, known_at))
    return printable(trail, case_id, known_at, chosen)


def printable(trail: AuditTrail, case_id: UUID, known_at: Any, chosen: str) -> Response:
    """The printable page (``html``) or the court's PDF of it, as the record showed at
    ``known_at``; the pages serve the same two."""
    page = render_template("audit/export.html", **report(trail, ledger(), case_id, known_at))
    if chosen == "html":
        return Response(page, mimetype="text/html")
    response = Response(render_pdf(page), mimetype=PDF)
    response.headers["Content-Disposition"] = f'inline; filename="audit-{case_id}.pdf"'
    return response


@api.get("/cases/<uuid:case_id>/audit/verify")
@documented(answer=VerifyOut, status=200)
def verify_case_audit(case_id: UUID) -> Any:
    """Recompute the case's chain from its stored events (answers on a damaged case too)."""
    trail = audit_readable(case_id)
    return jsonify(trail.verify_case(case_id).as_dict())
