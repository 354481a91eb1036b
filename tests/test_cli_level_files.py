"""`plaza simulate PATH/TO/level.yaml` with hostile or odd files beside the level (issue 13, "Only regular files
are read", "Bad input"): every file is named with what is wrong with it, the command exits non-zero, nothing hangs.

A pipe is only ever touched in a child process with a timeout, so a command that opened one would fail the test
instead of blocking the run.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from game.cli import main
from tests.conftest import REPO
from tests.test_author_cli import author_level

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes need a POSIX system")


def plaza(*words: str) -> subprocess.CompletedProcess:
    """`plaza WORDS` in a child process; a hang fails after 120 s instead of blocking the test run."""
    env = {**os.environ, "PLAZA_LANG": "en"}
    return subprocess.run(
        [sys.executable, "-m", "game.cli", *words], cwd=REPO, env=env, capture_output=True, text=True, timeout=120
    )


def test_a_pipe_beside_the_level_is_refused_by_name_as_validate_refuses_it(tmp_path):
    level = author_level(tmp_path / "my_levels")
    os.mkfifo(level.parent / "more_events.yaml")
    done = plaza("simulate", str(level), "--runs", "1")
    assert done.returncode == 1, done.stdout
    refusal = f"{level.parent / 'more_events.yaml'}:1:1: E100 this is a named pipe (FIFO), not a regular file"
    assert refusal in done.stderr
    assert f"{level} cannot be played" in done.stderr
    checked = plaza("validate", str(level.parent))  # the same words as `plaza validate` for the same folder
    assert checked.returncode == 1 and refusal in checked.stdout


def test_a_pipe_named_as_the_level_is_not_a_regular_file(tmp_path):
    os.mkfifo(tmp_path / "level.yaml")
    done = plaza("simulate", str(tmp_path / "level.yaml"), "--runs", "1")
    assert done.returncode == 1
    assert "level.yaml: this is a named pipe (FIFO), not a regular file" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("odd", ["/dev/null", "folder.yaml"])
def test_a_level_that_is_a_device_or_a_folder_is_not_a_regular_file(odd, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "folder.yaml").mkdir()
    target = odd if odd.startswith("/") else f"./{odd}"
    assert main(["simulate", target, "--runs", "1"]) == 1
    err = capsys.readouterr().err
    assert f"plaza simulate: {target}: this is a" in err and "not a regular file" in err
    assert "no such level file" not in err


def test_a_level_file_not_in_utf8_is_named_with_its_line_column_and_code(tmp_path, capsys):
    level = author_level(tmp_path / "my_levels")
    level.write_bytes(level.read_text(encoding="utf-8").encode("cp1252", errors="replace"))
    assert main(["simulate", str(level), "--runs", "1"]) == 1
    err = capsys.readouterr().err
    located = [line for line in err.splitlines() if " E10" in line]
    assert len(located) == 1, err  # that file and that problem only, not the rest of the folder
    assert located[0].startswith(f"{level}:") and "E102" in located[0] and "not valid UTF-8" in located[0]
    line, col = located[0][len(str(level)) + 1 :].split(":")[:2]
    assert int(line) > 1 and int(col) > 1


def test_a_link_beside_the_level_that_leaves_the_folder_is_refused_unopened(tmp_path):
    level = author_level(tmp_path / "my_levels")
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    os.mkfifo(outside / "pipe.yaml")
    (level.parent / "linked.yaml").symlink_to(outside / "pipe.yaml")
    (level.parent / "gone.yaml").symlink_to(outside / "missing.yaml")
    done = plaza("simulate", str(level), "--runs", "1")
    assert done.returncode == 1
    for name in ("linked.yaml", "gone.yaml"):  # both named, with the loader's own words
        assert f"{level.parent / name}:1:1: E100 this is a symbolic link that leads outside the content folder" in (
            done.stderr
        )


def test_a_link_beside_the_level_that_stays_inside_is_read(tmp_path, capsys):
    level = author_level(tmp_path / "my_levels")
    events = level.parent / "river_town_events.yaml"
    events.rename(level.parent / "events.txt")
    events.symlink_to(level.parent / "events.txt")
    assert main(["simulate", str(level), "--runs", "1", "--json"]) == 0


def test_a_link_to_a_folder_beside_the_level_is_not_read_through(tmp_path, capsys):
    level = author_level(tmp_path / "my_levels")
    private = tmp_path / "private"
    private.mkdir()
    (private / "diary.yaml").write_text("secret: the neighbours' names\n", encoding="utf-8")
    (level.parent / "notes.yaml").symlink_to(private, target_is_directory=True)
    assert main(["simulate", str(level), "--runs", "1"]) == 0
    assert "diary" not in capsys.readouterr().err
