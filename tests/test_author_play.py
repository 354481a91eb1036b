"""`plaza play PATH…`: an author opens the game with a level kept in a folder of their own."""

from __future__ import annotations

import game.ui.app as app_module
from game.cli import main
from tests.test_docs import dump, tutorial_events, tutorial_level


def _write(folder, events: str | None = None):
    folder.mkdir()
    (folder / "my_town.yaml").write_text(dump(tutorial_level()), encoding="utf-8")
    (folder / "my_town_events.yaml").write_text(events or tutorial_events(), encoding="utf-8")
    return folder


def test_the_game_opens_with_the_authors_level_and_f5_reads_it_again(tmp_path, monkeypatch):
    folder = _write(tmp_path / "my_levels")
    opened = []
    monkeypatch.setattr(app_module.App, "run", lambda self: opened.append(self) or 0)
    assert main(["play", str(folder)]) == 0
    (app,) = opened
    assert "my_town" in app.content.levels
    assert str(folder) in app.content.source_paths  # what F5 loads again
    assert "first_steps" in app.content.levels  # the shipped levels are still there


def test_a_broken_level_is_explained_and_the_game_does_not_open(tmp_path, monkeypatch, capsys):
    folder = _write(tmp_path / "my_levels", tutorial_events().replace("district.oc_control", "district.oc_contol", 1))
    monkeypatch.setattr(app_module.App, "__init__", lambda *a, **k: (_ for _ in ()).throw(AssertionError("opened")))
    assert main(["play", str(folder)]) == 1
    err = capsys.readouterr().err
    assert "my_town_events.yaml:" in err and "E143" in err and "the game was not opened" in err


def test_a_missing_path_is_a_located_error(tmp_path, capsys):
    assert main(["play", str(tmp_path / "nowhere.yaml")]) == 1
    assert "E100" in capsys.readouterr().err
