"""Runs every policy test case in cases/*.toml: facts in, expected obligations out."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from domain.obligations import Obligation, evaluate
from domain.policy.packs import pack_for
from domain.values import Program
from tests.unit.policy.casebook import Built, build

CASES_DIR = Path(__file__).parent / "cases"


def _load() -> list[dict[str, Any]]:
    cases: list[dict[str, Any]] = []
    for path in sorted(CASES_DIR.glob("*.toml")):
        with path.open("rb") as handle:
            cases.extend(tomllib.load(handle)["case"])
    return cases


CASES = _load()


def _matching(built: Built, obligations: list[Obligation], want: dict[str, Any]) -> list[Any]:
    parent = built.ids[want["parent"]] if "parent" in want else None
    return [
        o
        for o in obligations
        if o.kind.value == want["kind"]
        and o.parent_id == parent
        and ("period" not in want or o.period == want["period"])
    ]


def _describe(built: Built, obligations: list[Obligation]) -> str:
    return "\n".join(
        f"  {o.kind.value} {built.key_of(o.parent_id) if o.parent_id else '-'} {o.period} "
        f"{o.status.value} {o.requires}x{o.required_count} {o.citation.clause} "
        f"{[built.key_of(i) for i in o.satisfied_by]}"
        for o in obligations
    )


def test_there_are_at_least_forty_cases_across_the_three_programs() -> None:
    programs = {case["program"] for case in CASES}
    assert len(CASES) >= 40
    assert programs == {p.value for p in Program}
    assert len({case["name"] for case in CASES}) == len(CASES)


CLAUSES_ENCODED = {
    "ENG-I",
    "ENG-I.A.1",
    "ENG-I.A.2",
    "ENG-I.B",
    "ENG-I.B.1",
    "ENG-II",
    "ENG-II.A",
    "ENG-II.B",
    "ENG-III.A",
    "ENG-III.B",
    "ENG-III.B.1",
    "ENG-IV",
    "ENG-IV.A",
    "ENG-FAQ-Q2",
    "ENG-V",
    "ENG-VI",
    "ENG-VII",
    "ENG-VIII",
    "TN-A.1",
    "TN-A.2",
    "TN-A-NOTE-1",
    "TN-A-NOTE-2",
    "PPT-I.A",
    "PPT-I.B",
    "PPT-I.C",
    "PPT-I.H",
    "PPT-I.I",
    "PPT-I.J",
}


def test_every_encoded_clause_is_cited_by_some_expected_obligation() -> None:
    cited = {want.get("clause") for case in CASES for want in case["expected"]}
    assert cited >= CLAUSES_ENCODED


def test_every_case_name_is_a_sentence() -> None:
    for case in CASES:
        assert case["name"][0].isupper(), case["name"]
        assert len(case["name"].split()) >= 6, case["name"]


@pytest.mark.parametrize("spec", CASES, ids=[case["name"] for case in CASES])
def test_policy_case(spec: dict[str, Any]) -> None:
    built = build(spec)
    obligations = evaluate(
        built.case, pack_for(Program(spec["program"])), spec["as_of"], built.adjustments
    )
    listing = _describe(built, obligations)
    for want in spec["expected"]:
        found = _matching(built, obligations, want)
        if want.get("absent"):
            assert not found, f"{want} should not be listed; got:\n{listing}"
            continue
        assert len(found) == 1, f"{want} not matched exactly once in:\n{listing}"
        got = found[0]
        assert got.status.value == want["status"], f"{want}\n{listing}"
        if "requires" in want:
            assert got.requires == want["requires"], f"{want}\n{listing}"
        assert got.required_count == want.get("required_count", 1), f"{want}\n{listing}"
        if "clause" in want:
            assert got.citation.clause == want["clause"], f"{want}\n{listing}"
        if "satisfied_by" in want:
            keys = [built.key_of(i) for i in got.satisfied_by]
            assert keys == want["satisfied_by"], f"{want}\n{listing}"
    if "count" in spec:
        assert len(obligations) == spec["count"], listing
