"""Server-rendered pages for people: sign in, what is due, a case, record a contact.

The pages are a second face on the same commands and read models as the JSON API: the
same token identifies the person (kept in a signed session cookie after sign-in), the
same visibility rules decide which cases exist for them, and every page read is in the
access log (AU-2) like an API read. Forms carry a per-session token against cross-site
posts, and a per-form key so a double-submitted contact is recorded once.
"""

from __future__ import annotations

import hmac
import secrets
from typing import Any

from flask import Blueprint, g, redirect, render_template, request, session, url_for

from web.access_log import record_access
from web.auth import ledger
from web.errors import problem_for

pages = Blueprint("pages", __name__)
PUBLIC = frozenset({"pages.login", "pages.sign_in"})


def csrf_token() -> str:
    """The session's token against cross-site form posts (created on first use)."""
    token = session.get("csrf")
    if not isinstance(token, str):
        token = session["csrf"] = secrets.token_urlsafe(32)
    return token


@pages.before_request
def signed_in_viewer() -> Any:
    """Refuse a form post without the session's token; send strangers to sign in."""
    if request.method == "POST":
        sent = request.form.get("csrf_token", "")
        if not hmac.compare_digest(sent, session.get("csrf") or "\0"):
            return render_error(400, "Form expired", "Reload the page and send the form again.")
    if request.endpoint in PUBLIC:
        return None
    token = session.get("token")
    found = ledger().authenticate(token) if isinstance(token, str) else None
    if found is None:
        session.pop("token", None)
        return redirect(url_for("pages.login", next=request.full_path.rstrip("?")))
    g.viewer = found
    return None


pages.after_request(record_access)


@pages.app_context_processor
def page_context() -> dict[str, Any]:
    """What every page's layout shows: the person signed in and the form token."""
    return {"me": g.get("viewer"), "csrf_token": csrf_token}


def render_error(status: int, title: str, detail: str) -> tuple[str, int]:
    """An error as a page a person can read, with the same status the API would give."""
    return render_template("pages/error.html", status=status, title=title, detail=detail), status


@pages.errorhandler(Exception)
def page_error(error: Exception) -> tuple[str, int]:
    """Any error the API would answer as problem+json, shown as a page instead."""
    answer = problem_for(error).get_json()
    return render_error(answer["status"], answer["title"], answer["detail"])


from web.pages import audit_page, review, views  # noqa: E402, F401  (routes register on import)
