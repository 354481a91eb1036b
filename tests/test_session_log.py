"""The decision log: a header line, one line per finished turn, on disk as soon as the turn ends, never
overwritten, and read back strictly — every malformed log is named by file and line."""

import json

import numpy as np
import pytest

from game.content.loader import load_content
from game.events.engine import auto_choose
from game.session.commands import AdoptMeasure
from game.session.log import DecisionLog, LogError, read_log
from game.session.session import GameSession
from game.sim import MODEL_VERSION

OFFICIAL_PLAN = [
    [AdoptMeasure("street_lighting", "riberas")],
    [AdoptMeasure("witness_protection")],
    [],
    [AdoptMeasure("police_vetting")],
    [],
]
ORGANIZER_PLAN = [
    [AdoptMeasure("neighborhood_watch", "riberas")],
    [],
    [AdoptMeasure("reporting_drive", "riberas")],
    [],
    [],
]


def chooser(seed: int = 1):
    """Weighted event choices from a generator of the test's own: a player's clicks, not the session's dice."""
    rng = np.random.default_rng(seed)
    return lambda occ, _rng: auto_choose(occ, rng)


def play(content, plan, *, role="official", seed=7, log_path=None, bot=None) -> GameSession:
    """Play `plan` (one list of commands per quarter), logging each finished turn when `log_path` is given."""
    session = GameSession(content, "border_city", role, seed)
    choose = chooser()
    log = DecisionLog.open(log_path, session, bot=bot) if log_path else None
    for commands in plan:
        record = session.play_turn(commands, choose)
        if log:
            log.write_turn(record)
    if log:
        log.close()
        assert log.path == log_path  # tests log into fresh folders
    return session


def lines(path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def content():
    result = load_content()
    assert result.ok, result.errors
    return result.content


def test_log_is_the_header_then_one_line_per_turn(content, tmp_path):
    session = play(content, OFFICIAL_PLAN, log_path=tmp_path / "game.jsonl", bot="cautious")
    header, *turns = lines(tmp_path / "game.jsonl")
    assert header["format"] == "plaza-log" and header["version"] == 1
    assert (header["level"], header["role"], header["seed"]) == ("border_city", "official", 7)
    assert header["content_hash"] == content.content_hash and header["bot"] == "cautious"
    assert header["model"] == MODEL_VERSION
    assert header["started"].endswith("+00:00")
    assert turns == [json.loads(json.dumps(r.to_dict())) for r in session.records]
    assert turns[0]["commands"] == [{"measure": "street_lighting", "district": "riberas"}]
    assert isinstance(turns[0]["indicators"]["district.oc_control"], list)


def test_each_turn_is_on_disk_when_it_ends(content, tmp_path):
    # a crash loses at most the turn in progress: the file is complete after every write, before close
    session = GameSession(content, "border_city", "official", 3)
    log = DecisionLog.open(tmp_path / "g.jsonl", session)
    assert read_log(log.path).turns == []
    for n, commands in enumerate(OFFICIAL_PLAN[:2], start=1):
        log.write_turn(session.play_turn(commands, chooser()))
        assert [t["turn"] for t in read_log(log.path).turns] == list(range(1, n + 1))
    log.close()


def test_existing_logs_are_never_overwritten(content, tmp_path):
    first = tmp_path / "class.jsonl"
    first.write_text("a student's log\n", encoding="utf-8")
    session = GameSession(content, "border_city", "official", 1)
    paths = []
    for _ in range(2):
        with DecisionLog.open(first, session) as log:
            paths.append(log.path)
    assert [p.name for p in paths] == ["class-2.jsonl", "class-3.jsonl"]
    assert first.read_text(encoding="utf-8") == "a student's log\n"


def test_a_log_opened_on_a_game_in_progress_starts_from_turn_one(content, tmp_path):
    session = play(content, OFFICIAL_PLAN[:2])
    with DecisionLog.open(tmp_path / "later.jsonl", session) as log:
        log.write_turn(session.play_turn([], chooser()))
    assert [t["turn"] for t in read_log(log.path).turns] == [1, 2, 3]


def test_a_cut_off_last_line_keeps_the_complete_turns(content, tmp_path):
    path = tmp_path / "g.jsonl"
    play(content, OFFICIAL_PLAN[:3], log_path=path)
    path.write_bytes(path.read_bytes()[:-40])  # the game died while writing turn 3
    log = read_log(path)
    header, turns = log
    assert header["seed"] == 7 and [t["turn"] for t in turns] == [1, 2]
    assert log.truncated.startswith(f"{path}:4: the last line is incomplete")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "the file is empty"),
        ("\n\n", "the file is empty"),
        ("hello world\n", ":1: the header is not JSON"),
        ("[" * 100_000 + "\n", ":1: the header is not JSON"),
        ('{"format": "plaza-save", "version": 1}\n', "this is a Plaza save, not a decision log"),
        ('{"version": 1}\n', "the header has no `format`"),
        ('{"format": "chess-pgn"}\n', "format is 'chess-pgn'"),
    ],
)
def test_what_is_not_a_log_is_named(tmp_path, text, message):
    path = tmp_path / "x.jsonl"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(LogError) as info:
        read_log(path)
    assert str(info.value).startswith(str(path)) and message in str(info.value)


def test_bytes_that_are_not_utf8(tmp_path):
    path = tmp_path / "x.jsonl"
    path.write_bytes(b'{"format": "plaza-log\xff\xfe"}\n')
    with pytest.raises(LogError, match=r"x.jsonl:1: not UTF-8 text, not a Plaza log"):
        read_log(path)


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(LogError, match="no such file"):
        read_log(tmp_path / "nope.jsonl")
    with pytest.raises(LogError, match="is a folder"):
        read_log(tmp_path)


@pytest.fixture(scope="module")
def good_log(content, tmp_path_factory):
    path = tmp_path_factory.mktemp("log") / "g.jsonl"
    play(content, OFFICIAL_PLAN[:3], log_path=path)
    return path.read_text(encoding="utf-8")


def edited(tmp_path, good_log, edit) -> str:
    """Write the good log with `edit(header, turns)` applied; return read_log's complaint."""
    header, *turns = [json.loads(line) for line in good_log.splitlines()]
    rows = edit(header, turns) or [header, *turns]
    path = tmp_path / "edited.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    with pytest.raises(LogError) as info:
        read_log(path)
    return str(info.value).replace(str(path), "LOG")


def test_unsupported_version(tmp_path, good_log):
    message = edited(tmp_path, good_log, lambda h, t: h.update(version=2))
    assert message == "LOG:1: unsupported log version 2 (this Plaza reads version 1)"


def test_duplicated_and_out_of_order_turns(tmp_path, good_log):
    assert (
        edited(tmp_path, good_log, lambda h, t: [h, t[0], t[1], t[1], t[2]])
        == "LOG:4: turn 2 appears twice (first on line 3)"
    )
    assert (
        edited(tmp_path, good_log, lambda h, t: [h, t[0], t[2], t[1]])
        == "LOG:3: turns out of order: turn 3, expected turn 2"
    )


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda h, t: h.update(seed="seven"), "LOG:1: the header's `seed` must be a whole number, 0 or more"),
        (lambda h, t: h.update(overrides={"e_h": "high"}), "LOG:1: the header's `overrides` must map"),
        (lambda h, t: t[1].update(turn=True), "LOG:3: `turn` must be a whole number"),
        (lambda h, t: t[0].update(commands=[{"district": "riberas"}]), "LOG:2: command 1: a command needs a `measure`"),
        (
            lambda h, t: t[0]["indicators"].update({"city.budget": "lots"}),
            "LOG:2: indicator `city.budget` must be a number or a list of numbers",
        ),
        (lambda h, t: t[2].update(events=[{"event": 3, "hook": "turn_end"}]), "LOG:4: event 1 needs an `event` id"),
        (lambda h, t: [h, [1, 2]], "LOG:2: a turn line must be a JSON object"),
    ],
)
def test_wrong_field_types_are_named_with_their_line(tmp_path, good_log, edit, message):
    assert edited(tmp_path, good_log, edit).startswith(message)
