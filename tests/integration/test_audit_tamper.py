"""Tampering with stored events is caught at the first affected seq (E1, E2, E3).

Each kind of mutation is applied at random positions by direct SQL on the events table,
verified, and undone, so one store serves many mutations; every one must be reported
at the exact seq (case chain) and log position (whole-log chain), and nothing else.
"""

import random
import re
import uuid

import pytest

from domain.errors import DuplicateCase
from projections.audit_trail import AuditTrail
from projections.runner import catch_up
from tests.integration.audit_helpers import EventsTable, build_history, open_case, record_contact

MUTATIONS = 100
OTHER_TOPICS = ("domain.case:Case.CaseClosed", "domain.staff:Staff.RoleGranted")
TIMESTAMP = re.compile(rb'"timestamp":\{"_type_":"datetime_iso","_data_":"([^"]+)"')


@pytest.fixture
def history(ledger, clock):
    case_ids = build_history(ledger, clock, cases=4, contacts=5)
    trail = AuditTrail(ledger)
    catch_up(ledger, trail)
    return trail, case_ids, EventsTable(ledger)


def _flip_byte(data, rng):
    i = rng.randrange(len(data))
    return data[:i] + bytes([data[i] ^ (1 << rng.randrange(8))]) + data[i + 1 :]


def _state(table, rows, rng):
    nid, _, version, _, state = rng.choice(rows)
    changed = _flip_byte(bytes(state), rng)
    return [table.set(nid, "state", changed)], [table.set(nid, "state", state)], version, nid


def _topic(table, rows, rng):
    nid, _, version, topic, _ = rng.choice(rows)
    forged = rng.choice([t for t in (*OTHER_TOPICS, topic + "s") if t != topic])
    return [table.set(nid, "topic", forged)], [table.set(nid, "topic", topic)], version, nid


def _version(table, rows, rng):
    nid, _, version, _, _ = rng.choice(rows)
    forged = version + 1000 + rng.randrange(1000)
    change, undo = (
        table.set(nid, "originator_version", forged),
        table.set(nid, "originator_version", version),
    )
    return [change], [undo], version, nid


def _time(table, rows, rng):
    nid, _, version, _, state = rng.choice(rows)
    state = bytes(state)
    found = TIMESTAMP.search(state)
    start = found.start(1) + rng.choice(
        [i for i, c in enumerate(found.group(1)) if chr(c).isdigit()]
    )
    digit = state[start] - ord("0")
    moved = state[:start] + str((digit + 1 + rng.randrange(8)) % 10).encode() + state[start + 1 :]
    return [table.set(nid, "state", moved)], [table.set(nid, "state", state)], version, nid


def _delete(table, rows, rng):
    row = rng.choice(rows[1:-1])
    return [table.delete(row[0])], [table.insert(row)], row[2], row[0]


def _insert(table, rows, rng):
    _, originator_id, _, topic, state = rng.choice(rows)
    forged = len(rows) + 1
    undo = (
        "DELETE FROM {events} WHERE originator_id = ? AND originator_version = ?",
        [originator_id, forged],
    )
    return [table.insert((None, originator_id, forged, topic, state))], [undo], forged, None


def _swap(table, rows, rng):
    first, second = sorted(rng.sample(rows, 2))
    change = [table.set(first[0], "state", second[4]), table.set(second[0], "state", first[4])]
    undo = [table.set(first[0], "state", first[4]), table.set(second[0], "state", second[4])]
    return change, undo, first[2], first[0]


def _truncate(table, rows, rng):
    cut = rng.randrange(1, len(rows))
    tail = rows[cut:]
    change = [table.delete(row[0]) for row in tail]
    return change, [table.insert(row) for row in tail], tail[0][2], tail[0][0]


KINDS = {
    "state": _state,
    "topic": _topic,
    "version": _version,
    "time": _time,
    "delete": _delete,
    "insert": _insert,
    "swap": _swap,
    "truncate": _truncate,
}


@pytest.mark.parametrize("kind", KINDS)
def test_each_mutation_is_caught_at_its_first_seq_and_log_position(history, kind):
    trail, case_ids, table = history
    rng = random.Random(kind)
    ids = table.ids()
    for _ in range(MUTATIONS):
        case_id = rng.choice(case_ids)
        change, undo, seq, nid = KINDS[kind](table, table.case_rows(case_id), rng)
        table.run(*change)
        try:
            case_report = trail.verify_case(case_id)
            log_report = trail.verify_all()
        finally:
            table.run(*undo)
        assert (case_report.ok, case_report.first_bad_seq) == (False, seq)
        position = len(ids) + 1 if nid is None else ids.index(nid) + 1
        assert (log_report.ok, log_report.first_bad_position) == (False, position)
        assert log_report.bad_cases == {str(case_id): seq}
    assert trail.verify_all().ok


def test_clean_stores_verify_without_false_alarms(ledger, clock, history):
    trail, case_ids, _ = history
    for case_id in case_ids:
        report = trail.verify_case(case_id)
        assert report.ok
        assert report.first_bad_seq is None
        assert report.head_hash == trail.entries(case_id)["head_hash"]
    new_case, parent = open_case(ledger, "NH-NEW")
    record_contact(ledger, clock, new_case, parent)
    catch_up(ledger, trail)
    whole = trail.verify_all()
    assert whole.ok
    assert whole.events == len(table_ids := EventsTable(ledger).ids())
    assert whole.head_hash == trail.log_head()[1]
    assert whole.bad_cases == {}
    assert whole.first_bad_position is None
    assert len(table_ids) == trail.log_head()[0]


def test_a_deleted_case_is_caught_from_its_first_seq(history):
    trail, case_ids, table = history
    rows = table.case_rows(case_ids[1])
    table.run(*[table.delete(row[0]) for row in rows])
    assert trail.verify_case(case_ids[1]).as_dict() == {
        "ok": False,
        "entries": 0,
        "head_hash": None,
        "first_bad_seq": 1,
    }
    assert trail.verify_all().bad_cases == {str(case_ids[1]): 1}


def test_an_edited_stored_hash_in_the_read_model_is_caught(history):
    trail, case_ids, _ = history
    with trail.database.transaction(commit=True) as cursor:
        cursor.execute(
            f"UPDATE {trail.table} SET hash = ? WHERE originator_id = ? AND originator_version = 3",
            ["0" * 64, str(case_ids[0])],
        )
    assert trail.verify_case(case_ids[0]).first_bad_seq == 3
    assert trail.verify_all().bad_cases == {str(case_ids[0]): 3}


def test_verify_reports_a_badly_damaged_store_instead_of_raising(history):
    trail, case_ids, table = history
    first, second, third, fourth = (table.case_rows(c) for c in case_ids)
    damage = [
        table.set(first[1][0], "state", None),
        table.set(first[2][0], "topic", None),
        table.set(second[0][0], "state", b"\xff\x00 not json"),
        table.set(second[2][0], "originator_id", table.stored_id(uuid.uuid4())),
        table.delete(third[0][0]),
    ]
    if not table.db.postgres:  # SQLite columns take any type
        damage += [
            table.set(third[1][0], "state", "text, not bytes"),
            table.set(fourth[1][0], "originator_id", "not-a-uuid"),
            table.set(fourth[2][0], "originator_version", "two"),
        ]
    table.run(*damage)
    with trail.database.transaction(commit=True) as cursor:
        cursor.execute(f"UPDATE {trail.table} SET hash = NULL WHERE originator_version = 4")
    reports = [trail.verify_case(case_id) for case_id in case_ids]
    whole = trail.verify_all()
    assert [r.first_bad_seq for r in reports] == [2, 1, 1, 4 if table.db.postgres else 2]
    assert not whole.ok
    assert whole.first_bad_position is not None
    moved_away = 1 if table.db.postgres else 2  # the rows given another originator id
    assert len(whole.bad_cases) == len(case_ids) + moved_away
    assert {str(c) for c in case_ids} <= set(whole.bad_cases)


def test_gaps_in_notification_ids_are_not_tampering(ledger, clock, history):
    trail, _, table = history
    with pytest.raises(DuplicateCase):  # a refused insert still uses up ids on PostgreSQL
        open_case(ledger, "NH-0")
    new_case, parent = open_case(ledger, "NH-AFTER-GAP")
    record_contact(ledger, clock, new_case, parent)
    catch_up(ledger, trail)
    ids = table.ids()
    if table.db.postgres:
        assert ids != list(range(ids[0], ids[0] + len(ids)))
    reports = []
    whole = trail.verify_all(progress=lambda done, total: reports.append((done, total)))
    assert whole.ok
    assert whole.events == len(ids)
    assert reports[-1][0] == len(ids)
