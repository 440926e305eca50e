"""A case's audit history as a court receives it, checkable with a hash function alone.

Beside the contracted history it carries each entry's stored event exactly as the store
holds it (the state bytes in base64), the recipe that turns those into the hashes,
the case's verification, and the latest signed checkpoint with the public key that
checks it (ARCHITECTURE "Audit integrity": exports).
"""

from __future__ import annotations

import base64
import datetime as dt
from typing import Any
from uuid import UUID

from projections import audit_hash, checkpoint, verify
from projections.audit_hash import canonical_id, state_bytes
from projections.audit_trail import AuditTrail


def case_export(
    trail: AuditTrail, case_id: UUID, known_at: dt.datetime | None = None
) -> dict[str, Any]:
    """The history (as of ``known_at``) with the stored events and the means to check it."""
    history = trail.entries(case_id, known_at)
    with trail.database.transaction(commit=False, snapshot=True) as cursor:
        rows = verify.case_events(trail, cursor, str(case_id))
    by_seq = {row[1]: row for row in rows}
    for entry in history["entries"]:
        row = by_seq.get(entry["seq"])
        entry["stored_event"] = None if row is None else _stored_event(row)
    key = trail.checkpoint_key
    latest = None if key is None else checkpoint.latest_checkpoint(key)
    has_key = key is not None and key.exists()
    return history | {
        "verification": trail.verify_case(case_id).as_dict(),
        "checkpoint": None if latest is None else latest.as_dict(),
        "public_key": checkpoint.public_key_hex(key) if has_key and key else None,
        "how_to_verify": audit_hash.__doc__,
    }


def _stored_event(row: tuple[Any, ...]) -> dict[str, Any]:
    originator_id, version, topic, state = row
    return {
        "originator_id": canonical_id(originator_id),
        "originator_version": version,
        "topic": topic,
        "state_base64": base64.b64encode(state_bytes(state)).decode(),
    }
