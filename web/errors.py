"""Every error as RFC 9457 problem+json, mapped in this one place.

Domain errors, schema errors, HTTP errors and store outages each get a stable ``type``
URI; no answer ever carries an HTML page, a traceback or the store's own wording.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Mapping
from typing import Any

import psycopg
from eventsourcing.persistence import InterfaceError, OperationalError
from flask import Flask, Response, current_app
from marshmallow import ValidationError
from werkzeug.exceptions import HTTPException

from domain import errors as domain

PROBLEM_BASE = "https://caseledger.org/problems/"
PROBLEM_MIMETYPE = "application/problem+json"
RETRY_AFTER_SECONDS = "2"


class Problem(Exception):
    """An HTTP problem raised by the web layer itself (401, 403, 400, 422 at the edge)."""

    def __init__(
        self,
        status: int,
        slug: str,
        title: str,
        detail: str,
        *,
        errors: Mapping[str, list[str]] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.slug = slug
        self.title = title
        self.detail = detail
        self.errors = dict(errors) if errors else None
        self.headers = dict(headers or {})


def problem(
    status: int,
    slug: str,
    title: str,
    detail: str,
    *,
    errors: Mapping[str, list[str]] | None = None,
    clause: str | None = None,
    headers: Mapping[str, str] | None = None,
) -> Response:
    """The problem+json response."""
    body: dict[str, Any] = {
        "type": PROBLEM_BASE + slug,
        "title": title,
        "status": status,
        "detail": detail,
    }
    if errors:
        body["errors"] = dict(errors)
    if clause:
        body["clause"] = clause
    response = Response(json.dumps(body), status=status, mimetype=PROBLEM_MIMETYPE)
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


def _slug(name: str) -> str:
    """CaseNotFound -> case-not-found: the class name is the stable part of the URI."""
    return re.sub(r"(?<!^)(?=[A-Z])", "-", name).lower()


def _title(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", " ", name).capitalize() + "."


def flatten(messages: Any, prefix: str = "") -> dict[str, list[str]]:
    """marshmallow's nested messages as ``{"topics.0": [...]}``."""
    if isinstance(messages, Mapping):
        flat: dict[str, list[str]] = {}
        for key, value in messages.items():
            flat.update(flatten(value, f"{prefix}.{key}" if prefix else str(key)))
        return flat
    if isinstance(messages, list) and all(isinstance(m, str) for m in messages):
        return {prefix or "_schema": list(messages)}
    return {prefix or "_schema": [str(messages)]}


def _domain_error(error: domain.DomainError) -> Response:
    name = type(error).__name__
    if isinstance(error, domain.NotFound):
        return problem(404, _slug(name), "Not found.", error.message)
    if isinstance(error, domain.NotPermitted):
        return problem(403, "forbidden", "Forbidden.", error.message)
    if isinstance(error, domain.Conflict):
        return problem(409, _slug(name), _title(name), error.message)
    if isinstance(error, domain.StaleVersion):
        return problem(412, _slug(name), "Precondition failed.", error.message)
    field = error.field or (
        "Idempotency-Key" if isinstance(error, domain.IdempotencyKeyReused) else None
    )
    return problem(
        422,
        _slug(name),
        _title(name),
        error.message,
        errors={field: [error.message]} if field else None,
        clause=error.clause,
    )


def _web_problem(error: Problem) -> Response:
    return problem(
        error.status,
        error.slug,
        error.title,
        error.detail,
        errors=error.errors,
        headers=error.headers,
    )


def _validation_error(error: ValidationError) -> Response:
    return problem(
        422,
        "validation-error",
        "The body is not valid.",
        "One or more fields are not valid.",
        errors=flatten(error.messages),
    )


def _http_error(error: HTTPException) -> Response:
    status = error.code or 500
    name = (error.name or "Error").replace(" ", "")
    headers = {k: v for k, v in error.get_headers() if k.lower() == "allow"}
    return problem(
        status, _slug(name), error.name or "Error", error.description or "", headers=headers
    )


def _storage_unavailable(error: Exception) -> Response:
    current_app.logger.warning("store unavailable: %s", type(error).__name__)
    return problem(
        503,
        "storage-unavailable",
        "Storage unavailable.",
        "The record cannot be reached just now; nothing was recorded. Try again shortly.",
        headers={"Retry-After": RETRY_AFTER_SECONDS},
    )


def _unexpected(error: Exception) -> Response:
    current_app.logger.exception("unexpected error")
    return problem(500, "internal-error", "Internal error.", "The request could not be completed.")


_HANDLERS: tuple[tuple[type[Exception], Any], ...] = (
    (domain.DomainError, _domain_error),
    (Problem, _web_problem),
    (ValidationError, _validation_error),
    (HTTPException, _http_error),
    (OperationalError, _storage_unavailable),
    (InterfaceError, _storage_unavailable),
    (psycopg.OperationalError, _storage_unavailable),
    (sqlite3.OperationalError, _storage_unavailable),
)


def problem_for(error: Exception) -> Response:
    """The problem+json answer any error gets, for callers that render it otherwise (pages)."""
    for kind, handler in _HANDLERS:
        if isinstance(error, kind):
            answer: Response = handler(error)
            return answer
    return _unexpected(error)


def register(app: Flask) -> None:
    """Install the handlers; the most specific class wins."""
    app.register_error_handler(domain.DomainError, _domain_error)
    app.register_error_handler(Problem, _web_problem)
    app.register_error_handler(ValidationError, _validation_error)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(OperationalError, _storage_unavailable)
    app.register_error_handler(InterfaceError, _storage_unavailable)
    # the library wraps drivers' errors; these catch any that escape unwrapped
    app.register_error_handler(psycopg.OperationalError, _storage_unavailable)
    app.register_error_handler(sqlite3.OperationalError, _storage_unavailable)
    app.register_error_handler(Exception, _unexpected)
