"""Obligation ids: name-based UUIDs (version 5) that a rebuild reproduces exactly.

``obligation_id`` builds the UUID from the SHA-1 digest itself (faster than ``uuid5``);
these tests hold it to ``uuid5`` of the same name, so no stored id ever changes.
"""

from __future__ import annotations

import pickle
from uuid import NAMESPACE_URL, UUID, SafeUUID, uuid4, uuid5

from hypothesis import given
from hypothesis import strategies as st

from domain.policy.obligation import Kind, obligation_id

NAMESPACE = uuid5(NAMESPACE_URL, "/caseledger/obligations")


def reference(case_id: UUID, parent_id: UUID | None, kind: Kind, period: str, detail: str) -> UUID:
    """The id as ``uuid5`` computes it from the documented name."""
    parent = "-" if parent_id is None else parent_id.hex
    name = f"{case_id.hex}/{parent}/{kind.value}/{period}"
    return uuid5(NAMESPACE, f"{name}/{detail}" if detail else name)


@given(
    case_id=st.uuids(),
    parent_id=st.none() | st.uuids(),
    kind=st.sampled_from(Kind),
    period=st.text(),
    detail=st.text(),
)
def test_the_id_is_uuid5_of_the_name(
    case_id: UUID, parent_id: UUID | None, kind: Kind, period: str, detail: str
) -> None:
    made = obligation_id(case_id, parent_id, kind, period, detail)
    expected = reference(case_id, parent_id, kind, period, detail)
    assert made == expected
    assert made.int == expected.int
    assert str(made) == str(expected)
    assert hash(made) == hash(expected)
    assert made.version == 5
    assert made.variant == expected.variant
    assert made.is_safe is SafeUUID.unknown


def test_known_ids_do_not_move() -> None:
    """Ids already stored by earlier versions stay the same (fixed inputs, fixed answers)."""
    case_id = UUID("6f1c1f2e-4a53-5b0e-9d43-7c6a0e2b9f10")
    parent_id = UUID("0b7e7c3c-5d1a-4e0e-8f7a-2c1d9e3b4a55")
    assert obligation_id(case_id, parent_id, Kind.MONTHLY_CONTACT, "2026-03") == uuid5(
        NAMESPACE, f"{case_id.hex}/{parent_id.hex}/monthly_contact/2026-03"
    )
    assert obligation_id(case_id, None, Kind.PPT_TASK, "2026-03-09", "ab") == uuid5(
        NAMESPACE, f"{case_id.hex}/-/ppt_task/2026-03-09/ab"
    )


def test_the_id_behaves_as_any_uuid() -> None:
    made = obligation_id(uuid4(), uuid4(), Kind.DOCUMENTATION, "2026-03-09", "c0ffee")
    assert pickle.loads(pickle.dumps(made)) == made
    assert UUID(str(made)) == made
    assert {made: 1}[UUID(made.hex)] == 1
    assert made.bytes == UUID(int=made.int).bytes
