"""Idempotency records, saved in the same transaction as the events they answer for.

A second request with the same (caller, key) collides with the record's derived id,
so the whole save rolls back and the first answer can be given again.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import Aggregate, event


def fingerprint(method: str, path: str, body: Any) -> str:
    """A digest of what was asked, so a reused key with a different body is caught."""
    canonical = json.dumps([method, path, body], sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


class IdempotencyRecord(Aggregate):
    """The first answer given to one caller's Idempotency-Key."""

    class AnswerRecorded(Aggregate.Created):
        owner: str
        key: str
        fingerprint: str
        answer: dict[str, Any]

    @staticmethod
    def create_id(owner: str, key: str) -> UUID:
        """Keys are scoped to their caller: two users may use the same key.

        Owner and key are JSON-encoded so that no "/" in either can make two callers'
        keys collide (owner "a/b" with key "c" against owner "a" with key "b/c").
        """
        scoped = json.dumps([owner, key], separators=(",", ":"))
        return uuid5(NAMESPACE_URL, f"/caseledger/idempotency/{scoped}")

    @event(AnswerRecorded)
    def __init__(
        self, owner: str, key: str, fingerprint: str, answer: dict[str, Any], timestamp: dt.datetime
    ) -> None:
        self.owner = owner
        self.key = key
        self.fingerprint = fingerprint
        self.answer = answer
