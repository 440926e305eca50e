"""Concurrent requests on one case: nothing lost, no lost update (catalogue C1, C3)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from uuid import UUID

from flask import Flask

from tests.e2e.conftest import API, Api


def run_together(count: int, work: Callable[[int], int]) -> list[int]:
    """Start ``count`` threads behind a barrier; their answers in thread order."""
    barrier = threading.Barrier(count)
    results = [0] * count

    def run(index: int) -> None:
        barrier.wait()
        results[index] = work(index)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_contacts_posted_at_once_are_all_kept_with_contiguous_versions(
    app: Flask, api: Api
) -> None:
    case_id = api.open_case()
    parent_id = api.add_parent(case_id)
    body = {
        "parent_id": parent_id,
        "occurred_at": "2026-03-09T10:00:00-04:00",
        "method": "phone",
        "outcome": "attempted",
        "purpose": "Monthly call",
    }
    path = f"{API}/cases/{case_id}/contacts"

    def post_five(index: int) -> int:
        client = app.test_client()
        codes = [
            client.post(path, json=body, headers=api.headers("alice")).status_code for _ in range(5)
        ]
        return sum(code == 201 for code in codes)

    assert run_together(8, post_five) == [5] * 8
    stored = [e.originator_version for e in api.ledger.events.get(UUID(case_id))]
    assert stored == list(range(1, len(stored) + 1))
    assert len(api.get(f"/cases/{case_id}", "alice").json["contacts"]) == 40


def test_two_writes_from_the_same_read_with_if_match_give_one_201_and_one_412(
    app: Flask, api: Api
) -> None:
    case_id = api.open_case()
    etag = api.get(f"/cases/{case_id}", "alice").headers["ETag"]
    before = api.events()

    def post(index: int) -> int:
        body = {
            "effective_on": f"2026-02-0{index + 1}",
            "children_in_home": True,
            "in_placement": False,
        }
        headers = api.headers("alice", {"If-Match": etag})
        return (
            app.test_client()
            .post(f"{API}/cases/{case_id}/household", json=body, headers=headers)
            .status_code
        )

    assert sorted(run_together(2, post)) == [201, 412]
    assert api.events() == before + 1
