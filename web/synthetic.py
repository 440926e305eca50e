"""Synthetic case histories: realistic stories, deterministic from a seed and a clock.

Each case gets about three parents (a custodial mother, a non-custodial father who may
be incarcerated, out of state or missing, and a step-parent, putative father or
guardian), a household that may be in placement and reunified, and monthly contacts
with every parent: most completed, some attempted or refused, some missed altogether
and some documented days late; a few voided, a few cases closed after the child went
home, all three programmes. A story is a list of domain commands with the instant each
is recorded, so ``web.synthetic_runs`` can play it through the application (the demo)
or apply it to in-memory aggregates and save many events at once (the benchmark).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from collections.abc import Callable
from typing import Any
from uuid import UUID

from domain.commands import (
    ChangeCircumstances,
    ChangeHousehold,
    CloseCase,
    IdentifyParent,
    OpenCase,
    RecordContact,
    RecordDiligentSearch,
    ScheduleReunification,
    SetContactFrequency,
    SetPermanencyGoal,
    VoidContact,
)
from domain.policy.calendar import add_months, month_start, zone
from domain.values import (
    ContactMethod,
    ContactOutcome,
    Household,
    PermanencyGoal,
    Program,
    Relationship,
    SearchOutcome,
    Topic,
)

Ids = dict[str, dict[str, Any]]
"""The answers of earlier steps, by the step's key (a parent's or a contact's id)."""

PROGRAMS = (Program.NH_CPS, Program.NH_CPS, Program.NH_JJS, Program.TN_DCS, Program.TN_DCS)
THIRD_PARENTS = (Relationship.STEP, Relationship.PUTATIVE_FATHER, Relationship.LEGAL_GUARDIAN)
REMOTE = (ContactMethod.PHONE, ContactMethod.VIDEO, ContactMethod.FACE_TO_FACE_OTHER)
TOPICS = (Topic.SAFETY_WELLBEING_CASE_PLAN, Topic.NEEDS_SERVICES, Topic.OTHER_PARENTS)


@dataclasses.dataclass(frozen=True)
class Step:
    """One command on a case, recorded at ``at``; its answer is kept under ``key``."""

    at: dt.datetime
    key: str | None
    build: Callable[[Ids], Any]


@dataclasses.dataclass(frozen=True)
class Story:
    """A case's whole history: how it was opened and every later step, in recording order."""

    opening: OpenCase
    opened_at: dt.datetime
    steps: list[Step]


@dataclasses.dataclass(frozen=True)
class _Parent:
    key: str
    custodial: bool
    jailed: bool


def parent_id(ids: Ids, key: str) -> UUID:
    """The id the application gave the parent recorded under ``key``."""
    return UUID(ids[key]["parent_id"])


def story(seed: int, index: int, now: dt.datetime, worker: str, supervisor: str) -> Story:
    """Case ``index`` of the synthetic agency whose clock reads ``now``."""
    rng = random.Random(f"{seed}:{index}")
    program = PROGRAMS[index % len(PROGRAMS)]
    tz = zone(program)
    today = now.astimezone(tz).date()
    opened_on = today - dt.timedelta(days=rng.randint(40, 540))
    opened_at = dt.datetime.combine(opened_on, dt.time(9, rng.randint(0, 59)), tz)
    number = f"{program.value}-{seed}-{index:07d}"
    opening = OpenCase(number, program, opened_on, worker, supervisor, rng.random() < 0.5)
    steps: list[Step] = []

    def add(at: dt.datetime, build: Callable[[Ids], Any], key: str | None = None) -> None:
        if at < now:
            steps.append(Step(max(at, opened_at), key, build))

    parents = _parents(rng, index, opened_at, add)
    placed = rng.random() < 0.4
    expected = opened_on + dt.timedelta(days=150) if placed else None
    first = Household(opened_on, not placed, expected, placed)
    add(opened_at + dt.timedelta(minutes=20), lambda ids: ChangeHousehold(first))
    goal = PermanencyGoal.REUNIFICATION if rng.random() < 0.8 else PermanencyGoal.GUARDIANSHIP
    setting = SetPermanencyGoal(goal, None, opened_on + dt.timedelta(days=30), (worker, "court"))
    add(opened_at + dt.timedelta(days=30), lambda ids: setting)
    if rng.random() < 0.15:
        plan_on = opened_on + dt.timedelta(days=rng.randint(5, 40))
        add(
            dt.datetime.combine(plan_on, dt.time(15), tz),
            lambda ids: SetContactFrequency(parent_id(ids, parents[0].key), 2, plan_on, "Plan"),
        )
    closing = _reunification(rng, placed, opened_on, today, tz, add)
    engaged = parents
    if program is Program.TN_DCS and rng.random() < 0.25:
        _missing_father(rng, parents[1].key, opened_on, today, tz, add)
        engaged = [parents[0], parents[2]]
    _contacts(rng, program, engaged, opened_on, today, now, add)
    if closing is not None:
        close_at = dt.datetime.combine(closing, dt.time(16), tz)
        steps = [s for s in steps if s.at < close_at]
        add(close_at, lambda ids: CloseCase(closing, "Child home and safe; goals met"))
    steps.sort(key=lambda s: s.at)
    return Story(opening, opened_at, steps)


def _parents(rng: random.Random, index: int, opened_at: dt.datetime, add: Any) -> list[_Parent]:
    jailed = rng.random() < 0.2
    cast = [
        (Relationship.BIOLOGICAL, {"custodial": True}),
        (
            Relationship.BIOLOGICAL,
            {
                "custodial": False,
                "incarcerated": jailed,
                "out_of_state": not jailed and rng.random() < 0.2,
                "child_frequents_home": rng.random() < 0.3,
                "reunification_planned": rng.random() < 0.4,
            },
        ),
        (rng.choice(THIRD_PARENTS), {"custodial": rng.random() < 0.3}),
    ]
    found = []
    for n, (relationship, flags) in enumerate(cast):
        key = f"parent/{n}"
        command = IdentifyParent(f"Parent {index}-{n}", relationship, flags)
        add(opened_at + dt.timedelta(minutes=5 + n), lambda ids, c=command: c, key)
        found.append(_Parent(key, flags["custodial"], bool(flags.get("incarcerated"))))
    return found


def _reunification(
    rng: random.Random, placed: bool, opened_on: dt.date, today: dt.date, tz: Any, add: Any
) -> dt.date | None:
    """A placed child goes home in half the cases; some of those cases then close."""
    returns = opened_on + dt.timedelta(days=rng.randint(90, 200))
    if not placed or rng.random() < 0.5 or returns >= today:
        return None
    add(
        dt.datetime.combine(returns - dt.timedelta(days=20), dt.time(11), tz),
        lambda ids: ScheduleReunification(returns),
    )
    home = Household(returns, True, None, False)
    add(dt.datetime.combine(returns, dt.time(17), tz), lambda ids: ChangeHousehold(home))
    closing = returns + dt.timedelta(days=90)
    return closing if closing < today and rng.random() < 0.4 else None


def _missing_father(
    rng: random.Random, key: str, opened_on: dt.date, today: dt.date, tz: Any, add: Any
) -> None:
    """TN-A-NOTE-2: a parent goes missing and is searched for monthly."""
    since = opened_on + dt.timedelta(days=10)
    add(
        dt.datetime.combine(since, dt.time(10), tz),
        lambda ids: ChangeCircumstances(parent_id(ids, key), since, {"missing": True}),
    )
    month = month_start(since)
    while month <= today:
        day = month + dt.timedelta(days=rng.randint(0, 26))
        at = dt.datetime.combine(day, dt.time(rng.randint(9, 16)), tz)
        if since < day < today and rng.random() < 0.85:
            add(
                at + dt.timedelta(hours=2),
                lambda ids, at=at: RecordDiligentSearch(
                    parent_id(ids, key), at, ("Relatives", "Jail roster"), SearchOutcome.NOT_LOCATED
                ),
            )
        month = add_months(month, 1)


def _contacts(
    rng: random.Random,
    program: Program,
    parents: list[_Parent],
    opened_on: dt.date,
    today: dt.date,
    now: dt.datetime,
    add: Any,
) -> None:
    """Each month, an effort with each parent: mostly made, sometimes missed or late."""
    tz = zone(program)
    month = month_start(opened_on)
    while month <= today:
        for parent in parents:
            if rng.random() < 0.07:
                continue  # no effort at all this month
            day = month + dt.timedelta(days=rng.randint(0, 27))
            occurred = dt.datetime.combine(day, dt.time(rng.randint(9, 16), 0), tz)
            if day <= opened_on or occurred > now - dt.timedelta(hours=8):
                continue
            roll = rng.random()
            outcome = (
                ContactOutcome.COMPLETED
                if roll < 0.83
                else ContactOutcome.ATTEMPTED
                if roll < 0.93
                else ContactOutcome.REFUSED
            )
            if parent.custodial:
                method = ContactMethod.IN_HOME
            elif parent.jailed:
                method = ContactMethod.FACE_TO_FACE_OTHER
            else:
                method = rng.choice(REMOTE)
            late = rng.random() < 0.08
            delay = dt.timedelta(days=rng.randint(3, 6)) if late else dt.timedelta(hours=3)
            command = RecordContact(
                UUID(int=0),
                occurred,
                method,
                outcome,
                "Monthly engagement",
                TOPICS,
                None,
                "Reviewed the safety plan and services." if outcome.value == "completed" else None,
            )
            key = f"contact/{month.isoformat()}/{parent.key}"
            add(
                min(occurred + delay, now),
                lambda ids, c=command, p=parent.key: dataclasses.replace(
                    c, parent_id=parent_id(ids, p)
                ),
                key,
            )
            if rng.random() < 0.02:
                add(
                    min(occurred + delay + dt.timedelta(days=1), now),
                    lambda ids, k=key: VoidContact(UUID(ids[k]["contact_id"]), "Wrong case"),
                )
        month = add_months(month, 1)
