"""The menus, driven as a player would: title, settings, setup, briefing, load, crash recovery."""

from __future__ import annotations

import json
import os

import pygame
import pytest

from game import paths
from game.session.saves import save_game
from game.session.session import GameSession
from game.ui.settings import Settings
from tests.ui.harness import Driver, shipped_content

SHOTS = bool(os.environ.get("PLAZA_SCREENSHOTS"))  # screenshots only when asked for (before any Driver sets it)
_SAVES: dict[tuple, bytes] = {}


def saved_game(path, turns: int = 2, role: str = "official", seed: int = 5):
    """A real save after `turns` quarters (played once per test run, then copied)."""
    key = (turns, role, seed)
    if key not in _SAVES:
        session = GameSession(shipped_content(), "border_city", role, seed)
        for _ in range(turns):
            session.play_turn([])
        _SAVES[key] = save_game(session, path).read_bytes()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(_SAVES[key])
    return path


def all_text(drv: Driver) -> str:
    return "\n".join(drv.texts() + [b.text for b in drv.buttons()])


# --- settings ----------------------------------------------------------------------------------------------------


def test_settings_are_applied_at_once_and_remembered_by_the_next_run(tmp_path):
    # GIVEN a first start with no settings file
    drv = Driver(tmp_path, saved_settings=True)
    assert drv.app.settings == Settings()
    # WHEN the player opens Settings with its key and picks Spanish, 150 % text and the colour-blind palette
    drv.press("settings")
    assert drv.scene_name == "settings"
    drv.click(drv.find_button("Español"))
    drv.click(drv.find_button("150%"))
    drv.click(drv.find_button("daltonismo"))
    # THEN each applies at once: the screen is rebuilt in Spanish, larger, in the other palette
    assert drv.app.settings.language == "es"
    assert drv.app.settings.text_scale == 150
    assert drv.app.settings.palette == "colourblind"
    assert drv.app.palette.name == "colourblind"
    assert drv.app.em == 22
    assert any("✓ Español" in b.text for b in drv.buttons())
    assert "Configuración" in all_text(drv)
    # ... and Esc goes back to a Spanish title
    drv.key(pygame.K_ESCAPE)
    assert drv.scene_name == "title"
    drv.find_button("Nueva partida")

    # WHEN the game starts again
    again = Driver(tmp_path, saved_settings=True)
    # THEN the choices are back
    assert (again.app.settings.language, again.app.settings.text_scale, again.app.settings.palette) == (
        "es",
        150,
        "colourblind",
    )
    again.find_button("Nueva partida")
    assert again.app.em == 22


def test_a_damaged_settings_file_gives_defaults_a_message_and_is_kept(tmp_path):
    # GIVEN a settings file that is not JSON
    path = tmp_path / "config" / "settings.json"
    path.parent.mkdir(parents=True)
    path.write_bytes(b"{ language: es,,, \x00")
    # WHEN the game starts
    drv = Driver(tmp_path, saved_settings=True)
    # THEN it opens on the title with the defaults, says so, and keeps the damaged file
    assert drv.scene_name == "title"
    assert drv.app.settings == Settings()
    assert drv.app.notice is not None and "damaged" in drv.app.notice[0]
    assert (path.parent / "settings.json.damaged").read_bytes() == b"{ language: es,,, \x00"


def test_the_language_switch_on_the_title_changes_every_label(tmp_path):
    # GIVEN the English title
    drv = Driver(tmp_path)
    drv.find_button("New game")
    # WHEN the player presses E (English / Español)
    drv.press("language")
    # THEN the title and the next screens are in Spanish, and the choice is saved
    drv.find_button("Nueva partida")
    assert "¿Quién controla" in all_text(drv)
    assert json.loads(paths.settings_file().read_text())["language"] == "es"
    drv.press("new_game")
    assert drv.scene_name == "setup"
    text = all_text(drv)
    assert "Elige tu papel" in text and "Semilla (opcional):" in text
    drv.find_button("Líder vecinal")
    assert "⟨" not in text  # no missing string


# --- setup and briefing ------------------------------------------------------------------------------------------


def test_a_game_can_be_set_up_and_started_with_the_keyboard_alone(tmp_path):
    # GIVEN the title
    drv = Driver(tmp_path)
    # WHEN the player presses N, moves to Ciudad Frontera and then to the organizer with the arrows, choosing each
    # with Enter
    drv.press("new_game")
    assert drv.scene_name == "setup"
    for label in ("Ciudad Frontera", "Neighborhood organizer"):
        for _ in range(12):
            if label in drv.scene.focused().element.text:
                break
            drv.key(pygame.K_DOWN)
        drv.key(pygame.K_RETURN)
    assert drv.scene.level_id == "border_city"
    assert drv.scene.role == "organizer"
    assert any(b.text == "✓ Neighborhood organizer" for b in drv.buttons())
    # ... tabs into the seed box and types a seed (letters there do not press shortcuts)
    drv.key(pygame.K_TAB)
    assert drv.scene.entry.is_focused
    drv.key(pygame.K_s)  # S is Start's shortcut: inside the seed box it must not start the game
    assert drv.scene_name == "setup"
    drv.type_text("4242")
    assert drv.scene.entry.get_text() == "4242"
    # ... tabs to Start and presses Enter
    drv.key(pygame.K_TAB)
    assert not drv.scene.entry.is_focused
    assert "Start" in drv.scene.focused().element.text
    drv.key(pygame.K_RETURN)
    # THEN the briefing for the organizer shows, with the seed
    assert drv.scene_name == "briefing"
    text = all_text(drv)
    assert "Seed 4242" in text and "How to play" in text and "Riberas del Sur" in text
    assert "{city}" not in text and "Ciudad Frontera toda tu vida" not in text
    # WHEN Enter presses Begin (the focused button)
    drv.key(pygame.K_RETURN)
    # THEN the game is under way with those choices
    play = drv.app.play
    assert play is not None
    assert (play.session.role, play.session.seed, play.session.level.id) == ("organizer", 4242, "border_city")
    assert play.stage in ("events", "plan")


def test_a_game_can_be_set_up_with_the_mouse_and_back_keeps_the_choices(tmp_path):
    drv = Driver(tmp_path)
    # GIVEN the setup screen, reached by clicking New game
    drv.click(drv.find_button("New game"))
    assert drv.scene_name == "setup"
    # WHEN the player clicks the organizer, clicks into the seed box, types, and clicks Start
    drv.click(drv.find_button("Neighborhood organizer"))
    drv.click(drv.scene.entry)
    drv.type_text("77")
    drv.click(drv.find_button("Start"))
    # THEN the briefing shows; Back (Esc) returns to the setup with the same choices
    assert drv.scene_name == "briefing"
    drv.key(pygame.K_ESCAPE)
    assert drv.scene_name == "setup"
    assert drv.scene.role == "organizer" and drv.scene.entry.get_text() == "77"
    # WHEN Start and Begin are clicked
    drv.click(drv.find_button("Start"))
    drv.click(drv.find_button("Begin"))
    # THEN the game starts with seed 77
    assert drv.app.play is not None and drv.app.play.session.seed == 77
    # and Esc on a fresh setup goes back to the title
    drv2 = Driver(tmp_path / "again")
    drv2.press("new_game")
    drv2.key(pygame.K_ESCAPE)
    assert drv2.scene_name == "title"


def test_an_empty_seed_draws_a_random_one(tmp_path):
    drv = Driver(tmp_path)
    drv.press("new_game")
    drv.press("start")
    assert drv.scene_name == "briefing"
    assert isinstance(drv.scene.seed, int) and drv.scene.seed >= 0


def test_a_bad_seed_gets_a_clear_message_not_a_crash(tmp_path):
    # GIVEN the setup screen with letters typed in the seed box
    drv = Driver(tmp_path)
    drv.press("new_game")
    drv.click(drv.scene.entry)
    drv.type_text("12ab")
    # WHEN the player presses Enter in the box (or clicks Start)
    drv.key(pygame.K_RETURN)
    # THEN the setup stays, says what is wrong, and keeps the typing to fix it
    assert drv.scene_name == "setup"
    assert any("“12ab” cannot be a seed" in s for s in drv.texts())
    assert drv.scene.entry.get_text() == "12ab"
    assert drv.scene.entry.is_focused
    drv.click(drv.find_button("Start"))
    assert drv.scene_name == "setup"
    # WHEN the letters are removed
    drv.click(drv.scene.entry)
    drv.key(pygame.K_END)
    drv.key(pygame.K_BACKSPACE)
    drv.key(pygame.K_BACKSPACE)
    drv.click(drv.find_button("Start"))
    # THEN the game can begin with seed 12
    assert drv.scene_name == "briefing" and drv.scene.seed == 12
    # and a seed far too long is refused too
    drv.key(pygame.K_ESCAPE)
    drv.click(drv.scene.entry)
    drv.type_text("9" * 20)
    drv.click(drv.find_button("Start"))
    assert drv.scene_name == "setup" and any("cannot be a seed" in s for s in drv.texts())


# --- load ----------------------------------------------------------------------------------------------------------


def test_the_load_screen_lists_saves_and_loads_a_good_one(tmp_path):
    # GIVEN a save after two quarters
    saved_game(tmp_path / "data" / "saves" / "mine.json")
    drv = Driver(tmp_path)
    # WHEN the player opens Load (L)
    drv.press("load")
    assert drv.scene_name == "load"
    # THEN the save is listed with its city, role and how far it got
    row = drv.find_button("Ciudad Frontera · Municipal official · 2 of 12 quarters played")
    assert any("mine.json · saved" in s for s in drv.texts())
    # WHEN it is chosen
    drv.click(row)
    # THEN the game continues after quarter 2
    assert drv.app.play is not None
    assert len(drv.app.play.session.records) == 2
    assert drv.app.play.stage in ("events", "plan")


def test_a_damaged_save_is_listed_and_explained_and_left_untouched(tmp_path):
    # GIVEN a damaged save next to a good one
    saves = tmp_path / "data" / "saves"
    saved_game(saves / "good.json")
    bad = saves / "bad.json"
    bad.write_bytes(b'{"format": "plaza-save", "version": 1, "header": {"level": 3}')
    drv = Driver(tmp_path)
    drv.press("load")
    # THEN the damaged one is listed as damaged
    row = drv.find_button("Damaged")
    # WHEN the player chooses it
    drv.click(row)
    # THEN a message says why, the file is unchanged, and closing the message returns to the list
    assert drv.scene_name == "message"
    assert any("bad.json" in s for s in drv.texts())
    assert bad.read_bytes() == b'{"format": "plaza-save", "version": 1, "header": {"level": 3}'
    assert drv.app.play is None
    drv.key(pygame.K_ESCAPE)
    assert drv.scene_name == "load"
    drv.key(pygame.K_ESCAPE)
    assert drv.scene_name == "title"


def test_a_damaged_save_is_explained_in_spanish_in_a_spanish_game(tmp_path):
    saves = tmp_path / "data" / "saves"
    saves.mkdir(parents=True)
    (saves / "roto.json").write_text("esto no es json", encoding="utf-8")
    drv = Driver(tmp_path, language="es")
    drv.press("load")
    drv.click(drv.find_button("Dañad"))
    assert drv.scene_name == "message"
    assert any("roto.json no es una partida guardada de Plaza" in s for s in drv.texts())
    assert not any("not a Plaza save" in s for s in drv.texts())


def test_an_empty_or_unreadable_saves_folder_is_explained(tmp_path):
    # GIVEN no saves at all
    drv = Driver(tmp_path / "empty")
    drv.press("load")
    # THEN the load screen says so and Back is there
    assert any("no saved games yet" in s for s in drv.texts())
    drv.find_button("Back")
    # GIVEN a saves "folder" that is a file
    home = tmp_path / "broken"
    (home / "data").mkdir(parents=True)
    (home / "data" / "saves").write_text("not a folder")
    drv = Driver(home)
    drv.press("load")
    assert drv.scene_name == "load"
    assert any("cannot be read" in s for s in drv.texts())


def test_a_corrupt_autosave_gives_a_message_on_continue(tmp_path):
    autosave = tmp_path / "data" / "saves" / "autosave.json"
    autosave.parent.mkdir(parents=True)
    autosave.write_text("[1, 2")
    drv = Driver(tmp_path)
    drv.press("continue")
    assert drv.scene_name == "message"
    assert autosave.read_text() == "[1, 2"


# --- crash recovery ------------------------------------------------------------------------------------------------


def _crashed_home(tmp_path):
    saved_game(tmp_path / "data" / "saves" / "autosave.json", turns=2)
    (tmp_path / "data" / "running").write_text("12345")


def test_after_a_crash_the_title_offers_the_autosave_and_continues(tmp_path):
    # GIVEN the last run left its marker and an autosave
    _crashed_home(tmp_path)
    # WHEN the game starts
    drv = Driver(tmp_path)
    # THEN a dialog offers to continue
    assert drv.scene_name == "recovery"
    assert any("did not close properly" in s for s in drv.texts())
    # WHEN the player presses C
    drv.press("recovery_continue")
    # THEN the autosaved game is loaded
    assert drv.app.play is not None and len(drv.app.play.session.records) == 2


def test_the_crash_dialog_can_be_dismissed(tmp_path):
    _crashed_home(tmp_path)
    drv = Driver(tmp_path)
    assert drv.scene_name == "recovery"
    drv.key(pygame.K_ESCAPE)
    # THEN the title shows with Continue, and the dialog does not come back
    assert drv.scene_name == "title"
    drv.frames(3)
    assert drv.scene_name == "title"
    drv.find_button("Continue")
    assert drv.app.play is None


# --- layouts -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("size", "language", "scale"),
    [((1280, 720), "en", 100), ((1280, 720), "es", 150), ((1920, 1080), "en", 100), ((1920, 1080), "es", 150)],
)
def test_menu_layouts_hold(tmp_path, size, language, scale):
    layout_check = pytest.importorskip("game.ui.layout_check")
    from game.ui.scenes.briefing import BriefingScene
    from game.ui.scenes.load import LoadScene
    from game.ui.scenes.settings import SettingsScene
    from game.ui.scenes.title import RecoveryDialog

    saves = tmp_path / "data" / "saves"
    saved_game(saves / "autosave.json")
    (saves / "bad.json").write_text("{")
    drv = Driver(tmp_path, size=size, language=language, scale=scale)
    tag = f"{size[0]}-{language}-{scale}"
    found = []

    def look(name):
        drv.frames(2)
        found.extend(layout_check.problems(drv.app))
        assert "⟨" not in all_text(drv), name
        if SHOTS:
            drv.shot(f"menus-{name}-{tag}")

    look("title")
    drv.app.push(RecoveryDialog(drv.app))
    look("recovery")
    drv.app.pop()
    drv.app.push(SettingsScene(drv.app))
    look("settings")
    drv.app.pop()
    drv.app.push(LoadScene(drv.app))
    look("load")
    drv.app.pop()
    drv.press("new_game")
    look("setup")
    drv.click(drv.scene.entry)
    drv.type_text("x")
    drv.click(drv.find_button(drv.app.texts("setup.start")))
    look("setup-error")
    drv.app.push(BriefingScene(drv.app, "border_city", "organizer", 3))
    look("briefing")
    assert found == []


def test_very_large_text_does_not_crash(tmp_path):
    from game.ui.scenes.load import LoadScene
    from game.ui.scenes.settings import SettingsScene

    saved_game(tmp_path / "data" / "saves" / "autosave.json")
    drv = Driver(tmp_path, language="es", scale=200)
    drv.app.push(SettingsScene(drv.app))
    drv.frames(2)
    drv.app.pop()
    drv.app.push(LoadScene(drv.app))
    drv.frames(2)
    drv.app.pop()
    drv.press("new_game")
    drv.press("start")
    assert drv.scene_name == "briefing"
