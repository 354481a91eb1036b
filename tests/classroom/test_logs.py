"""Class logs: the optional header fields and votes, where logs go, reading a class's folder past bad files,
classes played by bots."""

from __future__ import annotations

import dataclasses
import json
import shutil
from pathlib import Path

import pytest

from game.classfiles.logs import _copy_of, class_header, class_log_path, read_class_logs, safe, write_bot_class
from game.classfiles.session import new_session, seat_labels
from game.session.log import DecisionLog, LogError, read_log
from game.session.replay import replay
from game.session.session import GameSession


@pytest.fixture(scope="module")
def vote_class(content, tmp_path_factory):
    folder = tmp_path_factory.mktemp("vote")
    session = new_session(content, "hot_valley", "organizer", seed=11, groups=["3A", "3B", "3C"], mode="class_vote")
    return session, folder, write_bot_class(content, session, folder, seats=28)


def test_safe_names_and_class_log_path(content, tmp_path):
    assert safe("Equipo 1") == "Equipo_1"
    assert safe("Niños / mesa 3") == "Niños_mesa_3"
    assert safe("../../etc") == "etc"
    assert safe("   ") == "group"
    s = new_session(content, "border_city", "official", seed=1, groups=["Equipo 1"])
    assert class_log_path(tmp_path, s, "Equipo 1") == tmp_path / s.id / "Equipo_1.jsonl"
    assert class_header(s, "Equipo 1") == {"session": s.id, "group": "Equipo 1", "mode": "groups"}


def test_extra_header_and_votes_are_written_checked_and_ignored_by_replay(content, tmp_path):
    s = new_session(content, "first_steps", "official", seed=3, groups=["S01"], mode="class_vote")
    game = GameSession(content, s.level, s.role, s.seed)
    path = class_log_path(tmp_path, s, "S01")
    with DecisionLog.open(path, game, extra_header=class_header(s, "S01")) as log:
        record = game.play_turn([], chooser=lambda occ, rng: occ.enabled[0].id if occ.enabled else None)
        votes = [
            {
                "event": e["event"],
                "district": None,
                "tally": {e["option"]: 3},
                "adopted": e["option"],
                "source": "teacher",
                "locked": False,
            }
            for e in record.events
        ]
        log.write_turn(record, votes=votes)
    header, turns = read_log(path)
    assert (header["session"], header["group"], header["mode"]) == (s.id, "S01", "class_vote")
    assert turns[0]["votes"] == votes
    assert replay(content, path).ok
    with pytest.raises(ValueError, match="cannot replace"):
        DecisionLog.open(tmp_path / "x.jsonl", game, extra_header={"seed": 4})
    with pytest.raises(LogError, match="`mode`"):
        DecisionLog.open(tmp_path / "y.jsonl", game, extra_header={"mode": "party"})


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"session": "XYZ"}, "`session` must be a session id"),
        ({"group": ""}, "`group` must be a label"),
        ({"group": 7}, "`group` must be a label"),
        ({"mode": "solo"}, "`mode` must be one of"),
    ],
)
def test_bad_class_header_fields_are_named(content, tmp_path, change, message):
    game = GameSession(content, "first_steps", "official", 1)
    with DecisionLog.open(tmp_path / "g.jsonl", game) as log:
        path = log.path
    header = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps({**header, **change}) + "\n", encoding="utf-8")
    with pytest.raises(LogError, match=message) as err:
        read_log(path)
    assert str(err.value).startswith(f"{path}:1")


@pytest.mark.parametrize(
    ("vote", "message"),
    [
        ("nope", "vote 1 must be an object"),
        ({"district": None, "tally": {}, "adopted": None, "source": "majority", "locked": True}, "needs an `event`"),
        (
            {"event": "e", "district": "riberas", "tally": {}, "adopted": None, "source": "majority", "locked": True},
            "`district` must be a district's index",
        ),
        (
            {"event": "e", "district": None, "tally": {"a": -1}, "adopted": None, "source": "majority", "locked": True},
            "`tally` must map",
        ),
        (
            {
                "event": "e",
                "district": None,
                "tally": {"a": 1.5},
                "adopted": None,
                "source": "majority",
                "locked": True,
            },
            "`tally` must map",
        ),
        (
            {"event": "e", "district": None, "tally": {}, "adopted": 3, "source": "majority", "locked": True},
            "`adopted` must be",
        ),
        (
            {"event": "e", "district": None, "tally": {}, "adopted": None, "source": "coin", "locked": True},
            "`source` must be one of",
        ),
        (
            {"event": "e", "district": None, "tally": {}, "adopted": None, "source": "majority", "locked": "yes"},
            "`locked` must be",
        ),
    ],
)
def test_bad_votes_are_named(content, tmp_path, vote, message):
    game = GameSession(content, "first_steps", "official", 1)
    with DecisionLog.open(tmp_path / "g.jsonl", game) as log:
        record = game.play_turn([], chooser=lambda occ, rng: occ.enabled[0].id if occ.enabled else None)
        log.write_turn(record)
        path = log.path
    with pytest.raises(LogError, match=message):
        lines = path.read_text(encoding="utf-8").splitlines()
        turn = json.loads(lines[1])
        turn["votes"] = [vote]
        path.write_text(lines[0] + "\n" + json.dumps(turn) + "\n", encoding="utf-8")
        read_log(path)
    with pytest.raises(LogError, match=message):  # and writing them is refused the same way
        game2 = GameSession(content, "first_steps", "official", 1)
        with DecisionLog.open(tmp_path / "w.jsonl", game2) as log2:
            log2.write_turn(
                game2.play_turn([], chooser=lambda occ, rng: occ.enabled[0].id if occ.enabled else None), votes=[vote]
            )


def test_bot_class_logs_replay_and_carry_plausible_votes(content, vote_class):
    session, folder, paths = vote_class
    assert [p.name for p in paths] == ["3A.jsonl", "3B.jsonl", "3C.jsonl"]
    assert all(p.parent == folder / session.id for p in paths)
    sources = set()
    for path in paths:
        assert replay(content, path).ok
        header, turns = read_log(path)
        assert header["group"] == path.stem and header["session"] == session.id and header["mode"] == "class_vote"
        for turn in turns:
            choices = [(e["event"], e["option"]) for e in turn["events"] if e["option"] is not None]
            for vote in turn.get("votes", []):
                assert (vote["event"], vote["adopted"]) in choices
                tally = vote["tally"]
                top = max(tally.values())
                assert vote["adopted"] in tally and sum(tally.values()) <= 28
                if vote["source"] == "majority":
                    assert tally[vote["adopted"]] == top and list(tally.values()).count(top) == 1
                elif vote["source"] == "tie_break":
                    assert tally[vote["adopted"]] == top and list(tally.values()).count(top) >= 2
                else:
                    assert tally[vote["adopted"]] < top
                sources.add(vote["source"])
    assert "majority" in sources
    # groups on the same seed do not all play the same game
    games = {json.dumps(read_log(p).turns) for p in paths}
    assert len(games) == len(paths)


def test_group_mode_bot_class_has_no_votes(content, tmp_path):
    s = new_session(content, "first_steps", "official", seed=2, groups=seat_labels(4))
    paths = write_bot_class(content, s, tmp_path, bots=["random"])
    assert len(paths) == 4
    assert all("votes" not in t for p in paths for t in read_log(p).turns)
    with pytest.raises(ValueError, match="no bot called"):
        write_bot_class(content, s, tmp_path, bots=["nobody"])


def _class(content, tmp_path: Path, n: int = 5) -> tuple[object, Path, list[Path]]:
    s = new_session(content, "border_city", "official", seed=77, turns=4, groups=[f"G{i}" for i in range(n)])
    folder = tmp_path / "class"
    return s, folder, write_bot_class(content, s, folder)


def test_bad_inputs_are_named_and_the_good_logs_still_read(content, tmp_path):
    s, folder, paths = _class(content, tmp_path)
    where = folder / s.id
    # a truncated log (the last line cut mid-write): kept with its complete turns
    text = paths[0].read_text(encoding="utf-8")
    cut = where / "cut.jsonl"
    cut.write_text(text[: text.rindex("\n", 0, len(text) - 1) + 40], encoding="utf-8")
    cut_header = json.loads(text.splitlines()[0])
    cut.write_text(
        json.dumps({**cut_header, "group": "Cut"}) + "\n" + cut.read_text().split("\n", 1)[1], encoding="utf-8"
    )
    # a duplicate
    shutil.copy(paths[1], where / "copy.jsonl")
    # another level
    other = new_session(content, "first_steps", "official", seed=77, groups=["Other"])
    other_path = write_bot_class(content, other, tmp_path / "elsewhere")[0]
    shutil.copy(other_path, where / "other_level.jsonl")
    # a hand-edited header (a type error) and a hand-edited seed
    lines = paths[2].read_text(encoding="utf-8").splitlines()
    h = json.loads(lines[0])
    (where / "edited_type.jsonl").write_text(
        "\n".join([json.dumps({**h, "seed": "seven"}), *lines[1:]]) + "\n", encoding="utf-8"
    )
    (where / "edited_seed.jsonl").write_text(
        "\n".join([json.dumps({**h, "seed": 78, "group": "E"}), *lines[1:]]) + "\n", encoding="utf-8"
    )
    # another content hash
    (where / "other_content.jsonl").write_text(
        "\n".join([json.dumps({**h, "content_hash": "0" * 16, "group": "OC"}), *lines[1:]]) + "\n", encoding="utf-8"
    )
    # not a log, and an empty folder
    (where / "notes.jsonl").write_text("hello\n", encoding="utf-8")
    (tmp_path / "empty").mkdir()

    good, problems = read_class_logs([folder, tmp_path / "empty", tmp_path / "nowhere"], content)
    by_file = {p.split(":")[0].split(";")[0]: p for p in problems}
    text = "\n".join(problems)
    assert f"{tmp_path / 'empty'}: no decision logs" in text
    assert f"{tmp_path / 'nowhere'}: no such file or folder" in text
    assert f"{where / 'cut.jsonl'}:" in text and "the complete turns are used" in by_file[str(where / "cut.jsonl")]
    assert f"{where / 'copy.jsonl'}: a copy of {paths[1]}" in text
    assert f"{where / 'other_level.jsonl'}: a game of level 'first_steps'" in text
    assert f"{where / 'edited_type.jsonl'}:1: the header's `seed` must be a whole number" in text
    assert f"{where / 'other_content.jsonl'}: made with other content" in text
    assert f"{where / 'notes.jsonl'}:1: the header is not JSON" in text
    names = sorted(g.path.name for g in good)
    assert names == sorted([*(p.name for p in paths), "cut.jsonl", "edited_seed.jsonl"])
    cut_log = next(g for g in good if g.path.name == "cut.jsonl")
    assert cut_log.truncated and len(cut_log.turns) == 3 and cut_log.group == "Cut"
    # the hand-edited seed is found by replaying
    good2, problems2 = read_class_logs([folder], content, verify=True)
    assert "edited_seed.jsonl" not in {g.path.name for g in good2}
    assert any(p.startswith(f"{where / 'edited_seed.jsonl'}: does not replay") for p in problems2)
    assert {p.name for p in paths} <= {g.path.name for g in good2}


def test_without_content_the_majority_decides(content, tmp_path):
    _, folder, paths = _class(content, tmp_path, n=3)
    lines = paths[0].read_text(encoding="utf-8").splitlines()
    h = json.loads(lines[0])
    paths[0].write_text("\n".join([json.dumps({**h, "content_hash": "f" * 16}), *lines[1:]]) + "\n", encoding="utf-8")
    good, problems = read_class_logs(folder)
    assert len(good) == 2
    assert problems == [
        f"{paths[0]}: made with other content (hash {'f' * 16}, the other logs have "
        f"{content.content_hash}): another version of Plaza or changed levels; skipped"
    ]


def test_a_cut_short_copy_is_skipped_and_an_empty_game_too(content, tmp_path):
    s, folder, paths = _class(content, tmp_path, n=2)
    lines = paths[0].read_text(encoding="utf-8").splitlines()
    (folder / s.id / "early.jsonl").write_text("\n".join(lines[:3]) + "\n", encoding="utf-8")
    (folder / s.id / "opened.jsonl").write_text(lines[0] + "\n", encoding="utf-8")
    good, problems = read_class_logs([folder], content)
    assert sorted(g.path.name for g in good) == sorted(p.name for p in paths)
    assert any(p.startswith(f"{folder / s.id / 'early.jsonl'}: an earlier or cut-short copy") for p in problems)
    assert any(p.startswith(f"{folder / s.id / 'opened.jsonl'}: no finished turn") for p in problems)


def test_logs_read_with_other_content_are_all_skipped(content, tmp_path):
    _, folder, _ = _class(content, tmp_path, n=2)
    other = dataclasses.replace(content, digests=[*content.digests, "x"])
    good, problems = read_class_logs([folder], other)
    assert good == [] and len(problems) == 2 and all("made with other content" in p for p in problems)


def test_a_copy_is_told_by_its_whole_json_not_by_its_header_and_length_alone():
    header = {"group": "A", "seed": 7}
    seen: dict = {}
    assert _copy_of(Path("a"), header, [{"turn": 1, "x": 1}], seen) is None
    assert _copy_of(Path("b"), header, [{"turn": 1, "x": 2}], seen) is None  # same header and length, other turns
    assert _copy_of(Path("c"), {"seed": 7, "group": "A"}, [{"x": 2, "turn": 1}], seen) == Path("b")
    assert _copy_of(Path("d"), header, [{"turn": 1, "x": 1.0}], seen) is None  # JSON tells 1.0 from 1
    assert _copy_of(Path("e"), header, [{"turn": 1, "x": 1}, {"turn": 2}], seen) is None
