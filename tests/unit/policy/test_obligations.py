"""Properties of evaluate beyond single cases: ids, order, shape and dated policy values."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any
from uuid import UUID

from domain.case import Case
from domain.meeting_commands import ScheduleMeeting
from domain.meetings import MeetingKind
from domain.obligations import case_facts, evaluate, obligations_of, to_contract
from domain.policy import nh_cps
from domain.policy.packs import pack_for
from domain.policy.rules import Citation, Cited, Parameter, Requirement
from domain.policy.situations import Situation
from domain.values import Program
from tests.unit.builders import NOW, WORKER, open_case
from tests.unit.policy.casebook import Built, build

NH = "-05:00"


def _spec(**extra: Any) -> dict[str, Any]:
    facts = [
        {"step": "parent", "key": "mother", "custodial": True},
        {"step": "parent", "key": "father", "custodial": False, "child_frequents_home": True},
        {
            "step": "household",
            "effective_on": dt.date(2026, 1, 5),
            "children_in_home": False,
            "in_placement": True,
        },
        {
            "step": "contact",
            "key": "office",
            "parent": "mother",
            "occurred_at": dt.datetime.fromisoformat(f"2026-01-14T10:00:00{NH}"),
            "method": "face_to_face_other",
        },
        {
            "step": "contact",
            "key": "home",
            "parent": "father",
            "occurred_at": dt.datetime.fromisoformat(f"2026-02-11T10:00:00{NH}"),
            "method": "in_home",
        },
    ]
    return {
        "name": "properties",
        "program": "NH-CPS",
        "opened_on": dt.date(2026, 1, 5),
        "facts": facts,
    } | extra


def _replayed(case: Case) -> Case:
    """The case rebuilt from its own events, as a projection rebuild would see it."""
    rebuilt: Case | None = None
    for stored in case.collect_events():
        rebuilt = stored.mutate(rebuilt)
    assert rebuilt is not None
    return rebuilt


def test_a_case_rebuilt_from_its_events_gives_the_same_obligations_and_ids() -> None:
    built = build(_spec())
    as_of = dt.date(2026, 4, 2)
    live = [to_contract(o) for o in evaluate(built.case, pack_for(Program.NH_CPS), as_of)]
    rebuilt = _replayed(built.case)
    again = [to_contract(o) for o in evaluate(rebuilt, pack_for(Program.NH_CPS), as_of)]
    assert live == again
    assert len({o["obligation_id"] for o in live}) == len(live)


def test_obligations_are_ordered_by_due_date_then_kind_then_parent() -> None:
    built = build(_spec())
    obligations = evaluate(built.case, pack_for(Program.NH_CPS), dt.date(2026, 4, 2))
    keys = [o.sort_key() for o in obligations]
    assert keys == sorted(keys)
    assert [o.period for o in obligations[:3]] == ["2026-01-14", "2026-01", "2026-01"]


def test_the_contract_shape_has_exactly_the_contract_fields_as_json_natives() -> None:
    built = build(_spec())
    obligations = evaluate(built.case, pack_for(Program.NH_CPS), dt.date(2026, 2, 2))
    mothers = [o for o in obligations if o.parent_id == built.ids["mother"]]
    contract = to_contract(next(o for o in mothers if o.kind.value == "monthly_contact"))
    assert set(contract) == {
        "obligation_id",
        "parent_id",
        "kind",
        "period",
        "due",
        "requires",
        "required_count",
        "status",
        "satisfied_by",
        "citation",
    }
    assert contract["kind"] == "monthly_contact"
    assert contract["due"] == "2026-01-31"
    assert contract["satisfied_by"] == [str(built.ids["office"])]
    assert set(contract["citation"]) == {"clause", "source", "section"}
    assert UUID(contract["obligation_id"]).version == 5


def test_nothing_is_owed_before_the_case_opens() -> None:
    built = build(_spec())
    assert evaluate(built.case, pack_for(Program.NH_CPS), dt.date(2026, 1, 4)) == []


MARCH = dt.date(2026, 3, 1)
REVISED = Citation("ENG-I", nh_cps.SOURCE, "I. (revised) at home every month.")


def _revised_pack() -> Any:
    """NH-CPS as if a revision from 1 March asked for home visits twice a month."""
    pack = pack_for(Program.NH_CPS)
    requirements = dict(pack.requirements)
    requirements[Situation.CUSTODIAL_AWAY] = Parameter(
        *requirements[Situation.CUSTODIAL_AWAY].values,
        Cited(Requirement.IN_HOME, REVISED, dt.date(2026, 3, 1)),
    )
    minimum = Parameter(*pack.monthly_minimum.values, Cited(2, REVISED, dt.date(2026, 3, 1)))
    return dataclasses.replace(pack, requirements=requirements, monthly_minimum=minimum)


def _mother_months(built: Built, pack: Any) -> dict[str, Any]:
    obligations = evaluate(built.case, pack, dt.date(2026, 3, 20))
    return {
        o.period: o
        for o in obligations
        if o.kind.value == "monthly_contact" and o.parent_id == built.ids["mother"]
    }


def test_a_pack_value_effective_later_does_not_change_what_earlier_months_owed() -> None:
    built = build(_spec())
    before = _mother_months(built, pack_for(Program.NH_CPS))
    after = _mother_months(built, _revised_pack())
    assert after["2026-01"] == before["2026-01"]
    assert after["2026-01"].status.value == "met"
    assert after["2026-02"] == before["2026-02"]
    march = after["2026-03"]
    assert (march.requires, march.required_count, march.citation) == ("in_home", 2, REVISED)


def test_obligations_of_uses_the_pack_of_the_case_s_own_program() -> None:
    built = build(_spec(program="TN-DCS"))
    as_of = dt.date(2026, 2, 2)
    expected = evaluate(built.case, pack_for(Program.TN_DCS), as_of)
    assert obligations_of(built.case, as_of) == expected
    assert {o.citation.clause for o in expected} == {"TN-A.1"}


def test_dropping_the_approval_requirement_from_march_leaves_january_as_it_was() -> None:
    pack = pack_for(Program.NH_CPS)
    remote = Situation.NON_CUSTODIAL_REMOTE
    no_approval = Citation("ENG-II.A", nh_cps.SOURCE, "II.A. (revised) no approval needed.")
    approvals = {remote: Parameter(*pack.approvals[remote].values, Cited(None, no_approval, MARCH))}
    revised = dataclasses.replace(pack, approvals=approvals)
    calls = [
        {
            "step": "contact",
            "key": key,
            "parent": "father",
            "occurred_at": dt.datetime.fromisoformat(f"{day}T18:00:00{NH}"),
            "method": "phone",
        }
        for key, day in (("january", "2026-01-20"), ("march", "2026-03-10"))
    ]
    built = build(
        {
            "name": "approval revised",
            "program": "NH-CPS",
            "opened_on": dt.date(2026, 1, 5),
            "facts": [{"step": "parent", "key": "father", "custodial": False}, *calls],
        }
    )
    months = {
        o.period: o
        for o in evaluate(built.case, revised, dt.date(2026, 4, 1))
        if o.kind.value == "monthly_contact"
    }
    assert (months["2026-01"].status.value, months["2026-01"].requires) == (
        "missed",
        "face_to_face",
    )
    assert (months["2026-03"].status.value, months["2026-03"].requires) == ("met", "any_contact")


def test_the_case_facts_expose_every_meeting_in_day_order() -> None:
    case = open_case(Program.NH_JJS)
    for kind, day in ((MeetingKind.PPT, 20), (MeetingKind.COURT, 12)):
        ScheduleMeeting(kind, dt.date(2026, 3, day)).apply(case, WORKER, NOW)
    facts = case_facts(case, pack_for(case.program), dt.date(2026, 3, 10))
    assert [(m.kind, m.held_on.day) for m in facts.meetings] == [
        (MeetingKind.COURT, 12),
        (MeetingKind.PPT, 20),
    ]
    assert all(m.meeting_id.hex in case.meetings for m in facts.meetings)
