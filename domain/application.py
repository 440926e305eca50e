"""CaseLedger: the service layer. Commands in, ids and plain data out.

It is handed its store settings (a mapping) and a clock by the caller and never reads
the process environment or the wall clock itself. Commands on one case are serialised
within the process. The process keeps each case it saved and the next command changes
it in place, with no read before the save; a save that collides with another process's
write catches up on the events it missed and retries on a copy, a bounded number of times.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import random
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any, Protocol, cast
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError, Application
from eventsourcing.domain import Aggregate
from eventsourcing.persistence import (
    InfrastructureFactory,
    IntegrityError,
    JSONTranscoder,
    PersistenceError,
)
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
from domain.working_copy import working_copy

Clock = Callable[[], dt.datetime]
Answer = dict[str, Any]

_LOCK_STRIPES = 64
_CACHED_CASES = 256
_LIBRARY_ATTEMPTS = 10
"""eventsourcing.postgres retries a statement that failed (a lock timeout too) 10 times."""


@dataclasses.dataclass(frozen=True)
class IdempotencyRequest:
    """A caller's Idempotency-Key and the fingerprint of what they asked."""

    owner: str
    key: str
    fingerprint: str


class LedgerCommand(Protocol):
    """A command over any aggregates: it loads what it needs and returns what to save."""

    def decide(
        self, ledger: CaseLedger, actor: str, at: dt.datetime
    ) -> tuple[Sequence[Aggregate], Answer]: ...


class CaseLedger(Application[UUID]):
    """The event-sourced case record."""

    name = "CaseLedger"
    snapshot_interval = 100
    """A case is snapshotted every this many versions while small (see snapshot_step)."""
    log_section_size = 500
    max_attempts = 200
    """Saves tried per command: against another process streaming writes to the same case
    a retry wins only now and then (that process's threads queue on the case and save back
    to back), so the bound is generous: with the pauses below, several seconds."""

    def __init__(self, env: Mapping[str, str], clock: Clock) -> None:
        self.clock = clock
        self._locks = [threading.Lock() for _ in range(_LOCK_STRIPES)]
        self._in_flight: set[tuple[str, str]] = set()
        self._in_flight_lock = threading.Lock()
        self._command_cases: OrderedDict[UUID, Case] = OrderedDict()
        self._cache_lock = threading.Lock()
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
        return Environment(name, settings)

    def construct_factory(self, env: Environment) -> InfrastructureFactory[Any]:
        """The library's factory; on PostgreSQL reads too give up waiting for a lock.

        The library sets ``lock_timeout`` only around its inserts, so a read behind a
        held table lock would wait for ever; every pooled connection gets a session value.
        """
        factory = super().construct_factory(env)
        datastore: Any = getattr(factory, "datastore", None)
        pool = getattr(datastore, "pool", None)
        if self._lock_wait_ms and pool is not None:
            options = f"{pool.kwargs.get('options', '')} -c lock_timeout={self._lock_wait_ms}"
            pool.kwargs["options"] = options.strip()
            # Its inserts' own "SET LOCAL lock_timeout = '<n>s'" takes a fraction as well
            # (the setting itself only whole seconds); read when the recorders are built.
            datastore.lock_timeout = self._lock_wait_ms / 1000
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
        team = worker.team if worker else None
        return CaseParties(case.worker, case.supervisor, team, case.program)

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
        """Apply ``command`` to the current case and save its events, retrying conflicts.

        A reused Idempotency-Key is found without an extra read: its record collides at
        the save, and a refused command looks for it before refusing. Either way the
        first answer stands and nothing new is recorded.
        """
        with self._idempotent(idempotency, look_first=False):
            try:
                return self._apply(case_id, command, actor, idempotency, expected_version)
            except errors.DomainError:
                replay = self._replay(idempotency)
                if replay is not None:
                    return replay
                raise

    def _apply(
        self,
        case_id: UUID,
        command: CaseCommand,
        actor: str,
        idempotency: IdempotencyRequest | None,
        expected_version: int | None,
    ) -> Answer:
        with self._locks[hash(case_id) % _LOCK_STRIPES]:
            kept: Case | None = self._case_for_command(case_id)
            bound: CaseCommand | None = None
            try:
                for attempt in range(self.max_attempts):
                    _pause_before_retry(attempt)
                    if kept is None:
                        kept = self.get_case(case_id)
                    elif attempt or (
                        expected_version is not None and kept.version != expected_version
                    ):
                        # A kept case may lag other processes: the save's version check
                        # catches that; catch up then, and before judging If-Match.
                        kept = self._fast_forward(kept)
                    if expected_version is not None and kept.version != expected_version:
                        raise errors.StaleVersion(
                            f"The case is at version {kept.version}, not {expected_version}."
                        )
                    # The first try changes the kept case itself; a retry follows a
                    # conflict, so it works on a copy and another conflict costs no reload.
                    case = kept if attempt == 0 else working_copy(kept)
                    since = kept.version
                    run = bound or _bound(command, case)
                    try:
                        answer = run.apply(case, actor, self.clock())
                        self.save(case, *self._answer_record(idempotency, answer))
                    except BaseException as exc:
                        unsure = case.version != since or not isinstance(exc, errors.DomainError)
                        if case is kept and unsure:
                            kept = None  # it may hold changes that were never saved
                        if (
                            attempt == 0
                            and kept is not None
                            and isinstance(exc, errors.DomainError)
                        ):
                            # A refusal judged on a kept case that lags other processes is
                            # judged again on the case as stored.
                            kept = self._fast_forward(kept)
                            if kept.version != since:
                                continue
                        if not isinstance(exc, IntegrityError):
                            raise
                        # Another write came first: the retry is the same command, still
                        # bound to what it saw (a review to the decision's version).
                        bound = run
                        replay = self._replay(idempotency)
                        if replay is not None:
                            return replay
                        continue
                    self._snapshot_if_due(case, since=since)
                    kept = case
                    return answer
            finally:
                if kept is not None:
                    self._keep_for_commands(kept)
        raise errors.ConcurrencyConflict("The case kept changing; nothing was recorded.")

    def _case_for_command(self, case_id: UUID) -> Case:
        """The case as this process last saved it, else loaded from the store.

        Loading a large case decodes its snapshot and every later event; a kept case
        costs nothing, and if another process wrote since, the save says so.
        """
        with self._cache_lock:
            case = self._command_cases.pop(case_id, None)
        return self.get_case(case_id) if case is None else case

    def _fast_forward(self, case: Case) -> Case:
        for stored in self.events.get(case.id, gt=case.version):
            case = cast(Case, cast(Aggregate.Event, stored).mutate(case))
        return case

    def _snapshot_if_due(self, case: Case, since: int) -> None:
        """Snapshot the case just saved when it passed a multiple of the interval.

        It is taken from the case in hand, as saved: the library's own snapshotting
        would load the whole case again from the store first.
        """
        step = snapshot_step(case.version, self.snapshot_interval)
        if self.snapshots is None or case.version // step <= since // step:
            return
        with contextlib.suppress(PersistenceError):  # a snapshot only speeds up loading
            self.snapshots.put([Case.Snapshot.take(case)])

    def _keep_for_commands(self, case: Case) -> None:
        with self._cache_lock:
            self._command_cases[case.id] = case
            while len(self._command_cases) > _CACHED_CASES:
                self._command_cases.popitem(last=False)

    def execute(
        self,
        command: LedgerCommand,
        actor: str,
        *,
        idempotency: IdempotencyRequest | None = None,
    ) -> Answer:
        """Decide ``command`` on freshly loaded aggregates and save them in one transaction.

        For commands that span aggregates (e.g. a referral and its volunteer): a save that
        collides with another writer reloads and decides again, bounded.
        """
        with self._idempotent(idempotency) as replay:
            if replay is not None:
                return replay
            for attempt in range(self.max_attempts):
                _pause_before_retry(attempt)
                pending, answer = command.decide(self, actor, self.clock())
                try:
                    self.save(*pending, *self._answer_record(idempotency, answer))
                except IntegrityError:
                    replay = self._replay(idempotency)
                    if replay is not None:
                        return replay
                    continue
                return answer
        raise errors.ConcurrencyConflict("The record kept changing; nothing was recorded.")

    # -- idempotency ----------------------------------------------------------------

    @contextmanager
    def _idempotent(
        self, request: IdempotencyRequest | None, look_first: bool = True
    ) -> Iterator[Answer | None]:
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
            yield self._replay(request) if look_first else None
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


def snapshot_step(version: int, interval: int) -> int:
    """How many versions apart a case of ``version`` is snapshotted.

    ``interval`` while the case is small, then doubling as it grows: a snapshot holds
    the whole case, so its cost per command stays bounded, while a cold load still
    replays at most about an eighth of the case's events after its latest snapshot.
    """
    step = interval
    while version > step * 8:
        step *= 2
    return step


class BindsToWhatItSaw(Protocol):
    """A command whose retry after a conflicting write must still mean what it meant."""

    def bound_to(self, case: Case) -> CaseCommand: ...


def _bound(command: CaseCommand, case: Case) -> CaseCommand:
    """The command bound to the case as this attempt sees it, if it binds at all.

    An attribute lookup rather than ``isinstance`` on a runtime protocol: this runs on
    every command, and a protocol check costs more than the rest of the dispatch.
    """
    if not hasattr(command, "bound_to"):
        return command
    return cast(BindsToWhatItSaw, command).bound_to(case)


def _pause_before_retry(attempt: int) -> None:
    """After a few immediate retries, a short random pause (growing to 50 ms at most)
    breaks a lockstep of two losers and lets a process streaming writes run dry."""
    if attempt > 2:
        time.sleep(random.uniform(0, min(0.05, 0.001 * 2**attempt)))
