"""A rebuild judged by worker processes leaves exactly the rows the live model holds."""

import os

import pytest

from domain.application import CaseLedger
from projections import parallel_rebuild
from projections.obligations import ObligationsReadModel, catch_up, rebuild
from tests.integration.audit_helpers import build_history
from web.config import store_settings
from web.synthetic_runs import enrol, save_in_bulk, stories


def _history_with_cases_across_stretches(ledger, clock):
    """Synthetic cases saved whole, then cases whose contacts interleave across the log
    (a stretch holding their later events must read the case from the store)."""
    pairs = enrol(ledger, teams=2, workers_per_team=3)
    save_in_bulk(ledger, stories(7, ledger, pairs), target_events=1_500)
    build_history(ledger, clock, cases=6, contacts=5)


def test_workers_judging_stretches_of_the_log_leave_the_rows_the_live_model_holds(ledger, clock):
    _history_with_cases_across_stretches(ledger, clock)
    model = ObligationsReadModel(ledger)
    catch_up(ledger, model)
    live = model.dump()
    model.reset()
    reports: list[tuple[int, int]] = []
    position = parallel_rebuild.project(
        ledger, model, workers=2, stretch=97, progress=lambda *report: reports.append(report)
    )
    last = ledger.recorder.max_notification_id()
    assert position == last
    assert model.dump() == live
    assert reports[-1] == (last, last)
    assert len(reports) > 10  # one report per stretch written


def test_a_rebuild_asked_for_workers_equals_the_live_model(ledger, clock):
    _history_with_cases_across_stretches(ledger, clock)
    model = ObligationsReadModel(ledger)
    catch_up(ledger, model)
    live = model.dump()
    assert rebuild(ledger, model, workers=2) == ledger.recorder.max_notification_id()
    assert model.dump() == live


def test_a_short_log_is_rebuilt_in_the_process_itself(ledger):
    assert parallel_rebuild.workers_for(ledger, parallel_rebuild.MIN_EVENTS - 1) == 0


@pytest.mark.parametrize("name", [":memory:", "file::memory:?cache=shared"])
def test_an_in_memory_sqlite_store_is_rebuilt_in_the_process_itself(clock, name):
    settings = store_settings("sqlite:///:memory:") | {"SQLITE_DBNAME": name}
    memory = CaseLedger(settings, clock=clock)
    try:
        assert parallel_rebuild.workers_for(memory, 10 * parallel_rebuild.MIN_EVENTS) == 0
    finally:
        memory.close()


@pytest.mark.skipif(len(os.sched_getaffinity(0)) < 2, reason="one core: no workers to use")
def test_a_long_log_on_a_file_store_is_judged_by_a_worker_per_core(ledger):
    workers = parallel_rebuild.workers_for(ledger, parallel_rebuild.MIN_EVENTS)
    assert workers == min(len(os.sched_getaffinity(0)), parallel_rebuild.MAX_WORKERS)
