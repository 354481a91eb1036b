"""Saves: a loaded game continues exactly as the original would have, an interrupted save keeps the old one,
and a bad save is refused with a message that says what is wrong."""

import json
import os

import pytest

import game.session.saves as saves
from game import __version__
from game.content.loader import load_content
from game.session.commands import AdoptMeasure
from game.session.saves import SaveError, load_game, save_game
from game.sim import MODEL_VERSION
from tests.test_session_log import OFFICIAL_PLAN, chooser, play

LATER = [[AdoptMeasure("anonymous_hotline", "valle")], [AdoptMeasure("transparency_audits")], []]


@pytest.fixture(scope="module")
def content():
    result = load_content()
    assert result.ok, result.errors
    return result.content


@pytest.fixture(scope="module")
def saved(content, tmp_path_factory):
    """A three-turn game saved to disk, and how the same game goes on if it is never saved."""
    path = tmp_path_factory.mktemp("saves") / "game.json"
    session = play(content, OFFICIAL_PLAN[:3], seed=5)
    save_game(session, path)
    choose = chooser(42)
    later = [session.play_turn(commands, choose).to_dict() for commands in LATER]
    return path, path.read_text(encoding="utf-8"), later


def test_a_loaded_game_continues_bit_for_bit(content, saved):
    path, _, later = saved
    loaded = load_game(content, path)
    assert (loaded.turn, loaded.phase, loaded.seed) == (3, "between turns", 5)
    choose = chooser(42)
    continued = [loaded.play_turn(commands, choose).to_dict() for commands in LATER]
    assert continued == later  # indicators compared as exact floats, events and options included
    assert any(turn["events"] for turn in later)
    assert continued[0]["commands"] == [{"measure": "anonymous_hotline", "district": "valle"}]


def test_the_save_file_is_the_header_and_the_turns(saved):
    _, text, _ = saved
    data = json.loads(text)
    assert (data["format"], data["version"]) == ("plaza-save", 1)
    assert data["header"]["seed"] == 5 and [t["turn"] for t in data["turns"]] == [1, 2, 3]


def test_saving_during_a_turn_keeps_the_completed_turns(content, tmp_path):
    session = play(content, OFFICIAL_PLAN[:2])
    session.begin_turn()  # turn 3 is under way
    save_game(session, tmp_path / "mid.json")
    loaded = load_game(content, tmp_path / "mid.json")
    assert (loaded.turn, loaded.phase) == (2, "between turns")


def test_an_interrupted_save_keeps_the_previous_one(content, tmp_path, monkeypatch):
    path = tmp_path / "game.json"
    save_game(play(content, OFFICIAL_PLAN[:1]), path)
    before = path.read_bytes()
    longer = play(content, OFFICIAL_PLAN[:2])

    def dies_halfway(data, f, **kwargs):
        f.write(json.dumps(data)[:100])
        raise KeyboardInterrupt

    monkeypatch.setattr(saves.json, "dump", dies_halfway)
    with pytest.raises(KeyboardInterrupt):
        save_game(longer, path)
    monkeypatch.undo()

    def disk_full(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(saves.os, "replace", disk_full)
    with pytest.raises(SaveError, match="cannot save the game: No space left on device"):
        save_game(longer, path)
    assert path.read_bytes() == before
    assert os.listdir(tmp_path) == ["game.json"]  # no temporary file left behind
    assert load_game(content, path).turn == 1


def test_a_new_save_replaces_the_old(content, tmp_path):
    path = tmp_path / "game.json"
    save_game(play(content, OFFICIAL_PLAN[:1]), path)
    save_game(play(content, OFFICIAL_PLAN[:2]), path)
    assert load_game(content, path).turn == 2 and os.listdir(tmp_path) == ["game.json"]


def refusal(content, tmp_path, text) -> str:
    path = tmp_path / "bad.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SaveError) as info:
        load_game(content, path)
    message = str(info.value)
    assert message.startswith(str(path))
    return message.replace(str(path), "SAVE")


def changed(text, change) -> str:
    data = json.loads(text)
    change(data)
    return json.dumps(data)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update(format="plaza-log"), "SAVE: this is a decision log, not a save"),
        (lambda d: d.update(format="zip"), "SAVE: not a Plaza save: format is 'zip', expected 'plaza-save'"),
        (lambda d: d.update(version=9), "SAVE: unsupported save version 9 (this Plaza reads version 1)"),
        (
            lambda d: d["header"].update(level="atlantis"),
            "SAVE: this save is for level 'atlantis', which this Plaza does not have",
        ),
        (
            lambda d: d["header"].update(content_hash="feedfacefeedface"),
            "SAVE: this save was made with different content (hash feedfacefeedface, this Plaza has ",
        ),
        (lambda d: d["turns"].pop(1), "SAVE: turn entry 2 is turn 3: corrupt turn data"),
        (lambda d: d["turns"][0].update(indicators=[]), "SAVE: turn entry 1: `indicators` must be an object"),
        (lambda d: d.update(turns={}), "SAVE: `turns` must be a list"),
        (
            lambda d: d["turns"][1]["indicators"].update({"city.budget": 1e9}),
            "SAVE: the saved game does not replay to the same result — turn 2: city.budget: saved 1000000000.0, "
            "replayed ",
        ),
    ],
)
def test_a_bad_save_is_refused_with_the_reason(content, tmp_path, saved, change, message):
    assert refusal(content, tmp_path, changed(saved[1], change)).startswith(message)


@pytest.mark.parametrize(
    ("change", "version"),
    [
        (lambda h: h.update(model=1), 1),
        (lambda h: h.pop("model"), 1),  # saves from before the model's version was recorded
    ],
)
def test_a_save_of_another_model_version_is_refused_naming_both(content, tmp_path, saved, change, version):
    assert json.loads(saved[1])["header"]["model"] == MODEL_VERSION
    path = tmp_path / "old.json"
    path.write_text(changed(saved[1], lambda d: change(d["header"])), encoding="utf-8")
    with pytest.raises(SaveError) as info:
        load_game(content, path)
    assert str(info.value) == (
        f"{path}: this save was made with model version {version} (Plaza {__version__}); "
        f"this Plaza plays model version {MODEL_VERSION}, so its numbers cannot be "
        "reproduced; play the game again or use the Plaza version that made it"
    )
    assert info.value.kind == "version"  # the game says "saved by another version of Plaza", not "damaged"


def test_a_save_that_is_not_json(content, tmp_path):
    assert refusal(content, tmp_path, '{"format": "plaza-save", ') == "SAVE: not JSON, not a Plaza save"
    assert refusal(content, tmp_path, "[1, 2]") == "SAVE: not a Plaza save (expected a JSON object)"


def test_a_class_game_save_keeps_its_session_group_and_mode(content, tmp_path):
    session = play(content, OFFICIAL_PLAN[:2], seed=9)
    extra = {"session": "0a1b2c3d", "group": "Equipo 3", "mode": "class_vote"}
    path = save_game(session, tmp_path / "class.json", extra)
    loaded, header = saves.load_game_and_header(content, path)
    assert len(loaded.records) == 2 and {k: header[k] for k in extra} == extra
    # the optional fields are checked like a log's, and may not stand in for the core ones
    with pytest.raises(ValueError, match="may not replace seed"):
        save_game(session, tmp_path / "bad.json", {"seed": 1})
    data = json.loads(path.read_text(encoding="utf-8"))
    data["header"]["mode"] = "everyone"
    (tmp_path / "edited.json").write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(SaveError, match="mode"):
        load_game(content, tmp_path / "edited.json")
