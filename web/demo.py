"""A realistic demo data set, recorded through the application's own commands.

Deterministic for a given seed and starting instant. Each fact is recorded a little
after it happened (a few contacts days late), by a ledger whose clock this module
steps forward, so recording times and late documentation look like real work.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from collections.abc import Callable
from typing import Any
from uuid import UUID

from domain.application import CaseLedger
from domain.commands import (
    AmendContact,
    ChangeCircumstances,
    ChangeHousehold,
    IdentifyParent,
    OpenCase,
    RecordContact,
    RecordDiligentSearch,
    ScheduleReunification,
    SetContactFrequency,
    SetPermanencyGoal,
    VoidContact,
)
from domain.meeting_commands import RecordMeetingNotice, ScheduleMeeting
from domain.meetings import MeetingKind, NoticeOutcome, WithholdReason
from domain.policy.calendar import zone
from domain.values import (
    PARENT_FLAGS,
    ContactMethod,
    ContactOutcome,
    Household,
    PermanencyGoal,
    Program,
    Relationship,
    SearchOutcome,
    Topic,
)
from web.demo_cast import CASES, FIRST_NAMES, OTHER_NAMES, PLACES, SURNAMES, USERS, case_id
from web.demo_decisions import record_decisions
from web.demo_pbp import plan_pbp
from web.demo_ppt import plan_ppt


class DemoClock:
    """The recording clock the demo steps forward."""

    def __init__(self, now: dt.datetime) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now


@dataclasses.dataclass(order=True)
class _Step:
    at: dt.datetime
    seq: int
    run: Callable[[], Any] = dataclasses.field(compare=False)


class _Plan:
    """Every demo fact, each with the instant it is recorded."""

    def __init__(self, ledger: CaseLedger, now: dt.datetime, seed: int) -> None:
        self.ledger, self.now, self.rng = ledger, now, random.Random(seed)
        self.steps: list[_Step] = []
        self.ids: dict[str, Any] = {}
        self.contacts: dict[str, list[tuple[dt.datetime, str]]] = {}
        self.goals: dict[str, tuple[PermanencyGoal, dt.date]] = {}

    def at(self, when: dt.datetime, run: Callable[[], Any]) -> None:
        self.steps.append(_Step(min(when, self.now), len(self.steps), run))

    def case(self, index: int, number: str, program: Program, worker: str, boss: str) -> None:
        rng, tz = self.rng, zone(program)
        today = self.now.astimezone(tz).date()
        opened_on = today - dt.timedelta(days=rng.randint(80, 120))
        opened_at = dt.datetime.combine(opened_on, dt.time(9, 0), tz)
        court = rng.random() < 0.5
        open_case = OpenCase(number, program, opened_on, worker, boss, court)
        self.at(opened_at, lambda: self.ledger.open_case(open_case, worker))
        parents = self._parents(index, number, worker, opened_on, opened_at)
        self._household(index, number, worker, opened_on, opened_at)
        self._contacts(number, program, worker, parents, opened_on)

    def _parents(
        self, index: int, number: str, worker: str, opened_on: dt.date, opened_at: dt.datetime
    ) -> list[tuple[str, bool, bool]]:
        rng = self.rng
        surname = SURNAMES[index % len(SURNAMES)]
        cast = [
            (f"{FIRST_NAMES[index % 8]} {surname}", Relationship.BIOLOGICAL, True, False),
            (
                f"{OTHER_NAMES[index % 8]} {surname}",
                Relationship.BIOLOGICAL,
                False,
                rng.random() < 0.4,
            ),
            (
                f"{OTHER_NAMES[(index + 3) % 8]} Reed",
                rng.choice(
                    [Relationship.STEP, Relationship.PUTATIVE_FATHER, Relationship.LEGAL_GUARDIAN]
                ),
                rng.random() < 0.3,
                False,
            ),
        ]
        found = []
        for n, (name, relationship, custodial, jailed) in enumerate(cast):
            key = f"{number}/parent/{n}"
            flags = dict.fromkeys(PARENT_FLAGS, False) | {
                "custodial": custodial,
                "incarcerated": jailed,
                "out_of_state": not custodial and not jailed and rng.random() < 0.3,
                "reunification_planned": not custodial and rng.random() < 0.5,
            }
            command = IdentifyParent(name, relationship, flags)
            self._record(opened_at + dt.timedelta(minutes=10 + n), number, worker, command, key)
            found.append((key, custodial, jailed))
        return found

    def _household(
        self, index: int, number: str, worker: str, opened_on: dt.date, opened_at: dt.datetime
    ) -> None:
        rng = self.rng
        placed = index % 3 == 0
        expected = opened_on + dt.timedelta(days=150) if placed else None
        first = Household(opened_on, not placed, expected, placed)
        self._record(opened_at + dt.timedelta(minutes=20), number, worker, ChangeHousehold(first))
        goal = PermanencyGoal.REUNIFICATION if rng.random() < 0.8 else PermanencyGoal.GUARDIANSHIP
        concurrent = rng.choice([None, PermanencyGoal.RELATIVE_PLACEMENT, PermanencyGoal.ADOPTION])
        setting = SetPermanencyGoal(
            goal, concurrent, opened_on + dt.timedelta(days=30), (worker, "court")
        )
        self._record(opened_at + dt.timedelta(days=30), number, worker, setting)
        self.goals[number] = (goal, setting.effective_on)
        if placed and index == 0:
            returns = self.now.date() + dt.timedelta(days=21)
            self._record(
                self.now - dt.timedelta(days=2), number, worker, ScheduleReunification(returns)
            )

    def _contacts(
        self,
        number: str,
        program: Program,
        worker: str,
        parents: list[tuple[str, bool, bool]],
        opened_on: dt.date,
    ) -> None:
        rng, tz = self.rng, zone(program)
        month = opened_on.replace(day=1)
        while month <= self.now.astimezone(tz).date():
            for key, custodial, jailed in parents:
                day = month + dt.timedelta(days=rng.randint(1, 27))
                occurred = dt.datetime.combine(day, dt.time(rng.randint(9, 16), 0), tz)
                if day <= opened_on or occurred >= self.now - dt.timedelta(hours=6):
                    continue
                self._contact(number, program, worker, key, custodial, jailed, occurred)
            month = (month + dt.timedelta(days=32)).replace(day=1)

    def _contact(
        self,
        number: str,
        program: Program,
        worker: str,
        parent_key: str,
        custodial: bool,
        jailed: bool,
        occurred: dt.datetime,
    ) -> None:
        rng = self.rng
        roll = rng.random()
        outcome = (
            ContactOutcome.COMPLETED
            if roll < 0.8
            else ContactOutcome.ATTEMPTED
            if roll < 0.92
            else ContactOutcome.REFUSED
        )
        place: str | None
        if custodial:
            method, place = ContactMethod.IN_HOME, PLACES[0]
        elif jailed:
            method, place = ContactMethod.FACE_TO_FACE_OTHER, PLACES[2]
        else:
            method = rng.choice(
                [ContactMethod.PHONE, ContactMethod.VIDEO, ContactMethod.FACE_TO_FACE_OTHER]
            )
            place = PLACES[1] if method is ContactMethod.FACE_TO_FACE_OTHER else None
        narrative = None
        if outcome is ContactOutcome.COMPLETED:
            narrative = rng.choice(
                [
                    "Reviewed the safety plan; the parent engaged well and asked about visits.",
                    "Discussed services: the parent starts the parenting class next week.",
                    "Talked about the children's school progress and the next court date.",
                ]
            )
        delay = (
            dt.timedelta(days=rng.randint(3, 5))
            if rng.random() < 0.1
            else dt.timedelta(hours=rng.randint(2, 6))
        )
        key = f"{number}/contact/{len(self.steps)}"

        def command() -> RecordContact:
            return RecordContact(
                parent_id=UUID(self.ids[parent_key]["parent_id"]),
                occurred_at=occurred,
                method=method,
                outcome=outcome,
                purpose="Monthly contact"
                if custodial
                else "Engagement of the non-custodial parent",
                topics=(Topic.SAFETY_WELLBEING_CASE_PLAN, Topic.NEEDS_SERVICES),
                location=place,
                narrative=narrative,
            )

        self._record(occurred + delay, number, worker, command, key)
        self.contacts.setdefault(number, []).append((min(occurred + delay, self.now), key))

    def _record(
        self, when: dt.datetime, number: str, actor: str, command: Any, key: str | None = None
    ) -> None:
        def run() -> None:
            built = command() if callable(command) else command
            answer = self.ledger.handle(case_id(number), built, actor)
            if key:
                self.ids[key] = answer

        self.at(when, run)

    def _contact_id(self, key: str) -> UUID:
        return UUID(self.ids[key]["contact_id"])

    def _parent_id(self, key: str) -> UUID:
        return UUID(self.ids[key]["parent_id"])

    def corrections(self) -> None:
        """An amendment, a void, changed circumstances, a frequency and a diligent search."""
        amended_at, amended = self.contacts["NH-CPS-2026-0101"][0]
        self._record(
            amended_at + dt.timedelta(hours=20),
            "NH-CPS-2026-0101",
            "maria.alvarez",
            lambda: AmendContact(
                self._contact_id(amended),
                "Visit was at the grandmother's home",
                {"location": "Grandmother's home"},
            ),
        )
        voided_at, voided = self.contacts["NH-JJS-2026-0202"][1]
        self._record(
            voided_at + dt.timedelta(hours=3),
            "NH-JJS-2026-0202",
            "james.oconnor",
            lambda: VoidContact(self._contact_id(voided), "Entered on the wrong case"),
        )
        first_at, _ = self.contacts["NH-JJS-2026-0203"][0]
        self._record(
            first_at,
            "NH-JJS-2026-0203",
            "maria.alvarez",
            lambda: ChangeCircumstances(
                self._parent_id("NH-JJS-2026-0203/parent/1"),
                first_at.date(),
                {"incarcerated": False, "reunification_planned": True},
            ),
        )
        plan_at, _ = self.contacts["NH-CPS-2026-0102"][0]
        self._record(
            plan_at,
            "NH-CPS-2026-0102",
            "maria.alvarez",
            lambda: SetContactFrequency(
                self._parent_id("NH-CPS-2026-0102/parent/0"), 2, plan_at.date(), "Safety plan"
            ),
        )
        self._search("TN-DCS-2026-0303", "tomas.reyes", self.contacts["TN-DCS-2026-0303"][0][0])

    def meetings(self) -> None:
        """A team meeting noticed ahead, a hearing whose notice is withheld, one unnoticed."""
        yesterday = self.now - dt.timedelta(days=1)
        for number, kind, days, outcome in (
            ("NH-CPS-2026-0101", MeetingKind.TEAM, 7, NoticeOutcome.SENT),
            ("NH-CPS-2026-0102", MeetingKind.COURT, 14, NoticeOutcome.WITHHELD),
            ("NH-JJS-2026-0201", MeetingKind.TREATMENT, -10, None),  # missed (ENG-V)
        ):
            program, worker = next((p, w) for n, p, w, _ in CASES if n == number)
            held_on = self.now.astimezone(zone(program)).date() + dt.timedelta(days=days)
            scheduled_at = self.now - dt.timedelta(days=max(3, 3 - days))
            key = f"{number}/meeting"
            self._record(scheduled_at, number, worker, ScheduleMeeting(kind, held_on), key)
            if outcome is not None:
                on = yesterday.astimezone(zone(program)).date()
                notice = self._notice(number, outcome, on)
                self._record(yesterday + dt.timedelta(minutes=30), number, worker, notice)

    def _notice(
        self, number: str, outcome: NoticeOutcome, on: dt.date
    ) -> Callable[[], RecordMeetingNotice]:
        withheld = outcome is NoticeOutcome.WITHHELD
        return lambda: RecordMeetingNotice(
            UUID(self.ids[f"{number}/meeting"]["meeting_id"]),
            self._parent_id(f"{number}/parent/1"),
            outcome,
            on,
            WithholdReason.UNSAFE if withheld else None,
        )

    def _search(self, number: str, worker: str, when: dt.datetime) -> None:
        parent = f"{number}/parent/2"
        self._record(
            when,
            number,
            worker,
            lambda: ChangeCircumstances(self._parent_id(parent), when.date(), {"missing": True}),
        )
        self._record(
            when + dt.timedelta(hours=2),
            number,
            worker,
            lambda: RecordDiligentSearch(
                self._parent_id(parent),
                when + dt.timedelta(hours=1),
                ("Tennessee DHS records", "Last known employer", "Relatives"),
                SearchOutcome.NOT_LOCATED,
            ),
        )


def load_demo(ledger: CaseLedger, clock: DemoClock, seed: int) -> dict[str, str]:
    """Record the whole demo through ``ledger`` (built on ``clock``); returns each user's token."""
    now = clock.now
    clock.now = now - dt.timedelta(days=130)
    tokens = {
        user.username: ledger.add_user(user.username, user.role, user.team, actor="demo")
        for user in USERS
    }
    plan = _Plan(ledger, now, seed)
    for index, (number, program, worker, supervisor) in enumerate(CASES):
        plan.case(index, number, program, worker, supervisor)
    plan.corrections()
    plan.meetings()
    plan_ppt(now, plan._record, plan.ids)
    record_decisions(plan)
    plan_pbp(plan)
    for step in sorted(plan.steps):
        clock.now = step.at
        step.run()
    clock.now = now
    return tokens
