"""The JSON API under /api/v1: thin blueprints, parse -> command -> answer."""

from __future__ import annotations

from flask import Blueprint

from web.access_log import record_access
from web.auth import authenticate_request

api = Blueprint("api", __name__, url_prefix="/api/v1")
api.before_request(authenticate_request)
api.after_request(record_access)

# routes register on import
from web.api import (  # noqa: E402, F401
    access_log,
    audit,
    cases,
    contacts,
    decisions,
    meetings,
    meta,
    obligations,
    parent_partners,
    ppt,
    referrals,
    review_queue,
)
