"""Signed checkpoints catch what the stored hashes cannot: rewrites and rollbacks (E3)."""

import json
import stat

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

from projections import runner
from projections.audit_trail import AuditDamaged, AuditTrail
from projections.checkpoint import checkpoints_path, public_key_hex, signed_message
from tests.integration.audit_helpers import EventsTable, build_history, record_contact


@pytest.fixture
def signed(ledger, clock, tmp_path):
    """A history, its audit trail caught up, and a checkpoint signed over it."""
    case_ids = build_history(ledger, clock, cases=3, contacts=3)
    trail = AuditTrail(ledger, checkpoint_key=tmp_path / "keys" / "checkpoint.key")
    runner.catch_up(ledger, trail)
    checkpoint = trail.create_checkpoint(clock.now)
    return trail, case_ids, checkpoint


def _add_contact(ledger, clock, trail, case_id):
    parent = next(iter(ledger.get_case(case_id).parents.values()))
    record_contact(ledger, clock, case_id, parent.parent_id)
    runner.catch_up(ledger, trail)


def test_the_key_is_created_on_first_use_readable_by_its_owner_only(signed, clock):
    trail, _, checkpoint = signed
    key = trail.checkpoint_key
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert key.with_name("checkpoint.key.pub").read_text().startswith("-----BEGIN PUBLIC KEY")
    again = trail.create_checkpoint(clock.now)
    assert again.public_key == checkpoint.public_key == public_key_hex(key)
    assert len(checkpoints_path(key).read_text().splitlines()) == 2


def test_a_court_checks_a_checkpoint_with_the_printed_public_key_alone(signed, ledger):
    trail, _, checkpoint = signed
    size, head = trail.log_head()
    assert (checkpoint.size, checkpoint.head_hash) == (size, head)
    assert size == len(EventsTable(ledger).ids())
    public = Ed25519PublicKey.from_public_bytes(bytes.fromhex(public_key_hex(trail.checkpoint_key)))
    text = f"caseledger-checkpoint-v1\nsize={size}\nhead={head}\nat={checkpoint.at}\n"
    public.verify(bytes.fromhex(checkpoint.signature), text.encode())


def test_a_log_that_grew_after_its_checkpoint_still_verifies(signed, ledger, clock):
    trail, case_ids, checkpoint = signed
    _add_contact(ledger, clock, trail, case_ids[0])
    report = trail.verify_all()
    assert report.ok
    assert report.events == checkpoint.size + 1
    assert report.checkpoint.ok
    assert report.checkpoint.head_hash == checkpoint.head_hash


def test_a_consistent_rewrite_of_events_and_hashes_is_caught_only_by_the_checkpoint(signed, ledger):
    trail, case_ids, _ = signed
    table = EventsTable(ledger)
    nid, *_, state = table.case_rows(case_ids[1])[3]
    table.run(table.set(nid, "state", bytes(state).replace(b"seen at home", b"seen by phone")))
    runner.rebuild(ledger, trail)  # hashes recomputed over the rewritten event
    assert all(trail.verify_case(case_id).ok for case_id in case_ids)
    report = trail.verify_all()
    assert (report.first_bad_position, report.bad_cases) == (None, {})
    assert not report.ok
    assert not report.checkpoint.ok
    assert "differs from the signed head" in report.checkpoint.reason


def _roll_back(ledger, trail, keep):
    """What restoring an older backup does: events, trail rows and position all older."""
    table = EventsTable(ledger)
    cut = table.ids()[keep - 1]
    table.run((f"DELETE FROM {{events}} WHERE {table.nid} > ?", [cut]))
    with trail.database.transaction(commit=True) as cursor:
        cursor.execute(f"DELETE FROM {trail.table} WHERE position > ?", [cut])
        cursor.execute(
            f"UPDATE {trail.tracker.table} SET notification_id = ? WHERE application_name = ?",
            [cut, trail.tracking_name],
        )


def test_a_restored_older_backup_is_caught_by_the_checkpoint(signed, ledger, clock):
    trail, case_ids, checkpoint = signed
    _roll_back(ledger, trail, keep=checkpoint.size - 2)
    report = trail.verify_all()
    assert (report.first_bad_position, report.bad_cases) == (None, {})
    assert not report.ok
    assert "fewer than the" in report.checkpoint.reason
    for case_id in case_ids:  # new work after the restore does not hide it
        _add_contact(ledger, clock, trail, case_id)
    report = trail.verify_all()
    assert report.events > checkpoint.size
    assert not report.ok
    assert "differs from the signed head" in report.checkpoint.reason


def test_an_edited_checkpoint_is_refused(signed):
    trail, _, _ = signed
    path = checkpoints_path(trail.checkpoint_key)
    fields = json.loads(path.read_text())
    fields["size"] -= 1
    path.write_text(json.dumps(fields) + "\n")
    report = trail.verify_all()
    assert not report.ok
    assert "signature" in report.checkpoint.reason


def test_a_checkpoint_signed_with_another_key_is_refused(signed):
    trail, _, checkpoint = signed
    forger = Ed25519PrivateKey.generate()
    message = signed_message(checkpoint.size, checkpoint.head_hash, checkpoint.at)
    fields = checkpoint.as_dict() | {"signature": forger.sign(message).hex()}
    with checkpoints_path(trail.checkpoint_key).open("a") as out:
        out.write(json.dumps(fields) + "\n")
    assert not trail.verify_all().checkpoint.ok


def test_without_a_checkpoint_verify_checks_the_chains_only(ledger, clock, tmp_path):
    build_history(ledger, clock, cases=1, contacts=1)
    trail = AuditTrail(ledger, checkpoint_key=tmp_path / "unused.key")
    runner.catch_up(ledger, trail)
    report = trail.verify_all()
    assert report.ok
    assert report.checkpoint is None
    assert not (tmp_path / "unused.key").exists()


def test_the_audit_trail_refuses_to_rebuild_over_events_that_do_not_verify(signed, ledger):
    trail, case_ids, _ = signed
    live = trail.dump()
    trail.rebuild()
    assert trail.dump() == live
    table = EventsTable(ledger)
    nid, *_, state = table.case_rows(case_ids[0])[2]
    table.run(table.set(nid, "state", bytes(state).replace(b"home", b"h0me")))
    with pytest.raises(AuditDamaged):
        trail.rebuild()
    assert trail.dump() == live
