"""Idempotency-Key records: keyed per caller, compared by a fingerprint of the request."""

from __future__ import annotations

from domain.idempotency import IdempotencyRecord, fingerprint
from tests.unit.builders import NOW

BODY = {"parent_id": "p1", "method": "in_home", "topics": ["a", "b"], "narrative": "x"}


def test_fingerprint_ignores_the_order_of_keys():
    reordered = dict(reversed(list(BODY.items())))
    assert fingerprint("POST", "/c/1/contacts", BODY) == fingerprint(
        "POST", "/c/1/contacts", reordered
    )


def test_fingerprint_changes_with_any_field_the_method_or_the_path():
    base = fingerprint("POST", "/c/1/contacts", BODY)
    assert fingerprint("POST", "/c/1/contacts", BODY | {"narrative": "y"}) != base
    assert fingerprint("POST", "/c/1/contacts", BODY | {"topics": ["b", "a"]}) != base
    assert fingerprint("POST", "/c/2/contacts", BODY) != base
    assert fingerprint("PUT", "/c/1/contacts", BODY) != base


def test_fingerprint_is_a_sha256_hex_digest():
    digest = fingerprint("POST", "/", {})
    assert len(digest) == 64
    assert int(digest, 16) >= 0


def test_keys_are_scoped_to_their_caller():
    assert IdempotencyRecord.create_id("wendy", "k1") == IdempotencyRecord.create_id("wendy", "k1")
    assert IdempotencyRecord.create_id("wendy", "k1") != IdempotencyRecord.create_id("sam", "k1")
    assert IdempotencyRecord.create_id("wendy", "k1") != IdempotencyRecord.create_id("wendy", "k2")


def test_record_keeps_the_first_answer_and_the_fingerprint():
    record = IdempotencyRecord(
        owner="wendy", key="k1", fingerprint="f", answer={"contact_id": "c"}, timestamp=NOW
    )
    assert record.id == IdempotencyRecord.create_id("wendy", "k1")
    assert (record.fingerprint, record.answer) == ("f", {"contact_id": "c"})


def test_a_slash_in_owner_or_key_cannot_make_two_callers_keys_collide():
    assert IdempotencyRecord.create_id("a/b", "c") != IdempotencyRecord.create_id("a", "b/c")
