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
from json.encoder import encode_basestring_ascii as _quote
from typing import Any
from uuid import UUID

from domain.case import Case
from domain.obligations import Kind, Obligation, Status, evaluate, to_contract
from domain.policy.calendar import local_date
from domain.policy.packs import pack_for
from domain.policy.rules import Citation

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


_CITATIONS: dict[Citation, str] = {}
_KINDS = {kind: _quote(kind.value) for kind in Kind}
_STATUSES = {status: _quote(status.value) for status in Status}


def text(obligation: Obligation) -> str:
    """``encode(to_contract(obligation))``, laid out directly rather than through a dict.

    The same bytes (keys in the contract's order, compact separators, strings escaped
    to ASCII by the encoder's own function): a rebuild writes one per obligation, well
    over a million for a million events. tests/unit/test_obligation_rows.py holds the
    two to each other.
    """
    return _text(obligation, str(obligation.obligation_id), {})


def _text(o: Obligation, oid: str, names: dict[UUID, str]) -> str:
    """``text`` given the obligation id's text and a memo of UUID texts (one per case:
    its parents and contacts come up again and again, and ``str(UUID)`` is not free)."""
    parent = "null" if o.parent_id is None else f'"{_name(o.parent_id, names)}"'
    evidence = ",".join([f'"{_name(i, names)}"' for i in o.satisfied_by])
    citation = _CITATIONS.get(o.citation)
    if citation is None:
        if len(_CITATIONS) >= 4096:  # packs hold a few dozen; never grow without bound
            _CITATIONS.clear()
        citation = _CITATIONS[o.citation] = encode(o.citation.to_contract())
    return (
        f'{{"obligation_id":"{oid}","parent_id":{parent},"kind":{_KINDS[o.kind]},'
        f'"period":{_quote(o.period)},"due":{_quote(o.due.isoformat())},'
        f'"requires":{_quote(o.requires)},"required_count":{int(o.required_count)!r},'
        f'"status":{_STATUSES[o.status]},"satisfied_by":[{evidence}],"citation":{citation}}}'
    )


def _name(uuid: UUID, names: dict[UUID, str]) -> str:
    name = names.get(uuid)
    if name is None:
        name = names[uuid] = str(uuid)
    return name


def listed(case_id: str, worker: str) -> str:
    """What a list item (GET /obligations) puts before the document's own fields:
    ``listed(c, w) + document[1:]`` is the obligation with its case and worker in front.

    The read model stores only list items (the list reads thousands at once); a case's
    documents are its items with this front taken off again (``document_of``).
    """
    return "{" + encode({"case_id": case_id, "worker": worker})[1:-1] + ","


def document_of(item: str, front: str) -> str:
    """The document a stored list item was made from (``listed(...) + document[1:]``)."""
    if not item.startswith(front):
        raise ValueError("A stored obligation does not start with its case and worker.")
    return "{" + item[len(front) :]


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
    front = listed(case_id, case.worker)
    names: dict[UUID, str] = {}
    for ordinal, obligation in enumerate(obligations_at(case, as_of)):
        oid = str(obligation.obligation_id)
        document = _text(obligation, oid, names)
        parent_id = obligation.parent_id
        rows.append(
            (
                case_id,
                ordinal,
                oid,
                case.worker,
                case.supervisor,
                worker_team,
                None if parent_id is None else _name(parent_id, names),
                obligation.kind.value,
                obligation.period,
                obligation.due.isoformat(),
                due_on(obligation),
                obligation.status.value,
                front + document[1:],
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
