"""PBP records on both stores: round trips, atomic saves, the board read model."""

from __future__ import annotations

import datetime as dt
import threading
from uuid import UUID

import pytest

from domain import pbp_commands as cmd
from domain.application import CaseLedger
from domain.commands import SetPermanencyGoal
from domain.pbp import errors, records
from domain.pbp.values import Party, ReferralStatus
from domain.values import PermanencyGoal, Role
from projections.referral_board import ReferralBoard
from projections.runner import catch_up
from tests.integration.cases import case_with_parent, event_count


def _reunification_case(ledger: CaseLedger, number: str = "NH-1") -> tuple[UUID, UUID]:
    case_id, parent_id = case_with_parent(ledger, number)
    goal = SetPermanencyGoal(PermanencyGoal.REUNIFICATION, None, dt.date(2026, 1, 5), ("wendy",))
    ledger.handle(case_id, goal, "wendy")
    return case_id, parent_id


def _enrol(ledger: CaseLedger, name: str = "Rosa", tier: int = 5) -> UUID:
    command = cmd.EnrolParentPartner(
        name, tier, ("Spanish",), "Manchester", dt.date(2020, 1, 1), ("housing",), 2
    )
    return UUID(ledger.execute(command, "pat")["parent_partner_id"])


def _referral(ledger: CaseLedger, case_id: UUID, parent_id: UUID) -> UUID:
    submit = cmd.SubmitReferral(case_id, parent_id, ("housing",), "Spanish", "Manchester")
    referral_id = UUID(ledger.execute(submit, "wendy")["referral_id"])
    ledger.execute(cmd.IdentifyNeeds(referral_id, ("housing",), ("wendy", "sam")), "pat")
    return referral_id


def test_a_worked_referral_and_its_volunteer_read_back_unchanged(ledger: CaseLedger) -> None:
    ledger.add_user("pat", Role.PBP_COORDINATOR, None, "admin")
    case_id, parent_id = _reunification_case(ledger)
    partner_id = _enrol(ledger)
    referral_id = _referral(ledger, case_id, parent_id)
    ledger.execute(cmd.AssignParentPartner(referral_id, partner_id), "pat")
    ledger.execute(cmd.HoldFamilyMeeting(referral_id, dt.date(2026, 3, 9), "pat"), "pat")
    agreed = tuple(Party)
    ledger.execute(cmd.CloseReferral(referral_id, agreed, dt.date(2026, 3, 10)), "pat")
    referral = records.get_referral(ledger, referral_id)
    assert referral.status is ReferralStatus.CLOSED
    assert referral.assignment is not None
    assert referral.assignment.assigned_on == dt.date(2026, 3, 10)
    assert referral.family_meetings == [(dt.date(2026, 3, 9), "pat")]
    partner = records.get_partner(ledger, partner_id)
    assert partner.families == []
    assert partner.certifications[0].certified_on == dt.date(2026, 3, 10)
    assert [r.id for r in records.case_referrals(ledger, case_id)] == [referral_id]


def test_a_refused_assignment_records_nothing_on_either_aggregate(ledger: CaseLedger) -> None:
    case_id, parent_id = _reunification_case(ledger)
    low = _enrol(ledger, "Dana", tier=4)
    referral_id = _referral(ledger, case_id, parent_id)
    before = event_count(ledger)
    with pytest.raises(errors.TierTooLow):
        ledger.execute(cmd.AssignParentPartner(referral_id, low, "only one"), "pat")
    assert event_count(ledger) == before


def test_a_referral_is_saved_with_the_cases_register_in_one_transaction(
    ledger: CaseLedger,
) -> None:
    case_id, parent_id = _reunification_case(ledger)
    before = event_count(ledger)
    submit = cmd.SubmitReferral(case_id, parent_id, ("housing",))
    referral_id = UUID(ledger.execute(submit, "wendy")["referral_id"])
    assert event_count(ledger) == before + 3  # submitted, register started, filed
    assert [r.id for r in records.case_referrals(ledger, case_id)] == [referral_id]


def test_the_board_applies_each_referral_event_once_and_a_rebuild_equals_it(
    ledger: CaseLedger, clock
) -> None:
    case_id, parent_id = _reunification_case(ledger)
    partner_id = _enrol(ledger)
    board = ReferralBoard(ledger)
    first = _referral(ledger, case_id, parent_id)
    catch_up(ledger, board)
    clock.advance(days=1)
    ledger.execute(cmd.AssignParentPartner(first, partner_id), "pat")
    second = UUID(
        ledger.execute(cmd.SubmitReferral(case_id, parent_id, ()), "wendy")["referral_id"]
    )
    ledger.execute(cmd.WithdrawReferral(second, "Not needed"), "wendy")
    catch_up(ledger, board)
    live = board.dump()
    assert catch_up(ledger, board) == ledger.recorder.max_notification_id()
    assert board.dump() == live
    rows = {r["referral_id"]: r for r in board.rows(as_of=dt.date(2026, 3, 13))}
    assert rows[str(first)]["status"] == "assigned"
    assert rows[str(first)]["parent_partner_name"] == "Rosa"
    assert rows[str(first)]["days_in_stage"] == 2
    assert rows[str(second)]["status"] == "withdrawn"
    board.rebuild()
    assert board.dump() == live
    assert board.rows([ReferralStatus.WITHDRAWN])[0]["referral_id"] == str(second)


def test_assignments_beyond_a_volunteers_capacity_are_refused(ledger: CaseLedger) -> None:
    case_id, parent_id = _reunification_case(ledger)
    partner_id = _enrol(ledger)  # capacity 2
    referrals = [_referral(ledger, case_id, parent_id) for _ in range(3)]
    ledger.execute(cmd.AssignParentPartner(referrals[0], partner_id), "pat")
    ledger.execute(cmd.AssignParentPartner(referrals[1], partner_id), "pat")
    with pytest.raises(errors.NoFreeCapacity):
        ledger.execute(cmd.AssignParentPartner(referrals[2], partner_id, "only one"), "pat")
    assert records.get_partner(ledger, partner_id).free_capacity == 0


def test_two_racing_assignments_to_a_one_family_volunteer_keep_exactly_one(
    ledger: CaseLedger,
) -> None:
    case_id, parent_id = _reunification_case(ledger)
    command = cmd.EnrolParentPartner(
        "Solo", 5, ("Spanish",), "Manchester", dt.date(2020, 1, 1), (), 1
    )
    partner_id = UUID(ledger.execute(command, "pat")["parent_partner_id"])
    referrals = [_referral(ledger, case_id, parent_id) for _ in range(2)]
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def assign(referral_id: UUID) -> None:
        barrier.wait()
        try:
            ledger.execute(cmd.AssignParentPartner(referral_id, partner_id, "race"), "pat")
            outcomes.append("assigned")
        except errors.NoFreeCapacity:
            outcomes.append("refused")

    threads = [threading.Thread(target=assign, args=(r,)) for r in referrals]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["assigned", "refused"]
    assert len(records.get_partner(ledger, partner_id).families) == 1
