"""One case's obligations as read-model rows: the same pure evaluation the API runs.

The read model and the direct (``as_of``/``known_at``) answers both go through
``documents``, so an obligation read from the table is byte for byte the obligation
evaluated on demand. Rows are computed before any transaction opens (PostgreSQL drops
a connection idle in a transaction, eventsourcing-notes §4).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from typing import Any

from domain.case import Case
from domain.obligations import Obligation, evaluate, to_contract
from domain.policy.calendar import local_date
from domain.policy.packs import pack_for

CASE_COLUMNS = (
    "case_id",
    "program",
    "worker",
    "supervisor",
    "worker_team",
    "version",
    "evaluated_as_of",
)
_ENCODER = json.JSONEncoder(separators=(",", ":"))  # built once: json.dumps builds one per call
OBLIGATION_COLUMNS = (
    "case_id",
    "ordinal",
    "obligation_id",
    "worker",
    "supervisor",
    "worker_team",
    "parent_id",
    "kind",
    "period",
    "due",
    "due_on",
    "status",
    "document",
    "listed",
    "evaluated_as_of",
)


def today(case: Case, now: dt.datetime) -> dt.date:
    """The programme's local date at ``now``: the day statuses are judged on."""
    return local_date(case.program, now)


def obligations_at(case: Case, as_of: dt.date) -> list[Obligation]:
    """The case's obligations at ``as_of`` under its programme's pack."""
    return evaluate(case, pack_for(case.program), as_of)


def documents(case: Case, as_of: dt.date) -> list[dict[str, Any]]:
    """The contract's obligation objects for ``case`` at ``as_of``, in evaluation order."""
    return [to_contract(o) for o in obligations_at(case, as_of)]


def encode(document: dict[str, Any]) -> str:
    """The stored (and served) JSON text of one obligation: compact, key order kept."""
    return _ENCODER.encode(document)


def due_on(obligation: Obligation) -> str:
    """The due day (an instant's own local day), which ``due_before`` filters on."""
    due = obligation.due
    return (due.date() if isinstance(due, dt.datetime) else due).isoformat()


@dataclasses.dataclass(frozen=True)
class CaseRows:
    """What the read model stores for one case at one version and day."""

    case_id: str
    version: int
    case_row: tuple[Any, ...]
    obligation_rows: list[tuple[Any, ...]]


def case_rows(case: Case, worker_team: str | None, as_of: dt.date) -> CaseRows:
    """Evaluate ``case`` at ``as_of`` and lay the answer out as table rows."""
    case_id = str(case.id)
    day = as_of.isoformat()
    rows = []
    # A list item is the obligation with its case and worker in front (GET /obligations).
    listed_prefix = "{" + encode({"case_id": case_id, "worker": case.worker})[1:-1] + ","
    for ordinal, obligation in enumerate(obligations_at(case, as_of)):
        document = to_contract(obligation)
        text = encode(document)
        rows.append(
            (
                case_id,
                ordinal,
                document["obligation_id"],
                case.worker,
                case.supervisor,
                worker_team,
                document["parent_id"],
                document["kind"],
                document["period"],
                document["due"],
                due_on(obligation),
                document["status"],
                text,
                listed_prefix + text[1:],
                day,
            )
        )
    case_row = (
        case_id,
        case.program.value,
        case.worker,
        case.supervisor,
        worker_team,
        case.version,
        day,
    )
    return CaseRows(case_id, case.version, case_row, rows)
