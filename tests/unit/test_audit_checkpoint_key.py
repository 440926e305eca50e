"""The checkpoint key file: created once, whole, readable by its owner only."""

import stat
import threading

from projections.checkpoint import load_key, public_key_hex, public_key_pem


def test_processes_racing_to_create_the_key_all_end_up_with_the_same_key(tmp_path):
    path = tmp_path / "var" / "checkpoint.key"
    start = threading.Barrier(8)
    found = []

    def create():
        start.wait()
        found.append(public_key_hex(path))

    threads = [threading.Thread(target=create) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(set(found)) == 1
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert sorted(p.name for p in path.parent.iterdir()) == ["checkpoint.key", "checkpoint.key.pub"]


def test_the_public_key_prints_as_pem_matching_the_file_beside_the_key(tmp_path):
    path = tmp_path / "checkpoint.key"
    load_key(path)
    assert public_key_pem(path) == (tmp_path / "checkpoint.key.pub").read_text()
    assert public_key_pem(path).startswith("-----BEGIN PUBLIC KEY-----")
