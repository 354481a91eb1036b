"""In-game hints on the guided first level: shown on the city, event and report screens, one at a time, dismissed
with Got it (G), all turned off with Hints off (X), never over what they talk about."""

from __future__ import annotations

import pygame
import pytest

from tests.ui.harness import Driver

NUMBER_KEYS = [pygame.K_1 + i for i in range(9)]
SCREENS = {"city": "city", "event_card": "event", "report": "report"}


@pytest.fixture(autouse=True)
def _few_comparison_games(monkeypatch):
    monkeypatch.setenv("PLAZA_COMPARISON_RUNS", "18")


def start_guided(drv: Driver) -> None:
    drv.press("new_game")  # title: New game (N)
    assert drv.scene_name == "setup"
    assert drv.scene.level_id == "first_steps"  # the guided level comes first
    drv.press("start")  # Start (S)
    drv.press("begin")  # briefing: Begin (B)
    assert drv.app.play.session.level.id == "first_steps"


def shown_hint(drv: Driver):
    box = getattr(drv.scene, "hint_box", None)
    return box.hint if box is not None and box.rect.width else None


def move_on(drv: Driver) -> None:
    """One step of the game by its usual keys."""
    name = drv.scene_name
    if name == "event_card":
        options = drv.app.play.pending.options
        first = next((i for i, o in enumerate(options) if o.enabled), None)
        drv.key(NUMBER_KEYS[first] if first is not None else pygame.K_RETURN)
    elif name == "city":
        drv.press("end_quarter")
    elif name == "report":
        drv.key(pygame.K_RETURN)
    else:
        raise AssertionError(f"unexpected screen {name!r}")


def test_a_whole_guided_game_shows_hints_and_got_it_dismisses_them(tmp_path):
    # GIVEN a new game of the guided level, started with the keyboard
    drv = Driver(tmp_path)
    start_guided(drv)
    seen: list[tuple[str, str]] = []
    for _ in range(300):
        if drv.scene_name == "debrief":
            break
        hint = shown_hint(drv)
        if hint is not None:
            # THEN the hint is on screen, on the screen it was written for, with its text
            assert hint.screen == SCREENS[drv.scene_name]
            assert any(drv.app.texts.pick(hint.text)[:30] in t for t in drv.texts())
            seen.append((drv.scene_name, hint.id))
            # WHEN the player presses Got it (G)
            drv.press("got_it")
            # THEN that hint is gone for good and the screen is the same
            assert hint.id in drv.app.play.hints_dismissed
            again = shown_hint(drv)
            assert again is None or again.id != hint.id
            continue
        move_on(drv)
    assert drv.scene_name == "debrief"
    screens = {s for s, _ in seen}
    assert screens == {"city", "event_card", "report"}
    ids = [h for _, h in seen]
    assert ids[:1] == ["read_the_card"]  # the first card comes before the city
    assert ids.count("read_the_map") == 1 and "read_the_report" in ids and "debrief_to_come" in ids
    assert len(ids) == len(set(ids))  # never the same hint twice


def test_hints_off_shows_no_more_hints(tmp_path):
    # GIVEN the first card of the guided level, with its hint
    drv = Driver(tmp_path, language="es")
    start_guided(drv)
    assert drv.scene_name == "event_card" and shown_hint(drv) is not None
    # WHEN the player presses Hints off (X)
    drv.press("hints_off")
    # THEN the hint goes, a notice says so, and no screen of this game shows one again
    assert drv.app.play.hints_off and shown_hint(drv) is None
    assert drv.app.notice and "consejos" in drv.app.notice[0]
    for _ in range(40):
        if drv.scene_name == "debrief" or drv.app.play.turn > 2:
            break
        assert shown_hint(drv) is None
        move_on(drv)
    assert drv.app.play.turn > 2


def test_the_hint_box_covers_nothing_it_talks_about(tmp_path):
    drv = Driver(tmp_path, language="es", scale=150)
    start_guided(drv)
    # the event card: the hint sits with the text, clear of every option
    box = drv.scene.hint_box.rect
    assert box.width and drv.scene.card.contains(box)
    for button in drv.scene.option_buttons.values():
        assert not box.colliderect(button.get_abs_rect())
    move_on(drv)
    # the city: a strip under the panels, inside the window
    assert drv.scene_name == "city"
    box = drv.scene.hint_box.rect
    assert box.width and pygame.Rect((0, 0), drv.app.screen.get_size()).contains(box)
    assert not any(box.colliderect(panel) for panel in drv.scene.panels)
    # the report: a strip above the list and the detail
    drv.press("hints_off")
    drv.app.play.hints_off = False
    drv.press("end_quarter")
    while drv.scene_name == "event_card":
        move_on(drv)
    assert drv.scene_name == "report"
    box = drv.scene.hint_box.rect
    assert box.width and box.bottom <= drv.scene.detail.get_abs_rect().top
    drv.shot("hint-report-es-150")


def test_hint_buttons_are_in_the_keyboard_order(tmp_path):
    drv = Driver(tmp_path)
    start_guided(drv)
    drv.key(pygame.K_1)  # answer the first card
    assert drv.scene_name == "city"
    labels = [b.text for b in drv.buttons()]
    assert "Got it (G)" in labels and "Hints off (X)" in labels
    # Tab reaches Got it, and Enter presses it
    for _ in range(len(labels)):
        focused = drv.scene.focused()
        if focused is not None and focused.element.text == "Got it (G)":
            break
        drv.key(pygame.K_TAB)
    first = shown_hint(drv)
    drv.key(pygame.K_RETURN)
    assert first.id in drv.app.play.hints_dismissed
