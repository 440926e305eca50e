"""Notices of meetings (ENG-V) and refusal escalations (ENG-VI), judged at ``as_of``.

Both are single-due obligations (policy-clauses.md, "Status"): ``met`` by the fact in
time, ``exempt`` when a notice was withheld for a reason the pack allows, ``open``
until the due day and ``missed`` after it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from uuid import UUID

from domain.meetings import (
    CLOSING_STEPS,
    EscalationStep,
    Meeting,
    MeetingNotice,
    NoticeOutcome,
    RefusalEscalation,
    WithholdReason,
)
from domain.policy.adjustments import Exemption
from domain.policy.calendar import add_business_days, local_date
from domain.policy.facts import CaseFacts
from domain.policy.obligation import Kind, Obligation, Status, obligation_id
from domain.policy.rules import Citation, ExemptionKind, NoticeRule
from domain.values import Contact, ContactOutcome, Parent, in_force


def _owed_notice(rule: NoticeRule, meeting: Meeting, parent: Parent) -> bool:
    """ENG-V: a non-custodial (CPS: or missing) parent of a relationship the pack names."""
    circumstances = parent.on(meeting.held_on)
    if circumstances is None or meeting.kind not in rule.kinds:
        return False
    if parent.relationship not in rule.relationships:
        return False
    return not circumstances.custodial or (rule.missing_parents and circumstances.missing)


def meeting_notices(
    facts: CaseFacts,
    parents: Collection[Parent],
    notices: Iterable[MeetingNotice],
    orders: Callable[[UUID], Sequence[Exemption]] = lambda _: (),
) -> Iterator[Obligation]:
    """One ``meeting_notice`` per meeting and eligible parent, due by the meeting's day.

    ``orders`` gives a parent's exemptions (those naming them or the whole case); a
    ``no_notification`` court order in force on the meeting day exempts the notice.
    """
    rules = facts.pack.meeting_notice
    if rules is None:
        return
    recorded: dict[tuple[UUID, UUID], list[MeetingNotice]] = {}
    for notice in sorted(notices, key=lambda n: (n.on, str(n.notice_id))):
        if notice.on <= facts.as_of:
            recorded.setdefault((notice.meeting_id, notice.parent_id), []).append(notice)
    for meeting in facts.meetings:
        if facts.closed_on is not None and meeting.held_on > facts.closed_on:
            continue
        rule = rules.on(meeting.held_on).value
        for parent in parents:
            if _owed_notice(rule, meeting, parent):
                found = recorded.get((meeting.meeting_id, parent.parent_id), [])
                order = _no_notification(orders(parent.parent_id), meeting.held_on)
                yield _notice(facts, rule, meeting, parent.parent_id, found, order)


def _no_notification(exemptions: Sequence[Exemption], day: dt.date) -> Exemption | None:
    """ENG-V (JJS: "unless otherwise ... specified by the Court"): an order against notice."""
    for exemption in exemptions:
        if exemption.kind is ExemptionKind.NO_NOTIFICATION and exemption.in_force_during(day, day):
            return exemption
    return None


def _notice(
    facts: CaseFacts,
    rule: NoticeRule,
    meeting: Meeting,
    parent_id: UUID,
    notices: Sequence[MeetingNotice],
    order: Exemption | None,
) -> Obligation:
    court = WithholdReason.COURT_ORDER
    sent = [n for n in notices if n.outcome is NoticeOutcome.SENT]
    in_time = [n for n in sent if n.on <= meeting.held_on]
    # ENG-V: "court_order" exempts only under a no_notification order in force on the day
    # (the case refuses it otherwise; this keeps a record made before that rule unexempt).
    withheld = [
        n
        for n in notices
        if n.outcome is NoticeOutcome.WITHHELD
        and n.reason is not None
        and n.reason in rule.withhold
        and (n.reason is not court or order is not None)
    ]
    citation: Citation = rule.citation
    evidence: tuple[UUID, ...]
    if in_time:
        status, evidence = Status.MET, (in_time[0].notice_id,)
    elif withheld:
        reason = withheld[0].reason
        assert reason is not None
        status, evidence = Status.EXEMPT, (withheld[0].notice_id,)
        citation = rule.withhold[reason]
    elif order is not None and order.effective_on <= facts.as_of and court in rule.withhold:
        status, evidence = Status.EXEMPT, (order.event_id,)
        citation = rule.withhold[court]
    elif facts.as_of <= meeting.held_on:
        status, evidence = Status.OPEN, ()
    else:
        status, evidence = Status.MISSED, tuple(n.notice_id for n in sent)  # sent too late
    return Obligation(
        obligation_id=obligation_id(
            facts.case_id,
            parent_id,
            Kind.MEETING_NOTICE,
            meeting.held_on.isoformat(),
            meeting.meeting_id.hex,
        ),
        parent_id=parent_id,
        kind=Kind.MEETING_NOTICE,
        period=meeting.held_on.isoformat(),
        due=meeting.held_on,
        requires="notice",
        required_count=1,
        status=status,
        satisfied_by=evidence,
        citation=citation,
    )


def refusal_escalations(
    facts: CaseFacts,
    parents: Mapping[UUID, Parent],
    contacts: Mapping[UUID, Sequence[tuple[dt.date, Contact]]],
    escalations: Iterable[RefusalEscalation],
) -> Iterator[Obligation]:
    """ENG-VI: each refusal by a non-custodial parent of a youth in care is escalated.

    Met once the JPPO has consulted their supervisor and the supervisor has consulted a
    CPS supervisor or found that permanency is not affected, both by the due day.
    """
    rules = facts.pack.refusal_escalation
    if rules is None:
        return
    steps: dict[UUID, list[tuple[dt.date, RefusalEscalation]]] = {}
    for escalation in sorted(escalations, key=lambda e: (e.occurred_at, str(e.escalation_id))):
        day = local_date(facts.pack.program, escalation.occurred_at)
        if day <= facts.as_of:
            steps.setdefault(escalation.contact_id, []).append((day, escalation))
    for parent_id, dated in contacts.items():
        parent = parents.get(parent_id)
        if parent is None:
            continue  # not yet on the case at as_of
        for day, contact in dated:
            if contact.outcome is not ContactOutcome.REFUSED or day > facts.last_day:
                continue
            circumstances = parent.on(day)
            household = in_force(facts.household, day)
            if circumstances is None or circumstances.custodial:
                continue
            if household is None or not household.in_placement:
                continue
            rule = rules.on(day).value
            due = add_business_days(facts.pack.program, day, rule.business_days)
            yield _escalation(facts, rule.citation, parent_id, day, due, contact, steps)


def _escalation(
    facts: CaseFacts,
    citation: Citation,
    parent_id: UUID,
    day: dt.date,
    due: dt.date,
    contact: Contact,
    steps: Mapping[UUID, Sequence[tuple[dt.date, RefusalEscalation]]],
) -> Obligation:
    consulted: RefusalEscalation | None = None
    closed: RefusalEscalation | None = None
    closed_on: dt.date | None = None
    for step_day, step in steps.get(contact.contact_id, ()):
        if step.step is EscalationStep.SUPERVISOR_CONSULTED and consulted is None:
            consulted = step
        elif step.step in CLOSING_STEPS and consulted is not None and closed is None:
            closed, closed_on = step, step_day
    evidence = tuple(s.escalation_id for s in (consulted, closed) if s is not None)
    if closed is not None and closed_on is not None and closed_on <= due:
        status = Status.MET
    elif facts.as_of <= due:
        status = Status.OPEN
    else:
        status = Status.MISSED
    return Obligation(
        obligation_id=obligation_id(
            facts.case_id,
            parent_id,
            Kind.REFUSAL_ESCALATION,
            day.isoformat(),
            contact.contact_id.hex,
        ),
        parent_id=parent_id,
        kind=Kind.REFUSAL_ESCALATION,
        period=day.isoformat(),
        due=due,
        requires="supervisor_then_cps_supervisor",
        required_count=2,
        status=status,
        satisfied_by=evidence,
        citation=citation,
    )
