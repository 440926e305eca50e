"""The audit trail as the API and the command line use it: one per app, caught up first.

Authorisation for the audit reads comes from the trail's own rows (the case's opening
and reassignments as first projected), never from replaying the case: a damaged case
must still answer its verification (ARCHITECTURE "Audit integrity").
"""

from __future__ import annotations

import json
import threading
from pathlib import Path
from uuid import UUID

from flask import current_app

from domain.access import CaseParties
from domain.application import CaseLedger
from domain.values import Program
from projections.audit_trail import AuditTrail
from projections.runner import catch_up
from web.config import from_environment

EXTENSION = "caseledger.audit_trail"
_guard = threading.Lock()


def checkpoint_key() -> Path:
    """The Ed25519 key file: ``CHECKPOINT_KEY`` in the app's config, else the setting."""
    configured = current_app.config.get("CHECKPOINT_KEY")
    return Path(configured or from_environment().checkpoint_key)


def trail() -> AuditTrail:
    """This app's audit trail (its table is created on first use)."""
    found: AuditTrail | None = current_app.extensions.get(EXTENSION)
    if found is None:
        with _guard:
            found = current_app.extensions.get(EXTENSION)
            if found is None:
                ledger: CaseLedger = current_app.extensions["caseledger"]
                found = AuditTrail(ledger, checkpoint_key=checkpoint_key())
                current_app.extensions[EXTENSION] = found
    return found


def caught_up() -> AuditTrail:
    """The trail with every acknowledged event projected (read-your-writes)."""
    audit = trail()
    catch_up(audit.app, audit)
    return audit


def case_parties(audit: AuditTrail, case_id: UUID) -> CaseParties | None:
    """The case's current worker and supervisor as its history records them, or None."""
    with audit.database.transaction(commit=False) as cursor:
        cursor.execute(
            f"SELECT data FROM {audit.table} WHERE originator_id = ?"
            " AND event_type IN ('CaseOpened', 'CaseReassigned') ORDER BY originator_version",
            [str(case_id)],
        )
        rows = cursor.fetchall()
    if not rows:
        return None
    worker = supervisor = ""
    program = None
    for (data,) in rows:
        fields = json.loads(data)
        worker = fields.get("worker") or worker
        supervisor = fields.get("supervisor") or supervisor
        program = fields.get("program") or program
    ledger: CaseLedger = current_app.extensions["caseledger"]
    staff = ledger.find_user(worker)
    known = {p.value: p for p in Program}.get(program or "")
    return CaseParties(worker, supervisor, staff.team if staff else None, known)
