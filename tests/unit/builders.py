"""Cases built directly in memory with explicit recording instants: no store, no clock."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from uuid import UUID

from domain import commands as cmd
from domain import decision_commands as dcmd
from domain import meeting_commands as mtg
from domain import ppt_commands as ppt
from domain.case import Case
from domain.commands import IdentifyParent, RecordContact
from domain.decisions import ConsultantRole, CourtOrderKind, DecisionKind, ReviewOutcome
from domain.meetings import EscalationStep, MeetingKind, NoticeOutcome, WithholdReason
from domain.ppt_values import InformationSource, PptRequestKind, PptTopic, StaffingFactor
from domain.values import (
    Contact,
    ContactMethod,
    ContactOutcome,
    Household,
    PermanencyGoal,
    Program,
    Relationship,
    SearchOutcome,
    Topic,
)

OPENED_ON = dt.date(2026, 3, 2)
"""A Monday."""

NOW = dt.datetime(2026, 3, 10, 16, 0, tzinfo=dt.UTC)
"""Tuesday 10 March 2026, noon in New Hampshire: the recording instant of most tests."""

WORKER = "wendy"
SUPERVISOR = "sam"


def open_case(
    program: Program = Program.NH_CPS,
    opened_on: dt.date = OPENED_ON,
    *,
    case_number: str = "NH-0001",
    court_involved: bool = False,
    at: dt.datetime = NOW,
) -> Case:
    """A freshly opened case worked by ``wendy`` and supervised by ``sam``."""
    return Case(
        case_number=case_number,
        program=program,
        opened_on=opened_on,
        worker=WORKER,
        supervisor=SUPERVISOR,
        court_involved=court_involved,
        actor=WORKER,
        timestamp=at,
    )


def add_parent(
    case: Case,
    *,
    custodial: bool = True,
    relationship: Relationship = Relationship.BIOLOGICAL,
    effective_on: dt.date | None = None,
    at: dt.datetime = NOW,
) -> UUID:
    """Identify a parent and return their id."""
    answer = IdentifyParent(
        "Ana", relationship, {"custodial": custodial}, effective_on=effective_on
    ).apply(case, WORKER, at)
    return UUID(answer["parent_id"])


def record_contact(
    case: Case,
    parent_id: UUID,
    *,
    occurred_at: dt.datetime,
    at: dt.datetime = NOW,
    method: ContactMethod = ContactMethod.IN_HOME,
    outcome: ContactOutcome = ContactOutcome.COMPLETED,
    narrative: str | None = "Met Ana at home; the children were well.",
) -> Contact:
    """Record a contact through its command and return it as the case now reads."""
    answer = RecordContact(
        parent_id=parent_id,
        occurred_at=occurred_at,
        method=method,
        outcome=outcome,
        purpose="Monthly visit",
        narrative=narrative,
    ).apply(case, WORKER, at)
    return case.contact(UUID(answer["contact_id"]))


def every_fact(case: Case, start: dt.datetime = NOW) -> Case:
    """Apply one command of every kind, a minute apart, ending with the closure.

    The case then holds every Case event type at least once, each field set to a value
    of its real type (enums, dates, tuples, value objects), which replay must keep.
    """
    at = start
    day = case.opened_on

    def tick() -> dt.datetime:
        nonlocal at
        at += dt.timedelta(minutes=1)
        return at

    mother = add_parent(case, at=tick())
    father = add_parent(case, custodial=False, relationship=Relationship.PUTATIVE_FATHER, at=tick())
    for command in (
        cmd.Reassign("walt", None, day + dt.timedelta(days=1), "Caseload balancing"),
        cmd.ChangeCircumstances(father, day + dt.timedelta(days=2), {"incarcerated": True}),
        cmd.ChangeHousehold(Household(day, False, day + dt.timedelta(days=40), True)),
        cmd.SetPermanencyGoal(
            PermanencyGoal.REUNIFICATION, PermanencyGoal.ADOPTION, day, ("wendy", "sam")
        ),
        cmd.ScheduleReunification(day + dt.timedelta(days=40)),
        cmd.SetContactFrequency(mother, 2, day, "Case plan"),
        cmd.RecordDiligentSearch(
            father, start - dt.timedelta(days=1), ("registry", "relatives"), SearchOutcome.LOCATED
        ),
    ):
        command.apply(case, WORKER, tick())
    first = cmd.RecordContact(
        parent_id=mother,
        occurred_at=start - dt.timedelta(days=2),
        method=ContactMethod.FACE_TO_FACE_OTHER,
        outcome=ContactOutcome.COMPLETED,
        purpose="Monthly visit",
        topics=(Topic.SAFETY_WELLBEING_CASE_PLAN, Topic.NEEDS_SERVICES),
        location="District Office",
        narrative="Discussed the case plan.",
    ).apply(case, WORKER, tick())
    cmd.AmendContact(
        UUID(first["contact_id"]),
        "Wrong method and day",
        {
            "method": ContactMethod.IN_HOME,
            "occurred_at": start - dt.timedelta(days=3),
            "topics": (Topic.OTHER_PARENTS,),
        },
    ).apply(case, WORKER, tick())
    second = cmd.RecordContact(
        parent_id=father,
        occurred_at=start - dt.timedelta(hours=1),
        method=ContactMethod.PHONE,
        outcome=ContactOutcome.ATTEMPTED,
        purpose="Notice of meeting",
    ).apply(case, WORKER, tick())
    cmd.VoidContact(UUID(second["contact_id"]), "Wrong parent").apply(case, WORKER, tick())
    meeting = mtg.ScheduleMeeting(MeetingKind.TEAM, day + dt.timedelta(days=5))
    meeting_id = UUID(meeting.apply(case, WORKER, tick())["meeting_id"])
    noticed = day + dt.timedelta(days=1)
    mtg.RecordMeetingNotice(meeting_id, mother, NoticeOutcome.SENT, noticed).apply(
        case, WORKER, tick()
    )
    cps = case.program is Program.NH_CPS
    reason = WithholdReason.PUTATIVE_FATHER if cps else WithholdReason.UNSAFE
    mtg.RecordMeetingNotice(meeting_id, father, NoticeOutcome.WITHHELD, noticed, reason).apply(
        case, WORKER, tick()
    )
    if case.program is Program.NH_JJS:  # ENG-VI is a step of NH-JJS only
        refused = RecordContact(
            parent_id=father,
            occurred_at=start - dt.timedelta(hours=2),
            method=ContactMethod.PHONE,
            outcome=ContactOutcome.REFUSED,
            purpose="Monthly contact",
        ).apply(case, WORKER, tick())
        mtg.EscalateRefusal(
            UUID(refused["contact_id"]),
            EscalationStep.SUPERVISOR_CONSULTED,
            start - dt.timedelta(minutes=30),
            consultant="sam",
            notes="Father refuses every contact.",
        ).apply(case, WORKER, tick())
    decide_every_way(case, mother, father, tick)
    if case.program is Program.NH_JJS:
        ppt_facts(case, tick)
    cmd.CloseCase(day + dt.timedelta(days=7), "Permanency achieved").apply(case, WORKER, tick())
    return case


def decide_every_way(
    case: Case, mother: UUID, father: UUID, tick: Callable[[], dt.datetime]
) -> None:
    """One event of each decision kind: consultation, risk, decision, review, order."""
    day = case.opened_on
    now = tick()
    consulted = dcmd.RecordConsultation(
        ConsultantRole.SUPERVISOR, SUPERVISOR, now - dt.timedelta(hours=2), "Safety", "Plan"
    ).apply(case, WORKER, now)
    dcmd.IdentifySafetyRisk(mother, day, "Threats at the home").apply(case, WORKER, tick())
    decided = dcmd.RecordDecision(
        kind=DecisionKind.ALTERNATIVE_CONTACT_PLAN,
        parent_id=mother,
        effective_on=day,
        rationale="Threats at the home",
        supporting_information="Police report",
        methods=(ContactMethod.PHONE, ContactMethod.VIDEO),
        consultation_id=UUID(consulted["consultation_id"]),
    ).apply(case, WORKER, tick())
    dcmd.ReviewDecision(
        UUID(decided["decision_id"]), ReviewOutcome.APPROVED, "Agreed", decided["decision_hash"]
    ).apply(case, SUPERVISOR, tick())
    dcmd.RecordCourtOrder(CourtOrderKind.NO_NOTIFICATION, father, day).apply(case, WORKER, tick())
    if case.program is Program.NH_CPS and not case.court_involved:  # ENG-III.B, ENG-III.B.1
        dcmd.DetermineEffortsCeased(father, day, "Parent cannot be engaged").apply(
            case, WORKER, tick()
        )


PPT_TOPICS = {topic.value: f"Notes on {topic.value}" for topic in PptTopic}


def ppt_facts(case: Case, tick: Callable[[], dt.datetime]) -> None:
    """One command of every PPT kind on an NH-JJS case (SOP 1626.4)."""
    day = case.opened_on
    placed = ppt.RecordPlacement(day, "Foster home").apply(case, WORKER, tick())
    placement = UUID(placed["placement_id"])
    ppt.RecordPlacement(day + dt.timedelta(days=1), "Group home", True, True).apply(
        case, WORKER, tick()
    )
    ppt.NotifyPermanencyJppo(placement, day, "petra").apply(case, WORKER, tick())
    ppt.CompleteScreen(day + dt.timedelta(days=1)).apply(case, WORKER, tick())
    ppt.GatherInformation(InformationSource.CHILD, day + dt.timedelta(days=1)).apply(
        case, WORKER, tick()
    )
    ppt.HoldPptMeeting(day + dt.timedelta(days=2), PPT_TOPICS, ("wendy", "petra")).apply(
        case, WORKER, tick()
    )
    factor = ppt.IdentifyStaffingFactor(StaffingFactor.MEDICAL, day + dt.timedelta(days=2))
    factor_id = UUID(factor.apply(case, WORKER, tick())["factor_id"])
    ppt.AdviseStaffing(factor_id, day + dt.timedelta(days=3), "Invite the nurse").apply(
        case, WORKER, tick()
    )
    task = ppt.AssignPptTask("Call the school", "wendy", day + dt.timedelta(days=2), day)
    task = dataclasses.replace(task, due_on=day + dt.timedelta(days=9))
    task_id = UUID(task.apply(case, WORKER, tick())["task_id"])
    ppt.FollowUpPptTask(task_id, day + dt.timedelta(days=3), "Asked Wendy").apply(
        case, SUPERVISOR, tick()
    )
    ppt.CompletePptTask(task_id, day + dt.timedelta(days=4)).apply(case, WORKER, tick())
    ppt.AchievePermanency(day + dt.timedelta(days=5), "reunified").apply(case, WORKER, tick())
    ppt.UpdatePpt(day + dt.timedelta(days=5)).apply(case, WORKER, tick())
    for kind in PptRequestKind:
        ppt.RequestPptSupport(kind, day + dt.timedelta(days=3), "Behaviours").apply(
            case, WORKER, tick()
        )
