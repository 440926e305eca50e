"""A case's export lets a court check every hash with base64 and SHA-256 alone."""

import base64
import hashlib
import json

from projections import runner
from projections.audit_export import case_export
from projections.audit_trail import AuditTrail
from tests.integration.audit_helpers import build_history


def _field(data: bytes) -> bytes:
    return str(len(data)).encode() + b":" + data + b","


def test_every_hash_in_an_export_recomputes_from_the_stored_events_it_carries(
    ledger, clock, tmp_path
):
    case_id, *_ = build_history(ledger, clock, cases=2, contacts=3)
    trail = AuditTrail(ledger, checkpoint_key=tmp_path / "checkpoint.key")
    runner.catch_up(ledger, trail)
    signed = trail.create_checkpoint(clock.now)
    export = json.loads(json.dumps(case_export(trail, case_id)))
    prev = b""
    for entry in export["entries"]:
        stored = entry["stored_event"]
        message = _field(prev) + _field(stored["originator_id"].encode())
        message += _field(str(stored["originator_version"]).encode())
        message += _field(stored["topic"].encode())
        message += _field(base64.b64decode(stored["state_base64"]))
        prev = hashlib.sha256(message).hexdigest().encode()
        assert prev.decode() == entry["hash"]
    assert export["head_hash"] == prev.decode()
    assert export["verification"] == {
        "ok": True,
        "entries": len(export["entries"]),
        "head_hash": export["head_hash"],
        "first_bad_seq": None,
    }
    assert export["checkpoint"]["signature"] == signed.signature
    assert export["public_key"] == signed.public_key
    assert "netstring" in export["how_to_verify"]


def test_an_export_without_a_checkpoint_key_creates_none(ledger, clock, tmp_path):
    case_id, *_ = build_history(ledger, clock, cases=1, contacts=1)
    trail = AuditTrail(ledger, checkpoint_key=tmp_path / "checkpoint.key")
    runner.catch_up(ledger, trail)
    export = case_export(trail, case_id)
    assert (export["checkpoint"], export["public_key"]) == (None, None)
    assert not (tmp_path / "checkpoint.key").exists()
