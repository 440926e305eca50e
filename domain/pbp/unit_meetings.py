"""The PBP SWS's monthly unit meeting as an owed obligation (PBP-SWS).

One ``pbp_unit_meeting`` per calendar month from the month the programme started to the
month of ``as_of`` (reading rules, "Periods owed"); it has no case and no parent. Status
per the reading rules: ``met`` once a unit meeting was held in the month, else ``open``
while the month runs, else ``missed`` (no attempt is recorded for a group meeting).
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
from collections.abc import Iterable
from typing import Any
from uuid import NAMESPACE_URL, UUID, uuid5

from domain.policy.rules import Citation

KIND = "pbp_unit_meeting"
CITATION = Citation(
    clause="PBP-SWS",
    source="DSS Policy and Procedure Guide 03-04-028: Referrals to Parents Becoming Partners",
    section="Training and Development",
)
_NAMESPACE = uuid5(NAMESPACE_URL, "/caseledger/obligations/pbp-unit-meeting")


@dataclasses.dataclass(frozen=True)
class UnitMeetingObligation:
    """The unit meeting owed for one month and how it stands."""

    period: str
    due: dt.date
    status: str
    satisfied_by: tuple[UUID, ...]

    @property
    def obligation_id(self) -> UUID:
        """The same month always gets the same id."""
        return uuid5(_NAMESPACE, self.period)

    def to_contract(self) -> dict[str, Any]:
        """The contract's obligation shape (api-contract "Obligations")."""
        return {
            "obligation_id": str(self.obligation_id),
            "parent_id": None,
            "kind": KIND,
            "period": self.period,
            "due": self.due.isoformat(),
            "requires": "unit_meeting",
            "required_count": 1,
            "status": self.status,
            "satisfied_by": [str(m) for m in self.satisfied_by],
            "citation": CITATION.to_contract(),
        }


def _months(first: dt.date, last: dt.date) -> Iterable[tuple[int, int]]:
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        yield year, month
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def unit_meeting_obligations(
    started_on: dt.date, meetings: Iterable[tuple[UUID, dt.date]], as_of: dt.date
) -> list[UnitMeetingObligation]:
    """Every month owed from ``started_on`` to ``as_of``, oldest first (PBP-SWS)."""
    held = [(m, d) for m, d in meetings if d <= as_of]
    owed = []
    for year, month in _months(started_on, as_of):
        due = dt.date(year, month, calendar.monthrange(year, month)[1])
        met = tuple(m for m, d in held if (d.year, d.month) == (year, month))
        status = "met" if met else ("open" if as_of <= due else "missed")
        owed.append(UnitMeetingObligation(f"{year:04d}-{month:02d}", due, status, met))
    return owed
