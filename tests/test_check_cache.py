"""`plaza validate` answers unchanged content from its cache, and never shows a stale verdict."""

from __future__ import annotations

import os

import pytest

import game.content.loader as loader
from game.cli import main
from tests.test_docs import dump, tutorial_level


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("PLAZA_CACHE_DIR", str(folder))
    return folder


def _no_checking(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the checker ran although the files had not changed")

    monkeypatch.setattr(loader, "load_content", refuse)


def test_unchanged_content_is_answered_from_the_cache_with_the_same_output(cache, monkeypatch, capsys):
    assert main(["validate"]) == 0
    first = capsys.readouterr().out
    assert list((cache / "validate").glob("*.json")), "the verdict was not kept"
    _no_checking(monkeypatch)
    assert main(["validate"]) == 0
    assert capsys.readouterr().out == first
    assert main(["validate", "--json"]) == 0
    assert '"errors": 0' in capsys.readouterr().out


def my_level(tmp_path, monkeypatch):
    """The tutorial's level as `mine/my_town.yaml` in the working folder: (its path, its text)."""
    level = tmp_path / "mine" / "my_town.yaml"
    level.parent.mkdir()
    good = dump(tutorial_level())
    level.write_text(good, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return level, good


def test_a_changed_file_is_checked_again(cache, tmp_path, monkeypatch, capsys):
    level, good = my_level(tmp_path, monkeypatch)
    assert main(["validate", "mine"]) == 0
    capsys.readouterr()
    level.write_text(good.replace("turns: 8", "turns: eight"), encoding="utf-8")
    assert main(["validate", "mine"]) == 1  # the same size or not, new bytes are a new key
    assert "E124" in capsys.readouterr().out
    level.write_text(good, encoding="utf-8")
    _no_checking(monkeypatch)
    assert main(["validate", "mine"]) == 0  # back to the first bytes: the first verdict, from the cache
    (level.parent / "more.yaml").write_text("schema_version: 1\nkind: nonsense\n", encoding="utf-8")
    assert main(["validate", "mine"]) == 70  # a new file in the folder is a new key: the (refused) checker runs
    assert "the checker ran" in capsys.readouterr().err


def test_a_damaged_cache_is_not_used(cache, capsys):
    assert main(["validate"]) == 0
    first = capsys.readouterr().out
    for entry in (cache / "validate").glob("*.json"):
        entry.write_text('{"diagnostics": [{"code": "E999"', encoding="utf-8")
    assert main(["validate"]) == 0
    assert capsys.readouterr().out == first


def test_an_unwritable_cache_is_not_an_error(tmp_path, monkeypatch, capsys):
    blocker = tmp_path / "not_a_folder"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("PLAZA_CACHE_DIR", str(blocker))
    assert main(["validate"]) == 0
    assert "0 errors" in capsys.readouterr().out


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are a POSIX feature")
def test_a_fifo_is_never_hashed(cache, tmp_path, capsys):
    from game.content import check_cache

    os.mkfifo(tmp_path / "events.yaml")
    assert check_cache.key_for([tmp_path / "events.yaml"], "") is None  # lstat only: it is never opened
