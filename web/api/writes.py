"""What every write shares: body -> command, Idempotency-Key, If-Match, 201."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, TypeVar
from uuid import UUID

from flask import Response, jsonify, request
from marshmallow import Schema

from domain.application import Answer, IdempotencyRequest
from domain.commands import CaseCommand
from domain.idempotency import fingerprint
from web.auth import ledger, viewer
from web.body import json_body
from web.errors import Problem

KEY_LIMIT = 255
_ETAG = re.compile(r'^(?:W/)?"(\d{1,18})"$')


def load(schema: Schema) -> tuple[Any, dict[str, Any]]:
    """The raw JSON body and what the schema made of it (400/415/422 otherwise)."""
    body = json_body()
    data: dict[str, Any] = schema.load(body)
    return body, data


def idempotency(body: Any) -> IdempotencyRequest | None:
    """The caller's Idempotency-Key, scoped to them and fingerprinted with the body."""
    key = request.headers.get("Idempotency-Key")
    if key is None:
        return None
    if not key.strip() or len(key) > KEY_LIMIT:
        raise Problem(
            400,
            "invalid-idempotency-key",
            "Invalid Idempotency-Key.",
            f"An Idempotency-Key has 1 to {KEY_LIMIT} characters.",
        )
    return IdempotencyRequest(
        owner=viewer().username, key=key, fingerprint=fingerprint("POST", request.path, body)
    )


def expected_version() -> int | None:
    """The case version named by If-Match (an ETag from GET /cases/{id}), if any."""
    header = request.headers.get("If-Match")
    if header is None or header.strip() == "*":
        return None
    match = _ETAG.match(header.strip())
    if match is None:
        raise Problem(
            412,
            "stale-version",
            "Precondition failed.",
            'If-Match must be one ETag from GET /cases/{case_id}, e.g. "3".',
        )
    return int(match.group(1))


def created(answer: Answer) -> tuple[Response, int]:
    """The 201 answer (the same again when an Idempotency-Key replays it)."""
    return jsonify(answer), 201


def record(case_id: UUID, command: CaseCommand, body: Any) -> tuple[Response, int]:
    """Apply a command to the case, honouring Idempotency-Key and If-Match."""
    answer = ledger().handle(
        case_id,
        command,
        viewer().username,
        idempotency=idempotency(body),
        expected_version=expected_version(),
    )
    return created(answer)


def record_body(case_id: UUID, schema: Schema, *args: Any) -> tuple[Response, int]:
    """Parse the body with ``schema`` and record the command it asks for on the case."""
    body, data = load(schema)
    command = schema.command(data, *args)  # type: ignore[attr-defined]
    return record(case_id, command, body)


View = TypeVar("View", bound=Callable[..., Any])


def documented(
    body: type[Schema] | None = None, answer: type[Schema] | None = None, status: int = 201
) -> Callable[[View], View]:
    """Attach the request and answer schemas the OpenAPI document is built from."""

    def mark(view: View) -> View:
        view.openapi = {"body": body, "answer": answer, "status": status}  # type: ignore[attr-defined]
        return view

    return mark
