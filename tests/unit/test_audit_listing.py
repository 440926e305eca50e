"""The printable history's fixed-width lines (web/audit_listing.py, issue 5)."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from web import audit_listing

NEW_YORK = ZoneInfo("America/New_York")


def _entry(**changes: object) -> dict[str, object]:
    entry: dict[str, object] = {
        "seq": 7,
        "recorded_at": "2026-03-10T16:05:09.123456+00:00",
        "occurred_at": "2026-03-02T20:00:00+00:00",
        "recorded_by": "alice",
        "summary": "Contact in home with parent 13d39855: completed",
        "late": False,
    }
    return entry | changes


def _line(**changes: object) -> str:
    _heading, line = audit_listing.chronology([_entry(**changes)], NEW_YORK)
    return line


def test_a_chronology_line_gives_recorded_in_utc_and_occurred_in_the_programme_zone() -> None:
    assert _line() == (
        "  7 2026-03-10 16:05Z 2026-03-02 15:00 alice      "
        "Contact in home with parent 13d39855: completed"
    )


def test_a_contact_documented_late_is_marked_on_its_line() -> None:
    assert " alice LATE Contact in home" in _line(late=True)


def test_a_business_date_without_a_time_stays_a_date() -> None:
    assert "16:05Z 2026-01-05       alice" in _line(occurred_at="2026-01-05")


def test_the_columns_are_as_wide_as_the_widest_seq_and_name_and_stay_aligned() -> None:
    entries = [_entry(seq=3), _entry(seq=12345, recorded_by="bartholomew")]
    heading, short, long = audit_listing.chronology(entries, NEW_YORK)
    assert short.startswith("    3 2026-03-10")
    assert long.startswith("12345 2026-03-10")
    assert short.index("Contact") == long.index("Contact") == heading.index("Entry")
    assert heading.index("By") == short.index("alice") == long.index("bartholomew")


def _obligation(kind: str, status: str, clause: str) -> dict[str, object]:
    return {
        "kind": kind,
        "status": status,
        "period": "2026-03",
        "due": "2026-03-31T23:59:59-04:00",
        "parent_id": "p1",
        "requires": "in_home",
        "citation": {"clause": clause},
    }


def test_counts_give_each_kind_its_statuses_and_clauses() -> None:
    counts = audit_listing.obligation_counts(
        [
            _obligation("monthly_contact", "met", "ENG-I.A.1"),
            _obligation("monthly_contact", "missed", "ENG-I.A.1"),
            _obligation("monthly_contact", "met", "ENG-I.A.1"),
            _obligation("documentation", "missed", "ENG-VII"),
        ]
    )
    assert counts == [
        {"kind": "documentation", "statuses": [("missed", 1)], "clauses": ["ENG-VII"]},
        {
            "kind": "monthly_contact",
            "statuses": [("met", 2), ("missed", 1)],
            "clauses": ["ENG-I.A.1"],
        },
    ]


def test_an_obligation_line_names_the_parent_the_due_day_and_the_clause() -> None:
    line = audit_listing.obligation_line(
        _obligation("monthly_contact", "missed", "ENG-I.A.1"), {"p1": "Maria Lopez"}
    )
    assert line.split() == [
        "2026-03", "monthly_contact", "Maria", "Lopez", "2026-03-31", "missed", "ENG-I.A.1",
        "in_home",
    ]  # fmt: skip
    assert audit_listing.OBLIGATIONS_HEADING.index("Clause") == line.index("ENG-I.A.1")
