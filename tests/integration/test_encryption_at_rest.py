"""CASELEDGER_CIPHER_KEY encrypts every event's state at rest and reads it back."""

from __future__ import annotations

import base64
import os

import psycopg
import pytest

from domain.application import CaseLedger
from tests.integration.cases import case_with_parent, contact
from web.config import from_environment

CANARY = "narrative-canary-7f3a"


def _stored_states(ledger: CaseLedger) -> list[bytes]:
    with ledger.recorder.datastore.transaction(commit=False) as cursor:  # type: ignore[attr-defined]
        table = getattr(ledger.recorder, "events_table_name", "stored_events")
        schema = getattr(ledger.recorder.datastore, "schema", None)  # type: ignore[attr-defined]
        table = f'"{schema}".{table}' if schema else table
        cursor.execute(f"SELECT state FROM {table}")
        rows = cursor.fetchall()
    return [bytes(row["state"] if isinstance(row, dict) else row[0]) for row in rows]


@pytest.fixture
def encrypted_ledger(database_url, clock):
    key = base64.b64encode(os.urandom(32)).decode()
    settings = from_environment(
        {"CASELEDGER_DATABASE_URL": database_url, "CASELEDGER_CIPHER_KEY": key}
    )
    ledger = CaseLedger(settings.store, clock=clock)
    yield ledger, settings
    ledger.close()


def test_a_cipher_key_keeps_narratives_out_of_the_stored_bytes(encrypted_ledger, clock):
    ledger, _ = encrypted_ledger
    case_id, parent = case_with_parent(ledger)
    ledger.handle(case_id, contact(parent, clock.now, purpose=CANARY), "wendy")
    states = _stored_states(ledger)
    assert states
    assert not any(CANARY.encode() in state for state in states)
    assert not any(b"wendy" in state for state in states)


def test_an_encrypted_case_reads_back_through_a_new_ledger_with_the_same_key(
    encrypted_ledger, clock
):
    ledger, settings = encrypted_ledger
    case_id, parent = case_with_parent(ledger)
    ledger.handle(case_id, contact(parent, clock.now, purpose=CANARY), "wendy")
    again = CaseLedger(settings.store, clock=clock)
    try:
        purposes = [c.purpose for c in again.get_case(case_id).contacts.values()]
    finally:
        again.close()
    assert purposes == [CANARY]


def test_without_the_key_the_stored_events_cannot_be_read(encrypted_ledger, clock):
    ledger, settings = encrypted_ledger
    case_id, _ = case_with_parent(ledger)
    plain = {k: v for k, v in settings.store.items() if not k.startswith("CIPHER")}
    stranger = CaseLedger(plain, clock=clock)
    try:
        with pytest.raises(Exception) as raised:  # noqa: PT011 (the library's decode error)
            stranger.get_case(case_id)
    finally:
        stranger.close()
    assert not isinstance(raised.value, psycopg.Error)
