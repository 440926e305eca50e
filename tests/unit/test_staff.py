"""Staff records and the token index: roles, teams and token digests are events too."""

from __future__ import annotations

import datetime as dt
import hashlib

from domain.staff import Staff, TokenIndex, token_digest
from domain.values import Role
from tests.unit.builders import NOW


def enrolled(username: str = "wendy", team: str | None = "north") -> Staff:
    return Staff(username=username, team=team, actor="admin", timestamp=NOW)


def test_token_digest_is_the_sha256_hex_of_the_token():
    assert token_digest("abc") == hashlib.sha256(b"abc").hexdigest()
    assert token_digest("abc") != token_digest("abd")


def test_staff_id_derives_from_the_username():
    assert enrolled("wendy").id == Staff.create_id("wendy")
    assert Staff.create_id("wendy") != Staff.create_id("Wendy")


def test_enrolled_staff_has_no_role_until_one_is_granted():
    staff = enrolled()
    assert (staff.username, staff.team, staff.role) == ("wendy", "north", None)
    staff.grant_role(Role.CASEWORKER, actor="admin", at=NOW)
    staff.grant_role(Role.SUPERVISOR, actor="root", at=NOW + dt.timedelta(minutes=1))
    assert staff.role is Role.SUPERVISOR
    events = staff.collect_events()
    assert [type(e).__name__ for e in events] == ["StaffEnrolled", "RoleGranted", "RoleGranted"]
    assert [e.actor for e in events] == ["admin", "admin", "root"]
    assert events[-1].timestamp == NOW + dt.timedelta(minutes=1)


def test_only_the_digest_of_a_token_is_kept_and_revoking_removes_it():
    staff = enrolled()
    first, second = token_digest("t1"), token_digest("t2")
    staff.issue_token(first, actor="admin", at=NOW)
    staff.issue_token(second, actor="admin", at=NOW)
    staff.revoke_token(first, actor="admin", at=NOW)
    assert staff.digests == [second]
    assert "t1" not in repr(vars(staff))


def test_revoking_a_token_the_user_does_not_hold_records_nothing():
    staff = enrolled()
    staff.collect_events()
    staff.revoke_token(token_digest("never issued"), actor="admin", at=NOW)
    assert staff.collect_events() == []


def test_token_index_finds_the_username_from_the_digest():
    digest = token_digest("secret")
    index = TokenIndex(digest=digest, username="wendy", timestamp=NOW)
    assert index.id == TokenIndex.create_id(digest)
    assert index.username == "wendy"
    assert index.created_on == NOW
