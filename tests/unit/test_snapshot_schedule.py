"""When a case is snapshotted: often while small, then at growing steps."""

from __future__ import annotations

from domain.application import snapshot_step


def test_snapshots_are_a_hundred_versions_apart_while_small_then_further_as_a_case_grows():
    assert [snapshot_step(v, 100) for v in (1, 100, 800)] == [100, 100, 100]
    assert [snapshot_step(v, 100) for v in (801, 1600, 1601, 3200)] == [200, 200, 400, 400]
    due = [v for v in range(1, 2001) if v % snapshot_step(v, 100) == 0]
    assert due[:8] == [100, 200, 300, 400, 500, 600, 700, 800]
    assert due[8:] == [1000, 1200, 1400, 1600, 2000]
