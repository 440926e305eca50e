"""Signed checkpoints of the whole-log chain, kept outside the database (E3).

A checkpoint states "the log held ``size`` events and its chain's head was ``head_hash``
at ``at``", signed with an Ed25519 key kept in a file (CASELEDGER_CHECKPOINT_KEY).
Checkpoints are appended to ``<key file>.checkpoints`` beside the key, never to the
database: a restored old backup or a consistent rewrite of events and hashes carries
its own consistent read model, but cannot change a signed statement it does not hold.

The signed message is the UTF-8 text ``caseledger-checkpoint-v1\\nsize=<decimal>\\n
head=<64 hex or empty>\\nat=<ISO 8601 instant>\\n``; the public key (raw, hex) is
printed by ``public_key_hex`` and stored beside the key as ``<key file>.pub`` (PEM).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import secrets
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

from projections.audit_entry import instant


@dataclasses.dataclass(frozen=True)
class Checkpoint:
    """One signed statement of the whole-log chain's size and head."""

    size: int
    head_hash: str | None
    at: str
    public_key: str
    signature: str

    def message(self) -> bytes:
        """The exact bytes that were signed."""
        return signed_message(self.size, self.head_hash, self.at)

    def as_dict(self) -> dict[str, object]:
        """JSON-safe, as stored and as exports carry it."""
        return dataclasses.asdict(self)


def signed_message(size: int, head_hash: str | None, at: str) -> bytes:
    """The checkpoint text that the signature covers."""
    return f"caseledger-checkpoint-v1\nsize={size}\nhead={head_hash or ''}\nat={at}\n".encode()


@dataclasses.dataclass(frozen=True)
class CheckpointCheck:
    """The latest signed checkpoint against the log recomputed from the events."""

    ok: bool
    size: int
    head_hash: str | None
    at: str
    reason: str | None


def checkpoints_path(key_path: Path) -> Path:
    """Where the checkpoints signed by this key are kept: beside it."""
    return key_path.with_name(key_path.name + ".checkpoints")


def load_key(key_path: Path) -> Ed25519PrivateKey:
    """The signing key, created on first use (mode 0600) with its public half beside it."""
    if not key_path.exists():
        _create_key(key_path)
    loaded = serialization.load_pem_private_key(key_path.read_bytes(), password=None)
    if not isinstance(loaded, Ed25519PrivateKey):
        raise ValueError(f"{key_path} does not hold an Ed25519 private key.")
    return loaded


def _create_key(key_path: Path) -> None:
    """Write a new key whole and then link it into place: of two processes racing to
    create it, one wins and the other reads the winner's complete file."""
    key_path.parent.mkdir(parents=True, exist_ok=True)
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    draft = key_path.with_name(f".{key_path.name}.{os.getpid()}.{secrets.token_hex(8)}")
    fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(pem)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(draft, 0o600)
        os.link(draft, key_path)
    except FileExistsError:
        return
    finally:
        draft.unlink(missing_ok=True)
    key_path.with_name(key_path.name + ".pub").write_text(_pem(key.public_key()))


def public_key_pem(key_path: Path) -> str:
    """The public key as PEM text, for a court or an auditor to keep."""
    return _pem(load_key(key_path).public_key())


def _pem(key: Ed25519PublicKey) -> str:
    return key.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    ).decode()


def public_key_hex(key_path: Path) -> str:
    """The raw 32-byte public key in hex, as printed by ``caseledger checkpoint``."""
    return _raw_hex(load_key(key_path).public_key())


def _raw_hex(key: Ed25519PublicKey) -> str:
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw).hex()


def create_checkpoint(
    key_path: Path, size: int, head_hash: str | None, at: dt.datetime
) -> Checkpoint:
    """Sign (size, head, at) and append the checkpoint beside the key (fsynced)."""
    key = load_key(key_path)
    when = instant(at)
    signature = key.sign(signed_message(size, head_hash, when)).hex()
    checkpoint = Checkpoint(size, head_hash, when, _raw_hex(key.public_key()), signature)
    with checkpoints_path(key_path).open("a", encoding="utf-8") as out:
        out.write(json.dumps(checkpoint.as_dict(), sort_keys=True) + "\n")
        out.flush()
        os.fsync(out.fileno())
    return checkpoint


def latest_checkpoint(key_path: Path) -> Checkpoint | None:
    """The last checkpoint written beside the key, or None (also for an unreadable line)."""
    path = checkpoints_path(key_path)
    if not path.exists():
        return None
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    if not lines:
        return None
    try:
        fields = json.loads(lines[-1])
        return Checkpoint(
            size=int(fields["size"]),
            head_hash=fields["head_hash"],
            at=str(fields["at"]),
            public_key=str(fields["public_key"]),
            signature=str(fields["signature"]),
        )
    except (ValueError, KeyError, TypeError):
        return Checkpoint(size=-1, head_hash=None, at="", public_key="", signature="")


def signature_valid(checkpoint: Checkpoint, key_path: Path) -> bool:
    """True when this key signed exactly this checkpoint (the stored public key is not
    trusted: a forger would store their own)."""
    public = _verifying_key(key_path)
    if public is None:
        return False
    try:
        public.verify(bytes.fromhex(checkpoint.signature), checkpoint.message())
    except (InvalidSignature, ValueError):
        return False
    return True


def _verifying_key(key_path: Path) -> Ed25519PublicKey | None:
    """The key's public half, from the key file or else ``.pub``; never creates one."""
    try:
        if key_path.exists():
            return load_key(key_path).public_key()
        public = serialization.load_pem_public_key(
            key_path.with_name(key_path.name + ".pub").read_bytes()
        )
    except (OSError, ValueError):
        return None
    return public if isinstance(public, Ed25519PublicKey) else None


def check(
    latest: Checkpoint, key_path: Path, events: int, hash_at_size: str | None
) -> CheckpointCheck:
    """Compare the latest checkpoint with the log as recomputed from the stored events:
    ``events`` in all, ``hash_at_size`` the whole-log chain's hash after ``latest.size``."""
    reason = None
    if not signature_valid(latest, key_path):
        reason = "the checkpoint's signature does not verify with this key"
    elif events < latest.size:
        reason = f"the log holds {events} events, fewer than the {latest.size} signed"
    elif latest.size > 0 and hash_at_size != latest.head_hash:
        reason = f"the log's hash at event {latest.size} differs from the signed head"
    elif latest.size == 0 and latest.head_hash is not None:
        reason = "the signed head does not describe an empty log"
    return CheckpointCheck(reason is None, latest.size, latest.head_hash, latest.at, reason)
