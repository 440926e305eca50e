"""CaseLedger: the service layer. Commands in, ids and plain data out.

It is handed its store settings (a mapping) and a clock by the caller and never reads
the process environment or the wall clock itself. Commands on one case are serialised
within the process; a save that still collides (another process) reloads and retries.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
import secrets
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any, cast
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError, Application
from eventsourcing.domain import Aggregate
from eventsourcing.persistence import InfrastructureFactory, IntegrityError, JSONTranscoder
from eventsourcing.utils import Environment

from domain import errors
from domain.access import CASE_OPENERS as CASE_WORKERS
from domain.access import CaseParties, Viewer
from domain.case import Case
from domain.commands import CaseCommand, OpenCase
from domain.idempotency import IdempotencyRecord
from domain.staff import Staff, TokenIndex, token_digest
from domain.transcodings import all_transcodings
from domain.values import Role

Clock = Callable[[], dt.datetime]
Answer = dict[str, Any]

_LOCK_STRIPES = 64
_LIBRARY_ATTEMPTS = 10
"""eventsourcing.postgres retries a statement that failed (a lock timeout too) 10 times."""


@dataclasses.dataclass(frozen=True)
class IdempotencyRequest:
    """A caller's Idempotency-Key and the fingerprint of what they asked."""

    owner: str
    key: str
    fingerprint: str


class CaseLedger(Application[UUID]):
    """The event-sourced case record."""

    name = "CaseLedger"
    snapshotting_intervals = {Case: 100}  # noqa: RUF012 (the library's class attribute)
    log_section_size = 500
    max_attempts = 20
    """Saves tried per command; against one other writer each try wins about half the time."""

    def __init__(self, env: Mapping[str, str], clock: Clock) -> None:
        self.clock = clock
        self._locks = [threading.Lock() for _ in range(_LOCK_STRIPES)]
        self._in_flight: set[tuple[str, str]] = set()
        self._in_flight_lock = threading.Lock()
        super().__init__(env=dict(env))

    def construct_env(self, name: str, env: Mapping[str, str] | None = None) -> Environment:
        """Only the mapping the caller passed: the library would merge os.environ in."""
        settings = dict(env or {})
        settings.setdefault("IS_SNAPSHOTTING_ENABLED", "y")
        self._lock_wait_ms = 0
        bound = int(settings.get("POSTGRES_LOCK_TIMEOUT") or 0)
        if settings.get("PERSISTENCE_MODULE") == "eventsourcing.postgres" and bound > 0:
            # The caller's bound is for the whole command (catalogue D9); the library
            # retries a timed-out statement, so each attempt may wait only a share of it.
            self._lock_wait_ms = max(100, bound * 1000 // _LIBRARY_ATTEMPTS)
            settings["POSTGRES_LOCK_TIMEOUT"] = "1"  # whole seconds: the library's least
        return Environment(name, settings)

    def construct_factory(self, env: Environment) -> InfrastructureFactory[Any]:
        """The library's factory; on PostgreSQL reads too give up waiting for a lock.

        The library sets ``lock_timeout`` only around its inserts, so a read behind a
        held table lock would wait for ever; every pooled connection gets a session value.
        """
        factory = super().construct_factory(env)
        pool = getattr(getattr(factory, "datastore", None), "pool", None)
        if self._lock_wait_ms and pool is not None:
            options = f"{pool.kwargs.get('options', '')} -c lock_timeout={self._lock_wait_ms}"
            pool.kwargs["options"] = options.strip()
        return factory

    def register_transcodings(self, transcoder: JSONTranscoder) -> None:
        """The library's own plus dates, enums and value objects."""
        super().register_transcodings(transcoder)
        for transcoding in all_transcodings():
            transcoder.register(transcoding)

    # -- staff ----------------------------------------------------------------------

    def add_user(self, username: str, role: Role, team: str | None, actor: str) -> str:
        """Enrol a member of staff; returns their first API token (shown once)."""
        now = self.clock()
        staff = Staff(username=username, team=team, actor=actor, timestamp=now)
        staff.grant_role(role, actor=actor, at=now)
        token = secrets.token_urlsafe(32)
        digest = token_digest(token)
        staff.issue_token(digest, actor=actor, at=now)
        index = TokenIndex(digest=digest, username=username, timestamp=now)
        try:
            self.save(staff, index)
        except IntegrityError:
            raise errors.DuplicateUser(f"User {username!r} exists already.") from None
        return token

    def issue_token(self, username: str, actor: str) -> str:
        """Give an existing user another API token (shown once; only its digest is kept)."""
        try:
            staff: Staff = self.repository.get(Staff.create_id(username))
        except AggregateNotFoundError:
            raise errors.UnknownUser(f"No user named {username!r}.", field="username") from None
        now = self.clock()
        token = secrets.token_urlsafe(32)
        digest = token_digest(token)
        staff.issue_token(digest, actor=actor, at=now)
        self.save(staff, TokenIndex(digest=digest, username=username, timestamp=now))
        return token

    def find_user(self, username: str) -> Viewer | None:
        """The user's current role and team, or None."""
        try:
            staff: Staff = self.repository.get(Staff.create_id(username))
        except AggregateNotFoundError:
            return None
        if staff.role is None:
            return None
        return Viewer(staff.username, staff.role, staff.team)

    def authenticate(self, token: str) -> Viewer | None:
        """The user a token belongs to, while it has not been revoked."""
        digest = token_digest(token)
        try:
            index: TokenIndex = self.repository.get(TokenIndex.create_id(digest))
            staff: Staff = self.repository.get(Staff.create_id(index.username))
        except AggregateNotFoundError:
            return None
        if digest not in staff.digests or staff.role is None:
            return None
        return Viewer(staff.username, staff.role, staff.team)

    def require_user(self, username: str, field: str, roles: frozenset[Role]) -> Viewer:
        """A user named in a body, who must hold one of ``roles``."""
        user = self.find_user(username)
        if user is None or user.role not in roles:
            wanted = " or ".join(sorted(r.value for r in roles))
            raise errors.UnknownUser(f"No {wanted} named {username!r}.", field=field)
        return user

    # -- reading cases --------------------------------------------------------------

    def get_case(self, case_id: UUID, version: int | None = None) -> Case:
        """The case as the record now reads (or as of a version)."""
        try:
            case: Case = self.repository.get(case_id, version=version)
        except AggregateNotFoundError:
            raise errors.CaseNotFound("No such case.") from None
        if not isinstance(case, Case):
            raise errors.CaseNotFound("No such case.")
        return case

    def case_known_at(self, case_id: UUID, known_at: dt.datetime) -> Case | None:
        """The case as the record showed it at ``known_at`` (recording time), or None."""
        version = None
        for stored in self.events.get(case_id):
            if cast(Aggregate.Event, stored).timestamp > known_at:
                break
            version = stored.originator_version
        return None if version is None else self.get_case(case_id, version)

    def case_parties(self, case: Case) -> CaseParties:
        """Who the case's access rules depend on."""
        worker = self.find_user(case.worker)
        return CaseParties(case.worker, case.supervisor, worker.team if worker else None)

    # -- writing --------------------------------------------------------------------

    def open_case(
        self, command: OpenCase, actor: str, idempotency: IdempotencyRequest | None = None
    ) -> Answer:
        """Open a case; its worker and supervisor must be users in those roles."""
        self.require_user(command.worker, "worker", CASE_WORKERS)
        self.require_user(command.supervisor, "supervisor", frozenset({Role.SUPERVISOR}))
        with self._idempotent(idempotency) as replay:
            if replay is not None:
                return replay
            case = command.build(actor, self.clock())
            answer = {"case_id": str(case.id), "case_number": case.case_number}
            try:
                self.save(case, *self._answer_record(idempotency, answer))
            except IntegrityError:
                replay = self._replay(idempotency)
                if replay is not None:
                    return replay
                raise errors.DuplicateCase(
                    f"Case number {case.case_number!r} exists already.", field="case_number"
                ) from None
            return answer

    def handle(
        self,
        case_id: UUID,
        command: CaseCommand,
        actor: str,
        *,
        idempotency: IdempotencyRequest | None = None,
        expected_version: int | None = None,
    ) -> Answer:
        """Apply ``command`` to the current case and save its events, retrying conflicts."""
        with self._idempotent(idempotency) as replay:
            if replay is not None:
                return replay
            with self._locks[hash(case_id) % _LOCK_STRIPES]:
                for attempt in range(self.max_attempts):
                    _pause_before_retry(attempt)
                    case = self.get_case(case_id)
                    if expected_version is not None and case.version != expected_version:
                        raise errors.StaleVersion(
                            f"The case is at version {case.version}, not {expected_version}."
                        )
                    answer = command.apply(case, actor, self.clock())
                    try:
                        self.save(case, *self._answer_record(idempotency, answer))
                    except IntegrityError:
                        replay = self._replay(idempotency)
                        if replay is not None:
                            return replay
                        continue
                    return answer
        raise errors.ConcurrencyConflict("The case kept changing; nothing was recorded.")

    # -- idempotency ----------------------------------------------------------------

    @contextmanager
    def _idempotent(self, request: IdempotencyRequest | None) -> Iterator[Answer | None]:
        if request is None:
            yield None
            return
        slot = (request.owner, request.key)
        with self._in_flight_lock:
            if slot in self._in_flight:
                raise errors.IdempotencyKeyInFlight(
                    "A request with this Idempotency-Key is still being processed."
                )
            self._in_flight.add(slot)
        try:
            yield self._replay(request)
        finally:
            with self._in_flight_lock:
                self._in_flight.discard(slot)

    def _replay(self, request: IdempotencyRequest | None) -> Answer | None:
        if request is None:
            return None
        try:
            record: IdempotencyRecord = self.repository.get(
                IdempotencyRecord.create_id(request.owner, request.key)
            )
        except AggregateNotFoundError:
            return None
        if record.fingerprint != request.fingerprint:
            raise errors.IdempotencyKeyReused(
                "This Idempotency-Key was used with a different request."
            )
        return record.answer

    def _answer_record(self, request: IdempotencyRequest | None, answer: Answer) -> list[Aggregate]:
        if request is None:
            return []
        return [
            IdempotencyRecord(
                owner=request.owner,
                key=request.key,
                fingerprint=request.fingerprint,
                answer=answer,
                timestamp=self.clock(),
            )
        ]


def _pause_before_retry(attempt: int) -> None:
    """A short, growing, random pause so writers in two processes stop colliding in step."""
    if attempt:
        time.sleep(random.uniform(0, min(0.05, 0.001 * 2**attempt)))
