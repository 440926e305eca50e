"""A case laid out for its page: times in the programme's zone, names instead of ids."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from domain.case import Case
from domain.policy.calendar import zone
from domain.values import ContactMethod, ContactOutcome, Topic

RECENT_CONTACTS = 25
STATUS_ORDER = {"missed": 0, "open": 1, "efforts_made": 2, "met": 3, "exempt": 4}
CHOICES = {
    "methods": [m.value for m in ContactMethod],
    "outcomes": [o.value for o in ContactOutcome],
    "topics": [t.value for t in Topic],
}


@dataclasses.dataclass(frozen=True)
class ParentRow:
    parent_id: str
    name: str
    relationship: str
    circumstances: list[str]


def local(case: Case, instant: dt.datetime) -> str:
    """An instant as the worker reads it: the programme's local time, to the minute."""
    return instant.astimezone(zone(case.program)).strftime("%Y-%m-%d %H:%M %Z")


def parent_rows(case: Case, today: dt.date) -> list[ParentRow]:
    """Each parent with the circumstances in force today (custodial first, as policy reads)."""
    rows = []
    for parent in case.parents.values():
        now = parent.on(today) or parent.history[-1]
        flags = [
            name.replace("_", " ")
            for name, value in dataclasses.asdict(now).items()
            if value is True
        ]
        rows.append(ParentRow(str(parent.parent_id), parent.name, parent.relationship.value, flags))
    return sorted(rows, key=lambda row: ("custodial" not in row.circumstances, row.name))


def obligation_rows(case: Case, documents: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The read model's obligations with the parent's name beside the id; missed first."""
    names = {str(p.parent_id): p.name for p in case.parents.values()}
    rows = [
        item | {"parent_name": names.get(item.get("parent_id") or "", "the case")}
        for item in documents
    ]
    return sorted(rows, key=lambda r: (STATUS_ORDER.get(r["status"], 5), str(r["due"])))


def recent_contacts(case: Case) -> list[dict[str, Any]]:
    """The latest contacts first, as amended, with late documentation marked (ENG-VII/VIII)."""
    names = {str(p.parent_id): p.name for p in case.parents.values()}
    contacts = sorted(case.contacts.values(), key=lambda c: c.occurred_at, reverse=True)
    return [
        {
            "occurred": local(case, c.occurred_at),
            "parent": names.get(str(c.parent_id), "?"),
            "method": c.method.value,
            "outcome": c.outcome.value,
            "purpose": c.purpose,
            "documented_late": c.documented_late,
            "voided": c.voided,
            "amended": c.amendments > 0,
        }
        for c in contacts[:RECENT_CONTACTS]
    ]
