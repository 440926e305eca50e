"""What an NH-JJS case owes the Permanency Planning Team at a date (SOP 1626.4).

Case-level obligations (no parent): placement notices (PPT-I.A), the screen and the
information before each scheduled PPT meeting (PPT-I.B, PPT-I.C), advice of staffing
factors by the next meeting (PPT-I.H), tasks by their dates (PPT-I.I) and the PPT
update after permanency (PPT-I.J). Each has a single due day: ``open`` until then,
``met`` by a fact dated on or before it (and by ``as_of``), otherwise ``missed``.
A meeting's screen and information count from the day after the PPT meeting
scheduled before it, so one meeting's preparation never meets the next one's.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator, Sequence
from uuid import UUID

from domain.meetings import Meeting, MeetingKind
from domain.policy.calendar import add_business_days
from domain.policy.facts import CaseFacts
from domain.policy.obligation import Kind, Obligation, Status, obligation_id
from domain.policy.ppt_rules import PptRules
from domain.policy.rules import Citation
from domain.ppt_values import InformationSource, PptRecord


def judge_ppt(facts: CaseFacts, rules: PptRules, record: PptRecord) -> list[Obligation]:
    """Every PPT obligation of the case listed at ``facts.as_of``.

    The deadlines before a meeting count back from the case's scheduled meetings of
    kind ``ppt`` (MeetingScheduled) that fall while the case is open.
    """
    schedule = sorted(
        (
            m
            for m in facts.meetings
            if m.kind is MeetingKind.PPT
            and facts.opened_on <= m.held_on
            and _open_on(facts, m.held_on)
        ),
        key=lambda m: (m.held_on, m.meeting_id.int),
    )
    return [
        *_placement_notices(facts, rules, record),
        *_before_meetings(facts, rules, record, schedule),
        *_staffing_advice(facts, rules, record, schedule),
        *_tasks(facts, rules, record),
        *_updates(facts, rules, record),
    ]


def _open_on(facts: CaseFacts, day: dt.date) -> bool:
    return facts.closed_on is None or day <= facts.closed_on


def _owed(
    facts: CaseFacts,
    kind: Kind,
    period: dt.date,
    detail: UUID,
    due: dt.date,
    requires: str,
    met_by: Sequence[UUID],
    citation: Citation,
) -> Obligation:
    """One obligation with a single due day (reading rules, "Status")."""
    running = Status.OPEN if facts.as_of <= due else Status.MISSED
    status = Status.MET if met_by else running
    return Obligation(
        obligation_id=obligation_id(facts.case_id, None, kind, period.isoformat(), detail.hex),
        parent_id=None,
        kind=kind,
        period=period.isoformat(),
        due=due,
        requires=requires,
        required_count=1,
        status=status,
        satisfied_by=tuple(met_by),
        citation=citation,
    )


def _by(facts: CaseFacts, day: dt.date | None, due: dt.date) -> bool:
    """A fact dated ``day`` counts when it happened by the due day and by ``as_of``."""
    return day is not None and day <= due and day <= facts.as_of


def _placement_notices(
    facts: CaseFacts, rules: PptRules, record: PptRecord
) -> Iterator[Obligation]:
    """PPT-I.A: the day of placement; a change that may affect the schedule, next business day."""
    program = facts.pack.program
    for placement in record.placements:
        if placement.on > facts.last_day:
            continue
        if placement.change and not placement.may_affect_schedule:
            continue  # a change that cannot affect the PPT schedule owes no notice
        due = placement.on
        citation = rules.placement_notice
        if placement.change:
            days = rules.change_notice_business_days.on(placement.on)
            due, citation = add_business_days(program, placement.on, days.value), days.citation
        notices = [
            n.notice_id
            for n in record.notices
            if n.placement_id == placement.placement_id and _by(facts, n.on, due)
        ]
        yield _owed(
            facts,
            Kind.PLACEMENT_NOTICE,
            placement.on,
            placement.placement_id,
            due,
            "notice",
            notices[:1],
            citation,
        )


def _before_meetings(
    facts: CaseFacts, rules: PptRules, record: PptRecord, schedule: Sequence[Meeting]
) -> Iterator[Obligation]:
    """PPT-I.B and PPT-I.C for every scheduled PPT meeting."""
    program = facts.pack.program
    previous: dt.date | None = None
    for meeting in schedule:
        after = previous
        previous = meeting.held_on
        before = rules.screen_business_days_before.on(meeting.held_on)
        due = add_business_days(program, meeting.held_on, -before.value)
        screens = [
            s.screen_id
            for s in record.screens
            if _by(facts, s.on, due) and (after is None or s.on > after)
        ]
        yield _owed(
            facts,
            Kind.PPT_SCREEN,
            meeting.held_on,
            meeting.meeting_id,
            due,
            "screen_page_1",
            screens[:1],
            before.citation,
        )
        heard: dict[InformationSource, UUID] = {}
        for item in sorted(record.information, key=lambda i: i.on):
            if _by(facts, item.on, meeting.held_on) and (after is None or item.on > after):
                heard.setdefault(item.source, item.information_id)
        complete = set(heard) >= rules.information_sources
        yield _owed(
            facts,
            Kind.PPT_INFORMATION,
            meeting.held_on,
            meeting.meeting_id,
            meeting.held_on,
            "parents_child_providers",
            [heard[s] for s in sorted(heard, key=lambda s: s.value)] if complete else [],
            rules.information,
        )


def _staffing_advice(
    facts: CaseFacts, rules: PptRules, record: PptRecord, schedule: Sequence[Meeting]
) -> Iterator[Obligation]:
    """PPT-I.H: advised by the next PPT meeting on or after the factor's day.

    With no such meeting scheduled the advice is owed from the factor's day and stays
    ``open``: it cannot be missed before a meeting it should have preceded.
    """
    for factor in record.factors:
        if factor.identified_on > facts.last_day:
            continue
        following = [m.held_on for m in schedule if m.held_on >= factor.identified_on]
        due = following[0] if following else factor.identified_on
        latest = due if following else facts.as_of
        advised = _by(facts, factor.advised_on, latest)
        obligation = _owed(
            facts,
            Kind.PPT_STAFFING_ADVICE,
            factor.identified_on,
            factor.factor_id,
            due,
            factor.factor.value,
            [factor.factor_id] if advised else [],
            rules.staffing_advice,
        )
        if not following and not advised:
            obligation = dataclasses.replace(obligation, status=Status.OPEN)
        yield obligation


def _tasks(facts: CaseFacts, rules: PptRules, record: PptRecord) -> Iterator[Obligation]:
    """PPT-I.I: each task completed by its own due day."""
    for task in record.tasks:
        if task.assigned_on > facts.last_day:
            continue
        done = _by(facts, task.completed_on, task.due_on)
        yield _owed(
            facts,
            Kind.PPT_TASK,
            task.due_on,
            task.task_id,
            task.due_on,
            "task_completed",
            [task.task_id] if done else [],
            rules.task,
        )


def _updates(facts: CaseFacts, rules: PptRules, record: PptRecord) -> Iterator[Obligation]:
    """PPT-I.J: the PPT updated after permanency is achieved.

    A closed case takes no more facts, so a case closed before the due day owed the
    update by its closing day.
    """
    program = facts.pack.program
    for index, outcome in enumerate(record.permanency):
        if outcome.achieved_on > facts.last_day:
            continue
        days = rules.update_business_days.on(outcome.achieved_on)
        due = facts.stop(add_business_days(program, outcome.achieved_on, days.value))
        updated = outcome.update_id is not None and _by(facts, outcome.ppt_updated_on, due)
        yield _owed(
            facts,
            Kind.PPT_UPDATE,
            outcome.achieved_on,
            UUID(int=index),
            due,
            "ppt_update",
            [outcome.update_id] if updated and outcome.update_id else [],
            days.citation,
        )
