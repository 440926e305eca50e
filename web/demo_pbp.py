"""The demo's Parents Becoming Partners unit: volunteers, unit meetings and referrals (dss-028).

Recorded through the programme's own commands, on the same plan as the rest of the demo
(web/demo.py), so the coordinator's board shows a referral at each stage from submitted
to active and how long it has stood there. The volunteers vary in language, area and
lived experience; one is a candidate whose own case closed under a year before
enrolment (PBP-CANDIDATE warns) and one has left. Referrals are made on reunification
cases only (PBP-ELIG), and the assignment takes the ranking's first candidate
(PBP-REF-3), as a coordinator would.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from typing import Any, Protocol
from uuid import UUID

from domain.application import CaseLedger
from domain.commands import SetPermanencyGoal
from domain.pbp import records
from domain.pbp_commands import (
    AssignParentPartner,
    CertifyTier,
    DeactivateParentPartner,
    EnrolParentPartner,
    HoldFamilyMeeting,
    HoldPlanningMeeting,
    HoldUnitMeeting,
    IdentifyNeeds,
    SubmitReferral,
)
from domain.values import PermanencyGoal
from web.demo_cast import CASES, case_id

COORDINATOR = "hannah.brooks"


class Plan(Protocol):
    """What the demo's plan offers: its ledger, clock, answers, goals and recorders."""

    ledger: CaseLedger
    now: dt.datetime
    ids: dict[str, Any]
    goals: dict[str, tuple[PermanencyGoal, dt.date]]

    def at(self, when: dt.datetime, run: Callable[[], Any]) -> None: ...

    def _record(
        self, when: dt.datetime, number: str, actor: str, command: Any, key: str | None = None
    ) -> None: ...


@dataclasses.dataclass(frozen=True)
class Volunteer:
    """A volunteer of the demo and when they joined (days before the demo's now)."""

    name: str
    tier: int
    languages: tuple[str, ...]
    area: str
    lived_experience: tuple[str, ...]
    capacity: int
    enrolled_days_ago: int
    own_case_closed_days_before: int
    certified_v_days_ago: int | None = None
    left_days_ago: int | None = None


VOLUNTEERS = (
    Volunteer(
        "Rosa Delgado",
        5,
        ("English", "Spanish"),
        "Manchester",
        ("substance use recovery", "navigating court"),
        2,
        115,
        6 * 365,
    ),
    Volunteer(
        "Tanya Morrison",
        5,
        ("English",),
        "Nashua",
        ("visitation", "employment", "substance use recovery"),
        2,
        112,
        4 * 365,
    ),
    Volunteer(
        "Bishnu Gurung",
        3,
        ("Nepali", "English"),
        "Concord",
        ("housing", "domestic violence"),
        1,
        110,
        3 * 365,
        certified_v_days_ago=60,
    ),
    Volunteer(
        "Derek Fontaine",
        5,
        ("English", "French"),
        "Laconia",
        ("navigating court", "incarceration"),
        1,
        108,
        5 * 365,
        left_days_ago=50,
    ),
    # PBP-CANDIDATE: own case closed seven months before enrolment; tier I while training
    Volunteer(
        "Angela Pereira",
        1,
        ("Portuguese", "English"),
        "Manchester",
        ("housing", "employment"),
        1,
        45,
        210,
    ),
)


@dataclasses.dataclass(frozen=True)
class Referral:
    """A demo referral and the days (before now) it reached each stage; None: not yet."""

    number: str
    parent: int
    needs: tuple[str, ...]
    language: str
    area: str
    submitted: int
    identified: int | None = None
    assigned: int | None = None
    planned: int | None = None
    family_meeting: int | None = None


REFERRALS = (
    Referral(
        "NH-CPS-2026-0101",
        0,
        ("substance use recovery", "navigating court"),
        "Spanish",
        "Manchester",
        38,
        33,
        27,
        20,
        family_meeting=13,
    ),
    Referral(
        "NH-CPS-2026-0103",
        0,
        ("housing", "domestic violence"),
        "English",
        "Concord",
        28,
        21,
        9,
    ),
    Referral(
        "NH-CPS-2026-0104",
        1,
        ("employment", "navigating court"),
        "Vietnamese",
        "Manchester",
        19,
        12,
        8,
        3,
    ),
    Referral("NH-CPS-2026-0102", 0, ("visitation", "employment"), "English", "Nashua", 3),
    Referral("NH-CPS-2026-0104", 0, ("housing",), "English", "Manchester", 9, 5),
)


def plan_pbp(plan: Plan) -> None:
    """Schedule the programme's facts on ``plan``: volunteers first, then the referrals."""
    today = plan.now.date()

    def at(days_ago: int, hour: int = 10) -> dt.datetime:
        return dt.datetime.combine(
            today - dt.timedelta(days=days_ago), dt.time(hour), plan.now.tzinfo
        )

    def execute(
        when: dt.datetime, command: Any, key: str | None = None, actor: str = COORDINATOR
    ) -> None:
        def run() -> None:
            built = command() if callable(command) else command
            answer = plan.ledger.execute(built, actor)
            if key:
                plan.ids[key] = answer

        plan.at(min(when, plan.now), run)

    for volunteer in VOLUNTEERS:
        _volunteer(plan, volunteer, at, execute)
    _unit_meetings(plan, at, execute)
    for referral in REFERRALS:
        _referral(plan, referral, at, execute)


Execute = Callable[..., None]
At = Callable[..., dt.datetime]


def _partner_id(plan: Plan, name: str) -> UUID:
    return UUID(plan.ids[f"pbp/partner/{name}"]["parent_partner_id"])


def _volunteer(plan: Plan, volunteer: Volunteer, at: At, execute: Execute) -> None:
    enrolled = at(volunteer.enrolled_days_ago, 11)
    key = f"pbp/partner/{volunteer.name}"
    closed_on = enrolled.date() - dt.timedelta(days=volunteer.own_case_closed_days_before)
    enrol = EnrolParentPartner(
        volunteer.name,
        volunteer.tier,
        volunteer.languages,
        volunteer.area,
        closed_on,
        volunteer.lived_experience,
        volunteer.capacity,
    )
    execute(enrolled, enrol, key)
    if volunteer.certified_v_days_ago is not None:
        certified = at(volunteer.certified_v_days_ago, 14)
        execute(
            certified,
            lambda: CertifyTier(_partner_id(plan, volunteer.name), 5, certified.date()),
            None,
        )
    if volunteer.left_days_ago is not None:
        execute(
            at(volunteer.left_days_ago, 16),
            lambda: DeactivateParentPartner(
                _partner_id(plan, volunteer.name), "Moved out of state for work"
            ),
            None,
        )


def _unit_meetings(plan: Plan, at: At, execute: Execute) -> None:
    """A group meeting in each month since the unit began (PBP-SWS); this month's is owed."""
    today = plan.now.date()
    started = today - dt.timedelta(days=max(v.enrolled_days_ago for v in VOLUNTEERS))
    month = started.replace(day=1)
    while month < today.replace(day=1):
        held_on = max(month.replace(day=10), started + dt.timedelta(days=3))
        days_ago = (today - held_on).days
        present = [
            v.name
            for v in VOLUNTEERS
            if v.enrolled_days_ago > days_ago
            and (v.left_days_ago is None or v.left_days_ago < days_ago)
        ]

        def meeting(on: dt.date = held_on, names: list[str] = present) -> HoldUnitMeeting:
            return HoldUnitMeeting(on, tuple(_partner_id(plan, n) for n in names))

        execute(at(days_ago, 18), meeting, None)
        month = (month + dt.timedelta(days=32)).replace(day=1)


def _referral(plan: Plan, referral: Referral, at: At, execute: Execute) -> None:
    number = referral.number
    worker, supervisor = next((w, s) for n, _, w, s in CASES if n == number)
    submitted = at(referral.submitted, 13)
    goal, _ = plan.goals[number]
    reunified = f"{number}/goal/reunification"
    if goal is not PermanencyGoal.REUNIFICATION and reunified not in plan.ids:
        # PBP-ELIG: the court changed the goal first (once, before the case's first referral)
        plan.ids[reunified] = True
        changed = at(referral.submitted + 7, 15)
        plan._record(
            changed,
            number,
            worker,
            SetPermanencyGoal(
                PermanencyGoal.REUNIFICATION, None, changed.date(), (worker, "court")
            ),
        )
    key = f"pbp/referral/{number}/{referral.parent}"

    def referral_id() -> UUID:
        return UUID(plan.ids[key]["referral_id"])

    def submit() -> SubmitReferral:
        parent = UUID(plan.ids[f"{number}/parent/{referral.parent}"]["parent_id"])
        return SubmitReferral(
            case_id(number), parent, referral.needs[:1], referral.language, referral.area
        )

    execute(submitted, submit, key, worker)
    if referral.identified is None:
        return
    execute(
        at(referral.identified, 11),
        lambda: IdentifyNeeds(referral_id(), referral.needs, (worker, supervisor)),
        None,
    )
    if referral.assigned is None:
        return

    def top_ranked() -> AssignParentPartner:
        ranked = records.candidates(plan.ledger, records.get_referral(plan.ledger, referral_id()))
        return AssignParentPartner(referral_id(), UUID(ranked[0].parent_partner_id))

    execute(at(referral.assigned, 15), top_ranked, None)
    if referral.planned is None:
        return
    held = at(referral.planned, 16)

    def planning() -> HoldPlanningMeeting:
        """PBP-REF-4: the PBP SWS, the volunteer, the referring worker and their SWS."""
        assignment = records.get_referral(plan.ledger, referral_id()).assignment
        volunteer = assignment.parent_partner_name if assignment else ""
        attended = (COORDINATOR, volunteer, worker, supervisor)
        return HoldPlanningMeeting(referral_id(), held.date(), attended)

    execute(held, planning, None)
    if referral.family_meeting is None:
        return
    execute(  # PBP-REF-6: the volunteer meets the family with the case worker; now active
        at(referral.family_meeting, 17),
        lambda: HoldFamilyMeeting(referral_id(), at(referral.family_meeting or 0).date(), worker),
        None,
    )
