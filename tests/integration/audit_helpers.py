"""Building case histories through the application, and reaching the stored rows directly."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from domain.application import CaseLedger
from domain.commands import IdentifyParent, OpenCase, RecordContact
from domain.values import ContactMethod, ContactOutcome, Program, Relationship, Role
from projections.store import Database

CANARY = "canary-narrative-7f3a"


def add_staff(ledger: CaseLedger) -> None:
    """A caseworker and a supervisor on one team."""
    ledger.add_user("wendy", Role.CASEWORKER, "north", "admin")
    ledger.add_user("sam", Role.SUPERVISOR, "north", "admin")


def open_case(ledger: CaseLedger, number: str) -> tuple[uuid.UUID, uuid.UUID]:
    """A new NH-CPS case with one custodial mother: (case id, parent id)."""
    answer = ledger.open_case(
        OpenCase(number, Program.NH_CPS, dt.date(2026, 1, 5), "wendy", "sam"), "wendy"
    )
    case_id = uuid.UUID(answer["case_id"])
    parent = ledger.handle(
        case_id, IdentifyParent("Ana", Relationship.BIOLOGICAL, {"custodial": True}), "wendy"
    )
    return case_id, uuid.UUID(parent["parent_id"])


def record_contact(
    ledger: CaseLedger, clock: Any, case_id: uuid.UUID, parent_id: uuid.UUID
) -> None:
    """A completed home visit an hour ago, recorded now (the clock moves on an hour)."""
    clock.advance(hours=1)
    contact = RecordContact(
        parent_id,
        clock.now - dt.timedelta(hours=1),
        ContactMethod.IN_HOME,
        ContactOutcome.COMPLETED,
        "monthly visit",
        narrative=f"Mother and child seen at home. {CANARY}",
    )
    ledger.handle(case_id, contact, "wendy")


def build_history(ledger: CaseLedger, clock: Any, cases: int, contacts: int) -> list[uuid.UUID]:
    """Staff, then ``cases`` cases each with a parent and ``contacts`` contacts, interleaved."""
    add_staff(ledger)
    opened = [open_case(ledger, f"NH-{n}") for n in range(cases)]
    for _ in range(contacts):
        for case_id, parent_id in opened:
            record_contact(ledger, clock, case_id, parent_id)
    return [case_id for case_id, _ in opened]


class EventsTable:
    """The event store's table, reached with SQL as a tamperer (or a court) would."""

    def __init__(self, ledger: CaseLedger) -> None:
        self.db = Database(ledger)
        self.nid = self.db.notification_id

    def stored_id(self, case_id: uuid.UUID) -> Any:
        """The originator id as this store's column holds it."""
        return case_id if self.db.postgres else case_id.hex

    def ids(self) -> list[int]:
        """Every notification id, in log order."""
        return [row[0] for row in self.select(f"SELECT {self.nid} FROM {{events}} ORDER BY 1")]

    def case_rows(self, case_id: uuid.UUID) -> list[tuple[Any, ...]]:
        """(notification id, originator id, version, topic, state) of a case, in order."""
        return self.select(
            f"SELECT {self.nid}, originator_id, originator_version, topic, state"
            f" FROM {{events}} WHERE originator_id = ? ORDER BY {self.nid}",
            [self.stored_id(case_id)],
        )

    def select(self, sql: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
        """Rows of a query; ``{events}`` names the events table."""
        with self.db.transaction(commit=False) as cursor:
            cursor.execute(sql.format(events=self.db.events_table), params or [])
            return cursor.fetchall()

    def run(self, *statements: tuple[str, list[Any]]) -> None:
        """Statements in one committed transaction; ``{events}`` names the events table."""
        with self.db.transaction(commit=True) as cursor:
            for sql, params in statements:
                cursor.execute(sql.format(events=self.db.events_table), params)

    def set(self, nid: int, column: str, value: Any) -> tuple[str, list[Any]]:
        """UPDATE one column of one row."""
        return f"UPDATE {{events}} SET {column} = ? WHERE {self.nid} = ?", [value, nid]

    def delete(self, nid: int) -> tuple[str, list[Any]]:
        """DELETE one row."""
        return f"DELETE FROM {{events}} WHERE {self.nid} = ?", [nid]

    def insert(self, row: tuple[Any, ...]) -> tuple[str, list[Any]]:
        """INSERT a row (notification id, originator id, version, topic, state); a None id
        lets the store number it."""
        nid, *rest = row
        if nid is None:
            sql = "INSERT INTO {events} (originator_id, originator_version, topic, state)"
            return sql + " VALUES (?, ?, ?, ?)", rest
        sql = (
            f"INSERT INTO {{events}} ({self.nid}, originator_id, originator_version, topic, state)"
        )
        return sql + " VALUES (?, ?, ?, ?, ?)", [nid, *rest]
