"""The documented hash recipe, recomputed independently."""

import hashlib
import uuid

from projections.audit_hash import canonical_id, chain, event_body, netstring

CASE = uuid.UUID("1b4e28ba-2fa1-11d2-883f-0016d3cca427")
TOPIC = "domain.case:Case.ContactRecorded"


def test_the_first_hash_is_sha256_of_the_netstrings_in_the_documented_order():
    state = b'{"actor":"wendy"}'
    expected = hashlib.sha256(
        b"0:,36:1b4e28ba-2fa1-11d2-883f-0016d3cca427,1:3,32:"
        + TOPIC.encode()
        + b",17:"
        + state
        + b","
    ).hexdigest()
    assert chain(None, event_body(CASE, 3, TOPIC, state)) == expected


def test_each_hash_covers_the_previous_one():
    body = event_body(CASE, 2, TOPIC, b"{}")
    prev = "ab" * 32
    expected = hashlib.sha256(b"64:" + prev.encode() + b"," + body).hexdigest()
    assert chain(prev, body) == expected != chain(None, body)


def test_sqlite_and_postgresql_forms_of_an_id_hash_alike():
    assert canonical_id(CASE.hex) == canonical_id(CASE) == str(CASE)
    assert event_body(CASE.hex, 1, TOPIC, b"x") == event_body(CASE, 1, TOPIC, b"x")


def test_damaged_columns_hash_without_raising_and_never_match():
    good = event_body(CASE, 1, TOPIC, b"x")
    assert canonical_id("not a uuid") == "not a uuid"
    for damaged in (
        event_body(None, None, None, None),
        event_body("zz", "1", TOPIC, "x"),
        event_body(CASE, 1, TOPIC, memoryview(b"y")),
    ):
        assert damaged != good


def test_netstring_frames_fields_so_moving_a_boundary_changes_the_hash():
    assert netstring(b"abc") == b"3:abc,"
    assert event_body(CASE, 1, "ab", b"c") != event_body(CASE, 1, "a", b"bc")
