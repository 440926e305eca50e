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
from projections.obligation_rows import case_rows, encode, text
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
def test_a_case_rows_documents_are_the_encoded_contracts(program: Program) -> None:
    case = every_fact(open_case(program))
    rows = case_rows(case, "team-a", dt.date(2026, 6, 30))
    assert len(rows.obligation_rows) >= 2
    for row in rows.obligation_rows:
        document = json.loads(row[12])
        assert row[12] == encode(document)
        assert row[2] == document["obligation_id"]
        assert row[6] == document["parent_id"]
        assert row[7:10] == (document["kind"], document["period"], document["due"])
        assert row[11] == document["status"]
        assert row[13] == encode({"case_id": str(case.id), "worker": case.worker} | document)
