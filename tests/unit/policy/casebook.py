"""Builds a Case in memory from a policy test case's facts, with explicit timestamps.

Each step applies one of the case's commands at its own recording instant: facts,
contacts, and the consultations, decisions, reviews, court orders and efforts-ceased
determinations whose effects ``adjustments_of`` reads. The `allowance`, `exemption` and
`impediment` steps state an adjustment directly, without the event behind it; they go
to ``evaluate`` beside the case's own.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from typing import Any
from uuid import UUID, uuid5

from domain import decision_commands as decided
from domain import ppt_commands as ppt
from domain.case import Case
from domain.commands import (
    AmendContact,
    ChangeCircumstances,
    ChangeHousehold,
    CloseCase,
    IdentifyParent,
    OpenCase,
    RecordContact,
    RecordDiligentSearch,
    ScheduleReunification,
    SetContactFrequency,
    VoidContact,
)
from domain.decisions import ConsultantRole, CourtOrderKind, DecisionKind, ReviewOutcome
from domain.meeting_commands import EscalateRefusal, RecordMeetingNotice, ScheduleMeeting
from domain.meetings import (
    CLOSING_STEPS,
    EscalationStep,
    MeetingKind,
    NoticeOutcome,
    WithholdReason,
)
from domain.obligations import adjustments_of
from domain.policy.adjustments import Adjustments, Allowance, Exemption, Impediment
from domain.policy.rules import AllowanceKind, ExemptionKind
from domain.ppt_values import InformationSource, StaffingFactor
from domain.values import (
    PARENT_FLAGS,
    ContactMethod,
    ContactOutcome,
    Household,
    Program,
    Relationship,
    SearchOutcome,
)

ACTOR = "worker"
SUPERVISOR = "supervisor"
_KEYS = uuid5(UUID(int=0), "caseledger/tests/policy-cases")


@dataclasses.dataclass
class Built:
    """The case, the adjustments beside it, and the ids each fact key was given."""

    case: Case
    adjustments: Adjustments
    ids: dict[str, UUID]

    def key_of(self, some_id: UUID) -> str:
        """The fact key that was given ``some_id``."""
        return next(k for k, v in self.ids.items() if v == some_id)


def _flags(step: dict[str, Any]) -> dict[str, bool]:
    return {name: bool(step[name]) for name in PARENT_FLAGS if name in step}


class Builder:
    """Applies a test case's steps in order, advancing its own recording clock."""

    def __init__(self, program: str, opened_on: dt.date, name: str) -> None:
        self.now = dt.datetime.combine(opened_on, dt.time(17, 0), tzinfo=dt.UTC)
        opening = OpenCase(name[:60], Program(program), opened_on, ACTOR, SUPERVISOR)
        self.case = opening.build(ACTOR, self.now)
        self.ids: dict[str, UUID] = {}
        self.allowances: list[Allowance] = []
        self.exemptions: list[Exemption] = []
        self.impediments: list[Impediment] = []

    def _at(self, instant: dt.datetime | None = None) -> dt.datetime:
        if instant is not None:
            self.now = max(self.now, instant)
        return self.now

    def apply(self, step: dict[str, Any]) -> None:
        """Apply one step of the case's facts."""
        handler: Callable[[dict[str, Any]], None] = getattr(self, f"_{step['step']}")
        handler(step)

    def _parent(self, step: dict[str, Any]) -> None:
        command = IdentifyParent(
            name=step.get("name", step["key"]),
            relationship=Relationship(step.get("relationship", "biological")),
            flags={"custodial": False, **_flags(step)},
            effective_on=step.get("effective_on"),
        )
        self.ids[step["key"]] = UUID(command.apply(self.case, ACTOR, self._at())["parent_id"])

    def _circumstances(self, step: dict[str, Any]) -> None:
        command = ChangeCircumstances(self.ids[step["parent"]], step["effective_on"], _flags(step))
        command.apply(self.case, ACTOR, self._at())

    def _household(self, step: dict[str, Any]) -> None:
        household = Household(
            effective_on=step["effective_on"],
            children_in_home=step["children_in_home"],
            reunification_expected_on=step.get("reunification_expected_on"),
            in_placement=step.get("in_placement", False),
        )
        ChangeHousehold(household).apply(self.case, ACTOR, self._at())

    def _reunification(self, step: dict[str, Any]) -> None:
        ScheduleReunification(step["child_returns_on"]).apply(self.case, ACTOR, self._at())

    def _frequency(self, step: dict[str, Any]) -> None:
        command = SetContactFrequency(
            self.ids[step["parent"]], step["per_month"], step["effective_on"], "case plan"
        )
        command.apply(self.case, ACTOR, self._at())

    def _contact(self, step: dict[str, Any]) -> None:
        occurred_at: dt.datetime = step["occurred_at"]
        recorded_at = step.get("recorded_at", occurred_at + dt.timedelta(hours=1))
        command = RecordContact(
            parent_id=self.ids[step["parent"]],
            occurred_at=occurred_at,
            method=ContactMethod(step["method"]),
            outcome=ContactOutcome(step.get("outcome", "completed")),
            purpose="engagement",
            narrative="Met and talked about the case plan.",
        )
        answer = command.apply(self.case, ACTOR, self._at(recorded_at))
        self.ids[step["key"]] = UUID(answer["contact_id"])

    def _amend(self, step: dict[str, Any]) -> None:
        changes: dict[str, Any] = {}
        if "method" in step:
            changes["method"] = ContactMethod(step["method"])
        if "outcome" in step:
            changes["outcome"] = ContactOutcome(step["outcome"])
        if "occurred_at" in step:
            changes["occurred_at"] = step["occurred_at"]
        command = AmendContact(self.ids[step["contact"]], "corrected", changes)
        command.apply(self.case, ACTOR, self._at(step.get("recorded_at")))

    def _void(self, step: dict[str, Any]) -> None:
        command = VoidContact(self.ids[step["contact"]], "recorded in error")
        command.apply(self.case, ACTOR, self._at(step.get("recorded_at")))

    def _search(self, step: dict[str, Any]) -> None:
        occurred_at: dt.datetime = step["occurred_at"]
        command = RecordDiligentSearch(
            parent_id=self.ids[step["parent"]],
            occurred_at=occurred_at,
            sources=("registry",),
            outcome=SearchOutcome(step.get("outcome", "not_located")),
        )
        answer = command.apply(self.case, ACTOR, self._at(occurred_at + dt.timedelta(hours=1)))
        self.ids[step["key"]] = UUID(answer["search_id"])

    def _close(self, step: dict[str, Any]) -> None:
        CloseCase(step["closed_on"], "goals met").apply(self.case, ACTOR, self._at())

    def _meeting(self, step: dict[str, Any]) -> None:
        command = ScheduleMeeting(MeetingKind(step.get("kind", "team")), step["held_on"])
        answer = command.apply(self.case, ACTOR, self._at())
        self.ids[step["key"]] = UUID(answer["meeting_id"])

    def _notice(self, step: dict[str, Any]) -> None:
        on: dt.date = step["on"]
        reason = step.get("reason")
        command = RecordMeetingNotice(
            meeting_id=self.ids[step["meeting"]],
            parent_id=self.ids[step["parent"]],
            outcome=NoticeOutcome(step.get("outcome", "sent")),
            on=on,
            reason=None if reason is None else WithholdReason(reason),
        )
        at = dt.datetime.combine(on, dt.time(17, 0), tzinfo=dt.UTC)
        answer = command.apply(self.case, ACTOR, self._at(at))
        self.ids[step["key"]] = UUID(answer["notice_id"])

    def _escalation(self, step: dict[str, Any]) -> None:
        occurred_at: dt.datetime = step["occurred_at"]
        command = EscalateRefusal(
            contact_id=self.ids[step["contact"]],
            step=EscalationStep(step["kind"]),
            occurred_at=occurred_at,
            consultant=step.get("consultant"),
        )
        # ENG-VI: the closing steps are the supervisor's own.
        actor = SUPERVISOR if command.step in CLOSING_STEPS else ACTOR
        answer = command.apply(self.case, actor, self._at(occurred_at + dt.timedelta(hours=1)))
        self.ids[step["key"]] = UUID(answer["escalation_id"])

    def _consultation(self, step: dict[str, Any]) -> None:
        occurred_at: dt.datetime = step["occurred_at"]
        command = decided.RecordConsultation(
            ConsultantRole(step.get("with_role", "supervisor")),
            step.get("consultant", SUPERVISOR),
            occurred_at,
            "safety",
            "plan agreed",
        )
        answer = command.apply(self.case, ACTOR, self._at(occurred_at + dt.timedelta(hours=1)))
        self.ids[step["key"]] = UUID(answer["consultation_id"])

    def _decision(self, step: dict[str, Any]) -> None:
        consultation = step.get("consultation")
        command = decided.RecordDecision(
            kind=DecisionKind(step["kind"]),
            parent_id=self.ids[step["parent"]],
            effective_on=step["effective_on"],
            rationale=step.get("rationale", "a safety risk at the home"),
            supporting_information=step.get("supporting_information", "police report"),
            methods=tuple(ContactMethod(m) for m in step.get("methods", [])),
            consultation_id=None if consultation is None else self.ids[consultation],
        )
        answer = command.apply(self.case, ACTOR, self._at(step.get("recorded_at")))
        self.ids[step["key"]] = UUID(answer["decision_id"])

    def _review(self, step: dict[str, Any]) -> None:
        decision_id = self.ids[step["decision"]]
        command = decided.ReviewDecision(
            decision_id,
            ReviewOutcome(step["outcome"]),
            "discussed",
            None,
            step.get("effective_on"),
        )
        command.apply(self.case, SUPERVISOR, self._at(step.get("recorded_at")))
        self.ids[step["key"]] = self.case.decision(decision_id).reviews[-1].review_id

    def _court_order(self, step: dict[str, Any]) -> None:
        parent = step.get("parent")
        command = decided.RecordCourtOrder(
            CourtOrderKind(step["kind"]),
            None if parent is None else self.ids[parent],
            step["effective_on"],
        )
        answer = command.apply(self.case, ACTOR, self._at())
        self.ids[step["key"]] = UUID(answer["order_id"])

    def _efforts_ceased(self, step: dict[str, Any]) -> None:
        command = decided.DetermineEffortsCeased(
            self.ids[step["parent"]], step["effective_on"], "no longer necessary"
        )
        answer = command.apply(self.case, ACTOR, self._at())
        self.ids[step["key"]] = UUID(answer["determination_id"])

    # -- PPT facts (SOP 1626.4), each recorded at noon in NH on its own day ----------

    def _on(self, day: dt.date) -> dt.datetime:
        return self._at(dt.datetime.combine(day, dt.time(17, 0), tzinfo=dt.UTC))

    def _keyed(self, step: dict[str, Any], answer: dict[str, Any], field: str) -> None:
        if "key" in step:
            self.ids[step["key"]] = UUID(answer[field])

    def _placement(self, step: dict[str, Any]) -> None:
        command = ppt.RecordPlacement(
            step["on"],
            "Foster home",
            step.get("change", False),
            step.get("may_affect_schedule", False),
        )
        self._keyed(step, command.apply(self.case, ACTOR, self._on(step["on"])), "placement_id")

    def _jppo_notice(self, step: dict[str, Any]) -> None:
        command = ppt.NotifyPermanencyJppo(self.ids[step["placement"]], step["on"], "petra")
        self._keyed(step, command.apply(self.case, ACTOR, self._on(step["on"])), "notice_id")

    def _screen(self, step: dict[str, Any]) -> None:
        command = ppt.CompleteScreen(step["on"])
        self._keyed(step, command.apply(self.case, ACTOR, self._on(step["on"])), "screen_id")

    def _information(self, step: dict[str, Any]) -> None:
        command = ppt.GatherInformation(InformationSource(step["source"]), step["on"])
        answer = command.apply(self.case, ACTOR, self._on(step["on"]))
        self._keyed(step, answer, "information_id")

    def _factor(self, step: dict[str, Any]) -> None:
        command = ppt.IdentifyStaffingFactor(StaffingFactor(step["factor"]), step["on"])
        self._keyed(step, command.apply(self.case, ACTOR, self._on(step["on"])), "factor_id")

    def _advice(self, step: dict[str, Any]) -> None:
        command = ppt.AdviseStaffing(self.ids[step["factor"]], step["on"], "Invite the nurse")
        command.apply(self.case, ACTOR, self._on(step["on"]))

    def _task(self, step: dict[str, Any]) -> None:
        command = ppt.AssignPptTask("Call the school", ACTOR, step["on"], step["due_on"])
        self._keyed(step, command.apply(self.case, ACTOR, self._on(step["on"])), "task_id")

    def _task_done(self, step: dict[str, Any]) -> None:
        command = ppt.CompletePptTask(self.ids[step["task"]], step["on"])
        command.apply(self.case, ACTOR, self._on(step["on"]))

    def _permanency(self, step: dict[str, Any]) -> None:
        command = ppt.AchievePermanency(step["on"], "Reunified")
        command.apply(self.case, ACTOR, self._on(step["on"]))

    def _ppt_update(self, step: dict[str, Any]) -> None:
        command = ppt.UpdatePpt(step["on"])
        self._keyed(step, command.apply(self.case, ACTOR, self._on(step["on"])), "update_id")

    def _allowance(self, step: dict[str, Any]) -> None:
        self.ids[step["key"]] = uuid5(_KEYS, f"{self.case.id}/{step['key']}")
        self.allowances.append(
            Allowance(
                kind=AllowanceKind(step["kind"]),
                parent_id=self.ids[step["parent"]],
                effective_on=step["effective_on"],
                event_id=self.ids[step["key"]],
                methods=frozenset(ContactMethod(m) for m in step.get("methods", [])),
                ends_on=step.get("ends_on"),
            )
        )

    def _exemption(self, step: dict[str, Any]) -> None:
        self.ids[step["key"]] = uuid5(_KEYS, f"{self.case.id}/{step['key']}")
        parent = step.get("parent")
        self.exemptions.append(
            Exemption(
                kind=ExemptionKind(step["kind"]),
                parent_id=None if parent is None else self.ids[parent],
                effective_on=step["effective_on"],
                event_id=self.ids[step["key"]],
                ends_on=step.get("ends_on"),
            )
        )

    def _impediment(self, step: dict[str, Any]) -> None:
        self.ids[step["key"]] = uuid5(_KEYS, f"{self.case.id}/{step['key']}")
        self.impediments.append(
            Impediment(self.ids[step["parent"]], step["on"], self.ids[step["key"]])
        )

    def built(self) -> Built:
        """The case as built, and its adjustments with any stated directly beside them."""
        own = adjustments_of(self.case)
        adjustments = Adjustments(
            own.allowances + tuple(self.allowances),
            own.exemptions + tuple(self.exemptions),
            own.impediments + tuple(self.impediments),
        )
        return Built(self.case, adjustments, dict(self.ids))


def build(spec: dict[str, Any]) -> Built:
    """The case a policy test case describes."""
    builder = Builder(spec["program"], spec["opened_on"], spec["name"])
    for step in spec.get("facts", []):
        builder.apply(step)
    return builder.built()
