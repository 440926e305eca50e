"""What every page form shares with the API's writes: a resent form records once."""

from __future__ import annotations

import secrets
from typing import Any

from flask import request
from marshmallow import ValidationError

from domain import errors as domain
from domain.application import IdempotencyRequest
from domain.idempotency import fingerprint
from web.auth import viewer
from web.errors import flatten


def form_request(body: Any) -> IdempotencyRequest:
    """The form's own key (rendered into it) as an Idempotency-Key for the command."""
    form_key = request.form.get("form_id") or secrets.token_urlsafe(16)
    return IdempotencyRequest(
        owner=viewer().username,
        key=f"page-form:{form_key}",
        fingerprint=fingerprint("POST", request.path, body),
    )


def field_errors(error: ValidationError | domain.DomainError) -> dict[str, list[str]]:
    """What a refused form shows beside its fields; not found and conflicts stay error pages."""
    if isinstance(error, ValidationError):
        return flatten(error.messages)
    if isinstance(error, domain.NotFound | domain.Conflict):
        raise error
    return {error.field or "_form": [error.message]}
