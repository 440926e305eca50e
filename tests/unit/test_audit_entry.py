"""How a case event reads in the audit history, without a store."""

import datetime as dt
import uuid

from domain.case import Case
from domain.commands import IdentifyParent, OpenCase, RecordContact
from domain.values import ContactMethod, ContactOutcome, Program, Relationship
from projections.audit_entry import describe, humanise, one_line, plain, summary

NOW = dt.datetime(2026, 3, 10, 16, 0, tzinfo=dt.UTC)


def _events():
    case = OpenCase("NH-1", Program.NH_CPS, dt.date(2026, 1, 5), "wendy", "sam").build("wendy", NOW)
    parent = IdentifyParent(
        "Ana", Relationship.PUTATIVE_FATHER, {"custodial": False}, dt.date(2026, 2, 1)
    ).apply(case, "wendy", NOW)
    RecordContact(
        uuid.UUID(parent["parent_id"]),
        NOW - dt.timedelta(days=1),
        ContactMethod.FACE_TO_FACE_OTHER,
        ContactOutcome.REFUSED,
        "court hallway",
        narrative="He said\nno.",
    ).apply(case, "wendy", NOW)
    return case.collect_events()


def test_business_time_comes_from_the_event_or_its_value_objects():
    opened, parent, contact = (describe(e) for e in _events())
    assert opened.occurred_at == "2026-01-05"
    assert parent.occurred_at == "2026-02-01"  # the circumstances' effective_on
    assert contact.occurred_at == "2026-03-09T16:00:00+00:00"
    assert contact.recorded_at == "2026-03-10T16:00:00.000000+00:00"


def test_an_event_without_business_time_occurs_when_recorded():
    case = OpenCase("NH-1", Program.NH_CPS, dt.date(2026, 1, 5), "wendy", "sam").build("wendy", NOW)
    case.schedule_reunification(child_returns_on=dt.date(2026, 4, 1), actor="wendy", at=NOW)
    scheduled = describe(case.collect_events()[-1])
    assert scheduled.occurred_at == scheduled.recorded_at
    assert scheduled.summary == "Child's return home scheduled for 2026-04-01"


def test_summaries_use_enumerated_words_and_never_free_text():
    _, parent, contact = (describe(e) for e in _events())
    assert parent.summary == "Parent Ana identified (putative father, non-custodial)"
    assert contact.summary.startswith("Contact face to face other with parent ")
    assert contact.summary.endswith(": refused")
    assert "hallway" not in contact.summary
    assert "no." not in contact.summary


def test_data_is_json_safe_and_leaves_out_the_librarys_own_fields():
    contact = describe(_events()[2])
    assert '"method":"face_to_face_other"' in contact.data
    assert '"narrative":"He said\\nno."' in contact.data
    assert "originator_id" not in contact.data
    assert "timestamp" not in contact.data


def test_an_unknown_or_reshaped_event_reads_as_its_name():
    assert summary("DecisionReviewed", {}) == "Decision reviewed"
    assert summary("ContactRecorded", {"method": None}) == "Contact recorded"
    assert humanise("EffortsCeasedDetermined") == "Efforts ceased determined"


def test_one_line_removes_line_breaks_and_nul():
    assert one_line("a\nb\x00c\t") == "a b c"


def test_plain_turns_value_objects_and_enums_into_json_words():
    assert plain({"p": (Program.NH_JJS, dt.date(2026, 1, 2))}) == {"p": ["NH-JJS", "2026-01-02"]}
    assert plain(frozenset({2, 1})) == [1, 2]
    assert Case.CaseOpened.__name__ == "CaseOpened"


def test_meeting_notice_and_escalation_events_read_as_one_line_each():
    from domain.meetings import MeetingKind
    from tests.unit.builders import every_fact, open_case

    events = every_fact(open_case(Program.NH_JJS)).collect_events()
    lines = {type(e).__name__: describe(e) for e in events}
    scheduled = lines["MeetingScheduled"]
    assert scheduled.summary.startswith("Team meeting ")
    assert scheduled.summary.endswith(" scheduled for 2026-03-07")
    assert scheduled.occurred_at == "2026-03-07"  # the meeting's own day
    assert " sent to parent " in lines["MeetingNoticeSent"].summary
    assert lines["MeetingNoticeSent"].occurred_at == "2026-03-03"
    assert lines["MeetingNoticeWithheld"].summary.endswith(": unsafe")
    escalated = lines["RefusalEscalated"]
    assert escalated.summary.endswith(": supervisor consulted")
    assert "refuses" not in escalated.summary  # the notes stay in the data
    assert "Father refuses" in escalated.data
    ppt = {"kind": MeetingKind.PPT.value, "meeting_id": "0" * 32, "held_on": "2026-04-01"}
    assert summary("MeetingScheduled", ppt) == "PPT meeting 00000000 scheduled for 2026-04-01"
