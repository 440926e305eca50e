"""GET /access-log: who read, exported or was refused what (auditors and admins only)."""

from __future__ import annotations

from typing import Any

from flask import jsonify, request

from domain.values import Role
from web.access_log import access_log
from web.api import api
from web.api.writes import documented
from web.auth import forbidden, viewer
from web.schemas.audit import AccessLogOut, AccessLogQuery

READERS = frozenset({Role.AUDITOR, Role.ADMIN})


@api.get("/access-log")
@documented(answer=AccessLogOut, status=200)
def read_access_log() -> Any:
    """The access log, the latest entries first, for one case (case_id) or all."""
    if viewer().role not in READERS:
        raise forbidden("Only auditors and admins read the access log.")
    query = AccessLogQuery().load(request.args)
    return jsonify({"entries": access_log().entries(query["case_id"], query["limit"])})
