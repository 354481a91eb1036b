"""Every screen, at 1280×720 and 1920×1080, text at 100% and 150%, in English and Spanish: no text leaves its box
(the city screen's goals strip included).

The tour (game/ui/tour.py) plays a game to its end and shows each screen; the layout checker
(game/ui/layout_check.py) lists every label, button, text box or painted text that does not fit. With
PLAZA_SCREENSHOTS set, a screenshot of every screen is saved there too (not committed; look at them).
"""

from __future__ import annotations

import os

import pytest

from game.ui.layout_check import problems
from game.ui.tour import tour
from tests.ui.harness import Driver

SIZES = [(1280, 720), (1920, 1080)]
SCALES = [100, 150]
LANGUAGES = ["en", "es"]


@pytest.fixture(autouse=True)
def _few_comparison_games(monkeypatch):
    monkeypatch.setenv("PLAZA_COMPARISON_RUNS", "18")


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("scale", SCALES)
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_no_text_leaves_its_box(tmp_path, size, scale, language):
    drv = Driver(tmp_path, size=size, scale=scale, language=language, start_title=False)
    shots = os.environ.get("PLAZA_SCREENSHOTS_ALL")
    found, seen = [], []
    for role in ("official", "organizer"):
        for screen in tour(drv.app, role=role):
            seen.append(screen)
            if screen == "city":  # the goals strip is on it, and checked with the rest
                assert drv.app.top.goal_cards, f"no goals on the city screen for the {role}"
            found += [f"[{role}] {p}" for p in problems(drv.app)]
            if shots:
                drv.app.screenshot(f"{screen}-{role}-{size[0]}x{size[1]}-{scale}-{language}")
    assert {"title", "setup", "briefing", "city", "event_card", "report", "history", "debrief"} <= set(seen)
    assert found == []


def test_window_at_minimum_size_still_fits(tmp_path):
    drv = Driver(tmp_path, size=(1024, 600), start_title=False)
    found = []
    for _ in tour(drv.app):
        found += problems(drv.app)
    assert found == []


@pytest.mark.parametrize(("size", "shown"), [((1280, 720), 150), ((1920, 1080), 200)], ids=["1280x720", "1920x1080"])
def test_the_largest_text_fits_or_is_capped_to_the_window(tmp_path, size, shown):
    # GIVEN text at 200% chosen, in Spanish (the longer language)
    drv = Driver(tmp_path, size=size, scale=200, language="es", start_title=False)
    # THEN the window shows the largest size it has room for, and every screen fits
    assert drv.app.text_scale == shown
    found = []
    for _ in tour(drv.app):
        found += problems(drv.app)
    assert found == []


def test_a_capped_text_size_is_said_and_comes_back_with_room(tmp_path):
    import pygame

    drv = Driver(tmp_path, size=(1280, 720), scale=200)
    drv.press("settings")
    assert drv.scene_name == "settings"
    assert any("Text shows at 150% in this window" in s for s in drv.texts())
    # WHEN the window grows
    drv.app.screen = pygame.display.set_mode((1920, 1080), pygame.RESIZABLE)
    drv.app.resize((1920, 1080))
    drv.app.frame([], 0.05)
    # THEN the chosen size is back, and the note with it
    assert drv.app.text_scale == 200 and drv.app.settings.text_scale == 200
    assert not any("Text shows at" in s for s in drv.texts())


@pytest.mark.filterwarnings("ignore:Label Rect is too small")  # the clipping is this test's point
def test_the_checker_sees_clipped_text(tmp_path):
    # GIVEN a label and a button far too narrow for their text, and painted text wider than its box
    import pygame

    drv = Driver(tmp_path)
    scene = drv.scene
    scene.label(pygame.Rect(10, 10, 30, 30), "A label much wider than thirty pixels")
    scene.button(pygame.Rect(10, 50, 30, 30), "A button much wider than thirty pixels", lambda: None)
    scene.paint_text(drv.app.screen, "Painted text wider than its box", pygame.Rect(10, 90, 30, 20))
    # THEN the checker reports all three
    found = problems(drv.app)
    assert sum("needs" in p for p in found) == 3, found


def test_the_checker_sees_buttons_drawn_over_each_other(tmp_path):
    import pygame

    drv = Driver(tmp_path)
    scene = drv.scene
    assert problems(drv.app) == []
    scene.button(pygame.Rect(300, 600, 200, 40), "Left", lambda: None)
    scene.button(pygame.Rect(480, 600, 200, 40), "Right", lambda: None)
    assert any("'Left' and 'Right' overlap" in p for p in problems(drv.app))


def test_the_checker_sees_a_crowded_map(tmp_path):
    from tests.ui.harness import city_screen

    # GIVEN the city screen, whose labels the checker accepts
    drv = city_screen(tmp_path, size=(1280, 720), scale=150, language="es")
    scene = drv.scene
    assert problems(drv.app) == []
    first, second = scene.tiles[0], scene.tiles[1]
    # WHEN one label is moved against another, off its district
    second.rect = first.rect.move(first.rect.width + 2, 0)
    found = problems(drv.app)
    # THEN the checker says they are too close, and where the moved one sits
    assert any("are 2 px apart" in p for p in found), found
    # WHEN a label is pushed against the map's edge
    first.rect.right = scene.map_area.right
    assert any("touches the map's edge" in p for p in problems(drv.app))
