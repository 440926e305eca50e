"""The read model's stored text of an obligation is the contract's JSON, byte for byte.

``obligation_rows.text`` lays the JSON out directly (a rebuild writes over a million);
it must equal encoding ``to_contract`` with the stored encoder for any obligation,
whatever its strings hold (quotes, backslashes, control and non-ASCII characters).
"""

from __future__ import annotations

import datetime as dt
import json
from uuid import UUID

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.obligations import Kind, Obligation, Status, to_contract
from domain.policy.rules import Citation
from domain.values import Program
from projections.obligation_rows import (
    case_rows,
    document_of,
    encode,
    listed,
    obligations_at,
    text,
)
from tests.unit.builders import every_fact, open_case

citations = st.builds(Citation, clause=st.text(), source=st.text(), section=st.text())
dues = st.dates() | st.datetimes(timezones=st.timezones())
obligations = st.builds(
    Obligation,
    obligation_id=st.uuids(),
    parent_id=st.none() | st.uuids(),
    kind=st.sampled_from(Kind),
    period=st.text(),
    due=dues,
    requires=st.text(),
    required_count=st.integers(),
    status=st.sampled_from(Status),
    satisfied_by=st.lists(st.uuids(), max_size=4).map(tuple),
    citation=citations,
)


@given(obligations)
def test_text_is_the_encoded_contract(obligation: Obligation) -> None:
    assert text(obligation) == encode(to_contract(obligation))
    assert json.loads(text(obligation)) == to_contract(obligation)


@given(st.lists(obligations, max_size=5))
def test_repeated_ids_and_citations_encode_alike(many: list[Obligation]) -> None:
    """The memo of id texts and the citation cache never change what is written."""
    shared = UUID(int=7)
    twice = [o for o in many for o in (o, o)]
    twice += [Obligation(**{**o.__dict__, "parent_id": shared}) for o in many]
    assert [text(o) for o in twice] == [encode(to_contract(o)) for o in twice]


@pytest.mark.parametrize("program", list(Program))
def test_a_case_rows_items_are_the_encoded_contracts_with_case_and_worker(
    program: Program,
) -> None:
    case = every_fact(open_case(program))
    as_of = dt.date(2026, 6, 30)
    rows = case_rows(case, "team-a", as_of)
    expected = [encode(to_contract(o)) for o in obligations_at(case, as_of)]
    assert len(rows.obligation_rows) == len(expected) >= 2
    front = listed(str(case.id), case.worker)
    for row, text_expected in zip(rows.obligation_rows, expected, strict=True):
        item = row[12]
        document = json.loads(text_expected)
        assert item == encode({"case_id": str(case.id), "worker": case.worker} | document)
        assert document_of(item, front) == text_expected
        assert row[2] == document["obligation_id"]
        assert row[6] == document["parent_id"]
        assert row[7:10] == (document["kind"], document["period"], document["due"])
        assert row[11] == document["status"]


def test_an_item_of_another_case_or_worker_is_refused() -> None:
    item = listed("c-1", "wendy") + '"kind":"documentation"}'
    assert document_of(item, listed("c-1", "wendy")) == '{"kind":"documentation"}'
    with pytest.raises(ValueError, match="does not start with its case and worker"):
        document_of(item, listed("c-1", "walt"))
