"""The seam for decisions, approvals, determinations and court orders.

``evaluate`` consults an ``Adjustments`` value: approved allowances that let other
methods meet a parent's months, and exemptions that remove obligations from their
effective date. The case's decisions, court orders and determinations are read into it
by ``decision_effects.adjustments_from``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from uuid import UUID

from domain.policy.rules import AllowanceKind, ExemptionKind
from domain.values import ContactMethod


@dataclasses.dataclass(frozen=True)
class Allowance:
    """An approved decision for one parent, in force from ``effective_on`` until ``ends_on``."""

    kind: AllowanceKind
    parent_id: UUID
    effective_on: dt.date
    event_id: UUID
    methods: frozenset[ContactMethod] = frozenset()
    ends_on: dt.date | None = None  # an `ended` review: no longer in force from that day

    def in_force(self, day: dt.date) -> bool:
        """Whether the allowance applies on ``day``."""
        return self.effective_on <= day and (self.ends_on is None or day < self.ends_on)


@dataclasses.dataclass(frozen=True)
class Exemption:
    """A fact that removes obligations from ``effective_on``; no parent means the whole case."""

    kind: ExemptionKind
    parent_id: UUID | None
    effective_on: dt.date
    event_id: UUID
    ends_on: dt.date | None = None

    def in_force_during(self, first: dt.date, last: dt.date) -> bool:
        """Whether the exemption applies on any day from ``first`` to ``last``."""
        return self.effective_on <= last and (self.ends_on is None or first < self.ends_on)

    def covers(self, parent_id: UUID) -> bool:
        """Whether the exemption names this parent or the whole case."""
        return self.parent_id is None or self.parent_id == parent_id


@dataclasses.dataclass(frozen=True)
class Impediment:
    """A documented reason why contact with a parent was not possible on a day.

    Like an attempt, it makes an unmet period ``efforts_made`` (the contract's status
    words; ENG-III.B), never ``met``.
    """

    parent_id: UUID
    on: dt.date
    event_id: UUID


@dataclasses.dataclass(frozen=True)
class Adjustments:
    """Everything outside the contacts that changes what a parent owes."""

    allowances: tuple[Allowance, ...] = ()
    exemptions: tuple[Exemption, ...] = ()
    impediments: tuple[Impediment, ...] = ()

    def allowances_for(self, parent_id: UUID) -> tuple[Allowance, ...]:
        """The parent's allowances, oldest first."""
        found = [a for a in self.allowances if a.parent_id == parent_id]
        return tuple(sorted(found, key=lambda a: a.effective_on))

    def impediments_for(self, parent_id: UUID) -> tuple[Impediment, ...]:
        """The parent's documented impediments, oldest first."""
        found = [i for i in self.impediments if i.parent_id == parent_id]
        return tuple(sorted(found, key=lambda i: (i.on, str(i.event_id))))

    def exemptions_for(self, parent_id: UUID) -> tuple[Exemption, ...]:
        """The exemptions that name the parent or the whole case, oldest first."""
        found = [e for e in self.exemptions if e.covers(parent_id)]
        return tuple(sorted(found, key=lambda e: (e.effective_on, str(e.event_id))))


NO_ADJUSTMENTS = Adjustments()
