"""Which files the language server checks together, and which open documents it leaves alone."""

from __future__ import annotations

import argparse
from pathlib import Path

import game.content.loader as loader
from game.cli import _check_for_validate
from game.content.loader import SHIPPED_CONTENT
from game.lsp.project import Project, resolved
from tests.lsp.test_server import EVENTS, LEVEL


def names(files: list[Path]) -> set[str]:
    return {p.name for p in files if resolved(p) != resolved(SHIPPED_CONTENT)}


def test_a_game_like_folder_reads_its_content_and_levels(tmp_path):
    (tmp_path / "content").mkdir()
    (tmp_path / "levels").mkdir()
    (tmp_path / "tests").mkdir()
    (tmp_path / "content" / "my_events.yaml").write_text(EVENTS)
    (tmp_path / "levels" / "my_level.yaml").write_text(LEVEL)
    (tmp_path / "tests" / "broken_on_purpose.yaml").write_text("schema_version: 1\nkind: nonsense\n")
    project = Project([tmp_path])
    assert names(project.files({})) == {"my_events.yaml", "my_level.yaml"}
    result = project.check({})
    assert "night_patrol" in result.content.events and "my_town" in result.content.levels
    assert [d for d in result.diagnostics_of(tmp_path / "levels" / "my_level.yaml")] == []


def test_any_other_folder_reads_its_plaza_files_only(tmp_path):
    (tmp_path / "my_level.yaml").write_text(LEVEL)
    (tmp_path / "ci.yml").write_text("on: push\njobs: {}\n")
    project = Project([tmp_path])
    assert names(project.files({})) == {"my_level.yaml"}
    assert not project.wants(tmp_path / "ci.yml", "on: push\n")
    assert project.wants(tmp_path / "my_level.yaml", LEVEL)
    result = project.check({resolved(tmp_path / "my_level.yaml"): LEVEL})
    assert {d.code for d in result.diagnostics_of(tmp_path / "my_level.yaml")} == {"E161"}  # its events are not here


def test_without_a_workspace_folder_the_files_around_the_open_one(tmp_path):
    (tmp_path / "content").mkdir()
    (tmp_path / "levels").mkdir()
    (tmp_path / "content" / "my_events.yaml").write_text(EVENTS)
    level = tmp_path / "levels" / "my_level.yaml"
    level.write_text(LEVEL)
    result = Project([]).check({resolved(level): LEVEL})
    assert result.diagnostics_of(level) == []


def test_a_fifo_named_like_content_does_not_block_the_server(tmp_path):
    import os
    import threading

    (tmp_path / "my_level.yaml").write_text(LEVEL)
    os.mkfifo(tmp_path / "events.yaml")  # nobody ever writes to it: opening it for reading would wait forever
    project = Project([tmp_path])
    found: list = []
    worker = threading.Thread(target=lambda: found.append(names(project.files({}))), daemon=True)
    worker.start()
    worker.join(timeout=10)
    assert not worker.is_alive(), "listing the workspace blocked on a FIFO"
    assert found == [{"my_level.yaml"}]


def test_an_edit_parses_only_the_edited_file_and_its_diagnostics_are_validates(tmp_path, monkeypatch):
    monkeypatch.setenv("PLAZA_CACHE_DIR", str(tmp_path / "cache"))
    (tmp_path / "my_events.yaml").write_text(EVENTS)
    (tmp_path / "my_level.yaml").write_text(LEVEL)
    project = Project([tmp_path])
    level = resolved(tmp_path / "my_level.yaml")
    project.check({level: LEVEL})
    parsed: list[str] = []
    real = loader.parse
    monkeypatch.setattr(loader, "parse", lambda text, label, **kw: parsed.append(label) or real(text, label, **kw))
    broken = LEVEL.replace("night_patrol", "nite_patrol")
    result = project.check({level: broken})
    assert [Path(p).name for p in parsed] == ["my_level.yaml"], "unchanged files were parsed again"
    (tmp_path / "my_level.yaml").write_text(broken)

    args = argparse.Namespace(paths=[str(tmp_path)], standalone=False)
    from_validate, _ = _check_for_validate(args, [SHIPPED_CONTENT, str(tmp_path)])
    assert result.diagnostics_of(level) == [d for d in from_validate if resolved(d.where.path) == level]
    assert any(d.code == "E161" for d in result.diagnostics_of(level))
