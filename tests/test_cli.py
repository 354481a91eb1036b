"""The `plaza` command as authors use it: validate, schema, exit codes, readable and JSON output."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from game.cli import LIGHT_COMMANDS, build_parser, main
from game.cli_language import cli_texts
from game.content.schema_export import export_schemas

REPO = Path(__file__).resolve().parent.parent
MINI = REPO / "tests" / "fixtures" / "mini"


def test_shipped_content_validates_clean(capsys):
    status = main(["validate"])
    out = capsys.readouterr().out
    assert status == 0, out
    assert " 0 errors" in out.splitlines()[-1]


def test_broken_file_prints_compiler_style_diagnostic(tmp_path, capsys):
    # GIVEN an events file with a misspelt key
    path = tmp_path / "broken.yaml"
    path.write_text((MINI / "events.yaml").read_text().replace("    cooldown_turns: 2", "    cooldown_turn: 2"))
    # WHEN it is validated against the fixture's state
    status = main(["validate", "--standalone", str(MINI / "state.yaml"), str(path)])
    lines = capsys.readouterr().out.splitlines()
    # THEN: location and code, the source line, a caret under the key, and a did-you-mean hint
    assert status == 1
    assert lines[0] == f"{path}:15:5: E122 event `threat` → cooldown_turn: unknown key `cooldown_turn`"
    assert lines[1] == "        cooldown_turn: 2"
    assert lines[2] == "        ^"
    assert lines[3] == "  hint: did you mean `cooldown_turns`?"


def test_json_output_has_the_same_diagnostics(tmp_path, capsys):
    path = tmp_path / "broken.yaml"
    path.write_text(
        (MINI / "events.yaml").read_text().replace('"district.oc_control > 0.4"', '"district.oc_contrl > 0.4"')
    )
    status = main(["validate", "--json", "--standalone", str(MINI / "state.yaml"), str(path)])
    report = json.loads(capsys.readouterr().out)
    assert status == 1 and report["errors"] == 1 and report["files"] == 2
    d = report["diagnostics"][0]
    assert (d["path"], d["line"], d["col"], d["code"], d["severity"]) == (str(path), 9, 12, "E143", "error")
    assert "district.oc_control" in d["hint"]


def test_warnings_alone_exit_zero(tmp_path, capsys):
    # an event no pool and no follow-up reaches is a warning, not an error
    for f in MINI.iterdir():
        (tmp_path / f.name).write_text(f.read_text())
    level = tmp_path / "level.yaml"
    level.write_text(level.read_text().replace("events: [audit]", "events: [threat]"))
    status = main(["validate", "--standalone", str(tmp_path)])
    out = capsys.readouterr().out
    assert status == 0
    assert (
        "W200 no level's pools and no follow-up can ever fire `audit` (nor the follow-ups it schedules: backlash)"
    ) in out
    assert "0 errors, 1 warning" in out


def test_usage_error_exits_2():
    proc = subprocess.run(
        [sys.executable, "main.py", "validate", "--no-such-flag"], cwd=REPO, capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 2
    assert "usage:" in proc.stderr and "Traceback" not in proc.stderr


def test_schema_export_writes_one_file_per_kind(tmp_path, capsys):
    assert main(["schema", "--out", str(tmp_path / "s")]) == 0
    files = sorted(p.name for p in (tmp_path / "s").iterdir())
    kinds = ("state", "model", "strings", "measures", "events", "level")
    assert files == sorted(f"{k}.schema.json" for k in (*kinds, "content"))  # content: any kind, by its `kind:`
    events = json.loads((tmp_path / "s" / "events.schema.json").read_text())
    assert events["additionalProperties"] is False
    assert "options" in events["$defs"]["Event"]["required"]


def test_shipped_schema_folder_is_current():
    """Editors read schema/*.json; regenerate with `uv run plaza schema --out schema` after schema changes."""
    for kind, schema in export_schemas().items():
        shipped = json.loads((REPO / "schema" / f"{kind}.schema.json").read_text())
        assert shipped == schema, f"schema/{kind}.schema.json is stale"


def test_schema_without_out_prints_json(capsys):
    assert main(["schema"]) == 0
    kinds = {"state", "model", "strings", "measures", "events", "level"}
    assert set(json.loads(capsys.readouterr().out)) == kinds | {"content"}


def test_main_py_runs_the_same_command():
    proc = subprocess.run(
        [sys.executable, "main.py", "validate", "--standalone", str(MINI)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "4 files checked: 0 errors, 0 warnings" in proc.stdout


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_light_command_alone_prints_what_the_whole_parser_prints(lang):
    """A line that asks for no help builds only its command's parser (game.cli.build_parser, `alone`): its usage
    line, its command's help and usage are those of the parser with every command."""
    t = cli_texts(lang)
    for command in LIGHT_COMMANDS:
        alone, whole = build_parser(command, t, alone=True), build_parser(command, t)
        assert alone.format_usage() == whole.format_usage()
        (mine,) = [a for a in alone._actions if isinstance(a.choices, dict)]  # the subcommands
        (all_,) = [a for a in whole._actions if isinstance(a.choices, dict)]
        assert list(mine.choices) == [command]
        assert mine.choices[command].format_help() == all_.choices[command].format_help()
