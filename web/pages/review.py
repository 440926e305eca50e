"""The supervisor's review page: each decision with its rationale, and the review form.

The review is the API's command, bound to the decision version the supervisor read on
the page (its hash travels in the form), so a decision changed in between is refused
with 409 rather than approved unseen (ENG-IV.A, api-contract "reviews").
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from flask import redirect, render_template, request, session, url_for
from marshmallow import ValidationError

from domain import errors as domain
from domain.decision_rules import check_reviewer
from domain.values import Role
from projections.review_queue import catch_up
from web.api.review_queue import read_model
from web.auth import forbidden, ledger, viewer, writable_case
from web.pages import pages
from web.pages.forms import field_errors, form_request
from web.schemas.decisions import ReviewSchema

LABELS = {"approved": "Approve", "declined": "Decline", "continued": "Continue", "ended": "End"}
OUTCOMES = {
    "pending_decision": ("approved", "declined"),
    "decision_due_for_review": ("continued", "ended"),
}


def _require_supervisor() -> None:
    if viewer().role is not Role.SUPERVISOR:
        raise forbidden("The review queue is a supervisor's.")


def _queue_page(status: int = 200, errors: dict[str, list[str]] | None = None) -> Any:
    model = read_model()
    catch_up(ledger(), model)
    items = model.items(viewer().username, ledger().clock())
    page = render_template(
        "pages/review.html",
        items=items,
        outcomes=OUTCOMES,
        labels=LABELS,
        errors=errors or {},
        notice=session.pop("notice", None),
    )
    return page, status


@pages.get("/review")
def review_queue() -> Any:
    """Pending decisions and decisions due for re-evaluation, oldest first."""
    _require_supervisor()
    return _queue_page()


@pages.post("/cases/<uuid:case_id>/decisions/<uuid:decision_id>/reviews")
def review_decision(case_id: UUID, decision_id: UUID) -> Any:
    """Approve, decline, continue or end a decision from the review page."""
    _require_supervisor()
    case = writable_case(case_id)
    decision = case.decision(decision_id)
    check_reviewer(case.supervisor, decision, viewer().username)
    body = {
        "outcome": request.form.get("outcome", ""),
        "notes": request.form.get("notes", "").strip(),
        "decision_hash": request.form.get("decision_hash") or None,
    }
    try:
        schema = ReviewSchema()
        command = schema.command(schema.load(body), decision_id, decision.version_hash)
        ledger().handle(case_id, command, viewer().username, idempotency=form_request(body))
    except (ValidationError, domain.DomainError) as error:
        return _queue_page(422, field_errors(error))
    session["notice"] = f"Decision on {case.case_number} {body['outcome']}."
    return redirect(url_for("pages.review_queue"), 303)
