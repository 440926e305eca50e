"""Obligations of a case and across cases (api-contract "Obligations").

Without ``as_of``/``known_at`` a case's answer comes from the obligations read model,
caught up first (read-your-writes); with either, the same pure evaluation runs on the
case as the record showed at ``known_at``. The list always reads the caught-up model.
Stored obligations are the contract's JSON text already, so answers splice them in
rather than parsing and re-encoding thousands of objects.
"""

from __future__ import annotations

import dataclasses
import json
import threading
from typing import Any
from uuid import UUID

from flask import Response, current_app, jsonify, request

from domain.policy.obligation import Kind
from domain.values import Role
from projections.obligation_rows import documents, today
from projections.obligations import Listing, ObligationsReadModel, catch_up
from web.api import api
from web.api.writes import documented
from web.auth import forbidden, ledger, readable_case, viewer
from web.schemas.obligations import (
    CaseObligationsOut,
    CaseObligationsQuery,
    ObligationListOut,
    ObligationListQuery,
)

_EXTENSION = "caseledger.obligations"
_guard = threading.Lock()


def read_model() -> ObligationsReadModel:
    """This app's obligations read model (its tables are created on first use)."""
    model: ObligationsReadModel | None = current_app.extensions.get(_EXTENSION)
    if model is None:
        with _guard:
            model = current_app.extensions.get(_EXTENSION)
            if model is None:
                model = current_app.extensions[_EXTENSION] = ObligationsReadModel(ledger())
    return model


def caught_up() -> ObligationsReadModel:
    model = read_model()
    catch_up(ledger(), model)
    return model


def _json(text: str) -> Response:
    return Response(text, mimetype="application/json")


@api.get("/cases/<uuid:case_id>/obligations")
@documented(answer=CaseObligationsOut, status=200)
def case_obligations(case_id: UUID) -> Any:
    """A case's obligations at a day (as_of), as the record showed at an instant (known_at)."""
    case = readable_case(case_id)
    query = CaseObligationsQuery().load(request.args)
    now = ledger().clock()
    known_at = query.get("known_at")
    head = {"case_id": str(case_id), "as_of": None, "known_at": (known_at or now).isoformat()}
    if query["as_of"] is None and known_at is None:
        stored = caught_up().case(case_id)
        if stored is not None:
            head["as_of"] = stored.evaluated_as_of
            return _json(
                json.dumps(head)[:-1] + ',"obligations":[' + ",".join(stored.documents) + "]}"
            )
    then = case if known_at is None else ledger().case_known_at(case_id, known_at)
    as_of = query["as_of"] or today(case, now)
    head["as_of"] = as_of.isoformat()
    return jsonify(head | {"obligations": [] if then is None else documents(then, as_of)})


LISTERS = frozenset({Role.CASEWORKER, Role.SUPERVISOR, Role.AUDITOR, Role.PERMANENCY_WORKER})
PPT_KINDS = tuple(
    k.value
    for k in (
        Kind.PLACEMENT_NOTICE,
        Kind.PPT_SCREEN,
        Kind.PPT_INFORMATION,
        Kind.PPT_STAFFING_ADVICE,
        Kind.PPT_TASK,
        Kind.PPT_UPDATE,
    )
)


def scope_listing(query: dict[str, Any]) -> Listing:
    """The caller's scope (ARCHITECTURE "Who may do what") narrowed by the query."""
    caller = viewer()
    statuses = tuple(sorted(set(query["status"].split(",")))) if query["status"] else ()
    wanted = Listing(worker=query["worker"], statuses=statuses, due_before=query["due_before"])
    if caller.role is Role.CASEWORKER:
        if wanted.worker not in (None, caller.username):
            raise forbidden("A caseworker lists the obligations of their own cases only.")
        return dataclasses.replace(wanted, worker=caller.username)
    if caller.role is Role.SUPERVISOR:
        return dataclasses.replace(wanted, team=caller.team, supervisor=caller.username)
    if caller.role is Role.PERMANENCY_WORKER:
        # SOP 1626.4: the PPT obligations of their team's cases (only NH-JJS raises them).
        return dataclasses.replace(wanted, team=caller.team, kinds=PPT_KINDS)
    return wanted


@api.get("/obligations")
@documented(answer=ObligationListOut, status=200)
def list_obligations() -> Any:
    """Obligations across the caller's cases (a supervisor sees the team's), by due day."""
    if viewer().role not in LISTERS:
        raise forbidden("Only case staff, permanency workers and auditors list obligations.")
    listing = scope_listing(ObligationListQuery().load(request.args))
    if listing.kinds and listing.team is None:
        return _json('{"obligations":[]}')  # a permanency worker without a team sees none
    items = caught_up().listing(listing)
    return _json('{"obligations":[' + ",".join(items) + "]}")
