"""The city screen's goals strip: each tracked objective's start, now and last quarter's trend, from
game.session.objectives.progress, always on screen, readable by mouse and by keyboard, in both languages."""

from __future__ import annotations

import pygame
import pytest

from game.session import meaning
from game.session.objectives import progress
from game.ui import indicators as ind
from game.ui import layout_check
from game.ui.flow import show_current
from tests.ui.harness import Driver, city_screen


def _past_events(drv: Driver) -> None:
    play = drv.app.play
    while play.stage == "events":
        enabled = [o.option.id for o in play.pending.options if o.enabled]
        play.answer(enabled[0] if enabled else None)
    show_current(drv.app)
    drv.frames(2)


def _play_a_quarter(drv: Driver) -> None:
    """WHEN the player ends the quarter, answers its cards, reads the report and goes on to the next quarter."""
    play = drv.app.play
    drv.press("end_quarter")
    _past_events(drv)
    assert play.stage == "report"
    play.next_turn()
    _past_events(drv)
    assert drv.scene_name == "city"


def _painted(drv: Driver) -> list[str]:
    return [t for _, _, t in drv.scene.text_areas]


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_strip_shows_start_now_and_trend_after_a_played_quarter(tmp_path, lang):
    # GIVEN a new game as the official, on the city screen
    drv = city_screen(tmp_path, language=lang)
    t, play = drv.app.texts, drv.app.play
    before = progress(play.session)
    assert before, "border_city tracks some of the official's objectives"
    # THEN before any quarter is played, each goal shows its start and no trend yet
    assert [g.trend for g in (g for _, g in drv.scene.goal_cards)] == ["—"] * len(before)
    # WHEN a quarter is played
    _play_a_quarter(drv)
    shown = [g for _, g in drv.scene.goal_cards]
    after = progress(play.session)
    assert after[0].played == 1
    assert len(shown) == len(after)
    painted = _painted(drv)
    for g, p in zip(shown, after, strict=True):
        # THEN each card says where the value stands now and where it started, as the indicators write numbers
        assert g.now == ind.fmt(t, p.unit, p.now)
        assert g.start == ind.fmt(t, p.unit, p.start)
        assert g.name == ind.label(play.content, p.value, t)
        # the strip names the objective by the level's short form; the tooltip has it whole
        assert g.text == (p.text.short or p.text).get(lang)
        line = next(s for s in painted if g.now in s and g.start in s)
        assert line
        # and last quarter's change, with its direction and its meaning as a symbol, not colour alone
        change = ind.fmt_change(t, p.unit, p.trend)
        if any(c in "123456789" for c in change):
            assert g.trend.startswith("▲" if p.trend > 0 else "▼") and change in g.trend
            better = {"good": "✓", "bad": "✗"}.get(g.verdict)
            if better:
                assert g.trend.endswith(better)
            assert g.verdict == {True: "good", False: "bad", None: "neutral"}[meaning.judge(p.good_when, p.trend)]
        else:
            assert g.trend == t("city.no_change") and g.verdict == "neutral"
        assert g.trend in painted
        # and the whole objective, the start and how far the term has run are in its tooltip
        assert p.text.get(lang) in g.tooltip and g.start in g.tooltip and g.now in g.tooltip
    # and the term's progress is on the strip
    assert t("city.goals_term", turn=2, turns=play.session.turns) in painted
    # and no raw value name reaches the player
    everything = " ".join(drv.texts() + [g.tooltip for g in shown])
    assert not any(p.value in everything for p in after)
    assert "⟨" not in everything  # no missing string
    assert layout_check.problems(drv.app) == []


def test_a_goal_is_read_by_keyboard(tmp_path):
    # GIVEN the city screen
    drv = city_screen(tmp_path)
    card = drv.scene.goal_cards[0][1]
    whole = progress(drv.app.play.session)[0].text.en
    boxes = [tuple(box) for box, _ in drv.scene.goal_cards]
    # WHEN the player tabs to the first goal and presses Enter
    for _ in range(30):
        drv.key(pygame.K_TAB, frames=1)
        focused = drv.scene.focused()
        if focused is not None and tuple(focused.element.get_abs_rect()) == boxes[0]:
            break
    else:
        raise AssertionError("Tab never reached the goals")
    drv.key(pygame.K_RETURN)
    # THEN the whole objective and where it stands are told at the bottom of the window
    assert drv.app.notice is not None and whole in drv.app.notice[0] and card.start in drv.app.notice[0]


def test_the_organizer_sees_their_own_goals(tmp_path):
    drv = city_screen(tmp_path, role="organizer", language="es")
    shown = [g for _, g in drv.scene.goal_cards]
    assert [g.text for g in shown] == [(p.text.short or p.text).es for p in progress(drv.app.play.session)]
    assert layout_check.problems(drv.app) == []


@pytest.mark.parametrize("role", ["official", "organizer"])
def test_short_goals_are_not_cut_in_the_smallest_window_at_the_largest_text(tmp_path, role):
    # GIVEN the city screen at 1024x768 with text at 200%, in Spanish (the longer language)
    drv = city_screen(tmp_path, role=role, language="es", size=(1024, 768), scale=200)
    painted = _painted(drv)
    flowing = " ".join(painted)
    assert drv.scene.goal_cards, "border_city tracks objectives of both roles"
    for _, g in drv.scene.goal_cards:
        # THEN each goal's short name is painted whole (on one or two lines), not shortened with an ellipsis
        assert g.text in flowing, (g.text, painted)
        assert not any(line.endswith("…") and line[:-1].strip() in g.text for line in painted), g.text
