"""The runner feeds read models exactly once from the log, on SQLite and PostgreSQL."""

import datetime as dt
import hashlib
import threading
import uuid

import pytest

from domain.commands import IdentifyParent, OpenCase, RecordContact
from domain.values import ContactMethod, ContactOutcome, Program, Relationship
from projections.audit_trail import AuditTrail
from projections.runner import PAGE_SIZE, Batch, Recorded, TrackingConflict, catch_up, lag, rebuild
from tests.integration.audit_helpers import (
    EventsTable,
    add_staff,
    build_history,
    open_case,
    record_contact,
)


def _rows(trail):
    with trail.database.transaction(commit=False) as cursor:
        cursor.execute(f"SELECT position FROM {trail.table} ORDER BY position")
        return [row[0] for row in cursor.fetchall()]


def _log_ids(ledger):
    return [n.id for n in ledger.recorder.select_notifications(None, limit=100_000)]


def _save_long_case(ledger, clock, contacts, number="NH-LONG"):
    """One case with many contacts, saved at once (a quick way past several pages)."""
    case = OpenCase(number, Program.NH_CPS, dt.date(2026, 1, 5), "wendy", "sam").build(
        "wendy", clock.now
    )
    parent = IdentifyParent("Ana", Relationship.BIOLOGICAL, {"custodial": True})
    parent_id = parent.apply(case, "wendy", clock.now)["parent_id"]
    for n in range(contacts):
        RecordContact(
            uuid.UUID(parent_id),
            clock.now - dt.timedelta(minutes=n + 1),
            ContactMethod.PHONE,
            ContactOutcome.ATTEMPTED,
            "call",
        ).apply(case, "wendy", clock.now)
    ledger.save(case)


def test_catching_up_twice_applies_each_event_once(ledger, clock):
    build_history(ledger, clock, cases=2, contacts=3)
    trail = AuditTrail(ledger)
    first = catch_up(ledger, trail)
    dump = trail.dump()
    assert catch_up(ledger, trail) == first
    assert trail.dump() == dump
    assert _rows(trail) == _log_ids(ledger)
    assert first == _log_ids(ledger)[-1]


def test_catch_up_resumes_from_the_tracked_position_after_new_events(ledger, clock):
    case_ids = build_history(ledger, clock, cases=1, contacts=1)
    trail = AuditTrail(ledger)
    catch_up(ledger, trail)
    case = ledger.get_case(case_ids[0])
    record_contact(ledger, clock, case_ids[0], next(iter(case.parents.values())).parent_id)
    restarted = AuditTrail(ledger)  # a new process: no memory but the tracking row
    assert lag(ledger, restarted) == 1
    assert catch_up(ledger, restarted) == _log_ids(ledger)[-1]
    assert _rows(restarted) == _log_ids(ledger)
    assert lag(ledger, restarted) == 0


def test_a_page_applied_elsewhere_is_refused_and_writes_nothing(ledger, clock):
    build_history(ledger, clock, cases=1, contacts=2)
    trail = AuditTrail(ledger)
    catch_up(ledger, trail)
    dump = trail.dump()
    other = AuditTrail(ledger)  # another process that read the log before the first wrote
    page = ledger.recorder.select_notifications(None, limit=PAGE_SIZE)
    items = [Recorded(n, ledger.mapper.to_domain_event(n)) for n in page]
    with pytest.raises(TrackingConflict):
        other.apply_batch(Batch(None, items))
    with pytest.raises(TrackingConflict):
        other.apply_batch(Batch(items[0].position, items[1:]))
    assert trail.dump() == dump


def _interrupt_insert_of(trail, position):
    """A database trigger that fails the insert of one row: a crash inside the batch."""
    with trail.database.transaction(commit=True) as cursor:
        if trail.database.postgres:
            schema = trail.table.split(".")[0]
            cursor.execute(
                f"CREATE FUNCTION {schema}.interrupt() RETURNS trigger AS $$ BEGIN"
                f" IF NEW.position = {int(position)} THEN RAISE EXCEPTION 'interrupted';"
                " END IF; RETURN NEW; END $$ LANGUAGE plpgsql"
            )
            cursor.execute(
                f"CREATE TRIGGER interrupt BEFORE INSERT ON {trail.table}"
                f" FOR EACH ROW EXECUTE FUNCTION {schema}.interrupt()"
            )
        else:
            cursor.execute(
                f"CREATE TRIGGER interrupt BEFORE INSERT ON {trail.table}"
                f" WHEN NEW.position = {int(position)}"
                " BEGIN SELECT RAISE(ABORT, 'interrupted'); END"
            )


def _remove_interruption(trail):
    with trail.database.transaction(commit=True) as cursor:
        cursor.execute(
            f"DROP TRIGGER interrupt ON {trail.table}"
            if trail.database.postgres
            else "DROP TRIGGER interrupt"
        )


def test_an_interrupted_batch_leaves_no_rows_and_resumes_to_equal_a_rebuild(ledger, clock):
    build_history(ledger, clock, cases=2, contacts=2)
    trail = AuditTrail(ledger)
    _interrupt_insert_of(trail, _log_ids(ledger)[4])
    with pytest.raises(Exception, match="interrupted"):
        catch_up(ledger, trail)
    assert trail.position() is None
    assert _rows(trail) == []
    _remove_interruption(trail)
    catch_up(ledger, trail)
    live = trail.dump()
    rebuild(ledger, trail)
    assert trail.dump() == live


def test_many_threads_and_processes_catching_up_at_once_apply_each_event_once(ledger, clock):
    add_staff(ledger)
    _save_long_case(ledger, clock, contacts=2 * PAGE_SIZE)
    trails = [AuditTrail(ledger) for _ in range(3)]  # as three processes would
    start = threading.Barrier(6)
    errors = []

    def run(trail):
        start.wait()
        try:
            catch_up(ledger, trail)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(trails[n % 3],)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert _rows(trails[0]) == _log_ids(ledger)
    live = trails[0].dump()
    rebuild(ledger, trails[0])
    assert trails[0].dump() == live


def test_rebuild_from_zero_equals_the_read_model_kept_live(ledger, clock):
    trail = AuditTrail(ledger)
    add_staff(ledger)
    catch_up(ledger, trail)
    opened = [open_case(ledger, f"NH-{n}") for n in range(3)]
    catch_up(ledger, trail)
    for _ in range(3):
        for case_id, parent_id in opened:
            record_contact(ledger, clock, case_id, parent_id)
            catch_up(ledger, trail)  # read-your-writes after every command
    live = hashlib.sha256(trail.dump()).hexdigest()
    rebuild(ledger, trail)
    assert hashlib.sha256(trail.dump()).hexdigest() == live


def test_rebuild_equals_live_over_ten_thousand_events_caught_up_unevenly(ledger, clock):
    add_staff(ledger)
    trail = AuditTrail(ledger)
    for n in range(24):
        _save_long_case(ledger, clock, contacts=[137, 711, 580][n % 3], number=f"NH-{n}")
        if n % 4 != 3:
            catch_up(ledger, trail)
    catch_up(ledger, trail)
    assert len(_log_ids(ledger)) > 10_000
    live = hashlib.sha256(trail.dump()).hexdigest()
    rebuild(ledger, trail)
    assert hashlib.sha256(trail.dump()).hexdigest() == live
    assert trail.verify_all().ok


def test_progress_counts_up_to_every_event_page_by_page(ledger, clock):
    add_staff(ledger)
    _save_long_case(ledger, clock, contacts=PAGE_SIZE + 10)
    trail = AuditTrail(ledger)
    reports = []
    rebuild(ledger, trail, progress=lambda done, total: reports.append((done, total)))
    events = len(_log_ids(ledger))
    assert reports == [(PAGE_SIZE, events), (events, events)]


def test_progress_after_a_bulk_start_counts_on_from_where_it_left_off(ledger, clock):
    add_staff(ledger)
    _save_long_case(ledger, clock, contacts=PAGE_SIZE + 10)
    trail = AuditTrail(ledger)
    reports = []

    def first_page_only(progress):
        pages = []
        catch_up(
            ledger,
            trail,
            lambda *report: (pages.append(report), progress(*report)),
            stop=lambda: bool(pages),
        )

    rebuild(ledger, trail, lambda *report: reports.append(report), bulk=first_page_only)
    events = len(_log_ids(ledger))
    assert reports == [(PAGE_SIZE, events), (events, events)]


def test_stop_ends_a_catch_up_between_pages(ledger, clock):
    add_staff(ledger)
    _save_long_case(ledger, clock, contacts=PAGE_SIZE + 10)
    trail = AuditTrail(ledger)
    pages = []
    position = catch_up(
        ledger, trail, progress=lambda done, total: pages.append(done), stop=lambda: bool(pages)
    )
    assert position == _log_ids(ledger)[PAGE_SIZE - 1]
    assert lag(ledger, trail) == len(_log_ids(ledger)) - PAGE_SIZE


def test_an_event_that_cannot_be_read_stops_the_projection_at_its_position(ledger, clock):
    build_history(ledger, clock, cases=1, contacts=1)
    trail = AuditTrail(ledger)
    before = catch_up(ledger, trail)
    table = EventsTable(ledger)
    poison = (None, uuid.uuid4().hex, 1, "domain.gone:Vanished.Event", b"{}")
    if table.db.postgres:
        poison = (None, uuid.uuid4(), *poison[2:])
    table.run(table.insert(poison))
    with pytest.raises(Exception, match="Vanished"):
        catch_up(ledger, trail)
    assert trail.position() == before
    assert lag(ledger, trail) == 1
