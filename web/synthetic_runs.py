"""Playing synthetic stories: through the application's commands, or saved in bulk.

Through the commands (``record``) every step runs as a request would, with the
recording clock stepped to the step's instant: slow, exactly what the service records.
In bulk (``save_in_bulk``) the same commands are applied to in-memory ``Case``
aggregates and many cases are saved per ``app.save`` (one transaction), so a
million-event history for the benchmark takes minutes, not hours.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from domain.application import CaseLedger
from domain.case import Case
from domain.values import Role
from web.synthetic import Ids, Step, Story, story

ACTOR = "synthetic"


def enrol(ledger: CaseLedger, teams: int, workers_per_team: int) -> list[tuple[str, str]]:
    """One supervisor and ``workers_per_team`` caseworkers per team; (worker, supervisor)s."""
    pairs = []
    for team in range(teams):
        supervisor = f"supervisor-{team:03d}"
        ledger.add_user(supervisor, Role.SUPERVISOR, f"team-{team:03d}", ACTOR)
        for n in range(workers_per_team):
            worker = f"worker-{team:03d}-{n:02d}"
            ledger.add_user(worker, Role.CASEWORKER, f"team-{team:03d}", ACTOR)
            pairs.append((worker, supervisor))
    return pairs


def stories(
    seed: int, ledger: CaseLedger, pairs: list[tuple[str, str]], count: int | None = None
) -> Iterator[Story]:
    """Stories for the staff ``pairs`` in turn, as of the ledger's clock (endless without count)."""
    now = ledger.clock()
    indices = itertools.count() if count is None else iter(range(count))
    for index in indices:
        worker, supervisor = pairs[index % len(pairs)]
        yield story(seed, index, now, worker, supervisor)


def record(ledger: CaseLedger, clock: Any, told: Iterable[Story]) -> None:
    """Play every story through the application, all steps in recording order.

    ``clock`` is the settable clock the ledger was built on (``clock.now``); it is left
    where it was found.
    """
    served = clock.now
    timeline: list[tuple[Any, int, int, Story, Step | None]] = []
    for n, case in enumerate(told):
        timeline.append((case.opened_at, n, -1, case, None))
        timeline += [(step.at, n, m, case, step) for m, step in enumerate(case.steps)]
    timeline.sort(key=lambda entry: entry[:3])
    ids: dict[int, Ids] = {}
    try:
        for at, n, _, case, step in timeline:
            clock.now = at
            actor = case.opening.worker
            if step is None:
                ledger.open_case(case.opening, actor)
                continue
            known = ids.setdefault(n, {})
            case_id = Case.create_id(case.opening.case_number)
            answer = ledger.handle(case_id, step.build(known), actor)
            if step.key:
                known[step.key] = answer
    finally:
        clock.now = served


def build_case(told: Story) -> Case:
    """The story's case as an in-memory aggregate with every event pending."""
    actor = told.opening.worker
    case = told.opening.build(actor, told.opened_at)
    ids: Ids = {}
    for step in told.steps:
        answer = step.build(ids).apply(case, actor, step.at)
        if step.key:
            ids[step.key] = answer
    return case


def save_in_bulk(
    ledger: CaseLedger,
    told: Iterable[Story],
    *,
    target_events: int | None = None,
    cases_per_save: int = 25,
    progress: Callable[[int], None] | None = None,
) -> tuple[int, int]:
    """Save the stories' cases, many per transaction; stops past ``target_events``.

    Returns (cases saved, events saved).
    """
    cases = events = 0
    pending: list[Case] = []
    for each in told:
        case = build_case(each)
        pending.append(case)
        cases += 1
        events += case.version
        done = target_events is not None and events >= target_events
        if len(pending) >= cases_per_save or done:
            ledger.save(*pending)
            pending = []
            if progress is not None:
                progress(events)
        if done:
            break
    if pending:
        ledger.save(*pending)
    return cases, events
