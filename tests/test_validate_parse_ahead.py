"""Parse ahead (game/content/parse_ahead.py): while `plaza validate` imports the checker, a second process parses
the files into the parse cache. What the command prints must be the same with it or without it, on clean and on
broken or hostile folders; it leaves no half-written entry and no process behind, and never opens a pipe."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from game.content import parse_ahead
from game.content.files import _discover, label_of
from game.content.loader import default_paths
from game.content.parse_cache import ParseCache
from tests.conftest import REPO
from tests.hostile_cases import CASES

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="parse ahead needs os.fork")


def validate(cache: Path, ahead: str, *words: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PLAZA_LANG": "en", "PLAZA_CACHE_DIR": str(cache), "PLAZA_PARSE_AHEAD": ahead}
    return subprocess.run(
        [sys.executable, "main.py", "validate", *words], cwd=REPO, env=env, capture_output=True, text=True, timeout=120
    )


def test_the_helper_fills_the_parse_cache_and_stops(tmp_path, monkeypatch):
    monkeypatch.setenv(parse_ahead.ENV, "1")
    found, _ = _discover(default_paths())
    folder = tmp_path / "parsed"
    stop = parse_ahead.start(found, ParseCache(folder))
    assert stop is not None
    deadline = time.monotonic() + 60
    while len(list(folder.glob("*.json"))) < len(found) and time.monotonic() < deadline:
        time.sleep(0.05)
    stop()
    assert len(list(folder.glob("*.json"))) == len(found)
    assert not list(folder.glob(".*.part"))
    hits = ParseCache(folder)
    for path, _root in found[:3]:
        hits.parse(path.read_text(encoding="utf-8"), label_of(path))
    assert hits.hits == 3  # the entries are those the loader looks for


def test_the_helper_exits_by_itself_with_status_0_once_its_files_are_parsed(tmp_path, monkeypatch):
    """It is not the SIGKILL after the grace period that ends it: it leaves on its own, cleanly."""
    monkeypatch.setenv(parse_ahead.ENV, "1")
    found, _ = _discover(default_paths())
    folder = tmp_path / "parsed"
    killed, reaped = [], []
    real_kill, real_waitpid = os.kill, os.waitpid

    def kill(pid, sig):
        killed.append(sig)
        real_kill(pid, sig)

    def waitpid(pid, options):
        result = real_waitpid(pid, options)
        if result[0] == pid:
            reaped.append(result[1])
        return result

    monkeypatch.setattr(parse_ahead.os, "kill", kill)
    monkeypatch.setattr(parse_ahead.os, "waitpid", waitpid)
    stop = parse_ahead.start(found, ParseCache(folder))
    assert stop is not None
    deadline = time.monotonic() + 60
    while len(list(folder.glob("*.json"))) < len(found) and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.3)  # its last entry is written: give it the moment it needs to leave
    stop()
    assert killed == [], "the helper was still running and had to be killed"
    assert len(reaped) == 1 and os.WIFEXITED(reaped[0]) and os.WEXITSTATUS(reaped[0]) == 0


def test_turned_off_it_does_not_start(tmp_path, monkeypatch):
    monkeypatch.setenv(parse_ahead.ENV, "0")
    assert parse_ahead.start([], ParseCache(tmp_path)) is None


def test_validate_prints_the_same_with_and_without_it_on_the_shipped_content(tmp_path):
    runs = [validate(tmp_path / ahead, ahead) for ahead in ("0", "1")]
    assert runs[0].returncode == runs[1].returncode == 0
    assert runs[0].stdout == runs[1].stdout and runs[0].stderr == runs[1].stderr == ""


def test_validate_prints_the_same_with_and_without_it_on_hostile_files(tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir()
    for i, (_name, raw, _why) in enumerate(CASES[:40]):
        (folder / f"case_{i:02}.yaml").write_bytes(raw)
    if hasattr(os, "mkfifo"):
        os.mkfifo(folder / "pipe.yaml")  # neither process may open it
    runs = [validate(tmp_path / ahead, ahead, str(folder)) for ahead in ("0", "1")]
    assert runs[0].returncode == runs[1].returncode == 1
    assert runs[0].stdout == runs[1].stdout
    assert "Traceback" not in runs[1].stderr
