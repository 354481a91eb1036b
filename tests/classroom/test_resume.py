"""A class game killed mid-way and resumed from its autosave is one game: one identity in its logs and saves, one
group in the export and in the class report."""

from __future__ import annotations

import csv
import dataclasses
import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from game.classfiles.export import export_session
from game.classfiles.logs import class_header, class_log_path, read_class_logs, write_bot_class
from game.classfiles.session import new_session, write_session
from game.classroom.report import make_report
from game.session.log import read_log
from game.session.storage import Storage

ROOT = Path(__file__).resolve().parents[2]

# the game as a student's machine runs it: the class log written turn by turn, an autosave after every turn; then
# it hangs after the third quarter until it is killed
PLAYER = textwrap.dedent(
    """
    import sys, time
    from game import paths
    from game.classfiles.logs import class_header, class_log_path
    from game.classfiles.session import read_session
    from game.content.loader import load_content
    from game.session.session import GameSession
    from game.session.storage import Storage

    content = load_content().content
    session = read_session(sys.argv[1])
    group = sys.argv[2]
    storage = Storage()
    storage.start()
    game = GameSession(content, session.level, session.role, session.seed, turns=session.turns)
    extra = class_header(session, group)
    assert storage.open_log(game, class_log_path(paths.data_dir() / "classroom", session, group), extra) is None
    for _ in range(3):
        record = game.play_turn([], chooser=lambda occ, rng: occ.enabled[0].id if occ.enabled else None)
        assert storage.write_turn(record) is None
        assert storage.autosave(game, extra) is None
    print("ready", flush=True)
    time.sleep(600)
    """
)


def first(occ, rng):
    return occ.enabled[0].id if occ.enabled else None


@pytest.fixture
def crashed_and_resumed(content, tmp_path, monkeypatch):
    """Three groups; 3B's machine is killed after turn 3 and the game is resumed from its autosave."""
    home = tmp_path / "home"
    monkeypatch.setenv("PLAZA_HOME", str(home))
    session = new_session(content, "first_steps", "official", seed=5, groups=["3A", "3B", "3C"])
    folder = home / "data" / "classroom"
    session_file = write_session(session, folder / session.id)
    write_bot_class(content, dataclasses.replace(session, groups=["3A", "3C"]), folder)
    env = {**os.environ, "PLAZA_HOME": str(home), "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-c", PLAYER, str(session_file), "3B"], stdout=subprocess.PIPE, text=True, env=env, cwd=ROOT
    )
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "ready"
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL

    # the next start: the marker says the last run did not end cleanly; Continue loads the autosave
    storage = Storage()
    assert storage.start() and storage.recovery_pending
    loaded = storage.load(content, storage.autosave_path())
    assert isinstance(loaded, tuple), loaded
    game, header = loaded
    assert game.turn == 3 and header["group"] == "3B"
    extra = class_header(session, "3B")
    assert storage.open_log(game, class_log_path(folder, session, "3B"), extra) is None
    while not game.finished:
        assert storage.write_turn(game.play_turn([], chooser=first)) is None
    storage.end()
    return session, folder / session.id


def test_a_resumed_game_keeps_its_identity(crashed_and_resumed):
    session, folder = crashed_and_resumed
    assert sorted(p.name for p in folder.glob("3B*.jsonl")) == ["3B-2.jsonl", "3B.jsonl"]
    killed, resumed = read_log(folder / "3B.jsonl"), read_log(folder / "3B-2.jsonl")
    assert len(killed.turns) == 3 and len(resumed.turns) == session.turns
    assert killed.header["game"] == resumed.header["game"]
    assert resumed.turns[:3] == killed.turns


def test_a_resumed_game_counts_once_in_the_export_and_the_report(content, crashed_and_resumed, tmp_path):
    session, folder = crashed_and_resumed
    logs, problems = read_class_logs(folder, content)
    assert sorted(g.group for g in logs) == ["3A", "3B", "3C"]
    assert [p for p in problems if "3B.jsonl: an earlier or cut-short copy" in p and "same game" in p], problems
    out = tmp_path / "export"
    export_session(logs, session, content, out, problems)
    with open(out / "turns.csv", encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert sorted({r["group_id"] for r in rows}) == ["3A", "3B", "3C"]
    assert sum(r["group_id"] == "3B" for r in rows) == session.turns
    statements = [json.loads(line) for line in (out / "statements.jsonl").read_text("utf-8").splitlines()]
    assert len({s["id"] for s in statements}) == len(statements)
    report = make_report(logs, content, "es", problems)
    assert report.games == 3
    assert "3B (2)" not in report.html


def test_old_logs_without_an_id_resumed_after_a_crash_count_once(content, crashed_and_resumed):
    """Logs from before games had an id: the same header but when it started, and the turns of one the start of
    the other's."""
    _, folder = crashed_and_resumed
    for path in folder.glob("*.jsonl"):
        lines = path.read_text("utf-8").splitlines()
        header = json.loads(lines[0])
        del header["game"]
        path.write_text("\n".join([json.dumps(header, ensure_ascii=False), *lines[1:]]) + "\n", "utf-8")
    logs, problems = read_class_logs(folder, content)
    assert sorted(g.group for g in logs) == ["3A", "3B", "3C"], problems
