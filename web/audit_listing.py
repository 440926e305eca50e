"""The chronology and the obligations of the printable audit history as fixed-width lines.

A 1,000-entry case must print in under two seconds (issue 5). WeasyPrint lays out a
table row in 10-20 ms, a line of one pre-formatted block in about 1 ms, and each inline
element or extra character on a line costs more again; so the long listings are one
block each, a short line per entry in columns of a monospaced font, with nothing inside
but text. The template escapes it.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any
from zoneinfo import ZoneInfo

LATE = "LATE"
"""The mark of a contact documented after its deadline (ENG-VII CPS, ENG-VIII JJS)."""

NOT_LISTED = frozenset({"documentation"})
"""One documentation obligation per contact, met or missed by when the contact was
recorded: the chronology shows each of them as the contact's entry, late-marked when
missed, so the obligations listing only counts them."""

OBLIGATIONS_HEADING = (
    f"{'Period':<10} {'Kind':<22} {'Parent':<16} {'Due':<10} {'Status':<13} {'Clause':<12} Requires"
)


def occurred(text: str, zone: ZoneInfo | None) -> str:
    """A business time to the minute in the programme's zone; a date as it is."""
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        return text
    if len(text) <= len("2026-01-01"):
        return text
    if zone is not None and moment.tzinfo is not None:
        moment = moment.astimezone(zone)
    return moment.strftime("%Y-%m-%d %H:%M")


def recorded(text: str) -> str:
    """A recording instant (stored in UTC) to the minute."""
    return text[:10] + " " + text[11:16] + "Z"


def chronology(entries: Sequence[Mapping[str, Any]], zone: ZoneInfo | None) -> list[str]:
    """The heading, then a line per entry: seq, recorded, occurred, by, the late mark and
    what happened. The seq and by columns are as wide as this history needs (every
    character is drawn one by one, a thousand lines over)."""
    seq = max([len("Seq"), *(len(str(e["seq"])) for e in entries)])
    by = max([len("By"), *(len(e["recorded_by"]) for e in entries)])
    heading = f"{'Seq':>{seq}} {'Recorded (UTC)':<17} {'Occurred':<16} {'By':<{by}} {'':<4} Entry"
    return [heading] + [
        f"{e['seq']:>{seq}} {recorded(e['recorded_at'])} "
        f"{occurred(e['occurred_at'], zone):<16} {e['recorded_by']:<{by}} "
        f"{LATE if e.get('late') else '':<4} {e['summary']}"
        for e in entries
    ]


def obligation_line(obligation: Mapping[str, Any], parents: Mapping[str, str]) -> str:
    """period, kind, parent, due day, status, clause, what it requires."""
    parent = parents.get(obligation.get("parent_id") or "", "")
    return (
        f"{obligation['period']:<10} {obligation['kind']:<22} {parent[:16]:<16} "
        f"{obligation['due'][:10]:<10} {obligation['status']:<13} "
        f"{obligation['citation']['clause']:<12} {obligation['requires']}"
    )


def obligation_counts(obligations: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """How many of each kind were met, missed and so on, with the clauses behind them."""
    statuses: dict[str, Counter[str]] = {}
    clauses: dict[str, set[str]] = {}
    for obligation in obligations:
        kind = obligation["kind"]
        statuses.setdefault(kind, Counter())[obligation["status"]] += 1
        clauses.setdefault(kind, set()).add(obligation["citation"]["clause"])
    return [
        {"kind": kind, "statuses": sorted(statuses[kind].items()), "clauses": sorted(clauses[kind])}
        for kind in sorted(statuses)
    ]
