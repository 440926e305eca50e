"""The JSON API under /api/v1: thin blueprints, parse -> command -> answer."""

from __future__ import annotations

from flask import Blueprint

from web.auth import authenticate_request

api = Blueprint("api", __name__, url_prefix="/api/v1")
api.before_request(authenticate_request)

from web.api import cases, contacts, meta, obligations  # noqa: E402, F401  (routes register on import)
