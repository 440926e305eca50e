"""`caseledger verify`, `checkpoint` and `export`, and the README's recipe (issue 5, 3)."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
import uuid
from pathlib import Path

import pypdf
from flask import Flask

from tests.e2e import audit_fixtures
from tests.e2e.audit_fixtures import AuditedCase
from tests.e2e.conftest import Api
from tests.integration.audit_helpers import EventsTable

app = audit_fixtures.app
case = audit_fixtures.case
README = Path(__file__).resolve().parents[2] / "README.md"


def _recipe() -> str:
    text = README.read_text(encoding="utf-8")
    found = re.search(
        r"<!-- recipe:start -->\n```python\n(.*?)```\n<!-- recipe:end -->", text, re.S
    )
    assert found, "the README carries the recipe"
    return found.group(1)


def test_verify_passes_on_an_intact_store(app: Flask, case: AuditedCase) -> None:
    result = app.test_cli_runner().invoke(args=["verify"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == "ok"


def test_verify_exits_1_naming_the_first_bad_position_and_seq(
    app: Flask, api: Api, case: AuditedCase
) -> None:
    runner = app.test_cli_runner()
    runner.invoke(args=["verify"])  # the trail has stored every hash
    table = EventsTable(api.ledger)
    nid, _, _, _, state = table.case_rows(uuid.UUID(case.case_id))[1]
    table.run(table.set(nid, "state", bytes(state).replace(b"Maria", b"Mario")))
    position = table.ids().index(nid) + 1
    result = runner.invoke(args=["verify"])
    assert result.exit_code == 1
    assert f"first bad position in the log: {position}" in result.stdout
    assert f"case {case.case_id}: first bad seq 2" in result.stdout


def test_verify_catches_a_rolled_back_store_against_the_checkpoint(
    app: Flask, api: Api, case: AuditedCase
) -> None:
    runner = app.test_cli_runner()
    signed = runner.invoke(args=["checkpoint"])
    assert signed.exit_code == 0, signed.output
    table = EventsTable(api.ledger)
    last = table.ids()[-1]
    table.run(table.delete(last))
    trail_table = app.extensions["caseledger.audit_trail"].table
    table.run((f"DELETE FROM {trail_table} WHERE position = ?", [last]))
    result = runner.invoke(args=["verify"])
    assert result.exit_code == 1
    assert "checkpoint of" in result.stdout
    assert "FAILED" in result.stdout


def test_checkpoint_prints_the_signed_head_and_the_public_key(
    app: Flask, api: Api, case: AuditedCase
) -> None:
    result = app.test_cli_runner().invoke(args=["checkpoint"])
    assert result.exit_code == 0, result.output
    printed = json.loads(result.stdout.split("-----BEGIN")[0])
    assert printed["size"] == api.events()
    assert re.fullmatch(r"[0-9a-f]{64}", printed["head_hash"])
    assert "-----BEGIN PUBLIC KEY-----" in result.stdout


def test_the_readme_recipe_checks_a_json_export_without_caseledger(
    app: Flask, case: AuditedCase, tmp_path: Path
) -> None:
    exported = tmp_path / "case.json"
    result = app.test_cli_runner().invoke(
        args=["export", case.case_id, "--format", "json", "-o", str(exported)]
    )
    assert result.exit_code == 0, result.output
    script = tmp_path / "check.py"
    script.write_text(_recipe(), encoding="utf-8")
    checked = subprocess.run(
        [sys.executable, "-I", str(script), str(exported)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert checked.returncode == 0, checked.stderr
    assert checked.stdout.startswith("ok: 4 entries")
    data = json.loads(exported.read_text(encoding="utf-8"))
    entry = data["entries"][2]
    entry["stored_event"]["state_base64"] = entry["stored_event"]["state_base64"][:-4] + "AAAA"
    exported.write_text(json.dumps(data), encoding="utf-8")
    tampered = subprocess.run(
        [sys.executable, "-I", str(script), str(exported)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert tampered.returncode != 0
    assert "entry 3" in tampered.stderr


def test_export_writes_a_pdf_with_the_chronology_and_logs_it(
    app: Flask, api: Api, case: AuditedCase, tmp_path: Path
) -> None:
    target = tmp_path / "case.pdf"
    result = app.test_cli_runner().invoke(
        args=[
            "export",
            case.case_id,
            "--format",
            "pdf",
            "--known-at",
            "2026-03-10T16:30:00+00:00",
            "-o",
            str(target),
        ]
    )
    assert result.exit_code == 0, result.output
    reader = pypdf.PdfReader(io.BytesIO(target.read_bytes()))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Chronology" in text
    assert re.search(r"^ +3 .* LATE Contact in home", text, re.M)
    assert not re.search(r"^ +4 ", text, re.M)  # the amendment was recorded after known_at
    assert " amended" not in text
    log = api.get("/access-log", "audrey", query_string={"case_id": case.case_id}).json
    assert any(e["user"] == "cli" and "format=pdf" in e["action"] for e in log["entries"])


def test_export_of_an_unknown_case_fails(app: Flask, case: AuditedCase) -> None:
    result = app.test_cli_runner().invoke(args=["export", str(uuid.uuid4())])
    assert result.exit_code == 1
