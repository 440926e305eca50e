"""How one case event reads in the audit history: its name, times, actor, summary, data.

The summary is one line built from structured fields only: free text (narrative,
purpose, reasons, rationale) stays in ``data`` and never in a summary.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import json
import re
from collections.abc import Callable, Mapping
from typing import Any
from uuid import UUID

from projections.audit_ppt import PPT_SUMMARIES

LIBRARY_FIELDS = frozenset({"originator_id", "originator_version", "timestamp", "originator_topic"})

# Business time, in the order looked for: on the event, then inside its value objects.
BUSINESS_TIME_FIELDS = (
    "occurred_at",
    "effective_on",
    "opened_on",
    "closed_on",
    "identified_on",
    "held_on",
    "certified_on",
    "assigned_on",
    "on",
)


@dataclasses.dataclass(frozen=True)
class EntryFields:
    """The columns of one audit entry that come from the event itself."""

    event_type: str
    occurred_at: str
    recorded_at: str
    recorded_by: str
    summary: str
    data: str


def describe(event: Any) -> EntryFields:
    """The audit entry's fields for a case event."""
    fields = {k: v for k, v in vars(event).items() if k not in LIBRARY_FIELDS}
    data = {k: plain(v) for k, v in fields.items()}
    event_type = type(event).__name__
    recorded_at = instant(event.timestamp)
    return EntryFields(
        event_type=event_type,
        occurred_at=business_time(fields) or recorded_at,
        recorded_at=recorded_at,
        recorded_by=one_line(str(fields.get("actor", ""))),
        summary=summary(event_type, data),
        data=json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False),
    )


def instant(moment: dt.datetime) -> str:
    """A recording instant in UTC with microseconds: sorts as text, compares in SQL."""
    return moment.astimezone(dt.UTC).isoformat(timespec="microseconds")


_SIMPLE = frozenset({str, int, float, bool, type(None)})


def plain(value: Any) -> Any:
    """A JSON-safe copy of an event field (ids and times as ISO strings, enums as words)."""
    kind = type(value)
    if kind in _SIMPLE:
        return value
    if kind is UUID:
        return str(value)
    if isinstance(value, dt.date):  # datetime too
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return plain(value.value)
    if kind is list or kind is tuple:
        return [plain(v) for v in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, set | frozenset):
        return sorted((plain(v) for v in value), key=str)
    if isinstance(value, bool | int | float | str):
        return value
    return str(value)


def business_time(fields: Mapping[str, Any]) -> str | None:
    """When the fact happened in the world, if the event says (itself or a value object)."""
    found = _time_in(fields)
    if found is not None:
        return found
    for value in fields.values():
        if type(value) not in _SIMPLE and dataclasses.is_dataclass(value):
            found = _time_in(vars(value))
            if found is not None:
                return found
    return None


def _time_in(fields: Mapping[str, Any]) -> str | None:
    for name in BUSINESS_TIME_FIELDS:
        value = fields.get(name)
        if isinstance(value, dt.date):
            return value.isoformat()
    return None


def one_line(text: str) -> str:
    """Control characters and line breaks become spaces (nor may NUL reach PostgreSQL)."""
    return re.sub(r"[\x00-\x1f\x7f]+", " ", text).strip()


def humanise(event_type: str) -> str:
    """``ContactRecorded`` -> ``Contact recorded``."""
    words = re.findall(r"[A-Z][a-z0-9]*|[a-z0-9]+", event_type)
    return " ".join([words[0], *(w.lower() for w in words[1:])]) if words else event_type


def _short(value: Any) -> str:
    return str(value)[:8]


def _words(value: Any) -> str:
    """``not_in_best_interest`` -> ``not in best interest``; ``ppt`` reads as ``PPT``."""
    return "PPT" if value == "ppt" else str(value).replace("_", " ")


def _flags(changes: Mapping[str, Any]) -> str:
    return ", ".join(f"{k.replace('_', ' ')} {'yes' if v else 'no'}" for k, v in changes.items())


def _household(d: Mapping[str, Any]) -> str:
    h = d["household"]
    home = "children in the home" if h["children_in_home"] else "children out of the home"
    placed = "; in placement" if h["in_placement"] else ""
    return f"Household from {h['effective_on']}: {home}{placed}"


def _whom(d: Mapping[str, Any]) -> str:
    return "the whole case" if d.get("parent_id") is None else f"parent {_short(d['parent_id'])}"


def _decision_recorded(d: Mapping[str, Any]) -> str:
    methods = f" ({', '.join(_words(m) for m in d['methods'])})" if d.get("methods") else ""
    standing = "pending review" if d["needs_approval"] else "stands without approval"
    return (
        f"Decision {_words(d['kind'])}{methods} for parent {_short(d['parent_id'])}"
        f" from {d['effective_on']}: {standing}"
    )


def _decision_reviewed(d: Mapping[str, Any]) -> str:
    ended = f" from {d['effective_on']}" if d["outcome"] == "ended" else ""
    return (
        f"Decision {_short(d['decision_id'])} {d['outcome']}{ended}"
        f" (version {d['decision_hash'][:12]})"
    )


_SUMMARIES: dict[str, Callable[[Mapping[str, Any]], str]] = {
    "CaseOpened": lambda d: (
        f"Case {d['case_number']} opened under {d['program']} on {d['opened_on']};"
        f" worker {d['worker']}, supervisor {d['supervisor']}"
    ),
    "CaseReassigned": lambda d: (
        f"Case reassigned from {d['effective_on']}: worker {d['worker']},"
        f" supervisor {d['supervisor']}"
    ),
    "ParentIdentified": lambda d: (
        f"Parent {d['name']} identified ({d['relationship'].replace('_', ' ')},"
        f" {'custodial' if d['circumstances']['custodial'] else 'non-custodial'})"
    ),
    "ParentCircumstancesChanged": lambda d: (
        f"Parent {_short(d['parent_id'])} from {d['effective_on']}: {_flags(d['changes'])}"
    ),
    "HouseholdChanged": _household,
    "PermanencyGoalSet": lambda d: (
        f"Permanency goal {d['setting']['goal']} from {d['setting']['effective_on']}"
    ),
    "ReunificationScheduled": lambda d: (
        f"Child's return home scheduled for {d['child_returns_on']}"
    ),
    "ContactFrequencySet": lambda d: (
        f"Parent {_short(d['frequency']['parent_id'])}: {d['frequency']['per_month']} contacts"
        f" a month from {d['frequency']['effective_on']}"
    ),
    "DiligentSearchRecorded": lambda d: (
        f"Diligent search for parent {_short(d['search']['parent_id'])}:"
        f" {d['search']['outcome'].replace('_', ' ')}"
    ),
    "ContactRecorded": lambda d: (
        f"Contact {d['method'].replace('_', ' ')} with parent {_short(d['parent_id'])}:"
        f" {d['outcome']}"
    ),
    "ContactAmended": lambda d: (
        f"Contact {_short(d['contact_id'])} amended: {', '.join(sorted(d['changes']))}"
    ),
    "ContactVoided": lambda d: f"Contact {_short(d['contact_id'])} voided",
    "CaseClosed": lambda d: f"Case closed on {d['closed_on']}",
    "MeetingScheduled": lambda d: (
        f"{_words(d['kind'])[:1].upper()}{_words(d['kind'])[1:]} meeting {_short(d['meeting_id'])}"
        f" scheduled for {d['held_on']}"
    ),
    "MeetingNoticeSent": lambda d: (
        f"Notice of meeting {_short(d['meeting_id'])} sent to parent"
        f" {_short(d['parent_id'])} on {d['on']}"
    ),
    "MeetingNoticeWithheld": lambda d: (
        f"Notice of meeting {_short(d['meeting_id'])} withheld from parent"
        f" {_short(d['parent_id'])} on {d['on']}: {_words(d['reason'])}"
    ),
    "RefusalEscalated": lambda d: (
        f"Refusal by parent {_short(d['parent_id'])} escalated"
        f" (contact {_short(d['contact_id'])}): {_words(d['step'])}"
    ),
    "ConsultationRecorded": lambda d: (
        f"Consultation with the {_words(d['with_role'])} {d['consultant']}"
    ),
    "SafetyRiskIdentified": lambda d: (
        f"Safety risk identified on {d['identified_on']} for {_whom(d)}"
    ),
    "DecisionRecorded": _decision_recorded,
    "DecisionReviewed": _decision_reviewed,
    "CourtOrderRecorded": lambda d: (
        f"Court order {_words(d['kind'])} for {_whom(d)} from {d['effective_on']}"
    ),
    "EffortsCeasedDetermined": lambda d: (
        f"Efforts to engage parent {_short(d['parent_id'])} determined no longer necessary"
        f" from {d['effective_on']}"
    ),
}
_SUMMARIES.update(PPT_SUMMARIES)  # SOP 1626.4 events, kept in their own module


def summary(event_type: str, data: Mapping[str, Any]) -> str:
    """One line for people; events without a template read as their humanised name."""
    template = _SUMMARIES.get(event_type)
    try:
        text = template(data) if template else humanise(event_type)
    except (KeyError, TypeError, AttributeError):
        text = humanise(event_type)  # an older or newer shape of the event
    return one_line(text)
