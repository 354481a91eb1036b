"""docs/authoring.md never rots: examples validate, the worked example prints what it shows, every code is listed."""

import re
from pathlib import Path

import pytest

from game.cli import main
from game.content.diagnostics import CODES
from game.content.loader import SHIPPED_CONTENT, load_content

DOC = Path(__file__).resolve().parent.parent / "docs" / "authoring.md"
TEXT = DOC.read_text(encoding="utf-8")
BLOCKS = re.findall(r"```(yaml|text)\n(.*?)```", TEXT, re.S)


def full_files() -> list[str]:
    """YAML blocks that are whole content files (not the two-line header snippets, not the broken example)."""
    out = []
    for lang, body in BLOCKS:
        lines = [ln for ln in body.splitlines() if ln.strip() and not ln.startswith("#")]
        if lang == "yaml" and lines and lines[0].startswith("schema_version") and len(lines) > 2 \
                and "conditon:" not in body:
            out.append(body)
    return out


def test_every_code_is_documented_with_its_title():
    for code, (title, _hint) in CODES.items():
        assert re.search(rf"^\| {code} \| {re.escape(title)} \|", TEXT, re.M), f"{code} ({title}) missing in docs"
    documented = set(re.findall(r"^\| ([EW]\d{3}) \|", TEXT, re.M))
    assert documented == set(CODES), documented ^ set(CODES)


def test_examples_validate_with_the_shipped_content(tmp_path):
    kinds = []
    for i, body in enumerate(full_files()):
        kind = re.search(r"^kind: (\w+)", body, re.M).group(1)
        kinds.append(kind)
        if kind == "state":  # a state example stands alone (the shipped state declares the same names)
            folder = tmp_path / f"state{i}"
            folder.mkdir()
            (folder / "state.yaml").write_text(body, encoding="utf-8")
            result = load_content([folder])
        else:
            (tmp_path / f"example{i}.yaml").write_text(body, encoding="utf-8")
            continue
        assert result.ok, [f"{d.where} {d.code} {d.message}" for d in result.errors]
    result = load_content([SHIPPED_CONTENT, *sorted(tmp_path.glob("example*.yaml"))])
    mine = [d for d in result.diagnostics if "example" in Path(d.where.path).name]
    assert mine == [], [f"{d.where} {d.code} {d.message}" for d in mine]
    assert {"state", "events", "measures", "level", "model"} <= set(kinds)


def test_worked_example_prints_what_the_guide_shows(tmp_path, monkeypatch, capsys):
    i = next(i for i, (lang, body) in enumerate(BLOCKS) if "conditon:" in body)
    (tmp_path / "levels").mkdir()
    (tmp_path / "levels" / "my_events.yaml").write_text(BLOCKS[i][1], encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    status = main(["validate", "levels/my_events.yaml"])
    assert status == 1
    assert capsys.readouterr().out == BLOCKS[i + 1][1]


@pytest.mark.parametrize("command", ["validate", "schema", "simulate", "replay"])
def test_readme_and_guide_mention_the_commands(command):
    readme = (DOC.parent.parent / "README.md").read_text(encoding="utf-8")
    assert f"plaza {command}" in readme
    assert "uv run plaza" in readme and "uv run pytest" in readme
