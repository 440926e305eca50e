"""Property: for any history, rebuilding the obligations from zero equals the live model.

Hypothesis writes random histories (cases in all three programmes, parents, contacts of
every outcome, household changes, voids, closures, days passing) through the
application, catching the live model up at random moments; each example gets a fresh
store. The ordered canonical dump must then match byte for byte after a rebuild.
"""

import contextlib
import datetime as dt
import uuid

import psycopg
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from domain import errors
from domain.application import CaseLedger
from domain.commands import (
    ChangeHousehold,
    CloseCase,
    IdentifyParent,
    OpenCase,
    RecordContact,
    VoidContact,
)
from domain.policy.calendar import local_date
from domain.values import ContactMethod, ContactOutcome, Household, Program, Relationship, Role
from projections.obligation_rows import documents, encode
from projections.obligations import ObligationsReadModel, catch_up, rebuild
from tests.conftest import Clock
from web import config

OPENED_ON = dt.date(2026, 1, 5)

steps = st.lists(
    st.one_of(
        st.tuples(st.just("open"), st.sampled_from(list(Program))),
        st.tuples(st.just("parent"), st.integers(0, 3), st.booleans(), st.integers(0, 4)),
        st.tuples(
            st.just("contact"),
            st.integers(0, 3),
            st.integers(0, 3),
            st.integers(1, 24 * 60),
            st.sampled_from(list(ContactMethod)),
            st.sampled_from(list(ContactOutcome)),
        ),
        st.tuples(st.just("household"), st.integers(0, 3), st.booleans(), st.integers(0, 60)),
        st.tuples(st.just("void"), st.integers(0, 3)),
        st.tuples(st.just("close"), st.integers(0, 3)),
        st.tuples(st.just("days"), st.integers(1, 40)),
        st.tuples(st.just("catch_up")),
    ),
    max_size=25,
)


@contextlib.contextmanager
def _fresh_ledger(store: str, tmp_path, clock):
    if store == "sqlite":
        url = f"sqlite:///{tmp_path}/{uuid.uuid4().hex}.db"
        schema = None
    else:
        base = config.test_postgres_url()
        if base is None:
            pytest.skip("PostgreSQL tests need CASELEDGER_TEST_POSTGRES_URL (see README)")
        schema = f"p_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(base, autocommit=True) as conn:
            conn.execute(f'CREATE SCHEMA "{schema}"')
        url = f"{base}?schema={schema}"
    ledger = CaseLedger(config.store_settings(url), clock=clock)
    try:
        yield ledger
    finally:
        ledger.close()
        if schema is not None:
            with psycopg.connect(base, autocommit=True) as conn:
                conn.execute(f'DROP SCHEMA "{schema}" CASCADE')


class _History:
    """Plays the drawn steps through the application, skipping what it refuses."""

    def __init__(self, ledger, clock, model):
        self.ledger, self.clock, self.model = ledger, clock, model
        self.cases: list[tuple[uuid.UUID, list[uuid.UUID], list[uuid.UUID]]] = []

    def play(self, step):
        kind, *args = step
        if kind == "open":
            number = f"C-{len(self.cases)}"
            command = OpenCase(number, args[0], OPENED_ON, "wendy", "sam")
            self.cases.append(
                (uuid.UUID(self.ledger.open_case(command, "wendy")["case_id"]), [], [])
            )
        elif kind == "days":
            self.clock.advance(days=args[0])
        elif kind == "catch_up":
            catch_up(self.ledger, self.model)
        elif self.cases:
            case_id, parents, contacts = self.cases[args[0] % len(self.cases)]
            with contextlib.suppress(errors.DomainError):
                self._on_case(kind, args[1:], case_id, parents, contacts)

    def _on_case(self, kind, args, case_id, parents, contacts):
        if kind == "parent":
            relationship = list(Relationship)[args[1]]
            command = IdentifyParent("P", relationship, {"custodial": args[0]})
            parents.append(uuid.UUID(self.ledger.handle(case_id, command, "wendy")["parent_id"]))
        elif kind == "contact" and parents:
            pid, minutes, method, outcome = args
            occurred = self.clock.now - dt.timedelta(minutes=minutes)
            command = RecordContact(
                parents[pid % len(parents)], occurred, method, outcome, "visit", narrative="Seen."
            )
            answer = self.ledger.handle(case_id, command, "wendy")
            contacts.append(uuid.UUID(answer["contact_id"]))
        elif kind == "household":
            on = OPENED_ON + dt.timedelta(days=args[1])
            household = Household(on, args[0], None, not args[0])
            self.ledger.handle(case_id, ChangeHousehold(household), "wendy")
        elif kind == "void" and contacts:
            self.ledger.handle(case_id, VoidContact(contacts[-1], "wrong case"), "wendy")
        elif kind == "close":
            closed_on = self.clock.now.date() - dt.timedelta(days=1)
            self.ledger.handle(case_id, CloseCase(closed_on, "reunified"), "wendy")


@pytest.mark.parametrize("store", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(history=steps)
def test_rebuild_from_zero_equals_the_live_read_model_byte_for_byte(store, tmp_path, history):
    clock = Clock(dt.datetime(2026, 3, 10, 16, 0, tzinfo=dt.UTC))
    with _fresh_ledger(store, tmp_path, clock) as ledger:
        ledger.add_user("wendy", Role.CASEWORKER, "north", "admin")
        ledger.add_user("sam", Role.SUPERVISOR, "north", "admin")
        model = ObligationsReadModel(ledger)
        played = _History(ledger, clock, model)
        for step in history:
            played.play(step)
        catch_up(ledger, model)
        live = model.dump()
        for case_id, _, _ in played.cases:
            case = ledger.get_case(case_id)
            expected = [encode(d) for d in documents(case, local_date(case.program, clock.now))]
            assert model.case(case_id).documents == expected
        rebuild(ledger, ObligationsReadModel(ledger))
        assert model.dump() == live
