"""Meetings about the child, their notices (ENG-V) and refusal escalations (ENG-VI).

A mixin of the ``Case`` aggregate, so these events live on the case's own stream
while ``domain/case.py`` keeps to parents and contacts. The library gives ``Case`` its
own subclass of each event declared here (``Case.MeetingScheduled``, a ``Case.Event``
stored under the ``domain.case:Case.`` topic like every other case event), so commands
trigger ``type(self).<Event>`` and each event applies itself. The state starts as
empty, read-only class values and every event replaces it with a new mapping, so cases
recorded (and snapshotted) before meetings existed read back unchanged.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING
from uuid import UUID

from eventsourcing.domain import Aggregate

from domain import errors
from domain.decisions import CourtOrder, CourtOrderKind
from domain.meetings import (
    CLOSING_STEPS,
    EscalationStep,
    Meeting,
    MeetingKind,
    MeetingNotice,
    NoticeOutcome,
    RefusalEscalation,
    WithholdReason,
    check_escalation_step,
)
from domain.policy.calendar import local_date
from domain.policy.packs import pack_for
from domain.values import (
    Contact,
    ContactOutcome,
    Household,
    Parent,
    Program,
    Relationship,
    in_force,
    require_instant,
)

# Without a notice clause (TN-DCS) a notice may still be withheld for a plain reason.
_PLAIN_REASONS = frozenset(
    {WithholdReason.UNSAFE, WithholdReason.NOT_IN_BEST_INTEREST, WithholdReason.COURT_ORDER}
)


class CaseMeetings(Aggregate):
    """The meeting, notice and escalation events of a case."""

    if TYPE_CHECKING:
        meetings: Mapping[str, Meeting]
        meeting_notices: Mapping[str, MeetingNotice]
        refusal_escalations: Mapping[str, RefusalEscalation]
    else:  # class values, not dataclass fields: each event assigns a new mapping
        meetings = meeting_notices = refusal_escalations = MappingProxyType({})

    if TYPE_CHECKING:  # provided by Case
        program: Program
        supervisor: str
        contacts: dict[str, Contact]
        household: list[Household]
        court_orders: Sequence[CourtOrder]

        def _require_open(self) -> None: ...

        def _require_not_before_opening(self, day: dt.date, field: str) -> None: ...

        def parent(self, parent_id: UUID, field: str = "parent_id") -> Parent: ...

    class MeetingScheduled(Aggregate.Event):
        meeting_id: UUID
        kind: MeetingKind
        held_on: dt.date
        actor: str

        def apply(self, aggregate: CaseMeetings) -> None:
            meeting = Meeting(self.meeting_id, self.kind, self.held_on)
            aggregate.meetings = {**aggregate.meetings, self.meeting_id.hex: meeting}

    class MeetingNoticeSent(Aggregate.Event):
        notice_id: UUID
        meeting_id: UUID
        parent_id: UUID
        on: dt.date
        actor: str

        def apply(self, aggregate: CaseMeetings) -> None:
            notice = MeetingNotice(
                self.notice_id, self.meeting_id, self.parent_id, NoticeOutcome.SENT, self.on
            )
            aggregate.meeting_notices = {**aggregate.meeting_notices, self.notice_id.hex: notice}

    class MeetingNoticeWithheld(Aggregate.Event):
        notice_id: UUID
        meeting_id: UUID
        parent_id: UUID
        on: dt.date
        reason: WithholdReason
        actor: str

        def apply(self, aggregate: CaseMeetings) -> None:
            notice = MeetingNotice(
                self.notice_id,
                self.meeting_id,
                self.parent_id,
                NoticeOutcome.WITHHELD,
                self.on,
                self.reason,
            )
            aggregate.meeting_notices = {**aggregate.meeting_notices, self.notice_id.hex: notice}

    class RefusalEscalated(Aggregate.Event):
        escalation_id: UUID
        contact_id: UUID
        parent_id: UUID
        step: EscalationStep
        occurred_at: dt.datetime
        consultant: str | None
        notes: str | None
        actor: str

        def apply(self, aggregate: CaseMeetings) -> None:
            escalation = RefusalEscalation(
                self.escalation_id,
                self.contact_id,
                self.parent_id,
                self.step,
                self.occurred_at,
                self.consultant,
                self.actor,
            )
            escalations = {**aggregate.refusal_escalations, self.escalation_id.hex: escalation}
            aggregate.refusal_escalations = escalations

    # -- meetings -----------------------------------------------------------------

    def meeting(self, meeting_id: UUID) -> Meeting:
        """The meeting named in a path, or a 404-class error."""
        try:
            return self.meetings[meeting_id.hex]
        except KeyError:
            raise errors.MeetingNotFound("No such meeting on this case.") from None

    def schedule_meeting(
        self,
        *,
        meeting_id: UUID,
        kind: MeetingKind,
        held_on: dt.date,
        actor: str,
        at: dt.datetime,
    ) -> Meeting:
        """Record a meeting about the child; notices fall due by its day (ENG-V)."""
        self._require_open()
        self._require_not_before_opening(held_on, "held_on")
        self.trigger_event(
            type(self).MeetingScheduled,
            meeting_id=meeting_id,
            kind=kind,
            held_on=held_on,
            actor=actor,
            timestamp=at,
        )
        return self.meetings[meeting_id.hex]

    # -- notices ------------------------------------------------------------------

    def record_meeting_notice(
        self,
        *,
        notice_id: UUID,
        meeting_id: UUID,
        parent_id: UUID,
        outcome: NoticeOutcome,
        on: dt.date,
        reason: WithholdReason | None,
        actor: str,
        at: dt.datetime,
    ) -> MeetingNotice:
        """Record that notice of a meeting was sent to a parent, or withheld and why."""
        self._require_open()
        meeting = self.meeting(meeting_id)
        parent = self.parent(parent_id)
        self._require_not_before_opening(on, "on")
        if on > local_date(self.program, at):
            raise errors.InvalidValue("on", "A notice cannot be recorded before it is sent.")
        if outcome is NoticeOutcome.SENT:
            if reason is not None:
                raise errors.InvalidValue("reason", "Only a withheld notice has a reason.")
            self.trigger_event(
                type(self).MeetingNoticeSent,
                notice_id=notice_id,
                meeting_id=meeting_id,
                parent_id=parent_id,
                on=on,
                actor=actor,
                timestamp=at,
            )
        else:
            reason = self._withhold_reason(meeting, parent, reason)
            self.trigger_event(
                type(self).MeetingNoticeWithheld,
                notice_id=notice_id,
                meeting_id=meeting_id,
                parent_id=parent_id,
                on=on,
                reason=reason,
                actor=actor,
                timestamp=at,
            )
        return self.meeting_notices[notice_id.hex]

    def _withhold_reason(
        self, meeting: Meeting, parent: Parent, reason: WithholdReason | None
    ) -> WithholdReason:
        """ENG-V: notice is withheld only for a reason the programme's clause gives."""
        rules = pack_for(self.program).meeting_notice
        rule = None if rules is None else rules.on(meeting.held_on).value
        clause = None if rule is None else rule.citation.clause
        allowed = _PLAIN_REASONS if rule is None else frozenset(rule.withhold)
        if reason is None:
            raise errors.NoticeReasonRefused(
                "A withheld notice needs its reason.", field="reason", clause=clause
            )
        if reason not in allowed:
            words = ", ".join(sorted(r.value for r in allowed))
            raise errors.NoticeReasonRefused(
                f"This programme withholds notice only for: {words}.",
                field="reason",
                clause=clause,
            )
        if (
            reason is WithholdReason.PUTATIVE_FATHER
            and parent.relationship is not Relationship.PUTATIVE_FATHER
        ):
            raise errors.NoticeReasonRefused(
                "The parent is not recorded as a putative father.", field="reason", clause=clause
            )
        if reason is WithholdReason.COURT_ORDER and not self._no_notification_order(
            parent, meeting.held_on
        ):
            raise errors.NoticeReasonRefused(
                "No no_notification court order for this parent or the whole case is in force "
                f"on the meeting day ({meeting.held_on.isoformat()}); record the order first.",
                field="reason",
                clause=clause,
            )
        return reason

    def _no_notification_order(self, parent: Parent, day: dt.date) -> bool:
        """ENG-V: the Court specified otherwise, by an order naming the parent or the case."""
        return any(
            order.kind is CourtOrderKind.NO_NOTIFICATION
            and order.parent_id in (None, parent.parent_id)
            and order.effective_on <= day
            for order in self.court_orders
        )

    # -- refusal escalations (ENG-VI, NH-JJS) -------------------------------------

    def escalate_refusal(
        self,
        *,
        escalation_id: UUID,
        contact_id: UUID,
        step: EscalationStep,
        occurred_at: dt.datetime,
        consultant: str | None,
        notes: str | None,
        actor: str,
        at: dt.datetime,
    ) -> RefusalEscalation:
        """Record one step of escalating a non-custodial parent's refusal (ENG-VI)."""
        self._require_open()
        check_escalation_step(self.supervisor, step, actor)
        rules = pack_for(self.program).refusal_escalation
        if rules is None:
            raise errors.EscalationRefused(
                "Refusal escalation is a step of NH-JJS (SOP 1501.4 VI) only.",
                field="contact_id",
            )
        contact, day = self._escalated_contact(contact_id)
        clause = rules.on(day).citation.clause
        require_instant(occurred_at, "occurred_at")
        if occurred_at > at:
            raise errors.InvalidValue("occurred_at", "A step cannot be recorded before it happens.")
        if occurred_at < contact.occurred_at:
            raise errors.EscalationRefused(
                "A refusal is escalated after it happens.", field="occurred_at", clause=clause
            )
        consulted = [
            e.occurred_at
            for e in self.refusal_escalations.values()
            if e.contact_id == contact_id and e.step is EscalationStep.SUPERVISOR_CONSULTED
        ]
        if step in CLOSING_STEPS and not any(t <= occurred_at for t in consulted):
            raise errors.EscalationRefused(
                "The JPPO consults their supervisor first; the supervisor then consults a "
                "CPS supervisor or finds permanency is not affected.",
                field="step",
                clause=clause,
            )
        if step is not EscalationStep.PERMANENCY_NOT_AFFECTED and not (consultant or "").strip():
            raise errors.EscalationRefused(
                "Name the person consulted.", field="consultant", clause=clause
            )
        self.trigger_event(
            type(self).RefusalEscalated,
            escalation_id=escalation_id,
            contact_id=contact_id,
            parent_id=contact.parent_id,
            step=step,
            occurred_at=occurred_at,
            consultant=consultant,
            notes=notes,
            actor=actor,
            timestamp=at,
        )
        return self.refusal_escalations[escalation_id.hex]

    def _escalated_contact(self, contact_id: UUID) -> tuple[Contact, dt.date]:
        """ENG-VI: a refusal by a non-custodial parent while the youth is in care, and its day."""
        contact = self.contacts.get(contact_id.hex)
        if contact is None:
            raise errors.UnknownContact()
        day = local_date(self.program, contact.occurred_at)
        circumstances = self.parent(contact.parent_id, "contact_id").on(day)
        household = in_force(self.household, day)
        if contact.voided or contact.outcome is not ContactOutcome.REFUSED:
            problem = "Only a refused contact is escalated."
        elif circumstances is None or circumstances.custodial:
            problem = "Only a non-custodial parent's refusal is escalated."
        elif household is None or not household.in_placement:
            problem = "Only a refusal while the youth is in care (in placement) is escalated."
        else:
            return contact, day
        rules = pack_for(self.program).refusal_escalation
        clause = None if rules is None else rules.on(day).citation.clause
        raise errors.EscalationRefused(problem, field="contact_id", clause=clause)
