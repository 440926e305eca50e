"""The enumerations and value objects that events carry.

Every enumeration is a plain ``Enum`` (not a ``str`` mix-in) so the store's transcoder
gives the member back on replay instead of a bare string.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
from typing import TypeVar
from uuid import UUID

from domain.errors import InvalidValue


class Program(enum.Enum):
    """The agency programme whose policy governs a case."""

    NH_CPS = "NH-CPS"
    NH_JJS = "NH-JJS"
    TN_DCS = "TN-DCS"


class Relationship(enum.Enum):
    """A parent's relationship to the child (ENG-VII JJS / ENG-VI CPS)."""

    BIOLOGICAL = "biological"
    ADOPTIVE = "adoptive"
    STEP = "step"
    LEGAL_GUARDIAN = "legal_guardian"
    PUTATIVE_FATHER = "putative_father"


class ContactMethod(enum.Enum):
    """How a contact was made; which requirements each meets is a reading rule."""

    IN_HOME = "in_home"
    FACE_TO_FACE_OTHER = "face_to_face_other"
    VIDEO = "video"
    PHONE = "phone"
    WRITTEN = "written"


class ContactOutcome(enum.Enum):
    """Whether a contact was made; only ``completed`` meets a requirement."""

    COMPLETED = "completed"
    ATTEMPTED = "attempted"
    REFUSED = "refused"


class Topic(enum.Enum):
    """Details A-G that documentation covers (ENG-VIII JJS / ENG-VII CPS)."""

    SAFETY_WELLBEING_CASE_PLAN = "safety_wellbeing_case_plan"
    RELEASE_PAROLE_PLAN = "release_parole_plan"
    OTHER_PARENTS = "other_parents"
    NEEDS_SERVICES = "needs_services"
    ALTERNATIVE_CAREGIVERS = "alternative_caregivers"
    CHILDREN_LEFT_HOME = "children_left_home"
    DIRECT_INTERVENTION = "direct_intervention"
    ACTION_SAFETY_PLANS = "action_safety_plans"


class PermanencyGoal(enum.Enum):
    """A case's permanency goal; ``reunification`` means reunification services."""

    REUNIFICATION = "reunification"
    ADOPTION = "adoption"
    GUARDIANSHIP = "guardianship"
    RELATIVE_PLACEMENT = "relative_placement"
    APPLA = "appla"


class SearchOutcome(enum.Enum):
    """The result of a diligent search for a missing parent (TN-A-NOTE-2)."""

    LOCATED = "located"
    NOT_LOCATED = "not_located"


class Role(enum.Enum):
    """What a member of staff may do; see ARCHITECTURE "Who may do what"."""

    CASEWORKER = "caseworker"
    SUPERVISOR = "supervisor"
    PBP_COORDINATOR = "pbp_coordinator"
    PERMANENCY_WORKER = "permanency_worker"
    AUDITOR = "auditor"
    ADMIN = "admin"


E = TypeVar("E", bound=enum.Enum)


def parse_enum(enum_cls: type[E], value: object, field: str) -> E:
    """Turn a wire word into its member, refusing anything outside the enumeration."""
    if isinstance(value, enum_cls):
        return value
    for member in enum_cls:
        if member.value == value:
            return member
    allowed = ", ".join(str(m.value) for m in enum_cls)
    raise InvalidValue(field, f"Must be one of: {allowed}.")


def require_instant(value: object, field: str) -> dt.datetime:
    """An instant with its UTC offset; a bare date or a naive time is ambiguous."""
    if not isinstance(value, dt.datetime) or value.utcoffset() is None:
        raise InvalidValue(field, "An instant with its offset is required.")
    return value


PARENT_FLAGS = (
    "custodial",
    "out_of_state",
    "incarcerated",
    "missing",
    "child_frequents_home",
    "reunification_planned",
)


@dataclasses.dataclass(frozen=True)
class ParentCircumstances:
    """A parent's circumstances from ``effective_on`` until the next change."""

    effective_on: dt.date
    custodial: bool
    out_of_state: bool = False
    incarcerated: bool = False
    missing: bool = False
    child_frequents_home: bool = False
    reunification_planned: bool = False


def check_flags(flags: dict[str, object]) -> dict[str, bool]:
    """Parent circumstances named by the contract, each true or false."""
    for name, value in flags.items():
        if name not in PARENT_FLAGS:
            raise InvalidValue(name, "Not a parent circumstance.")
        if not isinstance(value, bool):
            raise InvalidValue(name, "Must be true or false.")
    return {name: bool(value) for name, value in flags.items()}


def circumstances_from(effective_on: dt.date, flags: dict[str, object]) -> ParentCircumstances:
    """A new parent's circumstances; ``custodial`` must be said, the rest default false."""
    if "custodial" not in flags:
        raise InvalidValue("custodial", "Say whether the parent is custodial.")
    return ParentCircumstances(effective_on=effective_on, **check_flags(flags))


@dataclasses.dataclass(frozen=True)
class Parent:
    """A parent on the case with the history of their circumstances, oldest first."""

    parent_id: UUID
    name: str
    relationship: Relationship
    history: tuple[ParentCircumstances, ...]

    def on(self, day: dt.date) -> ParentCircumstances | None:
        """The circumstances in force on ``day``, or None before the parent joined."""
        return _in_force(self.history, day)


@dataclasses.dataclass(frozen=True)
class Household:
    """Where the children are, from ``effective_on`` until the next change."""

    effective_on: dt.date
    children_in_home: bool
    reunification_expected_on: dt.date | None
    in_placement: bool


@dataclasses.dataclass(frozen=True)
class ContactFrequency:
    """A case-plan frequency above the monthly minimum (ENG-I, ENG-II)."""

    parent_id: UUID
    per_month: int
    effective_on: dt.date
    reason: str


@dataclasses.dataclass(frozen=True)
class GoalSetting:
    """A permanency goal in force from ``effective_on`` (PPT-FAQ-Q1 names who set it)."""

    goal: PermanencyGoal
    concurrent_goal: PermanencyGoal | None
    effective_on: dt.date
    set_by: tuple[str, ...]


@dataclasses.dataclass(frozen=True)
class Reunification:
    """A scheduled return of the child home (ENG-I.B.1)."""

    child_returns_on: dt.date
    scheduled_at: dt.datetime


@dataclasses.dataclass(frozen=True)
class Assignment:
    """Who works and supervises the case from ``effective_on``."""

    worker: str
    supervisor: str
    effective_on: dt.date


@dataclasses.dataclass(frozen=True)
class DiligentSearch:
    """A search for a missing parent (TN-A-NOTE-2)."""

    search_id: UUID
    parent_id: UUID
    occurred_at: dt.datetime
    sources: tuple[str, ...]
    outcome: SearchOutcome


@dataclasses.dataclass(frozen=True)
class Contact:
    """A contact with a parent as the record now reads, amendments applied."""

    contact_id: UUID
    parent_id: UUID
    occurred_at: dt.datetime
    method: ContactMethod
    location: str | None
    outcome: ContactOutcome
    purpose: str
    topics: tuple[Topic, ...]
    narrative: str | None
    recorded_at: dt.datetime
    recorded_by: str
    documentation_due: dt.datetime
    amendments: int = 0
    voided: bool = False
    void_reason: str | None = None

    @property
    def documented_late(self) -> bool:
        """True when the first record came after the deadline (ENG-VIII JJS / ENG-VII CPS)."""
        return self.recorded_at > self.documentation_due


Dated = TypeVar("Dated", ParentCircumstances, Household, Assignment, GoalSetting)


def _in_force(history: tuple[Dated, ...] | list[Dated], day: dt.date) -> Dated | None:
    """The last entry whose ``effective_on`` is on or before ``day``."""
    found: Dated | None = None
    for entry in history:
        if entry.effective_on <= day:
            found = entry
    return found


in_force = _in_force
