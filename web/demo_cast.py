"""Who and what the demo holds: its staff, its cases and the names it draws on."""

from __future__ import annotations

import dataclasses
from uuid import UUID

from domain.case import Case
from domain.values import Program, Role


@dataclasses.dataclass(frozen=True)
class DemoUser:
    """A member of staff in the demo."""

    username: str
    role: Role
    team: str | None


USERS = (
    DemoUser("maria.alvarez", Role.CASEWORKER, "concord"),
    DemoUser("james.oconnor", Role.CASEWORKER, "concord"),
    DemoUser("lena.park", Role.CASEWORKER, "nashville"),
    DemoUser("tomas.reyes", Role.CASEWORKER, "nashville"),
    DemoUser("grace.liu", Role.SUPERVISOR, "concord"),
    DemoUser("david.mensah", Role.SUPERVISOR, "nashville"),
    DemoUser("ruth.keller", Role.AUDITOR, None),
    DemoUser("hannah.brooks", Role.PBP_COORDINATOR, None),
    DemoUser("petra.walsh", Role.PERMANENCY_WORKER, "concord"),
    DemoUser("admin", Role.ADMIN, None),
)

# case number, programme, worker, supervisor: fixed, so a later run can name them again
CASES = (
    ("NH-CPS-2026-0101", Program.NH_CPS, "maria.alvarez", "grace.liu"),
    ("NH-CPS-2026-0102", Program.NH_CPS, "maria.alvarez", "grace.liu"),
    ("NH-CPS-2026-0103", Program.NH_CPS, "maria.alvarez", "grace.liu"),
    ("NH-CPS-2026-0104", Program.NH_CPS, "james.oconnor", "grace.liu"),
    ("NH-JJS-2026-0201", Program.NH_JJS, "james.oconnor", "grace.liu"),
    ("NH-JJS-2026-0202", Program.NH_JJS, "james.oconnor", "grace.liu"),
    ("NH-JJS-2026-0203", Program.NH_JJS, "maria.alvarez", "grace.liu"),
    ("TN-DCS-2026-0301", Program.TN_DCS, "lena.park", "david.mensah"),
    ("TN-DCS-2026-0302", Program.TN_DCS, "lena.park", "david.mensah"),
    ("TN-DCS-2026-0303", Program.TN_DCS, "tomas.reyes", "david.mensah"),
    ("TN-DCS-2026-0304", Program.TN_DCS, "tomas.reyes", "david.mensah"),
    ("TN-DCS-2026-0305", Program.TN_DCS, "lena.park", "david.mensah"),
)

FIRST_NAMES = ("Maria", "Dana", "Keisha", "Amy", "Rosa", "Tiffany", "Jessica", "Nicole")
OTHER_NAMES = ("Marcus", "Jason", "Luis", "Terrell", "Brian", "Kevin", "Andre", "Cody")
SURNAMES = ("Lopez", "Smith", "Johnson", "Nguyen", "Brown", "Davis", "Carter", "Walker")
PLACES = ("Family home", "DCYF district office", "County jail visiting room", "Library")


def case_id(case_number: str) -> UUID:
    """The id of a demo case."""
    return Case.create_id(case_number)


def example_case(user: DemoUser) -> UUID | None:
    """A demo case this user may read, for the example curl."""
    for number, program, worker, supervisor in CASES:
        if user.role is Role.AUDITOR or user.username in (worker, supervisor):
            return case_id(number)
        if user.role is Role.PERMANENCY_WORKER and program is Program.NH_JJS:
            return case_id(number)
    return None
