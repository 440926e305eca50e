"""The contact form's fields as the API's contact body.

A person types the local time of the contact (the programme's zone, as the reading
rules count days); the API wants an instant with its offset, so the zone is added here
and nothing else is guessed: the same schema then checks every field.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from marshmallow import ValidationError
from werkzeug.datastructures import MultiDict


def contact_body(form: MultiDict[str, str], zone: ZoneInfo) -> dict[str, Any]:
    """The JSON body the contact schema takes, from the form's strings."""
    typed = form.get("occurred_at", "").strip()
    try:
        occurred = dt.datetime.fromisoformat(typed)
    except ValueError:
        raise ValidationError({"occurred_at": ["Give the date and time of the contact."]}) from None
    if occurred.tzinfo is None:
        occurred = occurred.replace(tzinfo=zone)
    return {
        "parent_id": form.get("parent_id", ""),
        "occurred_at": occurred.isoformat(),
        "method": form.get("method", ""),
        "location": form.get("location", "").strip() or None,
        "outcome": form.get("outcome", ""),
        "purpose": form.get("purpose", "").strip(),
        "topics": form.getlist("topics"),
        "narrative": form.get("narrative", "").strip() or None,
    }
