"""Decisions, reviews, consultations, court orders and determinations over HTTP."""

from __future__ import annotations

from typing import Any

import pytest

from domain.values import Role
from tests.e2e.conftest import Api, assert_problem


def decision(parent_id: str, **fields: Any) -> dict[str, Any]:
    """A decision to meet a parent outside the home, documented (ENG-IV)."""
    return {
        "kind": "meet_outside_home",
        "parent_id": parent_id,
        "effective_on": "2026-01-12",
        "rationale": "The partner threatened staff at the home.",
        "supporting_information": "Police report 26-114; consultation with the FVPS.",
    } | fields


def consultation(**fields: Any) -> dict[str, Any]:
    """A consultation with the supervisor."""
    return {
        "with_role": "supervisor",
        "consultant": "sam",
        "occurred_at": "2026-01-09T10:00:00-05:00",
        "topic": "Safety of home visits",
        "outcome": "Plan phone calls until the risk is resolved",
    } | fields


def review(outcome: str, **fields: Any) -> dict[str, Any]:
    """A supervisor's review."""
    return {"outcome": outcome, "notes": "Discussed with the worker."} | fields


@pytest.fixture
def case(api: Api) -> tuple[str, str]:
    """alice's NH-CPS case with a custodial mother, children at home."""
    case_id = api.open_case()
    parent_id = api.add_parent(case_id)
    home = {"effective_on": "2026-01-05", "children_in_home": True, "in_placement": False}
    assert api.post(f"/cases/{case_id}/household", home, "alice").status_code == 201
    return case_id, parent_id


def _decide(api: Api, case_id: str, body: dict[str, Any], as_user: str = "alice") -> Any:
    return api.post(f"/cases/{case_id}/decisions", body, as_user)


def test_a_documented_decision_is_pending_review_and_shows_on_the_case(
    api: Api, case: tuple[str, str]
) -> None:
    case_id, parent_id = case
    response = _decide(api, case_id, decision(parent_id))
    assert response.status_code == 201, response.json
    assert response.json["status"] == "pending_review"
    (shown,) = api.get(f"/cases/{case_id}", "alice").json["open_decisions"]
    assert shown["decision_id"] == response.json["decision_id"]
    assert shown["decision_hash"] == response.json["decision_hash"]
    assert (shown["recorded_by"], shown["status"]) == ("alice", "pending_review")


@pytest.mark.parametrize("field", ["rationale", "supporting_information"])
@pytest.mark.parametrize("blank", [None, "", "  ", "missing"])
def test_a_decision_without_rationale_or_supporting_information_is_refused_naming_eng_iv(
    api: Api, case: tuple[str, str], field: str, blank: str | None
) -> None:
    case_id, parent_id = case
    body = decision(parent_id)
    if blank == "missing":
        del body[field]
    else:
        body[field] = blank
    before = api.events()
    problem = assert_problem(_decide(api, case_id, body), 422)
    assert problem["clause"] == "ENG-IV"
    assert field in problem["errors"]
    assert api.events() == before


def test_an_alternative_contact_plan_without_a_supervisor_consultation_names_eng_iii_a(
    api: Api, case: tuple[str, str]
) -> None:
    case_id, parent_id = case
    fvps = api.post(f"/cases/{case_id}/consultations", consultation(with_role="fvps"), "alice")
    body = decision(
        parent_id,
        kind="alternative_contact_plan",
        methods=["phone"],
        consultation_id=fvps.json["consultation_id"],
    )
    problem = assert_problem(_decide(api, case_id, body), 422)
    assert (problem["clause"], list(problem["errors"])) == ("ENG-III.A", ["consultation_id"])
    del body["consultation_id"]
    assert assert_problem(_decide(api, case_id, body), 422)["clause"] == "ENG-III.A"


def test_an_alternative_contact_plan_without_methods_names_eng_iii_a(
    api: Api, case: tuple[str, str]
) -> None:
    case_id, parent_id = case
    held = api.post(f"/cases/{case_id}/consultations", consultation(), "alice")
    assert held.status_code == 201, held.json
    body = decision(
        parent_id, kind="alternative_contact_plan", consultation_id=held.json["consultation_id"]
    )
    problem = assert_problem(_decide(api, case_id, body), 422)
    assert (problem["clause"], list(problem["errors"])) == ("ENG-III.A", ["methods"])


def test_an_unknown_consultation_in_the_body_is_a_validation_error(
    api: Api, case: tuple[str, str]
) -> None:
    case_id, parent_id = case
    body = decision(parent_id, consultation_id="00000000-0000-0000-0000-000000000001")
    problem = assert_problem(_decide(api, case_id, body), 422)
    assert "clause" not in problem
    assert "consultation_id" in problem["errors"]


def test_only_the_cases_supervisor_reviews_and_never_their_own_decision(
    api: Api, case: tuple[str, str]
) -> None:
    case_id, parent_id = case
    api.user("nora", Role.SUPERVISOR, "north")
    recorded = _decide(api, case_id, decision(parent_id)).json
    path = f"/cases/{case_id}/decisions/{recorded['decision_id']}/reviews"
    before = api.events()
    assert_problem(api.post(path, review("approved"), "nora"), 403)
    assert_problem(api.post(path, review("approved"), "alice"), 403)
    own = _decide(api, case_id, decision(parent_id), as_user="sam").json
    own_path = f"/cases/{case_id}/decisions/{own['decision_id']}/reviews"
    assert_problem(api.post(own_path, review("approved"), "sam"), 403)
    assert api.events() == before + 1


def test_reviews_follow_the_decisions_status_or_answer_409(api: Api, case: tuple[str, str]) -> None:
    case_id, parent_id = case
    recorded = _decide(api, case_id, decision(parent_id)).json
    path = f"/cases/{case_id}/decisions/{recorded['decision_id']}/reviews"
    assert_problem(api.post(path, review("continued"), "sam"), 409)
    approved = api.post(path, review("approved"), "sam")
    assert (approved.status_code, approved.json["status"]) == (201, "approved")
    assert_problem(api.post(path, review("approved"), "sam"), 409)
    assert_problem(api.post(path, review("declined"), "sam"), 409)
    assert api.post(path, review("continued"), "sam").json["status"] == "approved"
    ended = api.post(path, review("ended", effective_on="2026-03-01"), "sam")
    assert (ended.status_code, ended.json["status"]) == (201, "ended")
    assert_problem(api.post(path, review("continued"), "sam"), 409)
    assert api.get(f"/cases/{case_id}", "alice").json["open_decisions"] == []


def test_a_review_bound_to_a_stale_decision_hash_answers_409(
    api: Api, case: tuple[str, str]
) -> None:
    case_id, parent_id = case
    recorded = _decide(api, case_id, decision(parent_id)).json
    path = f"/cases/{case_id}/decisions/{recorded['decision_id']}/reviews"
    seen = recorded["decision_hash"]
    assert api.post(path, review("approved", decision_hash=seen), "sam").status_code == 201
    before = api.events()
    problem = assert_problem(api.post(path, review("continued", decision_hash=seen), "sam"), 409)
    assert problem["type"].endswith("/decision-changed")
    assert api.events() == before


def test_an_unknown_decision_in_the_path_is_404(api: Api, case: tuple[str, str]) -> None:
    case_id, _ = case
    path = f"/cases/{case_id}/decisions/00000000-0000-0000-0000-000000000001/reviews"
    assert_problem(api.post(path, review("approved"), "sam"), 404)


def test_a_review_replayed_by_its_idempotency_key_records_once(
    api: Api, case: tuple[str, str]
) -> None:
    case_id, parent_id = case
    recorded = _decide(api, case_id, decision(parent_id)).json
    path = f"/cases/{case_id}/decisions/{recorded['decision_id']}/reviews"
    headers = {"Idempotency-Key": "review-1"}
    first = api.post(path, review("approved"), "sam", headers)
    events = api.events()
    again = api.post(path, review("approved"), "sam", headers)
    assert (again.status_code, again.json) == (first.status_code, first.json)
    assert api.events() == events


def test_an_approved_decision_to_meet_outside_the_home_lets_an_office_visit_meet_january(
    api: Api, case: tuple[str, str]
) -> None:
    case_id, parent_id = case
    office = {
        "parent_id": parent_id,
        "occurred_at": "2026-01-16T14:00:00-05:00",
        "method": "face_to_face_other",
        "outcome": "completed",
        "purpose": "Monthly visit",
        "narrative": "Met at the District Office.",
    }
    api.post(f"/cases/{case_id}/contacts", office, "alice")

    def january() -> dict[str, Any]:
        answer = api.get(f"/cases/{case_id}/obligations", "alice").json["obligations"]
        return next(
            o for o in answer if o["kind"] == "monthly_contact" and o["period"] == "2026-01"
        )

    assert (january()["status"], january()["citation"]["clause"]) == ("missed", "ENG-I.A.1")
    recorded = _decide(api, case_id, decision(parent_id)).json
    assert january()["status"] == "missed"  # pending: no effect until approved
    path = f"/cases/{case_id}/decisions/{recorded['decision_id']}/reviews"
    api.post(path, review("approved"), "sam")
    assert (january()["status"], january()["citation"]["clause"]) == ("met", "ENG-IV")


def test_a_declined_decision_stops_affecting_obligations(api: Api, case: tuple[str, str]) -> None:
    case_id, parent_id = case
    recorded = _decide(api, case_id, decision(parent_id, kind="suspend_visits")).json
    path = f"/cases/{case_id}/decisions/{recorded['decision_id']}/reviews"
    api.post(path, review("declined"), "sam")
    answer = api.get(f"/cases/{case_id}/obligations?as_of=2026-04-10", "alice").json
    months = [o for o in answer["obligations"] if o["kind"] == "monthly_contact"]
    assert {o["status"] for o in months} == {"missed", "open"}  # never exempt
    (evaluation,) = [o for o in answer["obligations"] if o["kind"] == "decision_review"]
    assert evaluation["status"] == "met"  # the decline was the evaluation; none is owed after


def test_an_active_decision_carries_a_decision_review_citing_eng_iv_a(
    api: Api, case: tuple[str, str]
) -> None:
    case_id, parent_id = case
    _decide(api, case_id, decision(parent_id))
    answer = api.get(f"/cases/{case_id}/obligations", "alice").json["obligations"]
    (owed,) = [o for o in answer if o["kind"] == "decision_review"]
    assert (owed["status"], owed["due"], owed["citation"]["clause"]) == (
        "open",
        "2026-04-09",
        "ENG-IV.A",
    )


def test_a_court_order_to_cease_efforts_exempts_the_parents_months(
    api: Api, case: tuple[str, str]
) -> None:
    case_id, parent_id = case
    order = {"kind": "cease_efforts", "parent_id": parent_id, "effective_on": "2026-02-01"}
    response = api.post(f"/cases/{case_id}/court-orders", order, "alice")
    assert response.status_code == 201, response.json
    answer = api.get(f"/cases/{case_id}/obligations", "alice").json["obligations"]
    february = next(o for o in answer if o["period"] == "2026-02")
    assert february["status"] == "exempt"
    assert february["satisfied_by"] == [response.json["order_id"]]
    assert api.get(f"/cases/{case_id}", "alice").json["court_orders"][0]["kind"] == "cease_efforts"


@pytest.mark.parametrize(
    ("program", "court_involved", "clause"),
    [("NH-CPS", True, "ENG-III.B.1"), ("NH-JJS", False, "ENG-III.B")],
)
def test_efforts_ceased_is_refused_where_only_the_court_decides(
    api: Api, program: str, court_involved: bool, clause: str
) -> None:
    case_id = api.open_case(program=program, court_involved=court_involved)
    parent_id = api.add_parent(case_id)
    body = {"parent_id": parent_id, "effective_on": "2026-02-01", "reason": "Refuses"}
    problem = assert_problem(api.post(f"/cases/{case_id}/efforts-ceased", body, "alice"), 422)
    assert problem["clause"] == clause


def test_an_efforts_ceased_determination_on_nh_cps_exempts_later_months(
    api: Api, case: tuple[str, str]
) -> None:
    case_id, parent_id = case
    body = {"parent_id": parent_id, "effective_on": "2026-02-01", "reason": "Refuses contact"}
    response = api.post(f"/cases/{case_id}/efforts-ceased", body, "alice")
    assert response.status_code == 201, response.json
    answer = api.get(f"/cases/{case_id}/obligations", "alice").json["obligations"]
    assert {o["status"] for o in answer if o["period"] in ("2026-02", "2026-03")} == {"exempt"}


def test_a_safety_risk_is_recorded_for_a_parent_or_the_case(
    api: Api, case: tuple[str, str]
) -> None:
    case_id, parent_id = case
    for body in (
        {"parent_id": parent_id, "identified_on": "2026-01-08", "description": "Threats"},
        {"identified_on": "2026-01-09", "description": "Dog at the home"},
    ):
        assert api.post(f"/cases/{case_id}/safety-risks", body, "alice").status_code == 201
    risks = api.get(f"/cases/{case_id}", "alice").json["safety_risks"]
    assert [r["parent_id"] for r in risks] == [parent_id, None]


def test_a_consultation_in_the_future_or_with_an_unknown_role_is_refused(
    api: Api, case: tuple[str, str]
) -> None:
    case_id, _ = case
    path = f"/cases/{case_id}/consultations"
    assert_problem(api.post(path, consultation(with_role="judge"), "alice"), 422)
    later = consultation(occurred_at="2026-04-01T10:00:00-04:00")
    assert_problem(api.post(path, later, "alice"), 422)


def test_the_openapi_document_describes_every_decision_call(api: Api) -> None:
    document = api.get("/openapi.json", None).json
    paths = document["paths"]
    for path in (
        "/api/v1/cases/{case_id}/consultations",
        "/api/v1/cases/{case_id}/safety-risks",
        "/api/v1/cases/{case_id}/decisions",
        "/api/v1/cases/{case_id}/decisions/{decision_id}/reviews",
        "/api/v1/cases/{case_id}/court-orders",
        "/api/v1/cases/{case_id}/efforts-ceased",
    ):
        post = paths[path]["post"]
        assert "requestBody" in post, path
        assert {"201", "403", "409", "422"} <= set(post["responses"]), path
    queue = paths["/api/v1/review-queue"]["get"]
    assert "200" in queue["responses"]
    schemas = document["components"]["schemas"]
    assert "rationale" in schemas["QueueItemOut"]["properties"]
    assert schemas["Decision"]["properties"]["kind"]["enum"] == [
        "meet_outside_home",
        "suspend_visits",
        "alternative_contact_plan",
        "remote_contact",
    ]


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/consultations", consultation()),
        ("/safety-risks", {"identified_on": "2026-01-08", "description": "Threats"}),
        ("/decisions", decision("{parent}")),
        ("/court-orders", {"kind": "full_guardianship", "effective_on": "2026-02-01"}),
        (
            "/efforts-ceased",
            {"parent_id": "{parent}", "effective_on": "2026-02-01", "reason": "No"},
        ),
    ],
)
def test_each_decision_write_replayed_by_its_idempotency_key_records_once(
    api: Api, case: tuple[str, str], path: str, body: dict[str, Any]
) -> None:
    case_id, parent_id = case
    filled = {k: parent_id if v == "{parent}" else v for k, v in body.items()}
    headers = {"Idempotency-Key": f"key{path}"}
    first = api.post(f"/cases/{case_id}{path}", filled, "alice", headers)
    assert first.status_code == 201, first.json
    events = api.events()
    again = api.post(f"/cases/{case_id}{path}", filled, "alice", headers)
    assert (again.status_code, again.json) == (201, first.json)
    assert api.events() == events
    changed = api.post(
        f"/cases/{case_id}{path}", filled | {"effective_on": "2026-02-02"}, "alice", headers
    )
    assert_problem(changed, 422)
