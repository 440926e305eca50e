"""Health and the OpenAPI document: the two calls that need no token."""

from __future__ import annotations

from typing import Any

from flask import Response, current_app, jsonify

from web.api import api
from web.auth import ledger
from web.errors import problem
from web.openapi import build_spec


@api.get("/health")
def health() -> Any:
    """Whether the store answers."""
    try:
        ledger().recorder.max_notification_id()
    except Exception:
        current_app.logger.warning("health check: the store did not answer")
        return problem(
            503,
            "storage-unavailable",
            "Storage unavailable.",
            "The record cannot be reached just now.",
            headers={"Retry-After": "2"},
        )
    return jsonify({"status": "ok"})


@api.get("/openapi.json")
def openapi() -> Response:
    """The OpenAPI 3 document of every endpoint, generated from the schemas."""
    spec = current_app.extensions.get("caseledger.openapi")
    if spec is None:
        spec = build_spec(current_app)
        current_app.extensions["caseledger.openapi"] = spec
    return jsonify(spec)
