"""Named domain errors: each says which rule a command broke.

The web layer maps each class to an HTTP status in one place; ``clause`` names the
policy clause (policy-clauses.md) when policy is the reason.
"""

from __future__ import annotations


class DomainError(Exception):
    """A command the record refuses; ``field`` and ``clause`` explain why."""

    field: str | None = None
    clause: str | None = None

    def __init__(
        self, message: str, *, field: str | None = None, clause: str | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        if field is not None:
            self.field = field
        if clause is not None:
            self.clause = clause


class InvalidValue(DomainError):
    """A value outside its enumeration or range."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message, field=field)


class NotFound(DomainError):
    """An id in the path names nothing the caller may see."""


class CaseNotFound(NotFound):
    """No case with that id."""


class ContactNotFound(NotFound):
    """No contact with that id on the case."""


class ParentNotFound(NotFound):
    """No parent with that id on the case (an id in the path)."""


class UnknownParent(DomainError):
    """A body names a parent the case does not have."""

    def __init__(self, field: str = "parent_id") -> None:
        super().__init__("No such parent on this case.", field=field)


class MeetingNotFound(NotFound):
    """No meeting with that id on the case (an id in the path)."""


class UnknownContact(DomainError):
    """A body names a contact the case does not have."""

    def __init__(self, field: str = "contact_id") -> None:
        super().__init__("No such contact on this case.", field=field)


class NoticeReasonRefused(DomainError):
    """A withheld meeting notice needs a reason the programme's clause allows (ENG-V)."""


class EscalationRefused(DomainError):
    """A refusal escalation the programme's clause does not provide for (ENG-VI)."""


class UnknownUser(DomainError):
    """A body names a user who does not exist or cannot hold that place."""


class ContactInFuture(DomainError):
    """A contact cannot be recorded before it happens."""


class BeforeCaseOpened(DomainError):
    """A fact dated before the case was opened."""


class ContactAlreadyVoided(DomainError):
    """A voided contact can be neither amended nor voided again."""


class CaseClosed(DomainError):
    """A closed case takes no further commands."""


class NarrativeRequired(DomainError):
    """A completed contact is documented with its narrative (ENG-VIII JJS / ENG-VII CPS)."""


class Conflict(DomainError):
    """The command clashes with the record's current state (HTTP 409)."""


class DuplicateCase(Conflict):
    """A case with that case number exists already."""


class DuplicateUser(Conflict):
    """A user with that username exists already."""


class ConcurrencyConflict(Conflict):
    """Concurrent writers kept winning; the command was not recorded."""


class IdempotencyKeyInFlight(Conflict):
    """The same Idempotency-Key is being processed right now."""


class IdempotencyKeyReused(DomainError):
    """The same Idempotency-Key came with a different body."""


class StaleVersion(DomainError):
    """The caller's If-Match no longer matches the case's version (HTTP 412)."""


class NotPermitted(DomainError):
    """A readable case, but this caller may not take the action (HTTP 403)."""


class DecisionNotFound(NotFound):
    """No decision with that id on the case."""


class UnknownConsultation(DomainError):
    """A body names a consultation the case does not have."""

    def __init__(self, field: str = "consultation_id") -> None:
        super().__init__("No such consultation on this case.", field=field)


class DecisionNotPending(Conflict):
    """Only a decision pending review can be approved or declined."""


class DecisionNotApproved(Conflict):
    """Only an approved decision can be continued or ended."""


class DecisionChanged(Conflict):
    """The decision changed since the version the reviewer saw."""


class DecisionUndocumented(DomainError):
    """A decision without its rationale and supporting information (ENG-IV)."""


class ContactPlanIncomplete(DomainError):
    """An alternative contact plan without its methods or supervisor consultation (ENG-III.A)."""


class EffortsCeaseByCourtOnly(DomainError):
    """Efforts to engage a parent end only by court order here (ENG-III.B, ENG-III.B.1)."""


class NotPptCase(DomainError):
    """PPT facts belong to NH-JJS cases only (SOP 1626.4 is a JJS procedure)."""


class FactInFuture(DomainError):
    """A fact cannot be recorded as having happened after it was recorded."""


class UnknownPlacement(DomainError):
    """A body names a placement the case does not have."""

    def __init__(self) -> None:
        super().__init__("No such placement on this case.", field="placement_id")


class UnknownFactor(DomainError):
    """A body names a staffing factor the case does not have."""

    def __init__(self) -> None:
        super().__init__("No such staffing factor on this case.", field="factor_id")


class PptTaskNotFound(NotFound):
    """No PPT task with that id on the case."""


class StaffingFactorNotFound(NotFound):
    """No staffing factor with that id on the case."""


class PptTopicsMissing(DomainError):
    """A PPT meeting record covers topics 1-6 (PPT-I.D)."""


class AlreadyRecorded(Conflict):
    """The fact was recorded already and cannot be recorded twice."""
