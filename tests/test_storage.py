"""The player's files (game.session.storage), without pygame: a save comes back as it was written, a game that was
killed is found on the next start and its autosave offered until the player answers, and a damaged file is a
message naming it, never a traceback. Every file goes under PLAZA_HOME, a temporary folder here."""

import json
import os
import subprocess
import sys

import pytest

from game.content.loader import load_content
from game.session.log import read_log
from game.session.session import GameSession
from game.session.storage import Problem, Storage

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


@pytest.fixture(scope="module")
def content():
    result = load_content()
    assert result.ok, result.errors
    return result.content


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("PLAZA_HOME", str(tmp_path))
    return tmp_path


def played(content, turns: int = 2, role: str = "official", seed: int = 5) -> GameSession:
    session = GameSession(content, "border_city", role, seed)
    for _ in range(turns):
        session.play_turn([])
    return session


# --- saves ---------------------------------------------------------------------------------------------------------


def test_a_save_is_read_back_as_it_was_written(content, home):
    session = played(content, turns=2)
    storage = Storage()
    where = storage.save(session)
    assert where == home / "data" / "saves" / "border_city-official.json"
    loaded = storage.load(content, where)
    assert not isinstance(loaded, Problem)
    again, header = loaded
    assert (again.turn, again.seed, again.role) == (2, 5, "official")
    assert [r.to_dict() for r in again.records] == [r.to_dict() for r in session.records]
    assert header["level"] == "border_city"


def test_the_autosave_keeps_a_class_games_fields(content, home):
    storage = Storage()
    assert not storage.has_autosave()
    fields = {"session": "0a1b2c3d", "group": "Equipo 3", "mode": "groups"}
    assert storage.autosave(played(content, turns=1), fields) is None
    assert storage.has_autosave() and storage.autosave_path() == home / "data" / "saves" / "autosave.json"
    loaded = storage.load(content, storage.autosave_path())
    assert not isinstance(loaded, Problem)
    assert {k: loaded[1][k] for k in fields} == fields


def test_a_save_that_cannot_be_written_is_a_problem(content, home):
    (home / "data").mkdir()
    (home / "data" / "saves").write_text("a file where the saves folder goes")
    storage = Storage()
    problem = storage.save(played(content, turns=1))
    assert isinstance(problem, Problem) and problem.kind == "write"
    assert problem.path.name == "border_city-official.json" and "cannot save" in problem.detail
    problem = storage.autosave(played(content, turns=1))
    assert problem is not None and (problem.kind, problem.path.name) == ("write", "autosave.json")


# --- damaged files -------------------------------------------------------------------------------------------------


def _good_save(content, home) -> bytes:
    return Storage().save(played(content, turns=2)).read_bytes()


@pytest.mark.parametrize(
    ("damage", "kind", "words"),
    [
        (lambda good: good[: len(good) // 2], "not_save", "not JSON"),  # cut off: the disk filled up mid-copy
        (lambda good: b"", "not_save", "not JSON"),
        (lambda good: b"\xff\xfe garbage", "not_save", "not JSON"),
        (lambda good: good.replace(b'"turn": 2', b'"turn": 7'), "corrupt", "turn entry 2"),
        (lambda good: good.replace(b'"plaza-save"', b'"plaza-log"'), "is_log", "decision log"),
        (lambda good: good.replace(b'"version": 1', b'"version": 99'), "version", "unsupported save version"),
        (
            lambda good: good.replace(b'"border_city"', b'"atlantis"'),
            "corrupt",
            "atlantis",
        ),  # a level this Plaza does not have
    ],
)
def test_a_damaged_save_is_a_clear_message_not_a_traceback(content, home, damage, kind, words):
    good = _good_save(content, home)
    bad = home / "data" / "saves" / "damaged.json"
    bad.write_bytes(damage(good))
    problem = Storage().load(content, bad)
    assert isinstance(problem, Problem), problem
    assert (problem.kind, problem.path) == (kind, bad)
    assert words in problem.detail, problem.detail
    assert bad.read_bytes() == damage(good)  # a bad save is left as it was


def test_a_folder_or_a_missing_file_instead_of_a_save(content, home):
    (home / "folder.json").mkdir()
    for path, words in ((home / "folder.json", "is a folder"), (home / "gone.json", "no such file")):
        problem = Storage().load(content, path)
        assert isinstance(problem, Problem) and problem.kind == "unreadable" and words in problem.detail


# --- the decision log ----------------------------------------------------------------------------------------------


def test_the_decision_log_is_written_turn_by_turn(content, home):
    storage = Storage()
    session = played(content, turns=1)
    target = home / "data" / "logs" / "game.jsonl"
    assert storage.open_log(session, target) is None
    assert storage.write_turn(session.play_turn([])) is None
    assert read_log(target).turns[-1]["turn"] == 2  # on the disk as soon as the turn ends
    storage.end()
    assert storage.log is None
    header, turns = read_log(target)
    assert (header["seed"], [t["turn"] for t in turns]) == (5, [1, 2])


def test_a_class_vote_log_carries_the_votes(content, home):
    storage = Storage()
    session = played(content, turns=0)
    extra = {"session": "0a1b2c3d", "group": "Clase", "mode": "class_vote"}
    assert storage.open_log(session, home / "class.jsonl", extra) is None
    assert storage.write_turn(session.play_turn([]), []) is None
    storage.close_log()
    header, turns = read_log(home / "class.jsonl")
    assert header["mode"] == "class_vote" and turns[0]["votes"] == []


def test_a_log_the_disk_refuses_is_a_problem_and_the_game_goes_on(content, home, monkeypatch):
    (home / "logs").write_text("a file where the logs folder goes")
    storage = Storage()
    session = played(content, turns=1)
    problem = storage.open_log(session, home / "logs" / "game.jsonl")
    assert isinstance(problem, Problem) and problem.kind == "log" and storage.log is None
    assert storage.write_turn(session.play_turn([])) is None  # no log open: nothing to write, nothing wrong

    # a log that opened, then the disk fills up
    assert storage.open_log(session, home / "ok.jsonl") is None

    def full(_fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    problem = storage.write_turn(session.play_turn([]))
    assert isinstance(problem, Problem) and problem.kind == "log" and "No space left" in problem.detail
    assert problem.path == home / "ok.jsonl" and storage.log is None


def test_a_new_log_never_overwrites_an_old_one(content, home):
    storage = Storage()
    session = played(content, turns=1)
    target = home / "logs" / "game.jsonl"
    storage.open_log(session, target)
    storage.open_log(session, target)  # closes the first
    assert storage.log is not None and storage.log.path.name == "game-2.jsonl"
    storage.close_log()
    assert len(read_log(target).turns) == 1


# --- crash recovery ------------------------------------------------------------------------------------------------

CHILD = (
    "import sys, time\n"
    "from game.session.storage import Storage\n"
    "Storage().start()\n"
    "print(' '.join(m for m in ('pygame', 'numpy') if m in sys.modules) or 'ready', flush=True)\n"
    "time.sleep(60)\n"
)


def killed_game(home) -> int:
    """Start a game's storage in another process and kill it while it runs, as a crash or a power cut would."""
    env = {**os.environ, "PLAZA_HOME": str(home)}
    child = subprocess.Popen([sys.executable, "-c", CHILD], cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)
    try:
        # the storage needs neither pygame nor the model
        assert child.stdout is not None and child.stdout.readline().strip() == "ready"
    finally:
        child.kill()
        child.wait(timeout=30)
    return child.pid


@pytest.mark.parametrize("answer", ["continue", "decline"])
def test_a_killed_game_is_found_on_the_next_start_and_cleared_once_answered(content, home, answer):
    # GIVEN an autosave, and a game killed while it ran
    assert Storage().autosave(played(content, turns=2)) is None
    pid = killed_game(home)
    marker = home / "data" / "running"
    assert marker.read_text(encoding="utf-8") == str(pid)
    # WHEN the game starts again
    storage = Storage()
    assert storage.start() is True
    # THEN it offers the autosave, and marks its own run
    assert storage.recovery_pending
    assert marker.read_text(encoding="utf-8") == str(os.getpid())
    if answer == "continue":
        loaded = storage.load(content, storage.autosave_path())
        assert not isinstance(loaded, Problem) and loaded[0].turn == 2
    # WHEN the player continues or declines, THEN it is not offered again in this run
    storage.recovery_answered()
    assert not storage.recovery_pending
    # AND after a clean end the next start offers nothing
    storage.end()
    assert not marker.exists()
    assert Storage().start() is False


def test_a_clean_end_offers_nothing_and_a_crash_without_autosave_neither(home):
    storage = Storage()
    assert storage.start() is False
    storage.end()
    assert Storage().start() is False  # a clean end before it; this run never ends (killed)
    again = Storage()
    assert again.start() is False  # the killed run's marker is there, but there is no autosave to recover
    assert again.crashed and not again.recovery_pending


def test_a_crash_with_a_damaged_autosave_offers_it_and_says_what_is_wrong(content, home):
    autosave = home / "data" / "saves" / "autosave.json"
    autosave.parent.mkdir(parents=True)
    autosave.write_text('{"format": "plaza-save", "version": 1, "header": {"lev', encoding="utf-8")
    (home / "data" / "running").write_text("not even a number")
    storage = Storage()
    assert storage.start() and storage.recovery_pending
    problem = storage.load(content, storage.autosave_path())
    assert isinstance(problem, Problem) and problem.kind == "not_save" and "autosave.json" in problem.detail
    storage.recovery_answered()
    assert not storage.recovery_pending and autosave.exists()  # left for the player, not deleted


def test_a_home_that_cannot_be_written_still_starts(home):
    (home / "data").write_text("a file where the data folder goes")
    storage = Storage()
    assert storage.start() is False
    storage.end()  # nothing to remove, nothing raised


def test_the_crash_report_goes_beside_the_marker(home):
    storage = Storage()
    storage.start()
    report = storage.crash_report("Traceback (most recent call last):\n  boom\n")
    assert report == home / "data" / "crash.txt" and "boom" in report.read_text(encoding="utf-8")
    assert (home / "data" / "running").exists()  # the crash leaves the marker: the next start offers the autosave


def test_every_file_is_under_plaza_home(content, home):
    storage = Storage()
    storage.start()
    session = played(content, turns=1)
    storage.save(session)
    storage.autosave(session)
    storage.crash_report("x")
    found = sorted(str(p.relative_to(home)) for p in home.rglob("*") if p.is_file())
    assert found == [
        os.path.join("data", "crash.txt"),
        os.path.join("data", "running"),
        os.path.join("data", "saves", "autosave.json"),
        os.path.join("data", "saves", "border_city-official.json"),
    ]
    assert json.loads((home / "data" / "saves" / "autosave.json").read_text(encoding="utf-8"))["format"] == (
        "plaza-save"
    )
