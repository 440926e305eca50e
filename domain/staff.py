"""Staff records: who may use the service, in which role and team.

Role grants and tokens are events too, so who could do what on a given day is itself
part of the record. Only a SHA-256 digest of a token is ever stored.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import Aggregate, event

from domain.values import Role


def token_digest(token: str) -> str:
    """The SHA-256 hex digest by which a token is stored and matched."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class Staff(Aggregate):
    """A member of staff: username, role, team and the digests of their tokens."""

    class StaffEnrolled(Aggregate.Created):
        username: str
        team: str | None
        actor: str

    class RoleGranted(Aggregate.Event):
        role: Role
        actor: str

    class TokenIssued(Aggregate.Event):
        digest: str
        actor: str

    class TokenRevoked(Aggregate.Event):
        digest: str
        actor: str

    @staticmethod
    def create_id(username: str) -> UUID:
        """A user's id derives from the username, so a duplicate is refused."""
        return uuid5(NAMESPACE_URL, f"/caseledger/staff/{username}")

    @event(StaffEnrolled)
    def __init__(self, username: str, team: str | None, actor: str, timestamp: dt.datetime) -> None:
        self.username = username
        self.team = team
        self.role: Role | None = None
        self.digests: list[str] = []

    def grant_role(self, role: Role, *, actor: str, at: dt.datetime) -> None:
        """Give the user a role (it replaces the previous one)."""
        self._role_granted(role=role, actor=actor, timestamp=at)

    @event(RoleGranted)
    def _role_granted(self, role: Role, actor: str, timestamp: dt.datetime) -> None:
        self.role = role

    def issue_token(self, digest: str, *, actor: str, at: dt.datetime) -> None:
        """Accept a new token, known here only by its digest."""
        self._token_issued(digest=digest, actor=actor, timestamp=at)

    @event(TokenIssued)
    def _token_issued(self, digest: str, actor: str, timestamp: dt.datetime) -> None:
        self.digests.append(digest)

    def revoke_token(self, digest: str, *, actor: str, at: dt.datetime) -> None:
        """Stop accepting a token."""
        if digest in self.digests:
            self._token_revoked(digest=digest, actor=actor, timestamp=at)

    @event(TokenRevoked)
    def _token_revoked(self, digest: str, actor: str, timestamp: dt.datetime) -> None:
        self.digests.remove(digest)


class TokenIndex(Aggregate):
    """Finds a user from a token digest without scanning every staff record."""

    class TokenRegistered(Aggregate.Created):
        digest: str
        username: str

    @staticmethod
    def create_id(digest: str) -> UUID:
        """The index entry's id derives from the digest it resolves."""
        return uuid5(NAMESPACE_URL, f"/caseledger/tokens/{digest}")

    @event(TokenRegistered)
    def __init__(self, digest: str, username: str, timestamp: dt.datetime) -> None:
        self.digest = digest
        self.username = username
