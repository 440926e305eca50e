"""Properties that hold for any record: a period once over is judged for good."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from domain.obligations import evaluate, to_contract
from domain.policy.packs import pack_for
from domain.values import ContactMethod, ContactOutcome, Program
from tests.unit.policy.casebook import build

OPENED = dt.date(2026, 1, 5)
UTC_NOON = dt.time(17, 0, tzinfo=dt.UTC)

contacts = st.lists(
    st.tuples(
        st.integers(min_value=0, max_value=150),
        st.sampled_from(["mother", "father"]),
        st.sampled_from([m.value for m in ContactMethod]),
        st.sampled_from([o.value for o in ContactOutcome]),
    ),
    max_size=12,
)


def _spec(program: str, facts: list[tuple[int, str, str, str]]) -> dict[str, Any]:
    steps: list[dict[str, Any]] = [
        {"step": "parent", "key": "mother", "custodial": True},
        {"step": "parent", "key": "father", "custodial": False, "child_frequents_home": True},
        {
            "step": "household",
            "effective_on": OPENED,
            "children_in_home": False,
            "in_placement": True,
            "reunification_expected_on": dt.date(2026, 4, 20),
        },
    ]
    for index, (offset, parent, method, outcome) in enumerate(sorted(facts)):
        occurred = dt.datetime.combine(OPENED + dt.timedelta(days=offset), UTC_NOON)
        steps.append(
            {
                "step": "contact",
                "key": f"c{index}",
                "parent": parent,
                "occurred_at": occurred,
                "method": method,
                "outcome": outcome,
            }
        )
    return {"name": f"property {program}", "program": program, "opened_on": OPENED, "facts": steps}


@settings(max_examples=40, deadline=None)
@given(
    facts=contacts,
    program=st.sampled_from([p.value for p in Program]),
    first=st.integers(min_value=0, max_value=200),
    later=st.integers(min_value=0, max_value=200),
)
def test_a_period_over_at_one_date_is_judged_the_same_at_any_later_date(
    facts: list[tuple[int, str, str, str]], program: str, first: int, later: int
) -> None:
    built = build(_spec(program, facts))
    pack = pack_for(Program(program))
    as_of = OPENED + dt.timedelta(days=first)
    moved_on = as_of + dt.timedelta(days=later)
    before = {o.obligation_id: to_contract(o) for o in evaluate(built.case, pack, as_of)}
    after = {o.obligation_id: to_contract(o) for o in evaluate(built.case, pack, moved_on)}
    for oid, judged in before.items():
        if judged["status"] != "open":
            assert after[oid] == judged


@settings(max_examples=40, deadline=None)
@given(facts=contacts, program=st.sampled_from([p.value for p in Program]))
def test_every_month_from_opening_to_as_of_is_owed_once_per_parent(
    facts: list[tuple[int, str, str, str]], program: str
) -> None:
    built = build(_spec(program, facts))
    as_of = dt.date(2026, 6, 1)
    obligations = evaluate(built.case, pack_for(Program(program)), as_of)
    monthly = [(o.parent_id, o.period) for o in obligations if o.kind.value == "monthly_contact"]
    expected_months = ["2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06"]
    for key in ("mother", "father"):
        owed = sorted(p for parent, p in monthly if parent == built.ids[key])
        assert owed == expected_months
