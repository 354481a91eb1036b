"""The debrief at the end of the term: districts, dynamics, the comparison with simulated games, questions.

Games are played to the end through Play's commands (first enabled option, no measures), then the game shows
whatever it is waiting for: the debrief. The comparison uses PLAZA_COMPARISON_RUNS=18 (two games per bot).
"""

from __future__ import annotations

import os
from types import SimpleNamespace

import pygame
import pytest

from game.ui import comparisons, layout_check
from game.ui.scenes.debrief import DYNAMICS, district_outcomes, dynamics, question_keys
from game.ui.tour import walk_to
from tests.ui.harness import Driver, city_screen


@pytest.fixture(autouse=True)
def few_runs(monkeypatch):
    monkeypatch.setenv("PLAZA_COMPARISON_RUNS", "18")


def play_to_end(drv: Driver, role: str = "official", seed: int = 9) -> None:
    drv.app.new_game("border_city", role, seed)
    walk_to(drv.app, ("over",))  # the tour's walker: first open option of each card, no measures
    drv.frames(2)


def wait_comparison(drv: Driver, seconds: float = 300) -> None:
    """A guard against a hang, not a time limit: a loaded machine may take a while."""
    scene = drv.scene
    assert scene.comparer is not None
    assert scene.comparer.wait(seconds), "the comparison did not finish"
    drv.frames(3)


def text(drv: Driver) -> str:
    return "\n".join(drv.texts())


def no_layout_problems(drv: Driver) -> None:
    found = layout_check.problems(drv.app)
    assert not found, "\n".join(found)


def test_debrief_shows_districts_dynamics_comparison_and_questions(tmp_path):
    # GIVEN a finished term as the official
    drv = Driver(tmp_path)
    play_to_end(drv, "official")
    # THEN the debrief shows the districts tab: who was protected and who was left exposed, district by district
    assert drv.scene_name == "debrief"
    shown = text(drv)
    assert "Lomas del Mirador" in shown and ("Protected" in shown or "Left exposed" in shown)
    assert "Households hit by crime, by kind of district" in shown  # the chart's title, painted
    no_layout_problems(drv)
    # WHEN the player presses 2
    drv.key(pygame.K_2)
    # THEN the dynamics that showed up are listed with the paper's passage and section
    shown = text(drv)
    assert "Payan (2015), section" in shown
    assert "Less fear is not less crime" in shown
    no_layout_problems(drv)
    # WHEN the player presses 3 and the comparison finishes
    drv.key(pygame.K_3)
    wait_comparison(drv)
    # THEN the comparison with the simulated games is shown, metric by metric
    shown = text(drv)
    assert "18 simulated games" in shown and "Best strategy on this" in shown and "better than" in shown
    no_layout_problems(drv)
    # WHEN the player presses 4
    drv.key(pygame.K_4)
    shown = text(drv)
    assert "Questions to discuss" in shown and "5." in shown
    no_layout_problems(drv)


def test_tabs_by_mouse_and_buttons(tmp_path):
    # GIVEN the debrief
    drv = Driver(tmp_path)
    play_to_end(drv, "organizer", seed=3)
    # WHEN the player clicks the Questions tab
    drv.click(drv.find_button("Questions (4)"))
    # THEN the questions for the organizer show
    assert drv.scene.tab == 3
    assert any("organize" in s for s in drv.texts())
    # WHEN the player clicks the Districts tab
    drv.click(drv.find_button("Districts (1)"))
    assert drv.scene.tab == 0
    # WHEN Esc is pressed THEN the title screen shows
    drv.key(pygame.K_ESCAPE)
    assert drv.scene_name == "title"


def test_spanish_at_150_percent_holds(tmp_path):
    # GIVEN a finished term in Spanish at 150% text on a small window
    drv = Driver(tmp_path, language="es", scale=150)
    play_to_end(drv, "organizer", seed=3)
    for key, words in (
        (pygame.K_1, "Colonias acomodadas"),
        (pygame.K_2, "sección"),
        (pygame.K_3, "partidas simuladas"),
        (pygame.K_4, "Preguntas para discutir"),
    ):
        # WHEN each tab is opened
        drv.key(key)
        if key == pygame.K_3:
            wait_comparison(drv)
        # THEN its Spanish text shows, no interface key is missing, and nothing is clipped
        shown = text(drv)
        assert words in shown, words
        assert "⟨" not in shown
        no_layout_problems(drv)


def test_new_game_and_history_buttons(tmp_path):
    drv = Driver(tmp_path)
    play_to_end(drv)
    # WHEN the player presses N THEN the setup screen shows (once it exists)
    pytest.importorskip("game.ui.scenes.setup")
    drv.press("debrief_new_game")
    assert drv.scene_name == "setup"


def test_history_button(tmp_path):
    pytest.importorskip("game.ui.scenes.history")
    drv = Driver(tmp_path)
    play_to_end(drv)
    # WHEN the player presses H THEN the history opens over the debrief, and Esc comes back to it
    drv.press("debrief_history")
    assert drv.scene_name == "history"


def test_analysis_without_the_screen(tmp_path):
    # GIVEN a finished game
    drv = Driver(tmp_path)
    play_to_end(drv, "official")
    play = drv.app.play
    # THEN every district has a start and an end, and dynamics and questions follow what happened
    outcomes = district_outcomes(play)
    assert len(outcomes) == len(play.session.level.districts)
    found = dynamics(play, drv.scene.mine)
    assert [d.id for d in found] == list(DYNAMICS)
    fired = {e["event"] for r in play.session.records for e in r.events}
    assert sum(len(d.events) for d in found) <= sum(len(r.events) for r in play.session.records)
    assert fired
    seen = [d.id for d in found if d.seen]
    keys = question_keys("official", seen)
    assert 4 <= len(keys) <= 6
    assert all(drv.app.texts.has(k) for k in keys)
    assert question_keys("organizer", [])[0].startswith("debrief.q.organizer.")


@pytest.mark.parametrize(
    "size,lang,scale", [((1280, 720), "en", 100), ((1280, 720), "es", 150), ((1920, 1080), "en", 100)]
)
def test_screenshots(tmp_path, size, lang, scale):
    if not os.environ.get("PLAZA_SCREENSHOTS"):
        pytest.skip("screenshots only when PLAZA_SCREENSHOTS is set")
    drv = Driver(tmp_path, size=size, language=lang, scale=scale)
    play_to_end(drv, "official")
    for i, key in enumerate((pygame.K_1, pygame.K_2, pygame.K_3, pygame.K_4)):
        drv.key(key)
        if key == pygame.K_3:
            drv.shot(f"debrief-{size[0]}-{lang}-{scale}-3-running")
            wait_comparison(drv)
        drv.shot(f"debrief-{size[0]}-{lang}-{scale}-{i + 1}")
        no_layout_problems(drv)


def test_text_at_200_percent_does_not_crash(tmp_path):
    # GIVEN the largest text size on the smallest usual window
    drv = Driver(tmp_path, scale=200, language="es")
    play_to_end(drv, "official")
    # WHEN every tab is opened, scrolled with the keyboard, and the comparison arrives
    for key in (pygame.K_1, pygame.K_2, pygame.K_3, pygame.K_4):
        drv.key(key)
        drv.key(pygame.K_PAGEDOWN)
    wait_comparison(drv)
    drv.key(pygame.K_3)
    # THEN the debrief is still there, on the comparison tab
    assert drv.scene_name == "debrief" and drv.scene.tab == 2


def test_every_event_has_a_debrief_dynamic_that_follows_its_content_dynamic():
    from game.content.dynamics import dynamic_of as content_dynamic
    from game.ui.scenes.debrief import DEBRIEF_DYNAMIC, DYNAMICS, dynamic_of
    from tests.ui.harness import shipped_content

    events = shipped_content().events.values()
    for event in events:
        found = dynamic_of(event)
        assert found in DYNAMICS, (event.id, event.tags)
        # the same grouping as the class report's, told as the paper's eight
        assert found == (
            "crowding"
            if "budget" in event.tags and content_dynamic(event) == "costs"
            else DEBRIEF_DYNAMIC[content_dynamic(event)]
        )
    assert {dynamic_of(e) for e in events} == set(DYNAMICS)  # every debrief dynamic has events


def test_the_comparison_starts_as_the_first_quarter_ends_and_the_debrief_takes_it(tmp_path, monkeypatch):
    """game.ui.comparisons: ending the first quarter starts the debrief's comparison in the background (worker
    processes), so the debrief finds the very same one, usually done."""
    monkeypatch.setenv("PLAZA_COMPARISON_PREFETCH", "1")
    comparisons._COMPARERS.clear()
    # GIVEN a game on the city screen, nothing started yet
    drv = city_screen(tmp_path)
    assert comparisons._COMPARERS == {}
    # WHEN the player ends the first quarter
    drv.scene.end_turn()
    # THEN this game's comparison is under way
    (started,) = comparisons._COMPARERS.values()
    assert started.wait(300), "a guard against a hang, not a time limit"
    assert started.error == "" and started.result is not None and started.runs == 18
    # AND the debrief at the end of the term shows that one, not a new one
    walk_to(drv.app, ("over",))
    drv.frames(2)
    assert drv.scene_name == "debrief" and drv.scene.comparer is started


@pytest.mark.parametrize("setting", [{"PLAZA_COMPARISON_PREFETCH": "0"}, {"PLAZA_COMPARISON_WORKERS": "0"}])
def test_no_comparison_in_the_background_when_turned_off_or_without_workers(tmp_path, monkeypatch, setting):
    monkeypatch.setenv("PLAZA_COMPARISON_PREFETCH", "1")
    for name, value in setting.items():
        monkeypatch.setenv(name, value)
    comparisons._COMPARERS.clear()
    drv = city_screen(tmp_path)
    drv.scene.end_turn()
    assert comparisons._COMPARERS == {}  # (without workers the games would be played in the game's own process)


def test_no_comparison_in_the_background_for_a_class_voting_on_the_projector(monkeypatch):
    monkeypatch.setenv("PLAZA_COMPARISON_PREFETCH", "1")
    comparisons._COMPARERS.clear()
    comparisons.prefetch(SimpleNamespace(class_vote=True))  # the projector's debrief compares no simulated games
    assert comparisons._COMPARERS == {}
