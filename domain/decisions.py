"""What supervisors and courts decide about a case, as the values its events carry.

Consultations (ENG-III.A, ENG-FAQ-Q3/Q4), safety risks, decisions and their reviews
(ENG-IV, ENG-IV.A), court orders (TN-A-NOTE-1, ENG-III.B.1, ENG-FAQ-Q2) and efforts-ceased
determinations (ENG-III.B). Plain enums and frozen dataclasses, so a replay gives back
exactly what was stored and a working copy may share them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import hashlib
import json
from uuid import UUID

from domain.values import ContactMethod


class ConsultantRole(enum.Enum):
    """Whom a worker consulted (ENG-III.A supervisor, ENG-FAQ-Q3 FVPS, ENG-VI CPS supervisor)."""

    SUPERVISOR = "supervisor"
    FVPS = "fvps"
    CPS_SUPERVISOR = "cps_supervisor"
    PERMANENCY_WORKER = "permanency_worker"


class DecisionKind(enum.Enum):
    """A decision that changes how a parent is met (ENG-II.A, ENG-III.A, ENG-IV)."""

    MEET_OUTSIDE_HOME = "meet_outside_home"
    SUSPEND_VISITS = "suspend_visits"
    ALTERNATIVE_CONTACT_PLAN = "alternative_contact_plan"
    REMOTE_CONTACT = "remote_contact"


class ReviewOutcome(enum.Enum):
    """What a supervisor's review of a decision found (ENG-IV.A)."""

    APPROVED = "approved"
    DECLINED = "declined"
    CONTINUED = "continued"
    ENDED = "ended"


class DecisionStatus(enum.Enum):
    """Where a decision stands: only an approved one affects obligations."""

    PENDING_REVIEW = "pending_review"
    APPROVED = "approved"
    DECLINED = "declined"
    ENDED = "ended"


class CourtOrderKind(enum.Enum):
    """Court orders that change what the agency owes a parent or the whole case."""

    RELEASE_REASONABLE_EFFORTS = "release_reasonable_efforts"
    CEASE_EFFORTS = "cease_efforts"
    FULL_GUARDIANSHIP = "full_guardianship"
    NO_NOTIFICATION = "no_notification"


@dataclasses.dataclass(frozen=True)
class Consultation:
    """A consultation the worker held, with whom and what came of it."""

    consultation_id: UUID
    with_role: ConsultantRole
    consultant: str
    occurred_at: dt.datetime
    topic: str
    outcome: str
    recorded_by: str
    recorded_at: dt.datetime


@dataclasses.dataclass(frozen=True)
class SafetyRisk:
    """A safety risk identified on the case, for one parent or none in particular."""

    risk_id: UUID
    parent_id: UUID | None
    identified_on: dt.date
    description: str


@dataclasses.dataclass(frozen=True)
class Review:
    """One review of a decision, bound to the version of the decision it saw."""

    review_id: UUID
    outcome: ReviewOutcome
    notes: str
    reviewer: str
    reviewed_at: dt.datetime
    effective_on: dt.date
    decision_hash: str


_AFTER: dict[ReviewOutcome, DecisionStatus] = {
    ReviewOutcome.APPROVED: DecisionStatus.APPROVED,
    ReviewOutcome.DECLINED: DecisionStatus.DECLINED,
    ReviewOutcome.CONTINUED: DecisionStatus.APPROVED,
    ReviewOutcome.ENDED: DecisionStatus.ENDED,
}


@dataclasses.dataclass(frozen=True)
class Decision:
    """A decision with its supporting information and every review of it, oldest first.

    ``needs_approval`` is False where the programme's policy names no approval (NH-JJS
    remote contact, ENG-II.A): such a decision stands as approved from the start.
    """

    decision_id: UUID
    kind: DecisionKind
    parent_id: UUID
    effective_on: dt.date
    rationale: str
    supporting_information: str
    methods: tuple[ContactMethod, ...]
    consultation_id: UUID | None
    recorded_by: str
    recorded_at: dt.datetime
    needs_approval: bool = True
    reviews: tuple[Review, ...] = ()

    @property
    def status(self) -> DecisionStatus:
        """The status after every review so far."""
        status = DecisionStatus.PENDING_REVIEW if self.needs_approval else DecisionStatus.APPROVED
        for review in self.reviews:
            status = _AFTER[review.outcome]
        return status

    @property
    def active(self) -> bool:
        """Pending or approved: still to be evaluated on an ongoing basis (ENG-IV.A)."""
        return self.status in (DecisionStatus.PENDING_REVIEW, DecisionStatus.APPROVED)

    @property
    def ends_on(self) -> dt.date | None:
        """The day an ``ended`` review took it out of force (reading rules), if any."""
        ended = [r.effective_on for r in self.reviews if r.outcome is ReviewOutcome.ENDED]
        return ended[-1] if ended else None

    @property
    def approved(self) -> bool:
        """Whether it was ever in force: approved, or needing no approval, and not declined."""
        if not self.needs_approval:
            return True
        return any(r.outcome is ReviewOutcome.APPROVED for r in self.reviews)

    @property
    def version_hash(self) -> str:
        """The hash of this version of the decision: what a reviewer saw and is bound to."""
        content = {
            "decision_id": self.decision_id.hex,
            "kind": self.kind.value,
            "parent_id": self.parent_id.hex,
            "effective_on": self.effective_on.isoformat(),
            "rationale": self.rationale,
            "supporting_information": self.supporting_information,
            "methods": [m.value for m in self.methods],
            "consultation_id": None if self.consultation_id is None else self.consultation_id.hex,
            "status": self.status.value,
            "reviews": [r.review_id.hex for r in self.reviews],
        }
        canonical = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        return hashlib.sha256(canonical.encode()).hexdigest()


@dataclasses.dataclass(frozen=True)
class CourtOrder:
    """A court order in force from ``effective_on``; no parent means the whole case."""

    order_id: UUID
    kind: CourtOrderKind
    parent_id: UUID | None
    effective_on: dt.date


@dataclasses.dataclass(frozen=True)
class EffortsCeased:
    """A determination that efforts to engage a parent are no longer necessary (ENG-III.B)."""

    determination_id: UUID
    parent_id: UUID
    effective_on: dt.date
    reason: str
