"""The application keeps a case's facts on both stores."""

import datetime as dt
import uuid

from domain.commands import IdentifyParent, OpenCase
from domain.values import Program, Relationship, Role


def test_opened_case_reads_back_with_its_parent(ledger):
    ledger.add_user("wendy", Role.CASEWORKER, "north", "admin")
    ledger.add_user("sam", Role.SUPERVISOR, "north", "admin")
    answer = ledger.open_case(
        OpenCase("NH-1", Program.NH_CPS, dt.date(2026, 1, 5), "wendy", "sam"), "wendy"
    )
    case_id = uuid.UUID(answer["case_id"])
    ledger.handle(
        case_id, IdentifyParent("Ana", Relationship.BIOLOGICAL, {"custodial": True}), "wendy"
    )
    case = ledger.get_case(case_id)
    assert case.program is Program.NH_CPS
    assert case.opened_on == dt.date(2026, 1, 5)
    assert [p.relationship for p in case.parents.values()] == [Relationship.BIOLOGICAL]
