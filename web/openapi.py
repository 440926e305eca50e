"""The OpenAPI 3 document, built from the routes, their docstrings and their schemas."""

from __future__ import annotations

import re
from typing import Any

from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin
from flask import Flask

from web.auth import PUBLIC_ENDPOINTS

_PATH_PARAM = re.compile(r"<(?:([^:<>]+):)?([^<>]+)>")
_PROBLEMS = {
    "400": "Malformed JSON.",
    "401": "Missing or invalid token.",
    "403": "Readable, but not allowed for this role.",
    "404": "No such case, or not visible to the caller.",
    "409": "Conflicts with the record's state.",
    "412": "If-Match is stale: nothing recorded.",
    "413": "Body too large.",
    "415": "Body is not application/json.",
    "422": "Invalid body, or refused by policy (with its clause).",
    "503": "Store unavailable: retry after Retry-After seconds.",
}
_PROBLEM_SCHEMA = {
    "type": "object",
    "required": ["type", "title", "status", "detail"],
    "properties": {
        "type": {"type": "string", "format": "uri"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "clause": {"type": "string"},
        "errors": {
            "type": "object",
            "additionalProperties": {"type": "array", "items": {"type": "string"}},
        },
    },
}


def _parameters(rule: str, method: str) -> list[dict[str, Any]]:
    params: list[dict[str, Any]] = [
        {
            "name": name,
            "in": "path",
            "required": True,
            "schema": {"type": "string", "format": "uuid"}
            if conv == "uuid"
            else {"type": "string"},
        }
        for conv, name in _PATH_PARAM.findall(rule)
    ]
    if method == "post":
        params.append(
            {
                "name": "Idempotency-Key",
                "in": "header",
                "required": False,
                "schema": {"type": "string"},
            }
        )
        if "case_id" in rule:
            params.append(
                {
                    "name": "If-Match",
                    "in": "header",
                    "required": False,
                    "schema": {"type": "string"},
                }
            )
    return params


def _operation(endpoint: str, rule: str, method: str, view: Any) -> dict[str, Any]:
    doc = getattr(view, "openapi", {})
    summary = (view.__doc__ or endpoint).strip().splitlines()[0]
    status = str(doc.get("status", 200))
    answer: dict[str, Any] = {"description": summary}
    if doc.get("answer") is not None:
        answer["content"] = {"application/json": {"schema": doc["answer"]}}
    responses: dict[str, Any] = {status: answer}
    for code, text in _PROBLEMS.items():
        if endpoint in PUBLIC_ENDPOINTS and code != "503":
            continue
        if method == "get" and code in ("400", "409", "412", "413", "415", "422"):
            continue
        responses[code] = {
            "description": text,
            "content": {
                "application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}
            },
        }
    operation: dict[str, Any] = {
        "operationId": endpoint.removeprefix("api."),
        "summary": summary,
        "parameters": _parameters(rule, method),
        "responses": responses,
        "security": [] if endpoint in PUBLIC_ENDPOINTS else [{"bearer": []}],
    }
    if doc.get("body") is not None:
        operation["requestBody"] = {
            "required": True,
            "content": {"application/json": {"schema": doc["body"]}},
        }
    return operation


def build_spec(app: Flask) -> dict[str, Any]:
    """Every /api/v1 route with its summary, body, answer and problems."""
    spec = APISpec(
        title="caseledger",
        version="1",
        openapi_version="3.0.3",
        plugins=[MarshmallowPlugin()],
        info={"description": "Event-sourced case record for child-welfare agencies."},
    )
    spec.components.security_scheme("bearer", {"type": "http", "scheme": "bearer"})
    spec.components.schema("Problem", _PROBLEM_SCHEMA)
    paths: dict[str, dict[str, Any]] = {}
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        if not rule.endpoint.startswith("api."):
            continue
        path = _PATH_PARAM.sub(r"{\2}", rule.rule)
        view = app.view_functions[rule.endpoint]
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            verb = method.lower()
            paths.setdefault(path, {})[verb] = _operation(rule.endpoint, rule.rule, verb, view)
    for path, operations in paths.items():
        spec.path(path=path, operations=operations)
    document: dict[str, Any] = spec.to_dict()
    return document
