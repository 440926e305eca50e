"""The audit hash chains, defined so that a court can recompute them with SHA-256 alone.

Recipe (version 1). Each stored event is taken exactly as the event store holds it:

* ``id``      the originator id as 36 lowercase characters with hyphens
              (``1b4e28ba-2fa1-11d2-883f-0016d3cca427``; SQLite stores it as 32 hex
              digits without hyphens, PostgreSQL as a ``uuid``);
* ``version`` the originator version in decimal ASCII (``1``, ``2``, ...);
* ``topic``   the topic column, UTF-8 (``domain.case:Case.ContactRecorded``);
* ``state``   the state column's bytes exactly as stored (encrypted or compressed
              bytes when the store is configured so; nothing is decoded).

Each field is written as a netstring: its length in bytes in decimal ASCII, ``:``, the
bytes, ``,`` (``3:abc,``). An entry's hash is the lowercase hex SHA-256 of

    N(prev) N(id) N(version) N(topic) N(state)

where ``prev`` is the previous entry's hash (64 hex characters) or empty for the first
entry (``0:,``). Two chains use this recipe: each case's chain over its own events in
version order (seq 1..n), and the whole-log chain over every event in notification
order (consecutive rows; PostgreSQL ids may have gaps, which are not tampering).

In a shell, the first entry of a case (``state.bin`` holding the state column):

    { printf '0:,36:%s,1:1,%d:%s,%d:' "$ID" ${#TOPIC} "$TOPIC" "$(stat -c%s state.bin)"
      cat state.bin; printf ','; } | sha256sum
"""

from __future__ import annotations

import functools
import hashlib
from uuid import UUID

RECIPE = "caseledger-audit-v1"


def netstring(data: bytes) -> bytes:
    """``len:data,`` — each field framed by its length, so no two events hash alike."""
    return b"%d:%s," % (len(data), data)


def canonical_id(stored: object) -> str:
    """The originator id in its 36-character form, whatever the store's column holds."""
    try:
        return _canonical_id(stored)
    except TypeError:  # an unhashable value in a damaged row
        return _canonical_id.__wrapped__(stored)


@functools.lru_cache(maxsize=1 << 16)
def _canonical_id(stored: object) -> str:
    if isinstance(stored, UUID):
        return str(stored)
    text = "" if stored is None else str(stored)
    try:
        return str(UUID(text))
    except ValueError:
        return text  # a damaged id: hashed as it stands, so it cannot match


def event_body(stored_id: object, version: object, topic: object, state: object) -> bytes:
    """The fields after ``prev`` in the recipe; a NULL column is an empty field."""
    return b"".join(
        (
            netstring(canonical_id(stored_id).encode()),
            netstring(b"" if version is None else str(version).encode()),
            netstring(b"" if topic is None else str(topic).encode()),
            netstring(state_bytes(state)),
        )
    )


def state_bytes(state: object) -> bytes:
    """The state column's bytes; a forged row may hold text, a number or NULL instead."""
    if isinstance(state, bytes | bytearray | memoryview):
        return bytes(state)
    return b"" if state is None else str(state).encode()


def chain(prev: str | None, body: bytes) -> str:
    """The next hash of a chain: SHA-256 over the previous hash and the event's body."""
    digest = hashlib.sha256(netstring((prev or "").encode()))
    digest.update(body)
    return digest.hexdigest()
