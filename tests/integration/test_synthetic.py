"""Synthetic histories: deterministic, realistic, and the same through commands or in bulk."""

import datetime as dt

from domain.application import CaseLedger
from domain.case import Case
from projections.obligation_rows import documents
from tests.conftest import Clock
from web.config import store_settings
from web.synthetic_runs import build_case, enrol, record, save_in_bulk, stories

NOW = dt.datetime(2026, 3, 10, 16, 0, tzinfo=dt.UTC)


def _ledger(tmp_path, name, clock):
    return CaseLedger(store_settings(f"sqlite:///{tmp_path}/{name}.db"), clock=clock)


def _facts(case: Case):
    """What a case records, without the ids the application draws at random."""
    contacts = sorted(
        (c.occurred_at, c.method.value, c.outcome.value, c.recorded_at, c.voided)
        for c in case.contacts.values()
    )
    parents = sorted((p.name, p.relationship.value) for p in case.parents.values())
    return (case.case_number, case.version, case.closed_on, parents, contacts, case.household)


def test_the_same_seed_and_clock_tell_the_same_stories(tmp_path):
    clock = Clock(NOW)
    ledger = _ledger(tmp_path, "one", clock)
    try:
        pairs = enrol(ledger, teams=1, workers_per_team=2)
        first = [_facts(build_case(s)) for s in stories(3, ledger, pairs, count=10)]
        again = [_facts(build_case(s)) for s in stories(3, ledger, pairs, count=10)]
        other = [_facts(build_case(s)) for s in stories(4, ledger, pairs, count=10)]
    finally:
        ledger.close()
    assert first == again
    assert first != other


def test_bulk_saved_histories_look_like_real_casework(tmp_path):
    clock = Clock(NOW)
    ledger = _ledger(tmp_path, "bulk", clock)
    try:
        pairs = enrol(ledger, teams=2, workers_per_team=3)
        cases, events = save_in_bulk(ledger, stories(11, ledger, pairs, count=60))
        told = [build_case(s) for s in stories(11, ledger, pairs, count=60)]
        assert (cases, ledger.recorder.max_notification_id()) == (
            60,
            events + 8 * 4,
        )  # 8 users, 4 events each
    finally:
        ledger.close()
    contacts = [c for case in told for c in case.contacts.values()]
    assert {case.program.value for case in told} == {"NH-CPS", "NH-JJS", "TN-DCS"}
    assert all(len(case.parents) == 3 for case in told)
    custodial = [p.history[0].custodial for case in told for p in case.parents.values()]
    assert any(custodial)
    assert not all(custodial)
    assert {c.outcome.value for c in contacts} == {"completed", "attempted", "refused"}
    assert any(c.documented_late for c in contacts)
    assert any(c.voided for c in contacts)
    assert any(case.reunifications for case in told)
    assert any(case.closed_on for case in told)
    assert any(case.searches for case in told)
    assert any(len(case.household) > 1 for case in told)
    assert all(c.recorded_at <= NOW for c in contacts)


def test_stories_played_through_the_commands_equal_those_saved_in_bulk(tmp_path):
    clock = Clock(NOW)
    commands, bulk = _ledger(tmp_path, "commands", clock), _ledger(tmp_path, "bulk", clock)
    try:
        for ledger in (commands, bulk):
            pairs = enrol(ledger, teams=1, workers_per_team=2)
        record(commands, clock, stories(5, commands, pairs, count=6))
        save_in_bulk(bulk, stories(5, bulk, pairs, count=6))
        assert clock.now == NOW
        for told in stories(5, bulk, pairs, count=6):
            case_id = Case.create_id(told.opening.case_number)
            played, saved = commands.get_case(case_id), bulk.get_case(case_id)
            assert _facts(played) == _facts(saved)
            statuses = [  # parent ids differ (drawn at random), so compare as multisets
                sorted((o["kind"], o["period"], o["status"]) for o in documents(c, NOW.date()))
                for c in (played, saved)
            ]
            assert statuses[0] == statuses[1]
    finally:
        commands.close()
        bulk.close()
