"""The values that meetings, their notices and refusal escalations carry (ENG-V, ENG-VI).

Kept apart from ``domain.values`` so the meeting model stays small: a meeting is its
id, its kind and the day it is held, which is all that the notice obligations (ENG-V)
and the Permanency Planning Team obligations (PPT-I.B, PPT-I.C) read.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
from uuid import UUID

from domain import errors


class MeetingKind(enum.Enum):
    """What a meeting about the child is; ENG-V names treatment meetings among them."""

    TREATMENT = "treatment"
    TEAM = "team"
    PPT = "ppt"  # Permanency Planning Team (SOP 1626.4)
    COURT = "court"


class NoticeOutcome(enum.Enum):
    """Whether a parent was sent notice of a meeting (ENG-V)."""

    SENT = "sent"
    WITHHELD = "withheld"


class WithholdReason(enum.Enum):
    """Why notice was withheld; each pack names the reasons its clause allows (ENG-V)."""

    UNSAFE = "unsafe"
    NOT_IN_BEST_INTEREST = "not_in_best_interest"
    COURT_ORDER = "court_order"  # JJS: "unless otherwise specified by the Court"
    PUTATIVE_FATHER = "putative_father"  # CPS: "excluding putative fathers"


class EscalationStep(enum.Enum):
    """One step of a refusal escalation (ENG-VI, NH-JJS).

    The JPPO consults their supervisor; the supervisor then consults a CPS supervisor,
    or records that the parent's lack of engagement does not affect permanency.
    """

    SUPERVISOR_CONSULTED = "supervisor_consulted"
    CPS_SUPERVISOR_CONSULTED = "cps_supervisor_consulted"
    PERMANENCY_NOT_AFFECTED = "permanency_not_affected"


# The steps that close an escalation once the supervisor has been consulted (ENG-VI).
CLOSING_STEPS = frozenset(
    {EscalationStep.CPS_SUPERVISOR_CONSULTED, EscalationStep.PERMANENCY_NOT_AFFECTED}
)


def check_escalation_step(supervisor: str, step: EscalationStep, actor: str) -> None:
    """ENG-VI: the supervisor consults a CPS supervisor, or finds no need; nobody else."""
    if step in CLOSING_STEPS and actor != supervisor:
        raise errors.NotPermitted("Only the case's supervisor records this step.")


@dataclasses.dataclass(frozen=True)
class Meeting:
    """A meeting about the child, held on ``held_on`` (the state's local date)."""

    meeting_id: UUID
    kind: MeetingKind
    held_on: dt.date


@dataclasses.dataclass(frozen=True)
class MeetingNotice:
    """Notice of a meeting sent to, or withheld from, one parent on ``on``."""

    notice_id: UUID
    meeting_id: UUID
    parent_id: UUID
    outcome: NoticeOutcome
    on: dt.date
    reason: WithholdReason | None = None


@dataclasses.dataclass(frozen=True)
class RefusalEscalation:
    """One recorded step of escalating a parent's refusal, tied to the refused contact."""

    escalation_id: UUID
    contact_id: UUID
    parent_id: UUID
    step: EscalationStep
    occurred_at: dt.datetime
    consultant: str | None
    recorded_by: str
