"""One rule for symbolic links (issue 13, "Only regular files are read"), the same for `plaza validate FOLDER`,
`plaza simulate PATH/level.yaml` and the game's loader: a link whose target lies inside the content root is
read; one that leads outside it, or to a pipe, a device or a socket, is refused with a located E100 that names
the link, and nothing of its target is shown.

Pipes are only touched in a child process with a timeout, so a command that opened one fails the test instead
of blocking the run.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from game.cli import main
from game.content.loader import SHIPPED_CONTENT, load_content
from tests.conftest import REPO
from tests.test_author_cli import author_level

pytestmark = pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links on this system")

OUTSIDE = "this is a symbolic link that leads outside the content folder"
SECRET = "password: hunter2\n"


def plaza(*words: str) -> subprocess.CompletedProcess:
    """`plaza WORDS` in a child process; a hang fails after 120 s instead of blocking the test run."""
    env = {**os.environ, "PLAZA_LANG": "en"}
    return subprocess.run(
        [sys.executable, "-m", "game.cli", *words], cwd=REPO, env=env, capture_output=True, text=True, timeout=120
    )


def _link(link: Path, target: Path) -> None:
    try:
        link.symlink_to(target, target_is_directory=target.is_dir())
    except OSError as exc:  # Windows without the right to make links
        pytest.skip(f"cannot make a symbolic link here: {exc}")


def _events_behind_a_link(tmp_path: Path) -> Path:
    """The author's level with its events file kept as `events.txt` and read through `river_town_events.yaml`,
    a link beside it: the link stays inside the folder."""
    level = author_level(tmp_path / "my_levels")
    events = level.parent / "river_town_events.yaml"
    events.rename(level.parent / "events.txt")
    _link(events, level.parent / "events.txt")
    return level


def test_validate_reads_a_link_that_stays_inside_the_folder(tmp_path, capsys):
    level = _events_behind_a_link(tmp_path)
    assert main(["validate", str(level.parent)]) == 0, capsys.readouterr().out
    assert main(["simulate", str(level), "--runs", "1", "--json"]) == 0  # as simulate already did


def test_a_problem_in_a_linked_file_is_named_at_the_link(tmp_path, capsys, monkeypatch):
    level = _events_behind_a_link(tmp_path)
    target = level.parent / "events.txt"
    target.write_text(target.read_text(encoding="utf-8").replace("kind: events", "kind: eventz"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["validate", "my_levels"]) == 1
    out = capsys.readouterr().out
    assert "my_levels/river_town_events.yaml:2:7: E120 `eventz` is not a kind of content file" in out, out


def test_validate_and_simulate_refuse_a_link_that_leaves_the_folder_with_the_same_words(tmp_path):
    level = author_level(tmp_path / "my_levels")
    secret = tmp_path / "secret.yaml"
    secret.write_text(SECRET, encoding="utf-8")
    _link(level.parent / "notes.yaml", secret)
    refusal = f"{level.parent / 'notes.yaml'}:1:1: E100 {OUTSIDE}"
    checked = plaza("validate", str(level.parent))
    played = plaza("simulate", str(level), "--runs", "1")
    assert checked.returncode == 1 and refusal in checked.stdout, checked.stdout
    assert played.returncode == 1 and refusal in played.stderr, played.stderr
    assert "hunter2" not in checked.stdout + checked.stderr + played.stdout + played.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this system")
def test_a_link_inside_the_folder_to_a_pipe_is_refused_unopened(tmp_path):
    level = author_level(tmp_path / "my_levels")
    os.mkfifo(level.parent / "pipe")
    _link(level.parent / "more_events.yaml", level.parent / "pipe")
    refusal = f"{level.parent / 'more_events.yaml'}:1:1: E100 this is a named pipe (FIFO), not a regular file"
    checked = plaza("validate", str(level.parent))
    played = plaza("simulate", str(level), "--runs", "1")
    assert checked.returncode == 1 and refusal in checked.stdout, checked.stdout
    assert played.returncode == 1 and refusal in played.stderr, played.stderr


def test_a_link_to_a_folder_outside_is_refused_and_not_walked(tmp_path, capsys):
    level = author_level(tmp_path / "my_levels")
    private = tmp_path / "private"
    private.mkdir()
    (private / "diary.yaml").write_text(SECRET, encoding="utf-8")
    _link(level.parent / "notes", private)
    assert main(["validate", str(level.parent)]) == 1
    out = capsys.readouterr().out
    assert f"{level.parent / 'notes'}: E100 this is a symbolic link to a folder outside the content folder" in out
    assert "hunter2" not in out and "diary" not in out


def test_a_file_and_a_link_to_it_are_read_once_under_the_file_s_own_name(tmp_path, capsys):
    level = author_level(tmp_path / "my_levels")
    _link(level.parent / "a_copy.yaml", level.parent / "river_town_events.yaml")  # sorted before the file
    result = load_content([SHIPPED_CONTENT, level.parent])
    assert not [d for d in result.diagnostics if d.code == "E160"], "the linked events were read twice"
    origin = result.content.origins[("event", "river_boatmen_pay")]
    assert Path(origin.doc.path).name == "river_town_events.yaml"


def test_the_game_s_loader_follows_the_same_rule(tmp_path):
    level = _events_behind_a_link(tmp_path)
    secret = tmp_path / "secret.yaml"
    secret.write_text(SECRET, encoding="utf-8")
    _link(level.parent / "notes.yaml", secret)
    result = load_content([SHIPPED_CONTENT, level.parent])
    assert "river_boatmen_pay" in result.content.events  # read through the link inside the folder
    refused = [d for d in result.errors if d.code == "E100"]
    assert [(Path(d.where.path).name, d.message) for d in refused] == [("notes.yaml", f"{OUTSIDE}; it is not followed")]


def test_a_cached_verdict_is_not_shown_when_a_link_is_pointed_elsewhere(tmp_path, capsys):
    level = _events_behind_a_link(tmp_path)
    link = level.parent / "river_town_events.yaml"
    assert main(["validate", str(level.parent)]) == 0
    capsys.readouterr()
    outside = tmp_path / "events.txt"
    outside.write_bytes((level.parent / "events.txt").read_bytes())  # the very same bytes, outside the folder
    link.unlink()
    _link(link, outside)
    assert main(["validate", str(level.parent)]) == 1
    assert OUTSIDE in capsys.readouterr().out
