"""An obligation as evaluation produces it: kind, period, status, evidence and citation."""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import hashlib
from uuid import NAMESPACE_URL, UUID, SafeUUID, uuid5

from domain.policy.adjustments import Exemption
from domain.policy.rules import Citation


class Kind(enum.Enum):
    """The contract's obligation kinds that evaluation raises."""

    MONTHLY_CONTACT = "monthly_contact"
    QUARTERLY_HOME_VISIT = "quarterly_home_visit"
    PRE_RETURN_HOME_VISIT = "pre_return_home_visit"
    DILIGENT_SEARCH = "diligent_search"
    DOCUMENTATION = "documentation"
    PLACEMENT_NOTICE = "placement_notice"  # PPT-I.A
    PPT_SCREEN = "ppt_screen"  # PPT-I.B
    PPT_INFORMATION = "ppt_information"  # PPT-I.C
    PPT_STAFFING_ADVICE = "ppt_staffing_advice"  # PPT-I.H
    PPT_TASK = "ppt_task"  # PPT-I.I
    PPT_UPDATE = "ppt_update"  # PPT-I.J
    MEETING_NOTICE = "meeting_notice"  # ENG-V
    REFUSAL_ESCALATION = "refusal_escalation"  # ENG-VI (NH-JJS)
    DECISION_REVIEW = "decision_review"


class Status(enum.Enum):
    """The contract's status words, decided in the order met > exempt > open > efforts > missed."""

    OPEN = "open"
    MET = "met"
    EFFORTS_MADE = "efforts_made"
    MISSED = "missed"
    EXEMPT = "exempt"


_NAMESPACE = uuid5(NAMESPACE_URL, "/caseledger/obligations")
_NAMESPACE_BYTES = _NAMESPACE.bytes
# RFC 4122 name-based SHA-1 (version 5): clear the version and variant bits of the first
# 16 bytes of the digest, then set version 5 and variant 10 (what ``uuid5`` does).
_CLEAR_BITS = ~((0xC000 << 48) | (0xF000 << 64))
_SET_BITS = (0x8000 << 48) | (5 << 76)


def obligation_id(
    case_id: UUID, parent_id: UUID | None, kind: Kind, period: str, detail: str = ""
) -> UUID:
    """The same obligation always gets the same id, so a rebuild reproduces it.

    ``uuid5(_NAMESPACE, name)``, computed without ``uuid5``'s own overhead (a rebuild
    makes one id per obligation, well over a million for a million events): the
    digest's bits are set as ``uuid5`` sets them and the UUID is built from its integer
    without re-validating it. tests/unit/policy/test_obligation_ids.py holds it to
    ``uuid5``.
    """
    parent = "-" if parent_id is None else parent_id.hex
    name = f"{case_id.hex}/{parent}/{kind.value}/{period}"
    if detail:
        name = f"{name}/{detail}"
    digest = hashlib.sha1(_NAMESPACE_BYTES + name.encode()).digest()
    return _uuid_from_int(int.from_bytes(digest[:16], "big") & _CLEAR_BITS | _SET_BITS)


def _uuid_from_int(value: int) -> UUID:
    """``UUID(int=value)`` for a value known to be in range (as ``UUID.__init__`` stores it)."""
    made = object.__new__(UUID)
    object.__setattr__(made, "int", value)
    object.__setattr__(made, "is_safe", SafeUUID.unknown)
    return made


@dataclasses.dataclass(frozen=True)
class Verdict:
    """What decides a status: met, an exemption in force, the period running, efforts."""

    met: bool
    exemption: tuple[Exemption, Citation] | None
    running: bool
    efforts: bool

    def status(self) -> Status:
        """Reading rules, "Status": met, else exempt, else open, else efforts, else missed."""
        if self.met:
            return Status.MET
        if self.exemption is not None:
            return Status.EXEMPT
        if self.running:
            return Status.OPEN
        return Status.EFFORTS_MADE if self.efforts else Status.MISSED


@dataclasses.dataclass(frozen=True)
class Obligation:
    """Something owed for a period, how it stands at ``as_of``, and the clause behind it."""

    obligation_id: UUID
    parent_id: UUID | None
    kind: Kind
    period: str
    due: dt.date | dt.datetime
    requires: str
    required_count: int
    status: Status
    satisfied_by: tuple[UUID, ...]
    citation: Citation

    def sort_key(self) -> tuple[dt.date, str, int, str, int]:
        """By due day, kind, parent and period: the order a worker reads them in."""
        due = self.due.date() if isinstance(self.due, dt.datetime) else self.due
        parent = -1 if self.parent_id is None else self.parent_id.int
        return (due, self.kind.value, parent, self.period, self.obligation_id.int)
