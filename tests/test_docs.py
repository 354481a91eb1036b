"""The docs never rot: every YAML example in docs/ validates, the tutorial and the worked example print what they
show, every diagnostic code is listed.

A YAML block in docs/*.md is either a whole content file (it starts with `schema_version`), or follows one of
these comments, invisible in the rendered page:

    <!-- snippet: levels/template.yaml -->                  its keys replace those of that known-good file
    <!-- snippet: content/events/x.yaml at events.0 -->     … of the mapping at that path inside it
    <!-- broken on purpose: the output below is checked --> its mistakes are the point

and the overlaid file must load with no diagnostic at all.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from game.cli import main
from game.content.diagnostics import CODES
from game.content.loader import SHIPPED_CONTENT, SHIPPED_LEVELS, load_content
from game.content.yaml_strict import parse
from game.runs.batch import run_batch

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "authoring.md"
TEXT = DOC.read_text(encoding="utf-8")
TUTORIAL_HEADING = "## Your first level in twenty minutes"
FENCE = re.compile(r"(?:<!-- (?P<marker>[^\n]*?) -->\n)?```(?P<lang>[\w-]*)\n(?P<body>.*?)```", re.S)


@dataclass
class Block:
    doc: Path
    line: int
    lang: str
    body: str
    marker: str | None

    @property
    def where(self) -> str:
        return f"{self.doc.relative_to(ROOT)}:{self.line}"

    @property
    def whole_file(self) -> bool:
        lines = [ln for ln in self.body.splitlines() if ln.strip() and not ln.startswith("#")]
        return bool(lines) and lines[0].startswith("schema_version") and len(lines) > 2

    @property
    def snippet(self) -> tuple[Path, list[str | int]] | None:
        found = re.fullmatch(r"snippet: (\S+)(?: at (\S+))?", self.marker or "")
        if not found:
            return None
        at = [int(p) if p.isdigit() else p for p in found.group(2).split(".")] if found.group(2) else []
        return ROOT / found.group(1), at

    @property
    def broken(self) -> bool:
        return (self.marker or "").startswith("broken on purpose")


def doc_blocks(path: Path, start: int = 0, end: int | None = None) -> list[Block]:
    text = path.read_text(encoding="utf-8")
    return [
        Block(path, text.count("\n", 0, m.start("lang")) + 1, m.group("lang"), m.group("body"), m.group("marker"))
        for m in FENCE.finditer(text, start, len(text) if end is None else end)
    ]


def yaml_blocks() -> list[Block]:
    return [b for doc in sorted((ROOT / "docs").glob("*.md")) for b in doc_blocks(doc) if b.lang in ("yaml", "yml")]


def tutorial_blocks() -> list[Block]:
    start = TEXT.index(TUTORIAL_HEADING)
    return doc_blocks(DOC, start, TEXT.index("\n## ", start + 1))


def full_files() -> list[str]:
    """YAML blocks that are whole content files (not snippets, not the broken example)."""
    return [b.body for b in yaml_blocks() if b.whole_file and not b.broken and not b.snippet]


def overlay(base: Path, snippet: Block, at: list[str | int], data=None):
    """The base file's data (or `data`) with the snippet's keys put in at `at`; the snippet read strictly."""
    doc, problems = parse(snippet.body, snippet.where)
    assert problems == [], [f"{d.where} {d.code} {d.message}" for d in problems]
    if data is None:
        data, problems = parse(base.read_text(encoding="utf-8"), str(base))
        assert problems == []
        data = data.data
    target = data
    for key in at:
        target = target[key]
    assert isinstance(doc.data, dict), f"{snippet.where}: a snippet is a mapping of keys"
    target.update(doc.data)
    return data


def dump(data) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)


def write_examples(folder: Path) -> list[Path]:
    """The docs' whole-file examples (except state files, which stand alone) as files in `folder`."""
    folder.mkdir(exist_ok=True)
    paths = []
    for i, body in enumerate(full_files()):
        if re.search(r"^kind: state$", body, re.M):
            continue
        paths.append(folder / f"example{i}.yaml")
        paths[-1].write_text(body, encoding="utf-8")
    return paths


def tutorial_level() -> dict:
    """The template with the tutorial's snippets put in, in order: the reader's levels/my_town.yaml."""
    data = None
    for block in tutorial_blocks():
        if block.snippet and block.snippet[0] == ROOT / "levels" / "template.yaml":
            data = overlay(block.snippet[0], block, block.snippet[1], data)
    return data


def tutorial_events() -> str:
    return next(b.body for b in tutorial_blocks() if b.whole_file and re.search(r"^kind: events$", b.body, re.M))


def mine(result, paths) -> list[str]:
    wanted = {Path(p).resolve() for p in paths}
    return [f"{d.where} {d.code} {d.message}" for d in result.diagnostics if Path(d.where.path).resolve() in wanted]


def test_every_code_is_documented_with_its_title():
    for code, (title, _hint) in CODES.items():
        assert re.search(rf"^\| {code} \| {re.escape(title)} \|", TEXT, re.M), f"{code} ({title}) missing in docs"
    documented = set(re.findall(r"^\| ([EW]\d{3}) \|", TEXT, re.M))
    assert documented == set(CODES), documented ^ set(CODES)


def test_every_yaml_example_in_the_docs_is_checked():
    unchecked = [b.where for b in yaml_blocks() if not (b.whole_file or b.snippet or b.broken)]
    assert not unchecked, f"YAML examples neither whole files nor marked as snippets (see {__name__}): {unchecked}"
    for b in yaml_blocks():
        if b.snippet:
            assert b.snippet[0].is_file(), f"{b.where}: no file {b.snippet[0]}"


def test_examples_validate_with_the_shipped_content(tmp_path):
    kinds = []
    for i, body in enumerate(full_files()):
        kinds.append(re.search(r"^kind: (\w+)", body, re.M).group(1))
        if kinds[-1] == "state":  # a state example stands alone (the shipped state declares the same names)
            folder = tmp_path / f"state{i}"
            folder.mkdir()
            (folder / "state.yaml").write_text(body, encoding="utf-8")
            result = load_content([folder])
            assert result.ok, [f"{d.where} {d.code} {d.message}" for d in result.errors]
    paths = write_examples(tmp_path / "examples")
    (tmp_path / "my_town.yaml").write_text(dump(tutorial_level()), encoding="utf-8")  # its pools reach the event
    result = load_content([SHIPPED_CONTENT, *paths, tmp_path / "my_town.yaml"])
    assert mine(result, [*paths, tmp_path / "my_town.yaml"]) == []
    assert {"state", "events", "measures", "level", "model"} <= set(kinds)


@pytest.mark.parametrize("block", [b for b in yaml_blocks() if b.snippet], ids=lambda b: b.where)
def test_snippets_validate_inside_a_known_good_file(block, tmp_path):
    base, at = block.snippet
    examples = write_examples(tmp_path / "examples")
    data = overlay(base, block, at)
    if base.is_relative_to(SHIPPED_CONTENT):  # a copy of content/ with the base file changed
        shutil.copytree(SHIPPED_CONTENT, tmp_path / "content")
        target = tmp_path / "content" / base.relative_to(SHIPPED_CONTENT)
        roots = [tmp_path / "content", SHIPPED_LEVELS]
    else:
        target = tmp_path / base.name
        roots = [SHIPPED_CONTENT, target]
    target.write_text(dump(data), encoding="utf-8")
    result = load_content([*roots, *examples])
    assert mine(result, [target]) == []


def test_tutorial_level_validates_shows_its_diagnostic_and_fires_its_event(tmp_path, monkeypatch, capsys):
    levels = tmp_path / "my_levels"  # the author's own folder, outside Plaza's levels/
    levels.mkdir()
    level, events = levels / "my_town.yaml", levels / "my_town_events.yaml"
    level.write_text(dump(tutorial_level()), encoding="utf-8")
    wrong, right = re.search(r"you wrote `([^`]+)` instead of\s+`([^`]+)`", TEXT).groups()
    assert right in tutorial_events()
    events.write_text(tutorial_events().replace(right, wrong, 1), encoding="utf-8")
    command = re.search(r"^plaza (validate my_town\.yaml [^\n]*)$", TEXT, re.M).group(1).split()
    outputs = [b.body for b in tutorial_blocks() if b.lang == "text"]
    monkeypatch.chdir(levels)  # the tutorial's commands run from the author's folder

    assert main(command) == 1
    shown = next(o for o in outputs if wrong in o)
    assert capsys.readouterr().out == shown

    events.write_text(tutorial_events(), encoding="utf-8")
    assert main(command) == 0
    assert capsys.readouterr().out in outputs

    simulate = re.search(r"^plaza (simulate my_town\.yaml [^\n]*)$", TEXT, re.M).group(1).split()
    simulate[simulate.index("--runs") + 1] = "3"  # the same command, fewer games
    assert main(simulate) == 0
    assert capsys.readouterr().out.startswith("my_town · official · bot status_quo · 3 runs")

    settle = re.search(r"^plaza (settle my_town\.yaml)$", TEXT, re.M).group(1).split()
    written = level.read_text(encoding="utf-8")
    assert main([*settle, "--seeds", "8", "--quarters", "16", "--check", "8"]) == 0  # the same, quicker
    out = capsys.readouterr().out
    assert "How far the status quo moves the city" in out and "settled (start → end)" in out
    assert level.read_text(encoding="utf-8") != written

    content = load_content([SHIPPED_CONTENT, levels])
    assert content.ok, [f"{d.where} {d.code} {d.message}" for d in content.errors]
    event_id = re.search(r"- id: (\w+)", tutorial_events()).group(1)
    fired = run_batch(content.content, "my_town", "official", "status_quo", list(range(20))).fired
    assert event_id in fired, "the tutorial's event should fire in a few games"
    assert any(event_id in o for o in outputs), "the tutorial's simulate output should show its event"


def test_worked_example_prints_what_the_guide_shows(tmp_path, monkeypatch, capsys):
    blocks = doc_blocks(DOC)
    i = next(i for i, b in enumerate(blocks) if b.broken)
    (tmp_path / "levels").mkdir()
    (tmp_path / "levels" / "my_events.yaml").write_text(blocks[i].body, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    status = main(["validate", "levels/my_events.yaml"])
    assert status == 1
    assert capsys.readouterr().out == blocks[i + 1].body


@pytest.mark.parametrize("command", ["validate", "schema", "simulate", "settle", "replay"])
def test_readme_and_guide_mention_the_commands(command):
    readme = (DOC.parent.parent / "README.md").read_text(encoding="utf-8")
    assert f"plaza {command}" in readme
    assert "uv run plaza" in readme and "uv run pytest" in readme
