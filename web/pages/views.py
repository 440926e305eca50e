"""The pages' routes: thin, like the API's — parse, command or read model, render."""

from __future__ import annotations

import json
import uuid
from typing import Any
from uuid import UUID

from flask import redirect, render_template, request, session, url_for
from marshmallow import ValidationError

from domain import errors as domain
from domain.case import Case
from domain.policy.calendar import zone
from domain.values import Role
from projections.obligation_rows import today
from web.api.obligations import caught_up, scope_listing
from web.api.referrals import board
from web.auth import ledger, readable_case, viewer, writable_case
from web.pages import pages
from web.pages.case_view import CHOICES, obligation_rows, parent_rows, recent_contacts
from web.pages.contact_form import contact_body
from web.pages.forms import field_errors, form_request
from web.schemas.contacts import ContactSchema

HOME_CASES = 100
DUE_WORDS = "open,missed"


def _safe_next(target: str | None) -> str:
    """Only a path on this site: never an open redirect."""
    if target and target.startswith("/") and not target.startswith("//"):
        return target
    return url_for("pages.home")


@pages.get("/login")
def login() -> str:
    """The sign-in form: the API token `caseledger users add` printed."""
    return render_template("pages/login.html", next=request.args.get("next", ""), error=None)


@pages.post("/login")
def sign_in() -> Any:
    """Exchange a token for a session; a wrong token is a denied request (access log)."""
    token = request.form.get("token", "").strip()
    person = ledger().authenticate(token) if token else None
    if person is None:
        page = render_template(
            "pages/login.html", next=request.form.get("next", ""), error="That token is not valid."
        )
        return page, 401
    session.clear()
    session["token"] = token
    return redirect(_safe_next(request.form.get("next")), 303)


@pages.post("/logout")
def sign_out() -> Any:
    """End the session."""
    session.clear()
    return redirect(url_for("pages.login"), 303)


@pages.get("/")
def home() -> str:
    """What is due: open and missed obligations in the caller's scope, or the referral board."""
    me = viewer()
    if me.role is Role.PBP_COORDINATOR:
        rows = board().rows([], ledger().clock().date())
        return render_template("pages/board.html", rows=rows)
    if me.role not in (Role.CASEWORKER, Role.SUPERVISOR, Role.AUDITOR):
        return render_template("pages/home.html", groups=[], more=0, listed=False)
    listing = scope_listing({"worker": None, "status": DUE_WORDS, "due_before": None})
    by_case: dict[str, list[dict[str, Any]]] = {}
    for text in caught_up().listing(listing):
        item = json.loads(text)
        by_case.setdefault(item["case_id"], []).append(item)
    groups = []
    for case_id, items in list(by_case.items())[:HOME_CASES]:
        case = ledger().get_case(UUID(case_id))
        groups.append({"case": case, "items": obligation_rows(case, items)})
    return render_template(
        "pages/home.html", groups=groups, more=max(0, len(by_case) - HOME_CASES), listed=True
    )


def _case_page(case: Case, status: int = 200, **form: Any) -> tuple[str, int]:
    stored = caught_up().case(case.id)
    documents = [json.loads(text) for text in stored.documents] if stored is not None else []
    now = ledger().clock()
    page = render_template(
        "pages/case.html",
        case=case,
        parents=parent_rows(case, today(case, now)),
        obligations=obligation_rows(case, documents),
        contacts=recent_contacts(case),
        choices=CHOICES,
        form_id=str(uuid.uuid4()),
        local_now=now.astimezone(zone(case.program)).strftime("%Y-%m-%dT%H:%M"),
        errors=form.get("errors", {}),
        values=form.get("values", {}),
        notice=session.pop("notice", None),
    )
    return page, status


@pages.get("/cases/<uuid:case_id>")
def case_page(case_id: UUID) -> tuple[str, int]:
    """A case: parents, what is owed with its clause, recent contacts, the contact form."""
    return _case_page(readable_case(case_id))


@pages.post("/cases/<uuid:case_id>/contacts")
def record_contact(case_id: UUID) -> Any:
    """Record a contact from the form; a resent form (same form key) records nothing new."""
    case = writable_case(case_id)
    values = request.form.to_dict()
    try:
        body = contact_body(request.form, zone(case.program))
        command = ContactSchema().command(ContactSchema().load(body))
        answer = ledger().handle(
            case_id, command, viewer().username, idempotency=form_request(body)
        )
    except (ValidationError, domain.DomainError) as error:
        return _case_page(case, 422, errors=field_errors(error), values=values)
    late = " (documented late)" if answer.get("documented_late") else ""
    session["notice"] = f"Contact recorded{late}; documentation due {answer['documentation_due']}."
    return redirect(url_for("pages.case_page", case_id=case_id), 303)
