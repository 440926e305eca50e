"""The obligations list for a supervisor with 500 cases, through the Flask test client.

One team (a supervisor, ten caseworkers with 50 synthetic cases each) on a fresh SQLite
store; the first call catches the read model up (not timed); then 50 timed calls of
``GET /api/v1/obligations?status=open,missed`` and 50 of the unfiltered list. Target
(issue 3): p50 < 50 ms.
"""

from __future__ import annotations

import statistics
import time

from bench.stores import FixedClock, fresh_url
from web import close_app, create_app
from web.synthetic_runs import enrol, save_in_bulk, stories

CALLS = 50
CASES = 500
SEED = 7


def _timed(client: object, path: str, headers: dict[str, str]) -> tuple[list[float], int]:
    spent, count = [], 0
    for _ in range(CALLS):
        started = time.perf_counter()
        response = client.get(path, headers=headers)  # type: ignore[attr-defined]
        spent.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.data
        count = len(response.json["obligations"])
    return spent, count


def _line(label: str, spent: list[float], count: int) -> str:
    p50 = statistics.median(spent)
    p95 = statistics.quantiles(spent, n=20)[-1]
    return (
        f"obligations list ({label}), supervisor with {CASES} cases, {count:,} obligations:"
        f" p50 {p50:.1f} ms, p95 {p95:.1f} ms over {CALLS} calls (target p50 < 50 ms)"
    )


def run() -> list[str]:
    """Two lines: the filtered and the unfiltered list."""
    clock = FixedClock()
    with fresh_url("sqlite") as url:
        app = create_app({"DATABASE_URL": url, "CLOCK": clock})
        try:
            ledger = app.extensions["caseledger"]
            pairs = enrol(ledger, teams=1, workers_per_team=10)
            save_in_bulk(ledger, stories(SEED, ledger, pairs, count=CASES))
            token = ledger.issue_token(pairs[0][1], actor="bench")
            headers = {"Authorization": f"Bearer {token}"}
            client = app.test_client()
            assert client.get("/api/v1/obligations", headers=headers).status_code == 200
            lines = []
            for label, query in (("status=open,missed", "?status=open,missed"), ("all", "")):
                spent, count = _timed(client, f"/api/v1/obligations{query}", headers)
                lines.append(_line(label, spent, count))
            return lines
        finally:
            close_app(app)


if __name__ == "__main__":
    print("\n".join(run()))
