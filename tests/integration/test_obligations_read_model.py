"""The obligations read model on SQLite and PostgreSQL: tracked, batched, never stale."""

import datetime as dt
import json
import uuid

from domain.commands import IdentifyParent, OpenCase, RecordContact
from domain.policy.calendar import local_date
from domain.values import ContactMethod, ContactOutcome, Program, Relationship, Role
from projections.obligation_rows import documents, encode
from projections.obligations import Listing, ObligationsReadModel, catch_up, rebuild
from projections.runner import PAGE_SIZE
from tests.integration.audit_helpers import add_staff, open_case, record_contact
from web.config import check_durability


def _statuses(model, case_id):
    stored = model.case(case_id)
    return [(d["kind"], d["period"], d["status"]) for d in map(json.loads, stored.documents)]


def _evaluated_now(ledger, case_id):
    case = ledger.get_case(case_id)
    return [encode(d) for d in documents(case, local_date(case.program, ledger.clock()))]


def test_a_recorded_contact_meets_the_month_after_catch_up(ledger, clock):
    add_staff(ledger)
    case_id, _parent = open_case(ledger, "NH-1")
    model = ObligationsReadModel(ledger)
    catch_up(ledger, model)
    assert ("monthly_contact", "2026-03", "open") in _statuses(model, case_id)
    record_contact(ledger, clock, case_id, _parent)
    catch_up(ledger, model)
    assert ("monthly_contact", "2026-03", "met") in _statuses(model, case_id)
    assert model.case(case_id).documents == _evaluated_now(ledger, case_id)


def test_catching_up_twice_applies_each_event_once(ledger, clock):
    add_staff(ledger)
    case_id, parent_id = open_case(ledger, "NH-1")
    record_contact(ledger, clock, case_id, parent_id)
    model = ObligationsReadModel(ledger)
    first = catch_up(ledger, model)
    dump = model.dump()
    assert catch_up(ledger, model) == first == ledger.recorder.max_notification_id()
    assert model.dump() == dump


def test_events_of_other_aggregates_only_move_the_position(ledger):
    model = ObligationsReadModel(ledger)
    add_staff(ledger)
    assert catch_up(ledger, model) == ledger.recorder.max_notification_id()
    assert model.listing(Listing()) == []


def test_a_month_ending_turns_an_open_month_missed_without_any_new_event(ledger, clock):
    add_staff(ledger)
    case_id, _parent = open_case(ledger, "NH-1")
    model = ObligationsReadModel(ledger)
    catch_up(ledger, model)
    assert ("monthly_contact", "2026-03", "open") in _statuses(model, case_id)
    clock.now = dt.datetime(2026, 4, 1, 16, 0, tzinfo=dt.UTC)
    catch_up(ledger, model)
    assert ("monthly_contact", "2026-03", "missed") in _statuses(model, case_id)
    assert model.case(case_id).evaluated_as_of == "2026-04-01"
    assert model.case(case_id).documents == _evaluated_now(ledger, case_id)


def test_a_case_longer_than_a_page_reads_as_evaluated_from_the_store(ledger, clock):
    add_staff(ledger)
    case = OpenCase("NH-LONG", Program.NH_CPS, dt.date(2026, 1, 5), "wendy", "sam").build(
        "wendy", clock.now
    )
    parent = IdentifyParent("Ana", Relationship.BIOLOGICAL, {"custodial": True})
    parent_id = uuid.UUID(parent.apply(case, "wendy", clock.now)["parent_id"])
    for n in range(PAGE_SIZE + 20):
        RecordContact(
            parent_id,
            clock.now - dt.timedelta(hours=n + 1),
            ContactMethod.IN_HOME,
            ContactOutcome.ATTEMPTED if n % 3 else ContactOutcome.COMPLETED,
            "visit",
            narrative="Seen.",
        ).apply(case, "wendy", clock.now)
    ledger.save(case)
    model = ObligationsReadModel(ledger)
    catch_up(ledger, model)
    assert model.case(case.id).documents == _evaluated_now(ledger, case.id)


def test_listing_keeps_a_team_and_the_cases_naming_a_supervisor(ledger):
    add_staff(ledger)
    ledger.add_user("olga", Role.CASEWORKER, "south", "admin")
    ledger.add_user("sue", Role.SUPERVISOR, "south", "admin")
    north, _ = open_case(ledger, "NH-1")
    south = uuid.UUID(
        ledger.open_case(
            OpenCase("NH-2", Program.NH_CPS, dt.date(2026, 1, 5), "olga", "sam"), "olga"
        )["case_id"]
    )
    ledger.handle(
        south, IdentifyParent("Bea", Relationship.BIOLOGICAL, {"custodial": True}), "olga"
    )
    model = ObligationsReadModel(ledger)
    catch_up(ledger, model)

    def cases(listing):
        return {json.loads(item)["case_id"] for item in model.listing(listing)}

    assert cases(Listing(team="north", supervisor="sam")) == {str(north), str(south)}
    assert cases(Listing(team="south", supervisor="sue")) == {str(south)}
    assert cases(Listing(worker="wendy")) == {str(north)}
    assert cases(Listing(statuses=("open",), due_before=dt.date(2026, 3, 1))) == set()
    missed = model.listing(Listing(worker="wendy", statuses=("missed",)))
    assert {json.loads(item)["period"] for item in missed} == {"2026-01", "2026-02"}
    assert {json.loads(item)["worker"] for item in missed} == {"wendy"}


def test_rebuilding_reproduces_the_live_rows_byte_for_byte(ledger, clock):
    add_staff(ledger)
    case_id, parent_id = open_case(ledger, "NH-1")
    model = ObligationsReadModel(ledger)
    catch_up(ledger, model)
    record_contact(ledger, clock, case_id, parent_id)
    catch_up(ledger, model)
    live = model.dump()
    assert rebuild(ledger, model) == ledger.recorder.max_notification_id()
    assert model.dump() == live


def _index_names(model):
    with model.database.transaction(commit=False) as cursor:
        if model.database.postgres:
            schema = model.database.datastore.schema
            cursor.execute("SELECT indexname FROM pg_indexes WHERE schemaname = ?", [schema])
        else:
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'index'")
        return {row[0] for row in cursor.fetchall()}


def test_a_rebuild_restores_the_lookup_indexes_and_leaves_the_store_durable(ledger, clock):
    add_staff(ledger)
    case_id, parent_id = open_case(ledger, "NH-1")
    record_contact(ledger, clock, case_id, parent_id)
    model = ObligationsReadModel(ledger)
    catch_up(ledger, model)
    indexes = _index_names(model)
    assert {"obligations_by_worker", "obligations_by_supervisor"} <= indexes
    rebuild(ledger, model)
    assert _index_names(model) == indexes
    # The pages were committed without waiting for the disk; the connection they used
    # (a single-threaded test reuses one) went back to the pool fully durable.
    check_durability(ledger.recorder)
    if not model.database.postgres:  # and checkpointing the WAL as often as before
        with model.database.transaction(commit=False) as cursor:
            cursor.execute("PRAGMA wal_autocheckpoint")
            assert cursor.fetchone() == (1000,)
    assert [json.loads(d)["status"] for d in model.case(case_id).documents]


def test_list_items_are_the_documents_with_case_and_worker_in_front(ledger, clock):
    """Only list items are stored; a case's documents are its items without the front."""
    add_staff(ledger)
    case_id, parent_id = open_case(ledger, "NH-1")
    record_contact(ledger, clock, case_id, parent_id)
    model = ObligationsReadModel(ledger)
    catch_up(ledger, model)
    items = model.listing(Listing(worker="wendy"))
    documents_by_id = {json.loads(d)["obligation_id"]: d for d in model.case(case_id).documents}
    assert len(items) == len(documents_by_id)
    for item in items:
        fields = json.loads(item)
        assert item == encode(fields)
        assert list(fields)[:2] == ["case_id", "worker"]
        assert (fields.pop("case_id"), fields.pop("worker")) == (str(case_id), "wendy")
        assert encode(fields) == documents_by_id[fields["obligation_id"]]


def _columns(model):
    with model.database.transaction(commit=False) as cursor:
        cursor.execute(f"SELECT * FROM {model.table} WHERE 1 = 0")
        raw = cursor._raw  # both drivers describe the columns of an empty answer
        return [column[0] for column in raw.description]


def test_a_table_from_before_holding_each_obligation_twice_loses_the_copy_not_the_rows(
    ledger, clock
):
    """Earlier versions stored each document besides its list item (a ``document``
    column); a model made on such a table drops that column and answers as before."""
    add_staff(ledger)
    case_id, parent_id = open_case(ledger, "NH-1")
    record_contact(ledger, clock, case_id, parent_id)
    model = ObligationsReadModel(ledger)
    catch_up(ledger, model)
    before = (model.listing(Listing()), model.case(case_id), model.dump())
    with model.database.transaction(commit=True) as cursor:
        cursor.execute(f"ALTER TABLE {model.table} ADD COLUMN document TEXT NOT NULL DEFAULT ''")
    assert "document" in _columns(model)
    upgraded = ObligationsReadModel(ledger)
    assert "document" not in _columns(upgraded)
    assert (upgraded.listing(Listing()), upgraded.case(case_id), upgraded.dump()) == before
    assert upgraded.case(case_id).documents == _evaluated_now(ledger, case_id)
    ObligationsReadModel(ledger)  # and once dropped, making a model changes nothing
    assert "document" not in _columns(upgraded)
