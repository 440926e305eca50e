"""Each PPT event reads as one line of structured fields in the audit history."""

from __future__ import annotations

from domain.values import Program
from projections.audit_entry import describe, humanise
from projections.audit_ppt import PPT_SUMMARIES
from tests.unit.builders import every_fact, open_case

FREE_TEXT = ("Foster home", "Group home", "Invite the nurse", "Call the school", "Asked Wendy")


def _ppt_entries():
    events = every_fact(open_case(Program.NH_JJS)).collect_events()
    return [describe(e) for e in events if type(e).__name__ in PPT_SUMMARIES]


def test_every_ppt_event_has_its_own_summary_template():
    entries = _ppt_entries()
    assert {e.event_type for e in entries} == set(PPT_SUMMARIES)
    for entry in entries:
        assert entry.summary != humanise(entry.event_type), entry.event_type
        assert "\n" not in entry.summary


def test_ppt_summaries_never_carry_settings_advice_notes_or_reasons():
    for entry in _ppt_entries():
        for text in (*FREE_TEXT, "Notes on", "Behaviours", "reunified"):
            assert text not in entry.summary, (entry.event_type, entry.summary)


def test_ppt_events_occur_on_their_business_day():
    by_type = {e.event_type: e for e in _ppt_entries()}
    assert by_type["YouthPlaced"].occurred_at == "2026-03-02"
    assert by_type["PptMeetingHeld"].occurred_at == "2026-03-04"
    assert by_type["StaffingFactorIdentified"].occurred_at == "2026-03-04"
    assert by_type["PptTaskAssigned"].occurred_at == "2026-03-04"
    assert by_type["PptTaskCompleted"].occurred_at == "2026-03-06"
