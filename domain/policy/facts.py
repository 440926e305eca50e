"""The facts one parent's periods are judged on, each with its local date."""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import functools
from collections import defaultdict
from collections.abc import Iterator, Sequence
from typing import TypeVar
from uuid import UUID

from domain.meetings import Meeting
from domain.policy.adjustments import Exemption, Impediment
from domain.policy.calendar import month_start
from domain.policy.rules import Citation, PolicyPack
from domain.policy.timeline import Timeline
from domain.values import Contact, DiligentSearch, Household, Parent, Relationship

F = TypeVar("F")
Dated = list[tuple[dt.date, F]]


@dataclasses.dataclass(frozen=True)
class CaseFacts:
    """What every parent's judgement shares: the case's bounds and ``as_of``."""

    case_id: UUID
    pack: PolicyPack
    as_of: dt.date
    opened_on: dt.date
    closed_on: dt.date | None
    household: tuple[Household, ...]
    returns: tuple[dt.date, ...]
    # Every meeting about the child, by day: ENG-V notices and the PPT obligations read them.
    meetings: tuple[Meeting, ...] = ()

    @property
    def last_day(self) -> dt.date:
        """The last day owed at ``as_of``: closed cases owe nothing after ``closed_on``."""
        return self.as_of if self.closed_on is None else min(self.as_of, self.closed_on)

    def stop(self, period_end: dt.date) -> dt.date:
        """The last day of a period on which the case is still open."""
        return period_end if self.closed_on is None else min(period_end, self.closed_on)


@dataclasses.dataclass(frozen=True)
class ParentRecord:
    """One parent's facts, each with its local date, oldest first."""

    parent: Parent
    start: dt.date
    timeline: Timeline
    contacts: Dated[Contact]
    searches: Dated[DiligentSearch]
    frequencies: Sequence[tuple[dt.date, int]]
    exemptions: tuple[Exemption, ...]
    impediments: tuple[Impediment, ...] = ()

    @functools.cached_property
    def _frequency_days(self) -> list[dt.date]:
        return [day for day, _ in self.frequencies]

    def case_plan_frequency(self, day: dt.date) -> int:
        """Contacts a month the case plan asks for on ``day`` (ENG-I, ENG-II); 0 if none."""
        index = bisect.bisect_right(self._frequency_days, day) - 1
        return self.frequencies[index][1] if index >= 0 else 0


def by_month(facts: Dated[F]) -> dict[dt.date, Dated[F]]:
    grouped: dict[dt.date, Dated[F]] = defaultdict(list)
    for day, fact in facts:
        grouped[month_start(day)].append((day, fact))
    return grouped


def within(facts: Dated[F], first: dt.date, last: dt.date) -> Iterator[tuple[dt.date, F]]:
    return ((day, fact) for day, fact in facts if first <= day <= last)


def exemption_in_force(
    pack: PolicyPack, record: ParentRecord, first: dt.date, last: dt.date
) -> tuple[Exemption, Citation] | None:
    """The first exemption in force on a day of the period, with the clause honouring it."""
    step = record.parent.relationship is Relationship.STEP
    for exemption in record.exemptions:
        rule = pack.exemptions.get(exemption.kind)
        if rule is None:
            continue
        # ENG-FAQ-Q2: for a step parent only the exemptions the pack names for them count.
        citation = rule.step_parent if step else rule.citation
        if citation is not None and exemption.in_force_during(first, last):
            return exemption, citation
    return None
