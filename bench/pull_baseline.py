"""The bare library's batched pull: what the rebuild rate is divided by (notes §7).

A minimal projection: pages of 500 notifications from ``select_notifications``, each
event decoded to its domain event and upserted as one small row into one table, one
transaction and one tracking write per page, on the application's own database.
"""

from __future__ import annotations

from eventsourcing.persistence import Tracking
from eventsourcing.postgres import PostgresDatastore
from eventsourcing.sqlite import SQLiteDatastore

from domain.application import CaseLedger

PAGE = 500


def batched_pull(ledger: CaseLedger) -> int:
    """Project the whole log into ``bench_versions``; returns how many events it applied."""
    recorder = ledger.recorder
    datastore = recorder.datastore  # type: ignore[attr-defined]
    if isinstance(datastore, PostgresDatastore):
        return _postgres(ledger, datastore)
    assert isinstance(datastore, SQLiteDatastore)
    return _sqlite(ledger, datastore)


def _sqlite(ledger: CaseLedger, datastore: SQLiteDatastore) -> int:
    from eventsourcing.sqlite import SQLiteTrackingRecorder

    tracking = SQLiteTrackingRecorder(datastore)
    tracking.create_table()
    name = "bench/baseline"
    with datastore.transaction(commit=True) as c:
        c.execute("DROP TABLE IF EXISTS bench_versions")
        c.execute("CREATE TABLE bench_versions (id TEXT PRIMARY KEY, version INTEGER)")
        c.execute("DELETE FROM tracking WHERE application_name = ?", (name,))
    return _pull(ledger, datastore, tracking, name, "?", "bench_versions")


def _postgres(ledger: CaseLedger, datastore: PostgresDatastore) -> int:
    from eventsourcing.postgres import PostgresTrackingRecorder

    tracking = PostgresTrackingRecorder(datastore, tracking_table_name="bench_tracking")
    tracking.create_table()
    name = "bench/baseline"
    table = f'"{datastore.schema}".bench_versions'
    with datastore.transaction(commit=True) as c:
        c.execute(f"DROP TABLE IF EXISTS {table}")
        c.execute(f"CREATE TABLE {table} (id TEXT PRIMARY KEY, version BIGINT)")
        c.execute(
            f'DELETE FROM "{datastore.schema}".bench_tracking WHERE application_name = %s',
            (name,),
        )
    return _pull(ledger, datastore, tracking, name, "%s", table)


def _pull(
    ledger: CaseLedger, datastore: object, tracking: object, name: str, mark: str, table: str
) -> int:
    upsert = (
        f"INSERT INTO {table} (id, version) VALUES ({mark}, {mark})"
        " ON CONFLICT (id) DO UPDATE SET version = excluded.version"
    )
    start, applied = None, 0
    while page := ledger.recorder.select_notifications(start, limit=PAGE, inclusive_of_start=False):
        rows = []
        for n in page:
            event = ledger.mapper.to_domain_event(n)
            rows.append((str(event.originator_id), event.originator_version))
        with datastore.transaction(commit=True) as c:  # type: ignore[attr-defined]
            tracking._insert_tracking(c, Tracking(name, page[-1].id))  # type: ignore[attr-defined]
            for row in rows:
                c.execute(upsert, row)
        applied += len(page)
        start = page[-1].id
    return applied
