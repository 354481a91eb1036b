"""Shortcut letters in both languages (issue 15): every letter a screen answers to is read from `keys.<action>`
(content/ui/keys.yaml), so the Spanish game shows Spanish mnemonics ("Cerrar el trimestre (C)").

For every screen of the tour (game/ui/tour.py: title, setup, briefing, event card, city, history, report, debrief,
the class-session pages, the projector's vote card, pause, confirmation and debrief) and a few dialogs it does not
show, in English and in Spanish: no two actions of one screen share a letter, and a button that shows a letter in
brackets is pressed by that very key.
"""

from __future__ import annotations

import re

import pygame
import pytest

from game.ui.flow import show_current
from game.ui.tour import tour, walk_to
from game.ui.vote import Vote
from game.ui.widgets import letter_key
from tests.ui.harness import Driver, shipped_content

SHOWN = re.compile(r"\((Shift\+)?([A-Z])\)")


@pytest.fixture(autouse=True)
def _few_comparison_games(monkeypatch):
    monkeypatch.setenv("PLAZA_COMPARISON_RUNS", "18")


def letters_of(scene) -> list[tuple[int, str]]:
    """Every letter the screen answers to now: its live buttons' shortcuts and the letters it reads itself."""
    out = [
        (f.shortcut, f"button {f.element.text!r}")
        for f in scene.live_focusables()
        if f.shortcut is not None and pygame.K_a <= f.shortcut <= pygame.K_z
    ]
    return out + list(scene.letter_keys().items())


def problems_of(scene, screen: str) -> list[str]:
    found, seen = [], {}
    for key, what in letters_of(scene):
        if key in seen:
            found.append(f"{screen}: {pygame.key.name(key).upper()} is both {seen[key]} and {what}")
        seen[key] = what
    reads, shifted = scene.letter_keys(), getattr(scene, "shifted", {})
    for f in scene.live_focusables():
        shown = SHOWN.search(f.element.text or "")
        if shown is None:
            continue
        key = pygame.key.key_code(shown[2].lower())
        if shown[1]:  # Shift+letter: a button whose letter is also one of the vote's options
            pressed = f.shortcut is None and shifted.get(key) == f.action
        else:
            pressed = f.shortcut == key or (f.shortcut is None and key in reads)
        if not pressed:
            found.append(f"{screen}: {f.element.text!r} shows {shown[0]} but is pressed by {f.shortcut}")
    return found


def test_every_key_string_is_one_letter_in_both_languages():
    keys = {k: v for k, v in shipped_content().strings.items() if k.startswith("keys.")}
    assert len(keys) > 40
    for key, text in keys.items():
        for lang in ("en", "es"):
            value = getattr(text, lang)
            assert len(value) == 1 and "A" <= value <= "Z", f"{key} ({lang}): {value!r} is not one capital letter"


@pytest.mark.parametrize("language", ["en", "es"])
def test_no_two_actions_of_a_screen_share_a_letter_and_buttons_show_their_key(tmp_path, language):
    drv = Driver(tmp_path, size=(1280, 720), language=language, start_title=False)
    app = drv.app
    found, seen = [], []
    for screen in tour(app):
        seen.append(screen)
        found += problems_of(app.top, screen)
        if screen == "classroom-session":  # the collect page, which the tour does not show
            app.top.go("collect")
            app.frame([], 0.05)
            found += problems_of(app.top, "classroom-collect")
            app.top.go("session", app.top.session)
    assert {"title", "setup", "briefing", "city", "event_card", "report", "history", "debrief"} <= set(seen)
    assert {"classroom", "vote_card", "vote_card-adopted", "pause", "confirm_debrief", "projector_debrief"} <= set(seen)
    # the title with Continue (an autosave now exists), the city's Menu dialog, a hint on the city screen
    app.replace("title")
    app.frame([], 0.05)
    assert any(f.shortcut == letter_key(app.texts, "continue") for f in app.top.live_focusables())
    found += problems_of(app.top, "title-continue")
    app.new_game("first_steps", "official", 5)
    walk_to(app, ("plan",))
    show_current(app)
    app.frame([], 0.05)
    found += problems_of(app.top, "city-hint")
    app.open("leave")
    app.frame([], 0.05)
    found += problems_of(app.top, "leave")
    assert not found, "\n".join(found)


@pytest.mark.parametrize(("language", "pick", "debrief"), [("en", "K", "Shift+D"), ("es", "Shift+E", "R")])
def test_a_vote_cards_letter_that_an_option_takes_is_pressed_with_shift(tmp_path, language, pick, debrief):
    # GIVEN the projector's vote card on an event with five options (A to E)
    drv = Driver(tmp_path, language=language, start_title=False)
    app = drv.app
    tour_ = tour(app)
    while next(tour_) != "vote_card":
        pass
    card = app.top
    options = [*card.vote.options, "more_1", "more_2", "more_3", "more_4"][:5]
    card.vote = Vote(card.vote.event, card.vote.district, options, [True] * 5)
    card.rebuild()
    app.frame([], 0.05)
    t = app.texts
    labels = [f.element.text for f in card.live_focusables()]
    # THEN Pick shows the key that presses it (Shift+E in Spanish, where E is the fifth option) ...
    assert t("projector.pick", key=pick, letter="A") in labels
    assert t("projector.debrief", key=debrief) in labels
    assert problems_of(card, "vote_card-five") == []
    # ... and the letter alone selects the option
    drv.key(pygame.K_e)
    assert card.vote.selected == 4


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_end_quarter_key_ends_the_quarter(tmp_path, language):
    # GIVEN the city screen of a game in the chosen language
    drv = Driver(tmp_path, language=language, start_title=False)
    app = drv.app
    app.new_game("border_city", "official", 5)
    walk_to(app, ("plan",))
    show_current(app)
    drv.frames(2)
    assert drv.scene_name == "city"
    t = app.texts
    key = letter_key(t, "end_quarter")
    # THEN its button says the Spanish letter in Spanish (Cerrar el trimestre: C) and the English one in English
    shown = t("city.end_quarter", key=pygame.key.name(key).upper())
    assert shown == {"en": "End the quarter (E)", "es": "Cerrar el trimestre (C)"}[language]
    assert shown in [b.text for b in drv.buttons()]
    # WHEN the player presses that key
    turn = app.play.turn
    drv.key(key)
    # THEN the quarter ends: its report (or its first event card) shows
    assert app.play.stage != "plan" or app.play.turn != turn
    assert drv.scene_name in ("report", "event_card")


def test_no_interface_string_writes_a_letter_key_itself():
    # a message or help line that names a button's letter takes it as a placeholder ({key}), so it follows keys.yaml
    written = re.compile(r"\((?:Shift\+)?[A-Z]\)|\b[A-Z] / Shift\+[A-Z]\b")
    found = [
        f"{key} ({lang})"
        for key, text in shipped_content().strings.items()
        for lang in ("en", "es")
        if not key.startswith("keys.") and written.search(getattr(text, lang))
    ]
    assert found == []
