"""The demo's decisions: one waiting in the supervisor's queue, one approved and running.

Recorded through the same plan as the rest of the demo (web/demo.py), each after the
case's first contact, so the supervisor's review queue and the decision_review
obligations have something to show (ENG-III.A, ENG-IV, ENG-IV.A).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Protocol
from uuid import UUID

from domain.decision_commands import RecordConsultation, RecordDecision, ReviewDecision
from domain.decisions import ConsultantRole, DecisionKind, ReviewOutcome
from domain.values import ContactMethod

PENDING_PLAN = "NH-CPS-2026-0103"
APPROVED_OUTSIDE_HOME = "NH-CPS-2026-0104"


class Plan(Protocol):
    """What the demo's plan offers: its recorded answers, first contacts and a recorder."""

    ids: dict[str, Any]
    contacts: dict[str, list[tuple[dt.datetime, str]]]

    def _record(
        self, when: dt.datetime, number: str, actor: str, command: Any, key: str | None = None
    ) -> None: ...


def _parent(plan: Plan, number: str) -> UUID:
    return UUID(plan.ids[f"{number}/parent/0"]["parent_id"])


def record_decisions(plan: Plan) -> None:
    """A pending alternative contact plan and an approved decision to meet elsewhere."""
    first, _ = plan.contacts[PENDING_PLAN][0]
    plan._record(
        first + dt.timedelta(hours=2),
        PENDING_PLAN,
        "maria.alvarez",
        RecordConsultation(
            ConsultantRole.SUPERVISOR,
            "grace.liu",
            first + dt.timedelta(hours=1),
            "Threats made during the home visit",
            "Phone and video contact until the safety issue is resolved",
        ),
        key=f"{PENDING_PLAN}/consultation",
    )
    plan._record(
        first + dt.timedelta(hours=3),
        PENDING_PLAN,
        "maria.alvarez",
        lambda: RecordDecision(
            DecisionKind.ALTERNATIVE_CONTACT_PLAN,
            _parent(plan, PENDING_PLAN),
            first.date(),
            "The mother's partner threatened the worker during the home visit.",
            "Police incident report; the supervisor's consultation the same day.",
            (ContactMethod.PHONE, ContactMethod.VIDEO),
            UUID(plan.ids[f"{PENDING_PLAN}/consultation"]["consultation_id"]),
        ),
    )
    when, _ = plan.contacts[APPROVED_OUTSIDE_HOME][0]
    plan._record(
        when + dt.timedelta(hours=1),
        APPROVED_OUTSIDE_HOME,
        "james.oconnor",
        lambda: RecordDecision(
            DecisionKind.MEET_OUTSIDE_HOME,
            _parent(plan, APPROVED_OUTSIDE_HOME),
            when.date(),
            "The family asked to meet at the library while the home is renovated.",
            "Landlord's letter on the renovation schedule.",
        ),
        key=f"{APPROVED_OUTSIDE_HOME}/decision",
    )
    plan._record(
        when + dt.timedelta(days=1),
        APPROVED_OUTSIDE_HOME,
        "grace.liu",
        lambda: ReviewDecision(
            UUID(plan.ids[f"{APPROVED_OUTSIDE_HOME}/decision"]["decision_id"]),
            ReviewOutcome.APPROVED,
            "Agreed while the renovation lasts; re-evaluate monthly.",
            None,
        ),
    )
