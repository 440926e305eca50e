"""The JSON API under /api/v1: thin blueprints, parse -> command -> answer."""

from __future__ import annotations

from flask import Blueprint

from web.auth import authenticate_request

api = Blueprint("api", __name__, url_prefix="/api/v1")
api.before_request(authenticate_request)

# routes register on import
from web.api import (  # noqa: E402, F401
    cases,
    contacts,
    meta,
    obligations,
    parent_partners,
    referrals,
)
