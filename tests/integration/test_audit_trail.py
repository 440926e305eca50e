"""A case's audit history: every Case event in recording order, chained, on both stores."""

import datetime as dt
import hashlib
import json

from domain.commands import AmendContact, VoidContact
from projections.audit_trail import AuditTrail
from projections.runner import catch_up
from tests.integration.audit_helpers import (
    CANARY,
    EventsTable,
    add_staff,
    open_case,
    record_contact,
)


def _history(ledger, clock):
    add_staff(ledger)
    case_id, parent_id = open_case(ledger, "NH-7")
    record_contact(ledger, clock, case_id, parent_id)
    contact_id = next(iter(ledger.get_case(case_id).contacts.values())).contact_id
    clock.advance(hours=1)
    ledger.handle(case_id, AmendContact(contact_id, "wrong room", {"location": "kitchen"}), "sam")
    clock.advance(hours=1)
    ledger.handle(case_id, VoidContact(contact_id, "duplicate entry"), "wendy")
    trail = AuditTrail(ledger)
    catch_up(ledger, trail)
    return trail, case_id


def test_history_lists_every_case_event_in_recording_order_with_the_contract_fields(ledger, clock):
    trail, case_id = _history(ledger, clock)
    history = trail.entries(case_id)
    entries = history["entries"]
    assert history["case_id"] == str(case_id)
    assert [e["seq"] for e in entries] == [1, 2, 3, 4, 5]
    assert [e["event_type"] for e in entries] == [
        "CaseOpened",
        "ParentIdentified",
        "ContactRecorded",
        "ContactAmended",
        "ContactVoided",
    ]
    assert set(entries[0]) == {
        "seq",
        "event_type",
        "occurred_at",
        "recorded_at",
        "recorded_by",
        "summary",
        "data",
        "hash",
        "prev_hash",
    }
    assert [e["recorded_by"] for e in entries] == ["wendy", "wendy", "wendy", "sam", "wendy"]
    assert entries[3]["data"]["changes"] == {"location": "kitchen"}
    assert entries[4]["summary"].endswith("voided")


def test_entries_carry_business_time_apart_from_recording_time(ledger, clock):
    opened_at = clock.now
    trail, case_id = _history(ledger, clock)
    opened, _, contact, *_ = trail.entries(case_id)["entries"]
    assert opened["occurred_at"] == "2026-01-05"
    assert dt.datetime.fromisoformat(opened["recorded_at"]) == opened_at
    recorded = dt.datetime.fromisoformat(contact["recorded_at"])
    assert dt.datetime.fromisoformat(contact["occurred_at"]) == recorded - dt.timedelta(hours=1)


def test_each_entry_chains_to_the_previous_and_the_head_is_the_last_hash(ledger, clock):
    trail, case_id = _history(ledger, clock)
    history = trail.entries(case_id)
    entries = history["entries"]
    assert entries[0]["prev_hash"] is None
    assert [e["prev_hash"] for e in entries[1:]] == [e["hash"] for e in entries[:-1]]
    assert history["head_hash"] == entries[-1]["hash"]
    assert len({e["hash"] for e in entries}) == len(entries)


def test_a_court_recomputes_the_hashes_from_the_stored_rows_with_sha256_alone(ledger, clock):
    trail, case_id = _history(ledger, clock)
    rows = EventsTable(ledger).case_rows(case_id)

    def field(data: bytes) -> bytes:
        return str(len(data)).encode() + b":" + data + b","

    prev = b""
    entries = trail.entries(case_id)["entries"]
    for (_, _, version, topic, state), entry in zip(rows, entries, strict=True):
        message = field(prev) + field(str(case_id).encode()) + field(str(version).encode())
        message += field(topic.encode()) + field(bytes(state))
        prev = hashlib.sha256(message).hexdigest().encode()
        assert entry["hash"] == prev.decode()


def test_summaries_never_carry_the_narrative(ledger, clock):
    trail, case_id = _history(ledger, clock)
    entries = trail.entries(case_id)["entries"]
    assert CANARY in entries[2]["data"]["narrative"]
    assert not any(CANARY in e["summary"] for e in entries)
    assert entries[2]["summary"].startswith("Contact in home with parent")


def test_staff_and_idempotency_events_join_the_whole_log_but_no_case_history(ledger, clock):
    trail, case_id = _history(ledger, clock)
    events = len(ledger.recorder.select_notifications(None, limit=1000))
    size, head = trail.log_head()
    assert size == events > len(trail.entries(case_id)["entries"])
    assert head == trail.verify_all().head_hash
    staff_id = ledger.recorder.select_notifications(None, limit=1)[0].originator_id
    assert trail.entries(staff_id)["entries"] == []


def test_known_at_keeps_only_what_the_record_showed_then(ledger, clock):
    trail, case_id = _history(ledger, clock)
    entries = trail.entries(case_id)["entries"]
    amended_at = dt.datetime.fromisoformat(entries[3]["recorded_at"])
    then = trail.entries(case_id, known_at=amended_at)
    assert [e["event_type"] for e in then["entries"]][-1] == "ContactAmended"
    assert then["head_hash"] == entries[3]["hash"]
    earlier = trail.entries(case_id, known_at=amended_at - dt.timedelta(microseconds=1))
    assert len(earlier["entries"]) == 3
    before_all = trail.entries(case_id, known_at=dt.datetime(2020, 1, 1, tzinfo=dt.UTC))
    assert before_all == {"case_id": str(case_id), "entries": [], "head_hash": None}


def test_known_at_compares_instants_whatever_their_offset(ledger, clock):
    trail, case_id = _history(ledger, clock)
    entries = trail.entries(case_id)["entries"]
    amended_at = dt.datetime.fromisoformat(entries[3]["recorded_at"])
    in_new_hampshire = amended_at.astimezone(dt.timezone(dt.timedelta(hours=-5)))
    assert len(trail.entries(case_id, known_at=in_new_hampshire)["entries"]) == 4


def test_entry_data_round_trips_as_json(ledger, clock):
    trail, case_id = _history(ledger, clock)
    history = trail.entries(case_id)
    assert json.loads(json.dumps(history)) == history
