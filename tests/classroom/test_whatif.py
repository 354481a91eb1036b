"""What if: a logged game played again with one choice made differently, and `plaza whatif`."""

from __future__ import annotations

import json

import pytest

from game.classfiles.logs import read_class_logs, write_bot_class
from game.classfiles.session import new_session
from game.cli import main
from game.runs.whatif import WhatIfError, replay_trajectory, start_whatif, whatif


@pytest.fixture(scope="module")
def log(content, tmp_path_factory):
    """One bot game of the border city (official, seed 7) as a class log."""
    folder = tmp_path_factory.mktemp("whatif")
    session = new_session(content, "border_city", "official", seed=7, groups=["Equipo 1"])
    write_bot_class(content, session, folder, bots=["citizen_campaign"])
    logs, problems = read_class_logs([folder], content)
    assert problems == [] and len(logs) == 1
    return logs[0]


@pytest.fixture(scope="module")
def whatif_once(content, log):
    """`whatif(content, log, turn, event, option)` for the module's log, each what-if played once: several tests look
    at the same ones (the other options of the first quarters), and a what-if's result depends on its arguments
    alone. One whose option was not open raises its WhatIfError each time it is asked for. The tests of `whatif`
    itself (the option taken, the impossible ones, the game given instead of played again) still call it."""
    found: dict[tuple[int, str, str], object] = {}

    def get(turn: int, event: str, option: str):
        key = (turn, event, option)
        if key not in found:
            try:
                found[key] = whatif(content, log, turn, event, option)
            except WhatIfError as exc:
                found[key] = exc
        result = found[key]
        if isinstance(result, WhatIfError):
            raise result
        return result

    return get


def decisions(content, log, upto: int = 12):
    """(turn, event, taken, other options) for every logged event with more than one option."""
    for turn in log.turns[:upto]:
        for e in turn["events"]:
            options = [o.id for o in content.events[e["event"]].options]
            if len(options) > 1:
                yield turn["turn"], e["event"], e["option"], [o for o in options if o != e["option"]]


def test_the_option_taken_gives_back_the_logged_game(content, log):
    turn, event, taken, _ = next(decisions(content, log))
    w = whatif(content, log, turn, event, taken)
    assert w.same and w.first_difference() is None and w.fallbacks == []
    assert w.original.metrics == w.alternative.metrics
    assert w.original.events == [t["events"] for t in log.turns]
    assert w.original.commands == [t["commands"] for t in log.turns]
    assert w.original.metrics == replay_trajectory(content, log.header, log.turns, str(log.path)).metrics
    assert (w.group, w.turn, w.event, w.taken, w.instead) == ("Equipo 1", turn, event, taken, taken)


def test_a_consequential_other_option_changes_the_game_from_that_turn(content, log, whatif_once):
    changed = []
    for turn, event, _, others in decisions(content, log, upto=4):
        for other in others:
            try:
                w = whatif_once(turn, event, other)
            except WhatIfError:  # the option was not open then
                continue
            if not w.same:
                changed.append(w)
    assert changed, "no other option in the first four quarters changed anything"
    w = changed[0]
    assert w.taken != w.instead
    assert w.first_difference() == w.turn
    assert w.original.metrics[: w.turn] == w.alternative.metrics[: w.turn]  # the same game up to the change
    assert w.original.end != w.alternative.end
    changed_event = next(e for e in w.alternative.events[w.turn - 1] if e["event"] == w.event)
    assert changed_event["option"] == w.instead
    assert len(w.alternative.metrics) == len(log.turns) + 1


def test_the_game_as_played_can_be_given_instead_of_played_again(content, log, whatif_once):
    replayed = replay_trajectory(content, log.header, log.turns, str(log.path))
    for turn, event, _, others in decisions(content, log, upto=4):
        for other in others:
            try:
                alone = whatif_once(turn, event, other)  # whatif(content, log, turn, event, other), played once
            except WhatIfError:
                continue
            given = whatif(content, log, turn, event, other, replayed)
            assert given.original is replayed and given.original.metrics == alone.original.metrics
            assert (given.alternative, given.fallbacks) == (alone.alternative, alone.fallbacks)
            assert given.same == alone.same and given.first_difference() == alone.first_difference()


def test_a_what_if_paused_at_its_first_fallback_finishes_as_the_whole_one(content, log, whatif_once):
    paused = 0
    for turn, event, _, others in decisions(content, log, upto=8):
        for other in others:
            try:
                whole = whatif_once(turn, event, other)  # whatif(content, log, turn, event, other), played once
            except WhatIfError:
                with pytest.raises(WhatIfError):  # found in the changed quarter, before any pause
                    start_whatif(content, log, turn, event, other)
                continue
            pending = start_whatif(content, log, turn, event, other)
            assert pending.fell_back == bool(whole.fallbacks)
            played = len(pending._player.trajectory.metrics) - 1
            if pending.fell_back:  # stopped after the quarter of its first fallback (from the changed one on)
                paused += played < len(log.turns)
                assert played == max(turn, whole.fallbacks[0]["turn"])
            else:
                assert played == len(log.turns)
            done = pending.finish()
            assert (done.alternative, done.fallbacks, done.original) == (
                whole.alternative,
                whole.fallbacks,
                whole.original,
            )
            assert pending.finish() is done  # once
    assert paused, "no what-if in the first eight quarters fell back before the end"


def test_impossible_what_ifs_say_why(content, log):
    turn, event, taken, _ = next(decisions(content, log))
    with pytest.raises(WhatIfError, match="turns 1–12, not turn 13"):
        whatif(content, log, 13, event, taken)
    with pytest.raises(WhatIfError, match="did not fire in turn"):
        whatif(content, log, turn, "no_such_event", taken)
    with pytest.raises(WhatIfError, match="has no option 'nope'"):
        whatif(content, log, turn, event, "nope")


def test_plaza_whatif_prints_both_games_and_writes_a_page(content, log, tmp_path, capsys, monkeypatch):
    turn, event, taken, others = next(decisions(content, log))
    out = tmp_path / "wi" / "whatif.html"
    code = main(
        [
            "whatif",
            str(log.path),
            "--turn",
            str(turn),
            "--event",
            event,
            "--option",
            others[0],
            "--out",
            str(out),
            "--lang",
            "en",
        ]
    )
    printed = capsys.readouterr()
    assert code == 0, printed.err
    assert f"quarter {turn}: {event}" in printed.out and f"{taken} -> {others[0]}" in printed.out
    assert "as played" in printed.out and "Criminal control" in printed.out
    page = out.read_text(encoding="utf-8")
    assert "<script" not in page and "http" not in page and "As played" in page

    code = main(["whatif", str(log.path), "--turn", str(turn), "--event", event, "--option", taken, "--lang", "en"])
    assert code == 0 and "The two games are the same" in capsys.readouterr().out
    # in Spanish (PLAZA_LANG=es, with no --lang) from the first word to the last; the ids of events and options stay
    monkeypatch.setenv("PLAZA_LANG", "es")
    code = main(["whatif", str(log.path), "--turn", str(turn), "--event", event, "--option", others[0]])
    printed = capsys.readouterr().out
    assert code == 0 and f"¿Y si…?: {log.group}" in printed and f"trimestre {turn}: {event}" in printed
    assert "como se jugó" in printed and "Control criminal" in printed and "as played" not in printed

    for args, message in (
        (["--turn", "99", "--event", event, "--option", taken, "--lang", "en"], "not turn 99"),
        (["--turn", str(turn), "--event", "nope", "--option", taken, "--lang", "en"], "did not fire"),
        (["--turn", str(turn), "--event", event, "--option", "nope", "--lang", "en"], "has no option"),
        (["--turn", "99", "--event", event, "--option", taken], "no el 99"),
        (["--turn", str(turn), "--event", "nope", "--option", taken], "no ocurrió en el trimestre"),
        (["--turn", str(turn), "--event", event, "--option", "nope"], "no tiene la opción “nope”"),
    ):
        assert main(["whatif", str(log.path), *args]) == 2
        err = capsys.readouterr().err
        assert message in err and str(log.path) in err and "Traceback" not in err


def test_plaza_whatif_refuses_a_hand_edited_log(content, log, tmp_path, capsys):
    lines = [json.loads(line) for line in log.path.read_text(encoding="utf-8").splitlines()]
    lines[1]["commands"] = []
    lines[1]["indicators"]["city.budget"] += 1
    edited = tmp_path / "edited.jsonl"
    edited.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    turn, event, taken, _ = next(decisions(content, log))
    assert main(["whatif", str(edited), "--turn", str(turn), "--event", event, "--option", taken, "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert "edited.jsonl" in err and "does not give the same game" in err


def test_an_option_that_was_not_open_is_said_in_the_teachers_language(content, log, whatif_once, capsys):
    """The what-if's own checks say what is wrong as data (kind and facts); the command only words it, so the
    Spanish message can never disagree with the English one (there is no second copy of the checks)."""
    closed = []
    for turn, event, _, others in decisions(content, log):
        for other in others:
            try:
                whatif_once(turn, event, other)
            except WhatIfError as exc:
                closed.append((turn, event, other, exc))
    if not closed:
        pytest.skip("every other option was open when its event came up in this game")
    turn, event, other, exc = closed[0]
    assert exc.kind == "not_open" and exc.facts["option"] == other and exc.facts["turn"] == turn
    args = ["whatif", str(log.path), "--turn", str(turn), "--event", event, "--option", other]
    assert main([*args, "--lang", "es"]) == 2
    err = capsys.readouterr().err
    assert f"en el trimestre {turn} la opción “{other}” de “{event}” no estaba disponible" in err
    assert "detalle técnico" not in err and "not open" not in err
    assert main([*args, "--lang", "en"]) == 2
    assert f"in turn {turn} the option “{other}” of “{event}” was not open" in capsys.readouterr().err
