"""Class sessions through the window, with real key events: create a session from the menu and read its code, join
with the code typed by a student, a mistyped code, a whole projected class-vote game (letters, + / −, digits, lock,
reveal, Enter, a teacher's pick, a tie, pause, the jump to the debrief) whose log keeps the ballots, the export,
and the decision log every ordinary game writes."""

from __future__ import annotations

import csv
import json

import pygame
import pytest

from game import paths
from game.classfiles.session import new_session, read_session, session_code
from game.session.log import read_log
from game.ui.layout_check import problems
from tests.ui.harness import Driver, shipped_content


@pytest.fixture(autouse=True)
def _few_comparison_games(monkeypatch):
    monkeypatch.setenv("PLAZA_COMPARISON_RUNS", "18")


def open_classroom(drv: Driver) -> None:
    drv.press("classroom")  # title: Class session (K)
    assert drv.scene_name == "classroom" and drv.scene.page == "home"


def entry(drv: Driver, key: str):
    return drv.scene.entries[key]


def replace_text(drv: Driver, key: str, text: str) -> None:
    """Click into a text box, erase it and type `text` with real key events."""
    drv.click(entry(drv, key))
    for _ in range(len(entry(drv, key).get_text()) + 2):
        drv.key(pygame.K_BACKSPACE, frames=1)
    drv.type_text(text)


def class_folder():
    return paths.data_dir() / "classroom"


def test_a_teacher_creates_a_session_from_the_menu_and_reads_its_code(tmp_path):
    # GIVEN the Class session screen
    drv = Driver(tmp_path)
    open_classroom(drv)
    # WHEN the teacher opens Create, picks the second city and the organizer, 30 seats, seed 4242, 8 quarters
    drv.press("class_create")
    assert drv.scene.page == "create"
    drv.key(pygame.K_1)
    drv.key(pygame.K_2)
    replace_text(drv, "groups", "30")
    replace_text(drv, "seed", "4242")
    replace_text(drv, "turns", "8")
    drv.key(pygame.K_RETURN)  # Enter in a box creates the session
    # THEN the session page shows the code in large type, and the session file is in the class folder
    assert drv.scene.page == "session", drv.scene.error
    s = drv.scene.session
    content = drv.app.content
    level_ids = [
        i for i in sorted(content.levels, key=lambda i: (content.levels[i].order, i)) if content.levels[i].listed
    ]
    assert (s.level, s.role, s.seed, s.turns, s.mode) == (level_ids[1], "organizer", 4242, 8, "groups")
    assert s.groups == [f"S{i:02d}" for i in range(1, 31)]
    code = session_code(s, content)
    assert code in drv.texts()
    saved = read_session(class_folder() / s.id / "session.json")
    assert saved.code == code and saved.groups == s.groups
    assert problems(drv.app) == []
    drv.shot("classroom-session")
    # AND the home page lists it
    drv.key(pygame.K_ESCAPE)
    assert drv.scene.page == "home" and any(code in b.text for b in drv.buttons())


def test_bad_group_labels_are_refused_with_a_message(tmp_path):
    drv = Driver(tmp_path)
    open_classroom(drv)
    drv.press("class_create")
    replace_text(drv, "groups", "Equipo 1, equipo 1")
    drv.key(pygame.K_TAB)  # out of the box (the last one) to Create, then Create (C)
    assert drv.scene.focused_entry() is None
    drv.press("class_create_go")
    assert drv.scene.page == "create"
    assert any("appears twice" in s for s in drv.texts())


def test_a_student_joins_with_the_code_typed_in_lower_case_without_dashes(tmp_path):
    # GIVEN a session made by the teacher (same content), and its code
    content = shipped_content()
    session = new_session(content, "border_city", "official", seed=777, turns=3, lang="en")
    code = session_code(session, content)
    drv = Driver(tmp_path)
    open_classroom(drv)
    # WHEN a student chooses Join, types the code in lower case without dashes, then the group label
    drv.press("class_join")
    assert drv.scene.page == "join" and entry(drv, "code").is_focused
    drv.type_text(code.replace("-", "").lower())
    drv.key(pygame.K_DOWN)  # to the group box
    assert entry(drv, "group").is_focused
    drv.type_text("Equipo 2")
    drv.key(pygame.K_RETURN)
    # THEN the briefing of that scenario shows, and Begin starts the game of that session
    assert drv.scene_name == "briefing", drv.scene.error
    drv.press("begin")
    play = drv.app.play
    assert (play.session.level.id, play.session.role, play.session.seed, play.session.turns) == (
        "border_city",
        "official",
        777,
        3,
    )
    # WHEN the first quarter is played
    while play.stage != "report":
        if drv.scene_name == "event_card":
            first = next(i for i, o in enumerate(play.pending.options) if o.enabled)
            drv.key(pygame.K_1 + first)
        else:
            drv.press("end_quarter")
    # THEN its log is in the class folder, named after the group, with the class header fields
    log_path = class_folder() / session.id / "Equipo_2.jsonl"
    header, turns = read_log(log_path)
    assert (header["session"], header["group"], header["mode"]) == (session.id, "Equipo 2", "groups")
    assert len(turns) == 1 and "votes" not in turns[0]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("7k3u-q9xd-2fht", "classroom.code.bad_char"),
        ("ABCD-EFGH-JK", "classroom.code.length"),
        (None, "classroom.code.mistyped"),
        ("", "classroom.code.empty"),
    ],
)
def test_a_mistyped_code_gets_a_message_and_no_game(tmp_path, typed, expected):
    content = shipped_content()
    code = session_code(new_session(content, "border_city", "official", seed=1, lang="en"), content)
    if typed is None:  # one character changed
        typed = code[:5] + ("X" if code[5] != "X" else "Y") + code[6:]
    drv = Driver(tmp_path)
    open_classroom(drv)
    drv.press("class_join")
    drv.type_text(typed)
    drv.key(pygame.K_DOWN)
    drv.type_text("S07")
    drv.key(pygame.K_RETURN)
    assert drv.scene_name == "classroom" and drv.app.play is None
    message = drv.app.texts(expected, char="U", length=10)
    assert drv.scene.error == message and message in drv.texts()


def test_a_spanish_player_reads_the_code_problem_in_spanish(tmp_path):
    drv = Driver(tmp_path, language="es")
    open_classroom(drv)
    drv.press("class_join")
    drv.type_text("0000-0000-0000")
    drv.key(pygame.K_DOWN)
    drv.type_text("S07")
    drv.key(pygame.K_RETURN)
    assert drv.scene.error.startswith("Este código")


# --- the projected class vote ------------------------------------------------------------------------------------


def start_projected_game(drv: Driver, turns: int) -> None:
    """Create a class-vote session of Ciudad Frontera from the menu and start its projected game."""
    open_classroom(drv)
    drv.press("class_create")
    drv.key(pygame.K_1)  # the second city of the menu
    drv.key(pygame.K_4)  # mode: one projected game, the class votes
    replace_text(drv, "turns", str(turns))
    replace_text(drv, "seed", "11")
    drv.key(pygame.K_RETURN)
    assert drv.scene.page == "session" and drv.scene.session.mode == "class_vote"
    drv.press("class_start_projected")  # Start the projected game (S)
    assert drv.scene_name == "briefing"
    drv.press("begin")


def vote_on_card(drv: Driver, n: int) -> dict:
    """Run the n-th vote with keys; returns what the log should say about it."""
    card = drv.scene
    vote = card.vote
    open_ = [i for i, ok in enumerate(vote.open) if ok]
    letters = [pygame.K_a + i for i in open_]
    if len(open_) < 2:
        drv.key(letters[0])
        drv.press("vote_pick")
        return {"adopted": vote.options[open_[0]], "source": "teacher"}
    kind = n % 3
    if kind == 0:
        # majority: B gets 12 typed as digits, A gets 3 with +, + , +, +, − ; lock, reveal, Enter
        drv.key(letters[1])
        drv.key(pygame.K_1)
        drv.key(pygame.K_2)
        drv.key(letters[0])
        for key in (pygame.K_PLUS, pygame.K_UP, pygame.K_KP_PLUS, pygame.K_EQUALS, pygame.K_MINUS):
            drv.key(key)
        assert vote.tally[vote.options[open_[0]]] == 3
        assert not vote.revealed and card.t("projector.count_hidden") in drv.texts()
        drv.press("vote_lock")
        drv.key(pygame.K_PLUS)  # locked: no change
        drv.press("vote_reveal")
        assert vote.revealed and vote.locked and vote.tally[vote.options[open_[0]]] == 3
        drv.key(pygame.K_RETURN)
        expected = {
            "adopted": vote.options[open_[1]],
            "source": "majority",
            "locked": True,
            "tally": {vote.options[open_[0]]: 3, vote.options[open_[1]]: 12},
        }
    elif kind == 1:
        # the teacher counts hands and picks the last open option
        drv.key(letters[-1])
        drv.press("vote_pick")
        expected = {"adopted": vote.options[open_[-1]], "source": "teacher", "locked": False}
    else:
        # a tie of 4 and 4: Enter says so, the teacher breaks it with a letter and Pick (K)
        drv.key(letters[0])
        drv.key(pygame.K_4)
        drv.key(letters[1])
        drv.key(pygame.K_4)
        drv.key(pygame.K_RETURN)
        assert not vote.done and vote.tied
        assert any(s.startswith(card.t("projector.tie", options="")[:8]) for s in drv.texts())
        drv.key(letters[1])
        drv.press("vote_pick")
        expected = {"adopted": vote.options[open_[1]], "source": "tie_break", "locked": False}
    assert vote.done and vote.adopted == expected["adopted"]
    return expected


def test_a_projected_class_vote_game_with_real_keys(tmp_path):
    # GIVEN a class-vote session started from the menu, six quarters long
    drv = Driver(tmp_path, size=(1280, 720))
    start_projected_game(drv, turns=6)
    play = drv.app.play
    assert play.class_vote and drv.app.projector and drv.app.text_scale == 150  # the largest that fits
    expected_by_turn: dict[int, list[dict]] = {}
    n = 0
    paused = jumped = False
    for _ in range(300):
        name = drv.scene_name
        if name == "vote_card":
            if play.turn >= 3:  # the third quarter or later: the teacher jumps to the debrief
                drv.press("vote_debrief")
                assert drv.scene_name == "confirm_debrief"
                drv.key(pygame.K_ESCAPE)  # not yet …
                assert drv.scene_name == "vote_card"
                drv.press("vote_debrief")
                drv.press("confirm_yes")  # … now
                jumped = play.turn
                break
            if not paused:  # pause blanks the screen; P resumes where it was
                card = drv.scene
                drv.press("vote_pause")
                assert drv.scene_name == "pause"
                drv.shot("projector-pause")
                drv.press("vote_pause")
                assert drv.scene_name == "vote_card" and drv.scene is card
                paused = True
            expected = vote_on_card(drv, n)
            if n == 0:
                drv.shot("projector-vote-adopted")
                assert problems(drv.app) == []
            expected_by_turn.setdefault(play.turn, []).append(expected)
            n += 1
            drv.key(pygame.K_RETURN)  # Continue (Enter)
        elif name == "city":
            drv.press("end_quarter")
        elif name == "report":
            drv.key(pygame.K_RETURN)
        else:
            raise AssertionError(f"unexpected screen {name}")
    assert jumped and n >= 3, n
    # THEN the projector debrief shows, with its six phases
    assert drv.scene_name == "projector_debrief"
    for i, key in enumerate((pygame.K_1, pygame.K_2, pygame.K_3, pygame.K_4, pygame.K_5, pygame.K_6)):
        drv.key(key)
        assert drv.scene.phase == i
        assert problems(drv.app) == []
    drv.key(pygame.K_2)
    assert any("█" in s for s in drv.texts())  # the split of each vote
    # AND the log in the class folder holds every ballot and adopted option of the quarters played
    header, turns = read_log(drv.app.log.path)
    assert header["mode"] == "class_vote" and header["group"] == play.group
    assert len(turns) == jumped - 1 == len(play.session.records)  # the quarter under way was not logged
    for turn in turns:
        logged = turn["votes"]
        expected = expected_by_turn.get(turn["turn"], [])
        assert len(logged) == len(expected)
        for got, want in zip(logged, expected, strict=True):
            assert got["adopted"] == want["adopted"] and got["source"] == want["source"]
            assert got["adopted"] in {e["option"] for e in turn["events"] if e["event"] == got["event"]}
            if "locked" in want:
                assert got["locked"] == want["locked"]
            if "tally" in want:
                assert {k: v for k, v in got["tally"].items() if v} == want["tally"]
    assert {v["source"] for t in turns for v in t["votes"]} >= {"majority", "teacher"}
    # WHEN the teacher exports the class results (X)
    drv.press("projector_export")
    out = paths.data_dir() / "exports" / play.classroom.id
    assert sorted(p.name for p in out.iterdir()) == ["decisions.csv", "session.json", "statements.jsonl", "turns.csv"]
    assert drv.app.notice is not None and str(out) in drv.app.notice[0]
    with open(out / "decisions.csv", encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert rows and (out / "decisions.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert all(
        json.loads(line)["verb"]["id"].endswith("answered")
        for line in (out / "statements.jsonl").read_text(encoding="utf-8").splitlines()
    )
    # AND a second export never overwrites the first
    drv.press("projector_export")
    assert (paths.data_dir() / "exports" / f"{play.classroom.id}-2" / "decisions.csv").exists()
    # AND leaving for the title screen goes back to the chosen text size
    drv.press("projector_title")
    assert drv.scene_name == "title" and not drv.app.projector and drv.app.text_scale == 100


def test_export_from_the_class_session_screen_names_what_it_skipped(tmp_path):
    # GIVEN a session with a bot-played class of logs and one damaged file in its folder
    from game.classfiles.logs import write_bot_class

    content = shipped_content()
    drv = Driver(tmp_path)
    session = new_session(content, "border_city", "official", seed=5, turns=2, lang="en", groups=["G1", "G2", "G3"])
    folder = class_folder() / session.id
    from game.classfiles.session import write_session

    write_session(session, folder)
    write_bot_class(content, session, folder)
    (folder / "broken.jsonl").write_text("not a log\n", encoding="utf-8")
    # WHEN the teacher opens the session on the Class session screen and presses Export (X)
    open_classroom(drv)
    drv.click(next(b for b in drv.buttons() if session.code in b.text))
    assert drv.scene.page == "session"
    drv.press("class_export")
    # THEN a message says how many logs went where, and names the skipped file
    assert drv.scene_name == "message"
    text = " ".join(drv.texts())
    assert "3 logs exported to exports/" in text and "• broken.jsonl" in text
    assert str(tmp_path) not in text  # files are named by their names, not their whole paths
    assert (paths.data_dir() / "exports" / session.id / "turns.csv").exists()


def test_every_ordinary_game_writes_its_decision_log(tmp_path):
    # GIVEN an ordinary game started from New game
    drv = Driver(tmp_path)
    drv.press("new_game")
    drv.press("start")
    drv.press("begin")
    play = drv.app.play
    assert play.classroom is None and not drv.app.projector
    # WHEN one quarter is played
    while play.stage != "report":
        if drv.scene_name == "event_card":
            first = next(i for i, o in enumerate(play.pending.options) if o.enabled)
            drv.key(pygame.K_1 + first)
        else:
            drv.press("end_quarter")
    # THEN its log is in the logs folder, replayable from turn 1
    logs = list((paths.data_dir() / "logs").glob("*.jsonl"))
    assert len(logs) == 1
    header, turns = read_log(logs[0])
    assert header["seed"] == play.session.seed and len(turns) == 1 and "session" not in header


# --- a crash in a class game ------------------------------------------------------------------------------------


def test_after_a_crash_continue_resumes_a_class_game_in_its_class(tmp_path):
    # GIVEN a group's class game with one quarter played, then the computer stops (the marker stays behind)
    content = shipped_content()
    session = new_session(content, "border_city", "organizer", seed=4242, turns=4, lang="en")
    drv = Driver(tmp_path)
    drv.app.new_game("border_city", "organizer", 4242, turns=4, classroom=session, group="Equipo 3")
    play = drv.app.play
    play.start()
    while play.stage != "report":
        if play.stage == "events":
            play.answer(next((o.option.id for o in play.pending.options if o.enabled), None))
        else:
            play.end_turn()
    drv.app.close_log()
    (tmp_path / "data" / "running").write_text("12345")
    # WHEN the game starts again and the player continues from the autosave
    drv = Driver(tmp_path)
    assert drv.scene_name == "recovery"
    drv.press("recovery_continue")
    # THEN it is the same class game: its session, group and mode are back
    play = drv.app.play
    assert play.classroom is not None and play.classroom.id == session.id
    assert (play.group, play.mode, len(play.session.records)) == ("Equipo 3", "groups", 1)
    # AND the rest is logged in the class folder, in a new file that replays from the first quarter, next to the
    # first one (which is never overwritten)
    folder = class_folder() / session.id
    assert sorted(p.name for p in folder.glob("*.jsonl")) == ["Equipo_3-2.jsonl", "Equipo_3.jsonl"]
    header, turns = read_log(folder / "Equipo_3-2.jsonl")
    assert (header["session"], header["group"]) == (session.id, "Equipo 3") and len(turns) == 1
