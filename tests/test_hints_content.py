"""Hints in level files (checked like a city event's conditions, located at file:line:col), which hint is due
(game/ui/hints.py, no pygame), the guided first level, and the glossary's entries."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from game.content.loader import load_content
from game.session.session import GameSession
from game.ui import hints
from game.ui.play import Play

MINI = Path(__file__).parent / "fixtures" / "mini"

# The section headings of Payan (2015), as the paper writes them.
SECTIONS = {
    "Introduction",
    "The Coproduction Theoretical Debate and Organized Crime",
    "The Case of Mexico",
    "The Neoliberal Context and the Coproduction of Public Safety in Mexico",
    "Mexico's Political Culture and the Coproduction of Public Safety",
    "Mexico, Public Goods and Coproduction of Public Safety",
    "Democratic Normalcy and the Coproduction of Public Safety",
    "Protection as a Necessary Condition for the Coproduction of Public Safety",
    "Limits of Coproduction: Militarization and Unprepared Citizens",
    "Negative Externalities of Coproduction: Direct and Indirect Costs",
    "Negative Externalities of Coproduction: General Distrust",
    "Negative Externalities of Coproduction: Exclusion",
    "Limits of Coproduction: Reducing Crime or Reducing Fear?",
    "Coproduction Through Citizen-led Projects as Red Herring",
    "Coproduction of Public Safety as Political Desertion",
    "(Re)Politicizing the Coproduction of Public Safety",
    "Extreme Violence and Crime and the Emergence of Militias/Vigilantes in Mexico",
    "Conclusion",
}

HINTS = """hints:
  - id: read_the_map
    screen: city
    when: "turn == 1"
    text: {en: "The map of {city}.", es: "El mapa de {city}."}
  - id: SECOND
    screen: report
    when: ["CONDITION"]
    text: {en: Second., es: Segundo.}
"""


def mini_with_hints(tmp_path, second_id: str = "later", condition: str = "turn >= 2"):
    for f in MINI.iterdir():
        text = f.read_text(encoding="utf-8")
        if f.name == "level.yaml":
            text += HINTS.replace("SECOND", second_id).replace("CONDITION", condition)
        (tmp_path / f.name).write_text(text, encoding="utf-8")
    result = load_content([tmp_path])
    return result, [(Path(d.where.path).name, d.where.line, d.where.col, d.code, d.message) for d in result.diagnostics]


@pytest.fixture(scope="module")
def shipped():
    result = load_content()
    assert not result.errors, result.errors
    return result.content


def new_play(content, role="official", seed=1) -> Play:
    play = Play(GameSession(content, "first_steps", role, seed))
    play.start()
    return play


# --- checks -------------------------------------------------------------------------------------------------


def test_good_hints_load_with_their_level(tmp_path):
    result, found = mini_with_hints(tmp_path)
    assert found == []
    level = next(iter(result.content.levels.values()))
    assert [h.id for h in level.hints] == ["read_the_map", "later"]
    assert [h.screen for h in level.hints] == ["city", "report"]


def test_duplicate_hint_id_is_reported_at_the_second(tmp_path):
    _, found = mini_with_hints(tmp_path, second_id="read_the_map")
    assert [f[3:] for f in found] == [("E160", "two hints share the id `read_the_map`")]
    name, line, col = found[0][:3]
    assert (name, line, col) == ("level.yaml", 38, 9)


@pytest.mark.parametrize(
    ("condition", "code", "col"),
    [
        ("district.fear > 0.5", "E143", 13),  # hints read the city scope: no district is chosen (at the name)
        ("turn >> 2", "E141", 13),  # not allowed in a condition
        ("city.corruption > 2", "E145", 12),  # can never be true (at the condition)
    ],
)
def test_bad_hint_condition_is_located(tmp_path, condition, code, col):
    _, found = mini_with_hints(tmp_path, condition=condition)
    assert len(found) == 1, found
    name, line, column, got, _ = found[0]
    assert (name, line, column, got) == ("level.yaml", 40, col, code)


def test_hint_placeholders_are_checked(tmp_path):
    for f in MINI.iterdir():
        text = f.read_text(encoding="utf-8")
        if f.name == "level.yaml":
            text += (
                HINTS.replace("SECOND", "later")
                .replace("CONDITION", "turn >= 2")
                .replace('"El mapa de {city}."', '"El mapa de {district}."')
            )
        (tmp_path / f.name).write_text(text, encoding="utf-8")
    found = [(d.code, d.where.line) for d in load_content([tmp_path]).diagnostics]
    assert ("E165", 37) in found


# --- which hint is due ------------------------------------------------------------------------------------------


def test_due_hint_by_screen_and_condition(shipped):
    # GIVEN the guided level's first quarter, its first card waiting
    play = new_play(shipped)
    assert play.stage == "events"
    # THEN each screen has its own first hint
    assert hints.due(play, "event").id == "read_the_card"
    assert hints.due(play, "city").id == "read_the_map"
    # and the report's hint for later quarters waits for its condition (turn >= 2)
    report = [h.id for h in hints.hints_for(play, "report")]
    assert "see_the_history" in report and not hints.holds(play, shipped.levels["first_steps"].hints[-1])


def test_dismissed_hints_never_come_back_and_the_next_one_shows(shipped):
    play = new_play(shipped)
    seen = []
    while (hint := hints.due(play, "city")) is not None:
        assert hint.id not in seen
        seen.append(hint.id)
        hints.dismiss(play, hint)
    assert seen == ["read_the_map", "read_the_indicators", "your_resources", "choose_a_measure", "end_the_quarter"]
    # two_kinds_of_measures is for later quarters
    assert "two_kinds_of_measures" not in seen


def test_conditions_read_the_game_now(shipped):
    play = new_play(shipped)
    for hint in hints.hints_for(play, "report"):
        if hint.id == "read_the_report":
            hints.dismiss(play, hint)
    # fear versus crime waits for a card that shows fear falling while crime stays
    assert hints.due(play, "report") is None
    play.session.engine.memory.last_fired["feeling_safer"] = 1
    assert hints.due(play, "report").id == "fear_versus_crime"


def test_hints_off_shows_none(shipped):
    play = new_play(shipped)
    hints.turn_off(play)
    assert all(hints.due(play, screen) is None for screen in ("city", "event", "report"))
    assert hints.due(None, "city") is None


def test_hint_text_fills_placeholders(shipped):
    play = new_play(shipped, role="organizer")
    hint = hints.due(play, "city")
    assert "San Tadeo" in hints.text(play, hint, "en") and "{" not in hints.text(play, hint, "es")


def test_unknown_screen_is_refused(shipped):
    with pytest.raises(ValueError):
        hints.hints_for(new_play(shipped), "debrief")


# --- the guided level --------------------------------------------------------------------------------------------


def test_guided_level_is_small_first_and_for_both_roles(shipped):
    level = shipped.levels["first_steps"]
    assert level.order == min(lv.order for lv in shipped.levels.values())
    assert len(level.districts) == 3 and level.turns == 6
    for role in ("official", "organizer"):
        setup = level.roles.get(role)
        assert setup is not None and setup.objectives and 4 <= len(setup.measures) <= 6
    assert 8 <= len(level.hints) <= 12
    assert {h.screen for h in level.hints} == {"city", "event", "report"}


@pytest.mark.parametrize("role", ["official", "organizer"])
def test_bots_finish_the_guided_level_with_a_card_in_the_first_quarter(shipped, role):
    from game.bots import BOTS

    bot = BOTS["random"]()
    for seed in range(3):
        session = GameSession(shipped, "first_steps", role, seed, explain=False)
        first = session.play_turn(bot.decide(session, session.bot_rng), bot.choose)
        assert len(first.events) >= 1
        while not session.finished:
            session.play_turn(bot.decide(session, session.bot_rng), bot.choose)
        assert session.turn == 6


# --- the glossary -------------------------------------------------------------------------------------------------


def test_glossary_has_twenty_entries_in_both_languages(shipped):
    ids = sorted({m.group(1) for key in shipped.strings if (m := re.match(r"^glossary\.(\w+)\.term$", key))})
    assert len(ids) >= 20
    for ident in ids:
        for part in ("term", "text"):
            text = shipped.strings[f"glossary.{ident}.{part}"]
            assert text.en.strip() and text.es.strip()
        paper = shipped.strings.get(f"glossary.{ident}.paper")
        if paper is not None:  # a section of the paper, exactly as it titles it
            assert paper.en == paper.es and paper.en in SECTIONS, paper.en
