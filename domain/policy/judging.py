"""How one parent's periods are judged (policy-clauses.md, "Reading rules").

Contacts and searches arrive grouped by parent, each with its local date; they are
bucketed by month once, so every period looks only at its own facts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from uuid import UUID

from domain.policy.calendar import (
    month_end,
    month_label,
    months_between,
    quarter_end,
    quarter_label,
    quarter_start,
    zone,
)
from domain.policy.facts import CaseFacts, ParentRecord, by_month, exemption_in_force, within
from domain.policy.obligation import Kind, Obligation, Verdict, obligation_id
from domain.policy.rules import Citation, Parameter, Requirement
from domain.policy.timeline import Span
from domain.values import ContactMethod, ContactOutcome


class ParentJudge:
    """Judges every period one parent owes at ``as_of``."""

    def __init__(self, facts: CaseFacts, record: ParentRecord) -> None:
        self.facts, self.record, self.pack = facts, record, facts.pack
        self.contacts = by_month(record.contacts)
        self.searches = by_month(record.searches)

    def _make(
        self,
        kind: Kind,
        period: str,
        due: dt.date | dt.datetime,
        requires: str,
        citation: Citation,
        verdict: Verdict,
        evidence: Sequence[UUID],
        required_count: int = 1,
        detail: str = "",
    ) -> Obligation:
        exemption = verdict.exemption
        if not verdict.met and exemption is not None:
            evidence, citation = (exemption[0].event_id,), exemption[1]
        pid = self.record.parent.parent_id
        return Obligation(
            obligation_id=obligation_id(self.facts.case_id, pid, kind, period, detail),
            parent_id=pid,
            kind=kind,
            period=period,
            due=due,
            requires=requires,
            required_count=required_count,
            status=verdict.status(),
            satisfied_by=tuple(evidence),
            citation=citation,
        )

    def judge(self) -> Iterator[Obligation]:
        """Monthly contacts or searches, quarterly and pre-return visits, documentation."""
        facts, record = self.facts, self.record
        quarters: set[dt.date] = set()
        for month in months_between(record.start, facts.last_day):
            first = max(month, record.start)
            stop = facts.stop(month_end(month))
            spans = list(record.timeline.spans(first, min(stop, facts.as_of)))
            contact_spans = [s for s in spans if not s.rule.searching]
            if contact_spans:
                yield self.monthly(month, first, stop, contact_spans)
            searching = self.pack.diligent_search
            if searching is not None and any(s.rule.searching for s in spans):
                yield self.search(month, first, stop, searching)
            if any(s.rule.quarterly for s in spans):
                quarters.add(quarter_start(month))
        quarterly = self.pack.quarterly_home_visit
        if quarterly is not None:
            for quarter in sorted(quarters):
                yield self.quarterly(quarter, quarterly)
        if self.pack.pre_return_home_visit is not None:
            yield from self.pre_return_visits(self.pack.pre_return_home_visit)
        if self.pack.documentation_business_days is not None:
            yield from self.documentation(self.pack.documentation_business_days)

    def monthly(
        self, month: dt.date, first: dt.date, stop: dt.date, spans: list[Span]
    ) -> Obligation:
        """ENG-I / ENG-II / TN-A.1: n qualifying contacts, each judged on its own day."""
        pack, record, as_of = self.pack, self.record, self.facts.as_of
        judged = min(stop, as_of)
        reference = spans[-1]  # the period's last day, or as_of if earlier
        count = max(
            pack.monthly_minimum.on(reference.last).value,
            record.case_plan_frequency(reference.last),
        )
        qualifying: list[UUID] = []
        efforts: list[UUID] = []
        effort_citation: Citation | None = None
        met_rule = None
        for day, contact in within(self.contacts.get(month, []), first, judged):
            rule = record.timeline.on(day)
            if rule is None or rule.searching:
                continue
            if rule.accepts(contact.method, contact.outcome):
                qualifying.append(contact.contact_id)
                if len(qualifying) == count:
                    met_rule = rule
            elif contact.outcome is not ContactOutcome.COMPLETED:
                efforts.append(contact.contact_id)  # ENG-III.B: attempts and refusals
                effort_citation = pack.efforts
            elif rule.when_possible and rule.accepts(
                contact.method, contact.outcome, Requirement.FACE_TO_FACE
            ):
                efforts.append(contact.contact_id)  # ENG-II.B: "whenever possible"
                effort_citation = effort_citation or pack.when_possible_citation
        for impediment in record.impediments:
            if first <= impediment.on <= judged:
                efforts.append(impediment.event_id)  # a documented reason it was not possible
                effort_citation = pack.efforts
        shown = met_rule or reference.rule
        citation = shown.citation
        evidence = qualifying[:count]
        if met_rule is None and efforts and stop < as_of:
            citation = effort_citation or citation
            evidence = qualifying + efforts
        exemption = None if met_rule else exemption_in_force(pack, record, first, judged)
        return self._make(
            Kind.MONTHLY_CONTACT,
            month_label(month),
            month_end(month),
            shown.requires.value,
            citation,
            Verdict(met_rule is not None, exemption, as_of <= stop, bool(efforts)),
            evidence,
            required_count=count,
        )

    def search(
        self, month: dt.date, first: dt.date, stop: dt.date, citation: Citation
    ) -> Obligation:
        """TN-A-NOTE-2: while a parent is missing, a diligent search each month."""
        pack, as_of = self.pack, self.facts.as_of
        judged = min(stop, as_of)
        found = [s.search_id for _, s in within(self.searches.get(month, []), first, judged)]
        exemption = None if found else exemption_in_force(pack, self.record, first, judged)
        return self._make(
            Kind.DILIGENT_SEARCH,
            month_label(month),
            month_end(month),
            "diligent_search",
            citation,
            Verdict(bool(found), exemption, as_of <= stop, efforts=False),
            found[:1],
        )

    def _home_visits(self, first: dt.date, last: dt.date) -> tuple[list[UUID], list[UUID]]:
        """Completed and unsuccessful in-home contacts from ``first`` to ``last``."""
        visits: list[UUID] = []
        tries: list[UUID] = []
        for month in months_between(first, last):
            for _, contact in within(self.contacts.get(month, []), first, last):
                if contact.method is not ContactMethod.IN_HOME:
                    continue
                completed = contact.outcome is ContactOutcome.COMPLETED
                (visits if completed else tries).append(contact.contact_id)
        return visits, tries

    def quarterly(self, quarter: dt.date, citation: Citation) -> Obligation:
        """ENG-I.B: a home visit in each quarter with a month that may be outside the home."""
        pack, as_of = self.pack, self.facts.as_of
        first = max(quarter, self.record.start)
        stop = self.facts.stop(quarter_end(quarter))
        judged = min(stop, as_of)
        visits, tries = self._home_visits(first, judged)
        exemption = None if visits else exemption_in_force(pack, self.record, first, judged)
        return self._make(
            Kind.QUARTERLY_HOME_VISIT,
            quarter_label(quarter),
            quarter_end(quarter),
            Requirement.IN_HOME.value,
            citation if visits or not tries else pack.efforts,
            Verdict(bool(visits), exemption, as_of <= stop, bool(tries)),
            visits[:1] or tries,
        )

    def _no_children_since(self, returns_on: dt.date) -> dt.date:
        """The day the household last became "no children in the home" before a return."""
        since, before = self.record.start, True
        for entry in self.facts.household:
            if entry.effective_on > returns_on:
                break
            if not entry.children_in_home and before:
                since = max(entry.effective_on, self.record.start)
            before = entry.children_in_home
        return since

    def pre_return_visits(self, citation: Citation) -> Iterator[Obligation]:
        """ENG-I.B.1: visit the home before the child returns, for each custodial parent."""
        pack, facts, parent = self.pack, self.facts, self.record.parent
        for returns_on in facts.returns:
            circumstances = parent.on(returns_on)
            if circumstances is None or not circumstances.custodial:
                continue
            if returns_on < self.record.start or (
                facts.closed_on is not None and returns_on > facts.closed_on
            ):
                continue
            since = self._no_children_since(returns_on)
            judged = min(returns_on, facts.as_of)
            visits, tries = self._home_visits(since, judged) if since <= judged else ([], [])
            exemption = None if visits else exemption_in_force(pack, self.record, since, judged)
            yield self._make(
                Kind.PRE_RETURN_HOME_VISIT,
                returns_on.isoformat(),
                returns_on,
                Requirement.IN_HOME.value,
                citation if visits or not tries else pack.efforts,
                Verdict(bool(visits), exemption, facts.as_of <= returns_on, bool(tries)),
                visits[:1] or tries,
            )

    def documentation(self, deadline: Parameter[int]) -> Iterator[Obligation]:
        """ENG-VII (CPS) / ENG-VIII (JJS): each effort documented by the next business day."""
        for day, contact in self.record.contacts:
            # Shown in the state's zone, so a rebuilt record orders and prints alike.
            due = contact.documentation_due.astimezone(zone(self.pack.program))
            due_day = due.date()
            on_time = not contact.documented_late
            yield self._make(
                Kind.DOCUMENTATION,
                day.isoformat(),
                due,
                "documentation",
                deadline.on(day).citation,
                Verdict(on_time, None, running=self.facts.as_of <= due_day, efforts=False),
                (contact.contact_id,),
                detail=contact.contact_id.hex,
            )


def judge_parent(facts: CaseFacts, record: ParentRecord) -> Iterator[Obligation]:
    """Every obligation one parent owes at ``facts.as_of``."""
    return ParentJudge(facts, record).judge()
