"""The court-ready history of a 1,000-event case: JSON and PDF (issue 5).

One NH-CPS case on a fresh SQLite store, opened with a custodial mother and 998
contacts recorded through the API; the first call catches the audit trail up (not
timed); then ``GET /api/v1/cases/{id}/audit`` 20 times and ``?format=pdf`` 3 times.
Targets: JSON < 100 ms, PDF < 2 s.
"""

from __future__ import annotations

import datetime as dt
import statistics
import time

from bench.stores import NOW, FixedClock, fresh_url
from domain.values import Role
from web import close_app, create_app

EVENTS = 1_000
JSON_CALLS = 20
PDF_CALLS = 3


def _p50(client: object, path: str, headers: dict[str, str], calls: int) -> float:
    return statistics.median(_timed(client, path, headers, calls))


def _timed(client: object, path: str, headers: dict[str, str], calls: int) -> list[float]:
    spent = []
    for _ in range(calls):
        started = time.perf_counter()
        response = client.get(path, headers=headers)  # type: ignore[attr-defined]
        spent.append(time.perf_counter() - started)
        assert response.status_code == 200, response.data[:300]
    return spent


def _case(client: object, headers: dict[str, str]) -> str:
    def post(path: str, body: dict[str, object]) -> dict[str, str]:
        response = client.post(f"/api/v1{path}", json=body, headers=headers)  # type: ignore[attr-defined]
        assert response.status_code == 201, response.json
        answer: dict[str, str] = response.json
        return answer

    opened = NOW - dt.timedelta(days=EVENTS + 5)
    case_id = post(
        "/cases",
        {
            "case_number": "BENCH-AUDIT-1",
            "program": "NH-CPS",
            "opened_on": opened.date().isoformat(),
            "worker": "worker",
            "supervisor": "supervisor",
        },
    )["case_id"]
    mother = post(
        f"/cases/{case_id}/parents",
        {"name": "Maria Lopez", "relationship": "biological", "custodial": True},
    )["parent_id"]
    for day in range(EVENTS - 2):
        post(
            f"/cases/{case_id}/contacts",
            {
                "parent_id": mother,
                "occurred_at": (opened + dt.timedelta(days=day + 1)).isoformat(),
                "method": "in_home",
                "outcome": "completed",
                "purpose": "Monthly visit",
                "narrative": f"Visit {day}: the children were at school.",
            },
        )
    return case_id


def run() -> list[str]:
    """One line: the JSON and the PDF of the same case."""
    with fresh_url("sqlite") as url:
        app = create_app({"DATABASE_URL": url, "CLOCK": FixedClock()})
        try:
            ledger = app.extensions["caseledger"]
            token = ledger.add_user("worker", Role.CASEWORKER, "bench", actor="bench")
            ledger.add_user("supervisor", Role.SUPERVISOR, "bench", actor="bench")
            headers = {"Authorization": f"Bearer {token}"}
            client = app.test_client()
            case_id = _case(client, headers)
            path = f"/api/v1/cases/{case_id}/audit"
            entries = len(client.get(path, headers=headers).json["entries"])
            json_p50 = _p50(client, path, headers, JSON_CALLS)
            pdf = _timed(client, path + "?format=pdf", headers, PDF_CALLS)
        finally:
            close_app(app)
    return [
        f"audit of a {entries:,}-entry case: JSON p50 {json_p50 * 1000:.1f} ms over"
        f" {JSON_CALLS} calls (target < 100 ms); PDF p50 {statistics.median(pdf):.2f} s over"
        f" {PDF_CALLS} calls (target < 2 s; the first, which loads WeasyPrint, {pdf[0]:.2f} s)"
    ]


if __name__ == "__main__":
    print("\n".join(run()))
