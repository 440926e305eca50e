"""What a parent owes on each day, as a short list of spans with one rule each.

The requirement can change only on days when a fact or a policy value changes, so the
timeline computes the rule once per such day and answers any other day by bisection:
judging a period never re-scans the case's history day by day.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
from collections.abc import Iterator, Sequence

from domain.policy.adjustments import Allowance
from domain.policy.calendar import add_months
from domain.policy.rules import (
    Citation,
    MethodTable,
    PolicyPack,
    Requirement,
    meets,
    strictest_met_by,
)
from domain.policy.situations import Situation, SituationFacts
from domain.values import ContactMethod, ContactOutcome, Household, Parent

_DAY = dt.timedelta(days=1)


@dataclasses.dataclass(frozen=True)
class DayRule:
    """The requirement in force for a parent on a day, and why."""

    situation: Situation
    requires: Requirement
    citation: Citation
    searching: bool  # TN-A-NOTE-2: a diligent search is owed instead of a contact
    quarterly: bool  # ENG-I.B: a month that may be outside the home
    when_possible: bool  # ENG-II.B: a face-to-face contact elsewhere is an effort
    methods: MethodTable

    def accepts(
        self, method: ContactMethod, outcome: ContactOutcome, requirement: Requirement | None = None
    ) -> bool:
        """Whether a contact meets ``requirement`` (the day's own, if none is named)."""
        return meets(method, outcome, requirement or self.requires, self.methods)


@dataclasses.dataclass(frozen=True)
class Span:
    """Consecutive days, ``first`` to ``last`` included, under one rule."""

    first: dt.date
    last: dt.date
    rule: DayRule


def window_opens(expected_on: dt.date, months: int) -> dt.date:
    """The first day d with ``expected_on`` <= d + ``months`` calendar months (ENG-I.A.2)."""
    day = add_months(expected_on, -months)
    while add_months(day, months) < expected_on:
        day += _DAY
    while add_months(day - _DAY, months) >= expected_on:
        day -= _DAY
    return day


class Timeline:
    """One parent's rules from the day they joined the case."""

    def __init__(
        self,
        pack: PolicyPack,
        parent: Parent,
        household: Sequence[Household],
        returns: Sequence[dt.date],
        allowances: Sequence[Allowance],
        start: dt.date,
    ) -> None:
        self._pack = pack
        self._parent = parent
        self._household = list(household)
        self._household_days = [h.effective_on for h in self._household]
        self._returns = sorted(set(returns))
        self._allowances = list(allowances)
        self._starts: list[dt.date] = sorted(d for d in self._changes() if d >= start)
        if not self._starts or self._starts[0] != start:
            self._starts.insert(0, start)
        self._rules = [self._rule_on(day) for day in self._starts]

    def _changes(self) -> set[dt.date]:
        pack = self._pack
        days = set(pack.changes)
        days.update(c.effective_on for c in self._parent.history)
        days.update(self._household_days)
        days.update(self._returns)
        expected = {h.reunification_expected_on for h in self._household}
        expected.update(self._returns)
        windows = pack.reunification_window_months
        for on in (e for e in expected if e is not None):
            days.add(on + _DAY)
            for value in windows.values if windows else ():
                days.add(window_opens(on, value.value))
        for allowance in self._allowances:
            days.add(allowance.effective_on)
            if allowance.ends_on is not None:
                days.add(allowance.ends_on)
        return days

    def _household_on(self, day: dt.date) -> Household | None:
        index = bisect.bisect_right(self._household_days, day) - 1
        return self._household[index] if index >= 0 else None

    def _reunification_soon(self, day: dt.date, household: Household | None) -> bool:
        windows = self._pack.reunification_window_months
        if windows is None:
            return False
        horizon = add_months(day, windows.on(day).value)
        expected = [*self._returns]
        if household is not None and household.reunification_expected_on is not None:
            expected.append(household.reunification_expected_on)
        # "Within the next 2 months": d <= expected <= d + 2 months, both ends included.
        return any(day <= on <= horizon for on in expected)

    def _rule_on(self, day: dt.date) -> DayRule:
        pack = self._pack
        circumstances = self._parent.on(day) or self._parent.history[0]
        household = self._household_on(day)
        since = household.effective_on if household is not None else None
        # ENG-I.B.1: from the child's return monthly contact in the home resumes, until a
        # later household record says otherwise.
        returned = any(r <= day and (since is None or r > since) for r in self._returns)
        # Until a household is recorded the children are taken to be at home: the
        # stricter reading, never the one that lets a home visit go unowed.
        children_in_home = returned or household is None or household.children_in_home
        in_placement = not returned and household is not None and household.in_placement
        facts = SituationFacts(
            custodial=circumstances.custodial,
            out_of_state=circumstances.out_of_state,
            incarcerated=circumstances.incarcerated,
            missing=circumstances.missing,
            child_frequents_home=circumstances.child_frequents_home,
            reunification_planned=circumstances.reunification_planned,
            children_in_home=children_in_home,
            in_placement=in_placement,
            reunification_soon=self._reunification_soon(day, household),
        )
        situation = pack.situation(facts)
        cited = pack.requirement(situation, day)
        requires, citation = cited.value, cited.citation
        methods = pack.methods.on(day).value
        in_force = [a for a in self._allowances if a.in_force(day)]
        unapproved = self._unapproved(situation, day, in_force)
        if unapproved is not None:
            requires, citation = unapproved
        for allowance in in_force:
            effect = pack.allowances.get(allowance.kind)
            if effect is not None and situation in effect.situations:
                requires = effect.requires or strictest_met_by(allowance.methods, methods)
                citation = effect.citation
        return DayRule(
            situation=situation,
            requires=requires,
            citation=citation,
            searching=situation is Situation.MISSING and pack.diligent_search is not None,
            quarterly=situation is Situation.CUSTODIAL_AWAY
            and pack.quarterly_home_visit is not None,
            when_possible=situation in pack.when_possible,
            methods=methods,
        )

    def _unapproved(
        self, situation: Situation, day: dt.date, in_force: list[Allowance]
    ) -> tuple[Requirement, Citation] | None:
        """ENG-II.A (CPS): what is required instead while the needed approval is missing."""
        gate = self._pack.approvals.get(situation)
        needed = gate.on(day) if gate is not None else None
        if needed is None or needed.value is None:
            return None
        if any(a.kind is needed.value.kind for a in in_force):
            return None
        return needed.value.until_approved, needed.citation

    def on(self, day: dt.date) -> DayRule | None:
        """The rule in force on ``day``, or None before the parent joined."""
        index = bisect.bisect_right(self._starts, day) - 1
        return self._rules[index] if index >= 0 else None

    def spans(self, first: dt.date, last: dt.date) -> Iterator[Span]:
        """The spans that cover ``first`` to ``last``, clipped to those days."""
        index = max(bisect.bisect_right(self._starts, first) - 1, 0)
        while index < len(self._starts) and self._starts[index] <= last:
            following = self._starts[index + 1] if index + 1 < len(self._starts) else None
            span_last = last if following is None else min(last, following - _DAY)
            span_first = max(first, self._starts[index])
            if span_first <= span_last:
                yield Span(span_first, span_last, self._rules[index])
            index += 1
