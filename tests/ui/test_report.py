"""Event cards, the turn report and the history charts, driven with real keys and clicks.

The game is border_city as the official, with the first seed whose game (first open option on every card, no
measures) brings "A shopkeeper knows who collects", whose protected channel is closed (informer protection is far
below 30%). The seed is searched, not fixed, so new content does not break these tests.
"""

from __future__ import annotations

import functools
import re

import pygame
import pytest

from game.ui import causes
from game.ui.flow import show_current
from game.ui.layout_check import problems
from tests.ui.harness import Driver, shipped_content

TIP = "tip_about_lookouts"


@functools.cache
def seed_with_tip() -> int:
    from game.session.session import GameSession
    from game.ui.play import Play

    content = shipped_content()
    for seed in range(300):
        play = Play(GameSession(content, "border_city", "official", seed=seed))
        play.start()
        while play.stage != "over":
            if play.stage == "events":
                if play.pending.event.id == TIP:
                    return seed
                play.answer(next((o.option.id for o in play.pending.options if o.enabled), None))
            elif play.stage == "plan":
                play.end_turn()
            else:
                play.next_turn()
    raise AssertionError(f"no seed below 300 brings {TIP}")


def new_game(drv: Driver):
    return drv.app.new_game("border_city", "official", seed_with_tip())


def play_until(drv: Driver, event_id: str | None = None, stage: str = "events"):
    """Answer each card with its first open option and end turns with no measures until the wanted card (or
    stage) is up; then show it."""
    play = drv.app.play
    for _ in range(200):
        if play.stage == "idle":
            play.start()
        if play.stage == stage and (event_id is None or play.pending.event.id == event_id):
            break
        if play.stage == "events":
            play.answer(next((o.option.id for o in play.pending.options if o.enabled), None))
        elif play.stage == "plan":
            play.end_turn()
        elif play.stage == "report":
            play.next_turn()
        else:
            raise AssertionError(f"the game ended before {event_id or stage}")
    show_current(drv.app)
    drv.frames(2)
    return play


def chosen_in_report(drv: Driver, event_id: str) -> str | None:
    play = play_until(drv, stage="report")
    return next(e.option for e in play.report.events if e.event == event_id)


# --- event cards -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("key", "option"), [(pygame.K_1, "report_to_police"), (pygame.K_3, "advise_silence")])
def test_number_key_chooses_that_option(tmp_path, key, option):
    # GIVEN the shopkeeper's card over the city
    drv = Driver(tmp_path, start_title=False)
    new_game(drv)
    play_until(drv, TIP)
    assert drv.scene_name == "event_card"
    # WHEN the player presses the option's number
    drv.key(key)
    # THEN the card is answered with that option, and the report says so
    assert drv.app.play.pending is None or drv.app.play.pending.event.id != TIP
    assert chosen_in_report(drv, TIP) == option


def test_clicking_an_option_chooses_it(tmp_path):
    # GIVEN the shopkeeper's card
    drv = Driver(tmp_path, start_title=False)
    new_game(drv)
    play_until(drv, TIP)
    # WHEN the player clicks the third option
    drv.click(drv.find_button("3 · "))
    # THEN it is the answer
    assert chosen_in_report(drv, TIP) == "advise_silence"


def test_card_shows_text_stakes_paper_and_a_closed_option_with_its_reason(tmp_path):
    # GIVEN the shopkeeper's card
    drv = Driver(tmp_path, start_title=False)
    new_game(drv)
    play_until(drv, TIP)
    texts = " ".join(drv.texts())
    # THEN title, place, text, what each option puts at stake, the paper section and the closed option's reason
    assert "A shopkeeper knows who collects" in texts
    play = drv.app.play
    place = play.session.level.districts[play.pending.district].name.en
    assert place in texts and "has worked out who collects" in texts
    assert texts.count("At stake:") == 3
    assert "Protection as a Necessary Condition" in texts
    assert "Not available: Informer protection in the district at least 30% (now 2%)" in texts
    closed = drv.find_button("2 · Send it through the protected channel")
    assert not closed.is_enabled
    # WHEN the player presses 2 or clicks the closed option
    drv.key(pygame.K_2)
    drv.click(closed)
    # THEN nothing is chosen: the same card still waits
    assert drv.scene_name == "event_card" and drv.app.play.pending.event.id == TIP


def test_why_this_happened_opens_and_closes(tmp_path):
    # GIVEN the shopkeeper's card
    drv = Driver(tmp_path, start_title=False)
    new_game(drv)
    play_until(drv, TIP)
    assert "Criminal control at least 35%" not in " ".join(drv.texts())
    # WHEN the player presses W
    drv.press("why")
    # THEN the conditions that held and the chance are shown in words
    texts = " ".join(drv.texts())
    assert re.search(r"Criminal control at least 35% \(now \d+%\) ✓", texts)
    assert "It came up by chance" in texts
    assert drv.find_button("Hide the why (W)")
    # WHEN W again THEN it closes
    drv.press("why")
    assert "Criminal control at least 35%" not in " ".join(drv.texts())


def test_card_with_no_open_option_lets_it_run_its_course(tmp_path):
    # GIVEN a card whose options are all closed
    drv = Driver(tmp_path, start_title=False)
    play = new_game(drv)
    play_until(drv)
    occ = play.pending
    first = occ.event.id
    for state in occ.options:
        state.enabled, state.reason = False, "city.protection 0.02 >= 0.3 ✗"
    show_current(drv.app)
    drv.frames(2)
    assert all(not b.is_enabled for b in drv.buttons() if " · " in b.text)
    # WHEN the player presses Enter on "Let it run its course"
    drv.key(pygame.K_RETURN)
    # THEN the event passes with no option, and the game moves on
    assert play.pending is None or play.pending is not occ
    report = play_until(drv, stage="report").report
    assert next(e for e in report.events if e.event == first).option is None
    drv.click(drv.find_button("What happened"))
    assert "No option was open to you" in " ".join(drv.texts())


# --- the turn report ---------------------------------------------------------------------------------------


def test_report_explains_changes_events_and_goes_on(tmp_path):
    # GIVEN the report of the first quarter
    drv = Driver(tmp_path, start_title=False)
    play = new_game(drv)
    play_until(drv, stage="report")
    assert drv.scene_name == "report"
    texts = " ".join(drv.texts())
    # THEN a summary in words, and what happened: the event, the option chosen, why, the paper section
    assert "of 7 districts" in texts
    assert play.report.events and play.report.events[0].title["en"] in texts
    assert "You chose:" in texts and "Why:" in texts
    assert "Rests on Payan (2015)" in texts and "Measures" in texts
    # WHEN the player opens Fear
    drv.click(drv.find_button("Fear"))
    detail = drv.scene.detail.html_text
    # THEN its causes are named, district by district, with their signed size
    assert "City average (weighted by households)" in detail
    report, content = play.report, drv.app.content
    moved = [
        d
        for d, (b, a) in enumerate(zip(report.before["district.fear"], report.after["district.fear"], strict=True))
        if abs(a - b) >= 0.0005
    ]
    named = [
        causes.cause_name(content, key, "en", causes.place_names(play, "en", d))
        for (value, d), found in report.causes.items()
        if value == "district.fear" and d in moved
        for key, delta in found
        if abs(delta) >= 0.0005
    ]
    assert moved and named and all(name in detail for name in named)
    assert "pts" in detail and ("▲" in detail or "▼" in detail)
    # WHEN the player steps on with I and back with Shift+I
    drv.press("report_entry")
    assert drv.scene.selected != "district.fear"
    drv.key(pygame.K_i, mod=pygame.KMOD_SHIFT)
    assert drv.scene.selected == "district.fear"
    # WHEN the player presses Enter with nothing else focused
    drv.scene.focus_index = None
    turn = play.turn
    drv.key(pygame.K_RETURN)
    # THEN the next quarter starts
    assert play.stage in ("events", "plan") and play.turn == turn + 1
    assert drv.scene_name in ("event_card", "city")


def test_report_continue_button_and_keyboard_focus(tmp_path):
    # GIVEN a report, whose Next quarter button has the focus
    drv = Driver(tmp_path, start_title=False)
    play = new_game(drv)
    play_until(drv, stage="report")
    assert drv.scene.focused().element is drv.scene.continue_button
    # WHEN the player tabs to the list and presses Space on an entry
    drv.key(pygame.K_TAB)
    drv.key(pygame.K_TAB)
    focused = drv.scene.focused().element.text
    drv.key(pygame.K_SPACE)
    # THEN that entry is shown, and the focus stays on it
    assert drv.scene.focused().element is drv.scene.chosen_button
    assert focused.split("   ")[0].lstrip("▲▼ ") in drv.scene.chosen_button.text
    # WHEN the player clicks Next quarter
    drv.click(drv.scene.continue_button)
    assert play.stage != "report"


# --- history ----------------------------------------------------------------------------------------------


def test_history_from_the_report_switches_indicator_and_place(tmp_path):
    # GIVEN the report after two quarters
    drv = Driver(tmp_path, start_title=False)
    play = new_game(drv)
    play_until(drv, stage="report")
    play.next_turn()
    play_until(drv, stage="report")
    # WHEN the player clicks History
    drv.click(drv.find_button("History (H)"))
    # THEN the chart of the first indicator, city-wide, with its axis labels and legend
    scene = drv.scene
    assert drv.scene_name == "history" and scene.indicator == "district.oc_control" and scene.place == "city"
    painted = [t for _, _, t in scene.text_areas]
    assert {"Start", "Q1", "Q2", "City average"} <= set(painted)
    # WHEN I steps to the next indicator and D to the next place
    drv.press("history_indicator")
    assert scene.indicator == "district.extortion"  # the indicator panel's order
    drv.press("history_place")
    assert scene.place == "all"
    painted = [t for _, _, t in scene.text_areas]
    assert "Riberas del Sur" in painted and "City average" in painted
    # WHEN the player clicks a district and an indicator
    drv.click(drv.find_button("Centro"))
    assert scene.place == 2
    drv.click(drv.find_button("Fear"))
    assert scene.indicator == "district.fear" and scene.place == 2
    # WHEN a city-wide value is picked THEN there are no place buttons, one line
    drv.click(drv.find_button("Police corruption"))
    assert scene.places() == [] and len(scene.series()) == 1
    # WHEN Esc THEN back to the report
    drv.key(pygame.K_ESCAPE)
    assert drv.scene_name == "report"
    # WHEN H THEN history again; the Back button closes it
    drv.press("report_history")
    assert drv.scene_name == "history"
    drv.click(drv.find_button("Back (Esc)"))
    assert drv.scene_name == "report"


def test_history_pages_through_a_long_list_by_keyboard(tmp_path):
    # GIVEN the history at 150% text in a small window, where the indicators do not all fit
    drv = Driver(tmp_path, size=(1280, 720), scale=150, start_title=False)
    new_game(drv)
    play_until(drv, stage="report")
    drv.press("report_history")
    scene = drv.scene
    last = scene.names[-1]
    assert drv.find_button("▼ More").is_enabled
    # WHEN Shift+I steps back from the first indicator
    drv.press("history_indicator", mod=pygame.KMOD_SHIFT)
    # THEN the last indicator shows, on the last page
    assert scene.indicator == last and scene.chosen_button.alive()
    assert not drv.find_button("▼ More").is_enabled


# --- looks ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("size", "language", "scale"), [((1280, 720), "en", 100), ((1280, 720), "es", 150), ((1920, 1080), "en", 100)]
)
def test_card_report_and_history_fit(tmp_path, size, language, scale):
    # GIVEN each of the three screens at this size, language and text scale
    drv = Driver(tmp_path, size=size, language=language, scale=scale, start_title=False)
    new_game(drv)
    tag = f"{size[0]}x{size[1]}-{language}-{scale}"
    play_until(drv, TIP)
    drv.press("why")  # "Por qué" in Spanish, "Why" in English
    found = problems(drv.app)
    drv.shot(f"card-{tag}")
    play_until(drv, stage="report")
    drv.press("report_entry")
    found += problems(drv.app)
    drv.shot(f"report-{tag}")
    drv.press("report_history")
    drv.press("history_place")
    found += problems(drv.app)
    drv.shot(f"history-{tag}")
    # THEN no text leaves its box
    assert found == []
    # AND a row of the indicator list wraps into a taller one only where the list is already as wide as it may be
    # (30% of the screen): "Reporting of organized crime" wrapped in a list sized for the regular font, not the bold
    em, rows = drv.app.em, drv.scene.list_buttons
    least = min(b.relative_rect.height for b in rows)
    taller = [b.text for b in rows if b.relative_rect.height > least]
    widest = max(int(em * 12), int((drv.app.screen.get_width() - 2 * em) * 0.3))
    assert not taller or rows[0].relative_rect.width >= widest, (taller, rows[0].relative_rect.width, widest)


def test_huge_text_does_not_crash(tmp_path):
    # GIVEN text at 200% in the smallest window
    drv = Driver(tmp_path, size=(1024, 600), scale=200, language="es", start_title=False)
    new_game(drv)
    play_until(drv, TIP)
    drv.press("why")  # "Por qué" in the Spanish game
    assert drv.scene.show_why
    play_until(drv, stage="report")
    drv.press("report_entry")
    drv.press("report_history")
    drv.press("history_place")
    # THEN every screen still draws
    assert drv.scene_name == "history"


def test_report_lists_measures_adopted(tmp_path):
    from game.session.commands import AdoptMeasure

    # GIVEN a quarter in which the official lit the streets of Lomas del Mirador
    drv = Driver(tmp_path, start_title=False)
    play = new_game(drv)
    play_until(drv, stage="plan")
    assert play.plan(AdoptMeasure("street_lighting", "lomas")) is None
    play.end_turn()
    play_until(drv, stage="report")
    # THEN "What happened" lists it by name and place
    name = drv.app.content.measures["street_lighting"].name.en
    assert f"Adopted: {name}, in Lomas del Mirador" in " ".join(drv.texts())
