"""What the printable audit history shows, gathered from the trail as of one instant.

Everything on the page depends on ``known_at`` alone (or on the instant the export was
taken when none is given): the entries recorded by then, the obligations judged at that
day in the programme's zone from the record as it then stood, and the latest checkpoint
signed by then. So the same ``known_at`` gives the same page, and the same PDF bytes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import Any
from uuid import UUID

from domain.application import CaseLedger
from domain.obligations import obligations_of, to_contract
from domain.policy.calendar import local_date, zone
from domain.values import Program
from projections import checkpoint as checkpoints
from projections.audit_entry import instant
from projections.audit_trail import AuditTrail
from web import audit_listing

CONTACTS_IN_FULL = 100
"""Up to this many contacts the page gives each one's purpose, location and narrative;
beyond it only the amended and voided ones, beside their corrections (the JSON export has
every contact in full). A table row takes WeasyPrint 10-20 ms to lay out, and a long
case's PDF must still print in under two seconds (issue 5)."""


def report(
    trail: AuditTrail, ledger: CaseLedger, case_id: UUID, known_at: dt.datetime | None
) -> dict[str, Any]:
    """The page's context: header, parents, chronology, contacts, decisions, obligations,
    and the means to verify them."""
    as_of = known_at or ledger.clock()
    history = trail.entries(case_id, as_of)
    entries = history["entries"]
    header = _header(entries)
    program = {p.value: p for p in Program}.get(header.get("program", ""))
    local = None if program is None else zone(program)
    for entry in entries:
        entry["late"] = _late(entry)
    parents = _of_type(entries, "ParentIdentified")
    contacts = _contacts(entries)
    obligations = _obligations(ledger, case_id, as_of, known_at is None)
    verification = trail.verify_case(case_id)
    bad = verification.first_bad_seq
    key = trail.checkpoint_key
    return {
        "case_id": str(case_id),
        "as_of": instant(as_of),
        "taken_now": known_at is None,
        "header": header,
        "parents": parents,
        "entries": entries,
        "chronology": audit_listing.chronology(entries, local),
        "late_mark": audit_listing.LATE,
        "contacts_in_full": len(contacts) <= CONTACTS_IN_FULL,
        "contacts": contacts,
        "corrected_contacts": [c for c in contacts if c["corrections"]],
        "decisions": _decisions(entries),
        "obligations": obligations,
        **_obligation_listing(obligations, parents),
        "head_hash": history["head_hash"],
        "verified": bad is None or bad > len(entries),
        "first_bad_seq": bad if bad is not None and bad <= len(entries) else None,
        "checkpoint": None if key is None else _checkpoint(key, instant(as_of)),
    }


def _of_type(entries: list[dict[str, Any]], *types: str) -> list[dict[str, Any]]:
    return [e for e in entries if e["event_type"] in types]


def _late(entry: dict[str, Any]) -> bool:
    """Documented after the deadline (ENG-VII CPS, ENG-VIII JJS)."""
    due = entry["data"].get("documentation_due")
    if entry["event_type"] != "ContactRecorded" or not isinstance(due, str):
        return False
    return dt.datetime.fromisoformat(entry["recorded_at"]) > dt.datetime.fromisoformat(due)


def _header(entries: list[dict[str, Any]]) -> dict[str, Any]:
    header: dict[str, Any] = {}
    for entry in _of_type(entries, "CaseOpened", "CaseReassigned", "CaseClosed"):
        header.update({k: v for k, v in entry["data"].items() if k != "actor"})
    return header


def _contacts(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each contact as first recorded, with its amendments and void beside it."""
    contacts = {
        e["data"]["contact_id"]: e | {"corrections": []}
        for e in entries
        if e["event_type"] == "ContactRecorded"
    }
    for entry in _of_type(entries, "ContactAmended", "ContactVoided"):
        original = contacts.get(entry["data"].get("contact_id"))
        if original is not None:
            original["corrections"].append(entry)
    return list(contacts.values())


def _decisions(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each decision with its rationale and the reviews of it, in order."""
    decisions = {
        e["data"].get("decision_id"): e | {"reviews": []}
        for e in entries
        if e["event_type"] == "DecisionRecorded"
    }
    for entry in _of_type(entries, "DecisionReviewed"):
        decision = decisions.get(entry["data"].get("decision_id"))
        if decision is not None:
            decision["reviews"].append(entry)
    return list(decisions.values())


def _obligations(
    ledger: CaseLedger, case_id: UUID, as_of: dt.datetime, now: bool
) -> list[dict[str, Any]] | None:
    """Judged at ``as_of``'s day in the programme's zone; None when the record cannot be
    read back (a damaged case still gets its export and its verification)."""
    try:
        case = ledger.get_case(case_id) if now else ledger.case_known_at(case_id, as_of)
        if case is None:
            return []
        day = local_date(case.program, as_of)
        return [to_contract(o) for o in obligations_of(case, day)]
    except Exception:
        return None


def _obligation_listing(
    obligations: list[dict[str, Any]] | None, parents: list[dict[str, Any]]
) -> dict[str, Any]:
    """Counts per kind and status, and a line for each obligation listed on its own."""
    names = {p["data"].get("parent_id", ""): p["data"].get("name", "") for p in parents}
    shown = [o for o in obligations or [] if o["kind"] not in audit_listing.NOT_LISTED]
    return {
        "obligation_counts": audit_listing.obligation_counts(obligations or []),
        "obligations_heading": audit_listing.OBLIGATIONS_HEADING,
        "obligation_lines": [audit_listing.obligation_line(o, names) for o in shown],
        "not_listed": sorted(audit_listing.NOT_LISTED),
    }


def _checkpoint(key: Path, as_of: str) -> dict[str, Any] | None:
    """The last checkpoint signed at or before ``as_of``, with the key's fingerprint."""
    path = checkpoints.checkpoints_path(key)
    if not path.exists():
        return None
    found = None
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            fields = json.loads(line)
            if str(fields["at"]) <= as_of:
                found = checkpoints.Checkpoint(**fields)
        except (ValueError, KeyError, TypeError):
            continue
    if found is None:
        return None
    fingerprint = hashlib.sha256(bytes.fromhex(found.public_key)).hexdigest()
    return found.as_dict() | {
        "fingerprint": fingerprint,
        "signature_valid": checkpoints.signature_valid(found, key),
    }
