"""`plaza replay LOG`: 0 when the log plays out the same, 1 with the first difference named, 2 for a log that
cannot be replayed — always a message, never a traceback."""

import json

import pytest

import game.content.content_cache
import game.content.loader
from game import __version__
from game.cli import main
from game.content.loader import load_content
from game.session.replay import replay
from game.sim import MODEL_VERSION
from tests.test_session_log import OFFICIAL_PLAN, ORGANIZER_PLAN, play


@pytest.fixture(scope="module")
def loaded():
    result = load_content()
    assert result.ok, result.errors
    return result


@pytest.fixture(scope="module")
def content(loaded):
    return loaded.content


@pytest.fixture(scope="module")
def official_log(content, tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("replay") / "official.jsonl"
    play(content, OFFICIAL_PLAN, log_path=path)
    return path.read_text(encoding="utf-8")


@pytest.fixture
def plaza(loaded, monkeypatch, capsys):
    """Run `plaza ARGS` with the module's content (loaded once); return (exit code, stdout, stderr)."""
    monkeypatch.setattr(game.content.loader, "load_content", lambda *a, **k: loaded)
    # the checked-content cache would answer before the loader: the commands get this module's content either way
    monkeypatch.setattr(game.content.content_cache, "load_checked", lambda *a, **k: loaded)

    def run(*args):
        status = main(list(args))
        out, err = capsys.readouterr()
        assert "Traceback" not in out + err
        return status, out, err

    return run


def write(tmp_path, text, name="log.jsonl"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def edit(text, change) -> str:
    """The log with `change(header, turns)` applied (it may return replacement rows)."""
    header, *turns = [json.loads(line) for line in text.splitlines()]
    rows = change(header, turns) or [header, *turns]
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)


def test_a_log_replays_identically(tmp_path, official_log, capsys):
    # end to end, with the content loaded by the command itself
    status = main(["replay", write(tmp_path, official_log)])
    out = capsys.readouterr().out
    assert status == 0
    assert (
        out.strip() == "replayed 5 turns of border_city (official, seed 7): identical; the log stops after turn 5 of 12"
    )


def test_an_organizer_game_replays_identically(content, tmp_path):
    path = tmp_path / "org.jsonl"
    original = play(content, ORGANIZER_PLAN, role="organizer", seed=11, log_path=path)
    result = replay(content, path)
    assert result.ok and result.turns_checked == 5 and result.first_divergence is None
    assert [r.to_dict() for r in result.session.records] == [r.to_dict() for r in original.records]


def test_an_edited_indicator_is_caught_with_its_turn(plaza, tmp_path, official_log):
    def raise_budget(header, turns):
        turns[2]["indicators"]["city.budget"] += 1

    status, out, _ = plaza("replay", write(tmp_path, edit(official_log, raise_budget)))
    assert status == 1
    logged = json.loads(official_log.splitlines()[3])["indicators"]["city.budget"]
    assert "DIFFERENT at turn 3 (turns 1–2 identical)" in out
    assert f"turn 3: city.budget: logged {logged + 1!r}, replayed {logged!r}" in out


def test_a_district_value_is_named_by_its_district(plaza, tmp_path, official_log):
    def nudge(header, turns):
        turns[0]["indicators"]["district.oc_control"][5] += 0.000001

    status, out, _ = plaza("replay", write(tmp_path, edit(official_log, nudge)))
    assert status == 1 and "turn 1: district.oc_control in riberas: logged " in out


def test_a_different_event_is_a_divergence(plaza, tmp_path, official_log):
    def other_event(header, turns):
        turn = next(t for t in turns if t["events"])
        turn["events"][0]["event"] = "festival_offer"
        return None

    status, out, _ = plaza("replay", write(tmp_path, edit(official_log, other_event)))
    assert status == 1 and "fired instead; the log has festival_offer" in out


def test_a_truncated_log_replays_its_complete_turns(plaza, tmp_path, official_log):
    status, out, _ = plaza("replay", write(tmp_path, official_log[:-30]))
    assert status == 0
    assert "the last line is incomplete" in out and "4 complete turns before it" in out
    assert "replayed 4 turns of border_city (official, seed 7): identical" in out


def test_a_log_cut_in_its_first_turn_is_exit_2(plaza, tmp_path, official_log):
    first_two = "\n".join(official_log.splitlines()[:2])
    status, out, err = plaza("replay", write(tmp_path, first_two[:-10]))
    assert status == 2 and out == ""
    assert err.startswith("plaza: truncated log: ") and "nothing to replay" in err


def test_a_log_with_only_its_header_has_nothing_to_compare(plaza, tmp_path, official_log):
    status, out, _ = plaza("replay", write(tmp_path, official_log.splitlines()[0] + "\n"))
    assert status == 0 and "replayed 0 turns" in out and "nothing to compare" in out


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("\x00\x01garbage\xff", ":1: the header is not JSON"),
        ("", "the file is empty"),
        ('{"format": "plaza-save", "version": 1, "header": {}, "turns": []}\n', "this is a Plaza save"),
    ],
)
def test_what_is_not_a_log_is_exit_2(plaza, tmp_path, text, message):
    status, out, err = plaza("replay", write(tmp_path, text))
    assert status == 2 and out == "" and message in err


def test_another_content_version_level_or_duplicate_is_exit_2(plaza, tmp_path, content, official_log):
    cases = {
        "hash": (
            lambda h, t: h.update(content_hash="0123456789abcdef"),
            f"this log was made with different content (hash 0123456789abcdef, this Plaza has {content.content_hash})",
        ),
        "level": (
            lambda h, t: h.update(level="atlantis"),
            "this log is for level 'atlantis', which this Plaza does not have (levels: border_city",
        ),
        "role": (
            lambda h, t: h.update(role="mayor"),
            "cannot start the log's game: level 'border_city' cannot be played as 'mayor'",
        ),
        "duplicate": (lambda h, t: [h, t[0], t[0], *t[1:]], ":3: turn 1 appears twice (first on line 2)"),
    }
    for name, (change, message) in cases.items():
        path = write(tmp_path, edit(official_log, change), f"{name}.jsonl")
        status, out, err = plaza("replay", path)
        assert status == 2 and out == "", name
        assert err.startswith(f"plaza: {path}") and message in err, err


@pytest.mark.parametrize(
    ("change", "version"),
    [
        (lambda h, t: h.update(model=1), 1),
        (lambda h, t: h.__delitem__("model"), 1),  # logs from before the model's version was recorded
        (lambda h, t: h.update(model=MODEL_VERSION + 1, content_hash="0123456789abcdef"), MODEL_VERSION + 1),
    ],
)
def test_a_log_of_another_model_version_is_exit_2_naming_both(plaza, tmp_path, official_log, change, version):
    assert json.loads(official_log.splitlines()[0])["model"] == MODEL_VERSION
    path = write(tmp_path, edit(official_log, change))
    status, out, err = plaza("replay", path)
    assert status == 2 and out == ""
    # checked before the content: the model's version is why the numbers cannot come back
    assert err == (
        f"plaza: {path}: this log was made with model version {version} (Plaza {__version__}); this "
        f"Plaza plays model version {MODEL_VERSION}, so its numbers cannot be reproduced; play the game "
        "again or use the Plaza version that made it\n"
    )


def test_a_model_version_that_is_not_a_whole_number_is_malformed(plaza, tmp_path, official_log):
    for bad in ("2", 2.0, True, 0, None):
        status, _, err = plaza("replay", write(tmp_path, edit(official_log, lambda h, t, v=bad: h.update(model=v))))
        assert status == 2 and "the header's `model` must be a whole number, 1 or more" in err, bad


def test_a_missing_file_is_exit_2(plaza, tmp_path):
    status, _, err = plaza("replay", str(tmp_path / "gone.jsonl"))
    assert status == 2 and "gone.jsonl: no such file" in err


def test_household_count_is_part_of_the_game(tmp_path):
    """A game played with another number of households replays with that number (the header says so)."""
    from game.content.loader import load_content
    from game.session.log import DecisionLog
    from game.session.replay import replay
    from game.session.session import GameSession

    content = load_content().content
    session = GameSession(content, "border_city", "official", 4, households=50)
    with DecisionLog.open(tmp_path / "small.jsonl", session) as log:
        for _ in range(2):
            log.write_turn(session.play_turn([]))
    result = replay(content, log.path)
    assert result.ok and result.turns_checked == 2
