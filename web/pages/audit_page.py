"""A case's audit history for people signed in: the printable page and its PDF.

The same history, readers and access-log entries as ``GET /api/v1/cases/{id}/audit``
(the worker and supervisor of the case, auditors, admins; the Permanency JPPO 403),
so counsel or a supervisor need no API token to print the court's copy.
"""

from __future__ import annotations

from uuid import UUID

from flask import Response, g, request

from web.api.audit import audit_readable, printable
from web.pages import pages
from web.schemas.audit import AuditQuery


@pages.get("/cases/<uuid:case_id>/audit")
def audit_page(case_id: UUID) -> Response:
    """The printable history (``?format=pdf`` for the PDF), as of ``?known_at=`` if given."""
    trail = audit_readable(case_id)
    query = AuditQuery().load(request.args)
    g.access_format = chosen = "pdf" if query.get("format") == "pdf" else "html"
    return printable(trail, case_id, query.get("known_at"), chosen)
