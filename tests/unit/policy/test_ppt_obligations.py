"""PPT deadlines counted back from scheduled PPT meetings (PPT-I.B, PPT-I.C, PPT-I.H)."""

from __future__ import annotations

import datetime as dt
from uuid import UUID

from domain.meetings import Meeting, MeetingKind
from domain.obligations import evaluate
from domain.policy import nh_cps, nh_jjs
from domain.policy.facts import CaseFacts
from domain.policy.obligation import Kind, Obligation, Status
from domain.policy.ppt import judge_ppt
from domain.ppt_values import InformationSource
from tests.unit.policy.casebook import Builder

OPENED_ON = dt.date(2026, 2, 2)
MARCH_PPT = Meeting(UUID(int=1), MeetingKind.PPT, dt.date(2026, 3, 10))  # a Tuesday
APRIL_PPT = Meeting(UUID(int=2), MeetingKind.PPT, dt.date(2026, 4, 14))
MARCH_TEAM = Meeting(UUID(int=3), MeetingKind.TEAM, dt.date(2026, 3, 10))


def judged(builder: Builder, as_of: dt.date, *meetings: Meeting) -> list[Obligation]:
    case = builder.case
    facts = CaseFacts(case.id, nh_jjs.PACK, as_of, case.opened_on, case.closed_on, (), (), meetings)
    assert nh_jjs.PACK.ppt is not None
    return judge_ppt(facts, nh_jjs.PACK.ppt, case.ppt)


def of(kind: Kind, obligations: list[Obligation]) -> list[Obligation]:
    return [o for o in obligations if o.kind is kind]


def jjs() -> Builder:
    return Builder("NH-JJS", OPENED_ON, "ppt")


def test_the_screen_is_due_five_business_days_before_the_meeting():
    builder = jjs()
    (screen,) = of(Kind.PPT_SCREEN, judged(builder, dt.date(2026, 3, 3), MARCH_PPT))
    assert screen.due == dt.date(2026, 3, 3)
    assert screen.status is Status.OPEN
    assert screen.citation.clause == "PPT-I.B"
    (late,) = of(Kind.PPT_SCREEN, judged(builder, dt.date(2026, 3, 4), MARCH_PPT))
    assert late.status is Status.MISSED


def test_a_screen_completed_on_the_due_day_meets_it_but_not_the_next_meetings():
    builder = jjs()
    builder.apply({"step": "screen", "key": "s1", "on": dt.date(2026, 3, 3)})
    march, april = of(Kind.PPT_SCREEN, judged(builder, dt.date(2026, 4, 20), MARCH_PPT, APRIL_PPT))
    assert march.status is Status.MET
    assert march.satisfied_by == (builder.ids["s1"],)
    assert april.status is Status.MISSED


def test_information_is_met_only_when_parents_child_and_providers_are_all_heard():
    builder = jjs()
    for source in ("parents", "child"):
        builder.apply({"step": "information", "key": source, "source": source, "on": OPENED_ON})
    (partial,) = of(Kind.PPT_INFORMATION, judged(builder, dt.date(2026, 3, 9), MARCH_PPT))
    assert (partial.status, partial.due) == (Status.OPEN, MARCH_PPT.held_on)
    builder.apply(
        {"step": "information", "key": "providers", "source": "providers", "on": MARCH_PPT.held_on}
    )
    (whole,) = of(Kind.PPT_INFORMATION, judged(builder, dt.date(2026, 3, 20), MARCH_PPT))
    assert whole.status is Status.MET
    assert whole.citation.clause == "PPT-I.C"
    assert set(whole.satisfied_by) == {builder.ids[s.value] for s in InformationSource}


def test_information_missing_a_source_by_the_meeting_is_missed():
    builder = jjs()
    builder.apply({"step": "information", "source": "child", "on": OPENED_ON})
    (missed,) = of(Kind.PPT_INFORMATION, judged(builder, dt.date(2026, 3, 11), MARCH_PPT))
    assert missed.status is Status.MISSED


def test_staffing_advice_is_due_by_the_next_ppt_meeting():
    builder = jjs()
    builder.apply({"step": "factor", "key": "dv", "factor": "domestic_violence", "on": OPENED_ON})
    (advice,) = of(Kind.PPT_STAFFING_ADVICE, judged(builder, dt.date(2026, 3, 11), MARCH_PPT))
    assert (advice.due, advice.status) == (MARCH_PPT.held_on, Status.MISSED)
    assert advice.requires == "domestic_violence"
    builder.apply({"step": "advice", "factor": "dv", "on": dt.date(2026, 3, 9)})
    (advice,) = of(Kind.PPT_STAFFING_ADVICE, judged(builder, dt.date(2026, 3, 11), MARCH_PPT))
    assert advice.status is Status.MET


def test_ppt_obligations_have_stable_ids_and_no_parent():
    builder = jjs()
    builder.apply({"step": "task", "on": OPENED_ON, "due_on": dt.date(2026, 2, 20)})
    first = judged(builder, dt.date(2026, 3, 20), MARCH_PPT)
    again = judged(builder, dt.date(2026, 3, 20), MARCH_PPT)
    assert [o.obligation_id for o in first] == [o.obligation_id for o in again]
    assert all(o.parent_id is None for o in first)
    assert len({o.obligation_id for o in first}) == len(first)


def test_packs_without_ppt_rules_owe_no_ppt_obligations():
    builder = jjs()
    builder.apply({"step": "task", "on": OPENED_ON, "due_on": dt.date(2026, 2, 20)})
    assert nh_cps.PACK.ppt is None
    assert evaluate(builder.case, nh_cps.PACK, dt.date(2026, 3, 20)) == []
    assert of(Kind.PPT_TASK, evaluate(builder.case, nh_jjs.PACK, dt.date(2026, 3, 20)))


def test_only_meetings_of_kind_ppt_raise_the_screen_and_information():
    assert judged(jjs(), dt.date(2026, 3, 20), MARCH_TEAM) == []


def test_a_case_closed_before_the_update_is_due_owed_it_by_its_closing_day():
    builder = jjs()
    builder.apply({"step": "permanency", "on": dt.date(2026, 3, 6)})
    builder.apply({"step": "close", "closed_on": dt.date(2026, 3, 6)})
    (update,) = of(Kind.PPT_UPDATE, judged(builder, dt.date(2026, 3, 20)))
    assert (update.due, update.status) == (dt.date(2026, 3, 6), Status.MISSED)
