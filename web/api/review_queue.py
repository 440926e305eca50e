"""The supervisor's review queue (api-contract "Decisions, consultations, court orders")."""

from __future__ import annotations

import threading
from typing import Any

from flask import current_app, jsonify

from domain.values import Role
from projections.review_queue import ReviewQueue, catch_up
from web.api import api
from web.api.writes import documented
from web.auth import forbidden, ledger, viewer
from web.schemas.review_queue import ReviewQueueOut

_EXTENSION = "caseledger.review_queue"
_guard = threading.Lock()


def read_model() -> ReviewQueue:
    """This app's review queue read model (its table is created on first use)."""
    model: ReviewQueue | None = current_app.extensions.get(_EXTENSION)
    if model is None:
        with _guard:
            model = current_app.extensions.get(_EXTENSION)
            if model is None:
                model = current_app.extensions[_EXTENSION] = ReviewQueue(ledger())
    return model


@api.get("/review-queue")
@documented(answer=ReviewQueueOut, status=200)
def review_queue() -> Any:
    """Pending and due decisions, open escalations and overdue PPT tasks, oldest first."""
    caller = viewer()
    if caller.role is not Role.SUPERVISOR:
        raise forbidden("The review queue is a supervisor's.")
    model = read_model()
    catch_up(ledger(), model)  # read-your-writes: every acknowledged write is in the queue
    items = model.items(caller.username, ledger().clock())
    return jsonify({"supervisor": caller.username, "items": items})
