"""What a case owes at a date: a pure function of its record, its pack and ``as_of``.

``evaluate`` follows policy-clauses.md "Reading rules": periods in the programme's zone,
every month (quarter) the case is open at least one day and which has started, each
contact judged by the requirement of its own local day, and the status order
met > exempt > open > efforts_made > missed. The same record always gives the same
obligations, with the same ids, in the same order.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from typing import Any
from uuid import UUID

from domain.case import Case
from domain.policy.adjustments import Adjustments
from domain.policy.calendar import local_date
from domain.policy.decision_effects import adjustments_from, decision_reviews
from domain.policy.facts import CaseFacts, ParentRecord
from domain.policy.judging import judge_parent
from domain.policy.meeting_obligations import meeting_notices, refusal_escalations
from domain.policy.obligation import Kind, Obligation, Status
from domain.policy.packs import pack_for
from domain.policy.ppt import judge_ppt
from domain.policy.rules import PolicyPack
from domain.policy.timeline import Timeline
from domain.values import Contact, DiligentSearch, Parent

__all__ = [
    "Kind",
    "Obligation",
    "Status",
    "adjustments_of",
    "case_facts",
    "evaluate",
    "obligations_of",
    "to_contract",
]


def adjustments_of(case: Case) -> Adjustments:
    """The approvals, determinations and court orders that change what the case owes."""
    return adjustments_from(case.decisions.values(), case.court_orders, case.determinations)


def obligations_of(case: Case, as_of: dt.date) -> list[Obligation]:
    """``evaluate`` under the pack of the case's own programme."""
    return evaluate(case, pack_for(case.program), as_of)


def case_facts(case: Case, pack: PolicyPack, as_of: dt.date) -> CaseFacts:
    """What every judgement of the case shares, its meetings (ENG-V, PPT-I) in day order."""
    return CaseFacts(
        case_id=case.id,
        pack=pack,
        as_of=as_of,
        opened_on=case.opened_on,
        closed_on=case.closed_on,
        household=tuple(case.household),
        returns=tuple(sorted({r.child_returns_on for r in case.reunifications})),
        meetings=tuple(
            sorted(case.meetings.values(), key=lambda m: (m.held_on, str(m.meeting_id)))
        ),
    )


def evaluate(
    case: Case, pack: PolicyPack, as_of: dt.date, adjustments: Adjustments | None = None
) -> list[Obligation]:
    """Every obligation of ``case`` listed at ``as_of``, judged by business dates."""
    if as_of < case.opened_on:
        return []
    adjustments = adjustments_of(case) if adjustments is None else adjustments
    facts = case_facts(case, pack, as_of)
    contacts = _by_parent(pack, as_of, case.contacts.values())
    searches = _searches_by_parent(pack, as_of, case.searches)
    frequencies: dict[UUID, list[tuple[dt.date, int]]] = defaultdict(list)
    for frequency in sorted(case.frequencies, key=lambda f: f.effective_on):
        frequencies[frequency.parent_id].append((frequency.effective_on, frequency.per_month))
    obligations: list[Obligation] = []
    listed: dict[UUID, Parent] = {}
    for parent in case.parents.values():
        start = max(parent.history[0].effective_on, case.opened_on)
        if start > facts.last_day:
            continue
        listed[parent.parent_id] = parent
        pid = parent.parent_id
        allowances = adjustments.allowances_for(pid)
        timeline = Timeline(pack, parent, facts.household, facts.returns, allowances, start)
        record = ParentRecord(
            parent=parent,
            start=start,
            timeline=timeline,
            contacts=contacts.get(pid, []),
            searches=searches.get(pid, []),
            frequencies=frequencies.get(pid, []),
            exemptions=adjustments.exemptions_for(pid),
            impediments=adjustments.impediments_for(pid),
        )
        obligations.extend(judge_parent(facts, record))
    obligations.extend(
        meeting_notices(
            facts, listed.values(), case.meeting_notices.values(), adjustments.exemptions_for
        )
    )
    obligations.extend(
        refusal_escalations(facts, listed, contacts, case.refusal_escalations.values())
    )
    # ENG-IV.A: every active decision is evaluated on an ongoing basis.
    obligations.extend(
        decision_reviews(case.id, pack, case.decisions.values(), as_of, case.closed_on)
    )
    if pack.ppt is not None:  # SOP 1626.4: the case's own PPT deadlines
        obligations.extend(judge_ppt(facts, pack.ppt, case.ppt))
    obligations.sort(key=Obligation.sort_key)
    return obligations


def _by_parent(
    pack: PolicyPack, as_of: dt.date, contacts: Iterable[Contact]
) -> dict[UUID, list[tuple[dt.date, Contact]]]:
    """Live contacts up to ``as_of`` (business dates), per parent, in the order they occurred."""
    grouped: dict[UUID, list[tuple[dt.date, Contact]]] = defaultdict(list)
    for contact in sorted(contacts, key=lambda c: (c.occurred_at, str(c.contact_id))):
        if contact.voided:
            continue  # Reading rules: voided contacts count for nothing.
        day = local_date(pack.program, contact.occurred_at)
        if day <= as_of:
            grouped[contact.parent_id].append((day, contact))
    return grouped


def _searches_by_parent(
    pack: PolicyPack, as_of: dt.date, searches: list[DiligentSearch]
) -> dict[UUID, list[tuple[dt.date, DiligentSearch]]]:
    grouped: dict[UUID, list[tuple[dt.date, DiligentSearch]]] = defaultdict(list)
    for search in sorted(searches, key=lambda s: (s.occurred_at, str(s.search_id))):
        day = local_date(pack.program, search.occurred_at)
        if day <= as_of:
            grouped[search.parent_id].append((day, search))
    return grouped


def to_contract(obligation: Obligation) -> dict[str, Any]:
    """The obligation in the contract's shape (api-contract.md, "Obligations")."""
    return {
        "obligation_id": str(obligation.obligation_id),
        "parent_id": None if obligation.parent_id is None else str(obligation.parent_id),
        "kind": obligation.kind.value,
        "period": obligation.period,
        "due": obligation.due.isoformat(),
        "requires": obligation.requires,
        "required_count": obligation.required_count,
        "status": obligation.status.value,
        "satisfied_by": [str(i) for i in obligation.satisfied_by],
        "citation": obligation.citation.to_contract(),
    }
