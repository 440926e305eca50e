"""Evaluating the cases a page of the log touches into the rows they leave behind.

Shared by the obligations read model, which does it for every page it applies, and by a
parallel rebuild's worker processes, each holding its own ledger on the same store.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any
from uuid import UUID

from domain.application import CaseLedger
from domain.case import Case
from domain.policy.calendar import local_date
from projections.obligation_rows import CaseRows, case_rows


class PageEvaluator:
    """Folds and judges cases for one ledger, remembering each worker's team."""

    def __init__(self, app: CaseLedger) -> None:
        self.app = app
        self._teams: dict[str, str | None] = {}

    def page_rows(self, events: Iterable[Any], now: dt.datetime) -> list[CaseRows]:
        """Each case the events touch, once, at the highest version among them."""
        pending: dict[UUID, list[Any]] = {}
        for event in events:
            if isinstance(event, Case.Event):
                pending.setdefault(event.originator_id, []).append(event)
        return [self.rows(self.load(case_id, found), now) for case_id, found in pending.items()]

    def load(self, case_id: UUID, events: Sequence[Any]) -> Case:
        """The case at the page's last version: folded from the page when it starts the
        case's history (most of a rebuild), otherwise read from the store once."""
        if events[0].originator_version == 1:
            aggregate: Any = None
            for domain_event in events:
                aggregate = domain_event.mutate(aggregate)
            if isinstance(aggregate, Case):
                return aggregate
        return self.app.get_case(case_id, events[-1].originator_version)

    def rows(self, case: Case, now: dt.datetime) -> CaseRows:
        """The case judged as of its programme's local date at ``now``."""
        return case_rows(case, self.team(case.worker), local_date(case.program, now))

    def team(self, username: str) -> str | None:
        """The worker's team; cached because a member of staff's team never changes."""
        if username not in self._teams:
            user = self.app.find_user(username)
            if user is None:
                return None
            self._teams[username] = user.team
        return self._teams[username]
