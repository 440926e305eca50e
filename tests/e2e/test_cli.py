"""The `caseledger` command line through Flask's CliRunner, on both stores."""

from __future__ import annotations

from flask import Flask

from domain.values import Role
from web.demo_cast import CASES, USERS, case_id


def test_users_add_prints_only_a_token_that_then_authenticates(app: Flask) -> None:
    result = app.test_cli_runner().invoke(
        args=["users", "add", "carla", "--role", "caseworker", "--team", "north"]
    )
    assert result.exit_code == 0
    (token,) = result.stdout.splitlines()
    viewer = app.extensions["caseledger"].authenticate(token)
    assert (viewer.username, viewer.role, viewer.team) == ("carla", Role.CASEWORKER, "north")


def test_adding_a_user_twice_fails_on_stderr_and_records_nothing(app: Flask) -> None:
    runner = app.test_cli_runner()
    runner.invoke(args=["users", "add", "carla", "--role", "auditor"])
    before = app.extensions["caseledger"].recorder.max_notification_id()
    result = runner.invoke(args=["users", "add", "carla", "--role", "admin"])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "carla" in result.stderr
    assert app.extensions["caseledger"].recorder.max_notification_id() == before


def test_an_unknown_role_is_refused(app: Flask) -> None:
    result = app.test_cli_runner().invoke(args=["users", "add", "x", "--role", "judge"])
    assert result.exit_code != 0
    assert app.extensions["caseledger"].recorder.max_notification_id() in (None, 0)


def test_demo_if_empty_loads_once_and_prints_fresh_tokens_each_time(app: Flask) -> None:
    runner = app.test_cli_runner()
    ledger = app.extensions["caseledger"]
    first = runner.invoke(args=["demo", "--if-empty"])
    assert first.exit_code == 0, first.output
    loaded = ledger.recorder.max_notification_id()
    second = runner.invoke(args=["demo", "--if-empty"])
    assert second.exit_code == 0, second.output
    assert ledger.recorder.max_notification_id() == loaded + 2 * len(USERS)  # tokens only
    for result in (first, second):
        tokens = [line.split()[-1] for line in result.stdout.splitlines() if "token:" in line]
        assert len(tokens) == len(USERS)
        assert all(ledger.authenticate(token) is not None for token in tokens)
        assert "curl -H" in result.stdout


def test_demo_without_if_empty_refuses_a_store_that_holds_events(app: Flask) -> None:
    runner = app.test_cli_runner()
    runner.invoke(args=["demo"])
    loaded = app.extensions["caseledger"].recorder.max_notification_id()
    result = runner.invoke(args=["demo"])
    assert result.exit_code == 1
    assert app.extensions["caseledger"].recorder.max_notification_id() == loaded


def test_the_demo_is_a_realistic_record(app: Flask) -> None:
    assert app.test_cli_runner().invoke(args=["demo", "--if-empty"]).exit_code == 0
    ledger = app.extensions["caseledger"]
    cases = [ledger.get_case(case_id(number)) for number, *_ in CASES]
    assert {case.program.value for case in cases} == {"NH-CPS", "NH-JJS", "TN-DCS"}
    assert all(len(case.parents) == 3 for case in cases)
    contacts = [c for case in cases for c in case.contacts.values()]
    outcomes = {c.outcome.value for c in contacts}
    assert outcomes == {"completed", "attempted", "refused"}
    assert any(c.documented_late for c in contacts)
    assert any(not c.documented_late for c in contacts)
    assert sum(c.voided for c in contacts) == 1
    assert sum(c.amendments for c in contacts) == 1
    assert sum(len(case.reunifications) for case in cases) == 1
    assert {m.kind.value for case in cases for m in case.meetings.values()} == {
        "team",
        "court",
        "treatment",
        "ppt",
    }
    (ppt_case,) = [case for case in cases if case.ppt.placements]
    assert ppt_case.program.value == "NH-JJS"
    assert [t.follow_ups != () for t in ppt_case.ppt.tasks] == [True]
    notices = [n for case in cases for n in case.meeting_notices.values()]
    assert {n.outcome.value for n in notices} == {"sent", "withheld"}
    assert all(c.recorded_at <= ledger.clock() for c in contacts)


def test_the_demo_is_the_same_for_the_same_seed_and_clock(app: Flask) -> None:
    assert app.test_cli_runner().invoke(args=["demo", "--seed", "7"]).exit_code == 0
    ledger = app.extensions["caseledger"]
    case = ledger.get_case(case_id(CASES[4][0]))
    summary = sorted((c.occurred_at, c.method, c.outcome) for c in case.contacts.values())
    assert summary
    from web import close_app, create_app

    other = create_app({"DATABASE_URL": "sqlite:///:memory:", "CLOCK": ledger.clock})
    try:
        assert other.test_cli_runner().invoke(args=["demo", "--seed", "7"]).exit_code == 0
        again = other.extensions["caseledger"].get_case(case_id(CASES[4][0]))
        assert (
            sorted((c.occurred_at, c.method, c.outcome) for c in again.contacts.values()) == summary
        )
    finally:
        close_app(other)


def test_a_username_with_spaces_or_control_characters_is_refused(app: Flask) -> None:
    runner = app.test_cli_runner()
    for name in ("two words", "tab\there", "", "x" * 201):
        result = runner.invoke(args=["users", "add", name, "--role", "caseworker"])
        assert result.exit_code == 2
        assert result.stdout == ""
    assert app.extensions["caseledger"].recorder.max_notification_id() in (None, 0)


def test_the_demo_puts_a_pending_decision_in_its_supervisors_review_queue(app: Flask) -> None:
    result = app.test_cli_runner().invoke(args=["demo", "--if-empty"])
    assert result.exit_code == 0, result.output
    ledger = app.extensions["caseledger"]
    pending = ledger.get_case(case_id("NH-CPS-2026-0103"))
    approved = ledger.get_case(case_id("NH-CPS-2026-0104"))
    assert [d.status.value for d in pending.decisions.values()] == ["pending_review"]
    assert [d.status.value for d in approved.decisions.values()] == ["approved"]
    token = ledger.issue_token("grace.liu", actor="test")
    answer = app.test_client().get(
        "/api/v1/review-queue", headers={"Authorization": f"Bearer {token}"}
    )
    kinds = [(i["case_number"], i["kind"]) for i in answer.json["items"]]
    assert ("NH-CPS-2026-0103", "pending_decision") in kinds


def _as_coordinator(app: Flask) -> dict[str, str]:
    result = app.test_cli_runner().invoke(args=["demo", "--if-empty"])
    assert result.exit_code == 0, result.output
    token = app.extensions["caseledger"].issue_token("hannah.brooks", actor="test")
    return {"Authorization": f"Bearer {token}"}


def test_the_demo_gives_the_pbp_coordinator_a_board_at_several_stages(app: Flask) -> None:
    headers = _as_coordinator(app)
    client = app.test_client()
    rows = client.get("/api/v1/referrals", headers=headers).json["referrals"]
    stages = {row["status"]: row for row in rows}
    assert {"submitted", "needs_identified", "assigned", "planned"} <= set(stages)
    assert all(row["days_in_stage"] > 0 for row in rows)
    assigned = client.get(
        f"/api/v1/referrals/{stages['assigned']['referral_id']}", headers=headers
    ).json
    assert assigned["assignment"]["rank"] == 1  # the ranking's choice (PBP-REF-3)
    planned = client.get(f"/api/v1/referrals/{stages['planned']['referral_id']}", headers=headers)
    (meeting,) = planned.json["planning_meetings"]
    assert {"hannah.brooks", planned.json["assignment"]["parent_partner_name"]} <= set(
        meeting["attended_by"]
    )
    with client.session_transaction() as session:
        session["token"] = headers["Authorization"].split()[-1]
        session["csrf"] = "demo"
    page = client.get("/")
    assert page.status_code == 200
    assert "No referrals yet" not in page.text
    assert all(stage.replace("_", " ") in page.text for stage in stages)
    assert stages["planned"]["parent_partner_name"] in page.text


def test_the_demos_volunteers_vary_and_show_a_candidate_warning(app: Flask) -> None:
    headers = _as_coordinator(app)
    client = app.test_client()
    partners = client.get("/api/v1/parent-partners", headers=headers).json["parent_partners"]
    assert len(partners) >= 5
    assert len({p["area"] for p in partners}) >= 3
    assert len({lang for p in partners for lang in p["languages"]}) >= 4
    assert sum(p["tier"] == 5 for p in partners) > len(partners) / 2
    assert [p["active"] for p in partners].count(False) == 1
    (candidate,) = [p for p in partners if p["warnings"]]
    assert candidate["warnings"][0]["clause"] == "PBP-CANDIDATE"
    assert candidate["tier"] < 5
    meetings = client.get("/api/v1/pbp/unit-meetings", headers=headers).json["obligations"]
    assert {m["status"] for m in meetings[:-1]} == {"met"}


def test_no_answer_about_a_demo_referral_contains_a_case_narrative(app: Flask) -> None:
    headers = _as_coordinator(app)
    client = app.test_client()
    ledger = app.extensions["caseledger"]
    cases = [ledger.get_case(case_id(number)) for number, *_ in CASES]
    narratives = {c.narrative for case in cases for c in case.contacts.values() if c.narrative}
    narratives |= {
        text
        for case in cases
        for d in case.decisions.values()
        for text in (d.rationale, d.supporting_information)
    }
    assert len(narratives) >= 5
    board = client.get("/api/v1/referrals", headers=headers)
    answers = [board, client.get("/api/v1/parent-partners", headers=headers)]
    for row in board.json["referrals"]:
        path = f"/api/v1/referrals/{row['referral_id']}"
        answers += [
            client.get(path, headers=headers),
            client.get(f"{path}/candidates", headers=headers),
        ]
    assert all(answer.status_code == 200 for answer in answers)
    for answer in answers:
        assert not [text for text in narratives if text in answer.text]


def test_the_demo_board_shows_a_referral_at_each_stage_through_active(app: Flask) -> None:
    assert app.test_cli_runner().invoke(args=["demo", "--if-empty"]).exit_code == 0
    from domain.pbp import records

    ledger = app.extensions["caseledger"]
    stages = {
        referral.status.value
        for number, *_ in CASES
        for referral in records.case_referrals(ledger, case_id(number))
    }
    assert stages == {"submitted", "needs_identified", "assigned", "planned", "active"}
