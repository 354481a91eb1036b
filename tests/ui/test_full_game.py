"""Whole games through the window, as a player plays them: title to debrief, every level, both roles, both languages.

Every level the game's menu offers is played with the keyboard alone (shortcut keys, number keys for options,
Enter); one game with the mouse alone (clicks on buttons found by their labels' position). Then: save, quit, start
again and load.
"""

from __future__ import annotations

import pygame
import pytest

from game.ui.scenes.setup import menu_levels
from tests.ui.harness import Driver, shipped_content

NUMBER_KEYS = [
    pygame.K_1,
    pygame.K_2,
    pygame.K_3,
    pygame.K_4,
    pygame.K_5,
    pygame.K_6,
    pygame.K_7,
    pygame.K_8,
    pygame.K_9,
]


@pytest.fixture(autouse=True)
def _few_comparison_games(monkeypatch):
    monkeypatch.setenv("PLAZA_COMPARISON_RUNS", "18")


# (level, role) for every level the menu offers and every role it can be played in
PLAYABLE = [
    (level_id, role)
    for level_id in menu_levels(shipped_content())
    for role in shipped_content().levels[level_id].roles.offered()
]


def _start_by_keyboard(drv: Driver, role_key: int | None, level: str | None = None) -> None:
    drv.press("new_game")  # title: New game (N)
    assert drv.scene_name == "setup"
    if level is not None:
        drv.click(drv.find_button(drv.app.texts.pick(drv.app.content.levels[level].title)))
        assert drv.scene.level_id == level
    if role_key is not None:
        _choose_role(drv, role_key)
    drv.press("start")  # setup: Start (S)
    assert drv.scene_name == "briefing"
    drv.press("begin")  # briefing: Begin (B)
    assert drv.app.play is not None


def _choose_role(drv: Driver, role: str) -> None:
    label = drv.app.texts(f"role.{role}")
    drv.click(drv.find_button(label))


def _play_by_keyboard(drv: Driver) -> list[str]:
    seen = []
    for _ in range(400):
        name = drv.scene_name
        seen.append(name)
        play = drv.app.play
        if name == "debrief":
            return seen
        if name == "event_card":
            options = play.pending.options
            first = next((i for i, o in enumerate(options) if o.enabled), None)
            drv.key(NUMBER_KEYS[first] if first is not None else pygame.K_RETURN)
        elif name == "city":
            drv.press("end_quarter")  # End the quarter (E)
        elif name == "report":
            drv.key(pygame.K_RETURN)  # Next quarter (Enter)
        else:
            raise AssertionError(f"unexpected screen {name!r}")
    raise AssertionError("the game did not reach the debrief")


@pytest.mark.parametrize(("level", "role"), PLAYABLE, ids=[f"{lv}-{r}" for lv, r in PLAYABLE])
@pytest.mark.parametrize("language", ["en", "es"])
def test_whole_game_with_the_keyboard_alone(tmp_path, level, role, language):
    # GIVEN the title screen in the chosen language
    drv = Driver(tmp_path, language=language)
    # WHEN the player starts a game of the level in the role and plays every quarter with keys only
    _start_by_keyboard(drv, role, level)
    assert (drv.app.play.session.level.id, drv.app.play.session.role) == (level, role)
    seen = _play_by_keyboard(drv)
    # THEN every quarter showed the city and a report, and the term ends in the debrief
    turns = drv.app.play.session.turns
    assert seen.count("report") == turns and "city" in seen and drv.app.play.stage == "over"
    assert drv.scene_name == "debrief"
    # AND the screens spoke the chosen language
    assert drv.app.texts.lang == language


def test_every_level_of_the_menu_is_played_in_both_roles():
    listed = {lv.id for lv in shipped_content().levels.values() if lv.listed}
    assert {lv for lv, _ in PLAYABLE} == listed
    # every level the menu offers can be played in both roles
    assert all((lv, r) in PLAYABLE for lv in listed for r in ("official", "organizer")), PLAYABLE


def test_whole_game_with_the_mouse_alone(tmp_path):
    drv = Driver(tmp_path)
    t = drv.app.texts
    drv.click(drv.find_button(t("menu.play")))
    drv.click(drv.find_button(t("role.organizer")))
    drv.click(drv.find_button(t("setup.start")))
    drv.click(drv.buttons()[-1] if drv.scene_name != "briefing" else _begin_button(drv))
    adopted = False
    for _ in range(400):
        name = drv.scene_name
        if name == "debrief":
            break
        if name == "event_card":
            enabled = [b for b in drv.buttons() if b.text[:1].isdigit() and b.is_enabled]
            drv.click(enabled[0] if enabled else drv.buttons()[-1])
        elif name == "city":
            if not adopted:  # adopt the first measure on offer, by clicking its Adopt button
                before = len(drv.app.play.planned)
                adopt = [b for b in drv.buttons() if b.text.endswith("(A)") and b.is_enabled]
                if adopt:
                    drv.click(adopt[0])
                    adopted = len(drv.app.play.planned) == before + 1
            drv.click(next(b for b in drv.buttons() if b.text.endswith("(E)")))
        elif name == "report":
            drv.click(next(b for b in drv.buttons() if "(Enter)" in b.text))
        else:
            raise AssertionError(f"unexpected screen {name!r}")
    assert drv.scene_name == "debrief" and adopted
    assert drv.app.play.session.records[0].commands  # the clicked measure was carried out


def _begin_button(drv: Driver):
    return next(b for b in drv.buttons() if b.text.endswith("(B)"))


def test_save_quit_and_load_the_same_game(tmp_path):
    # GIVEN a game played for two quarters
    drv = Driver(tmp_path)
    _start_by_keyboard(drv, None)
    reports = 0
    while reports < 2:
        if drv.scene_name == "event_card":
            first = next((i for i, o in enumerate(drv.app.play.pending.options) if o.enabled), None)
            drv.key(NUMBER_KEYS[first] if first is not None else pygame.K_RETURN)
        elif drv.scene_name == "city":
            drv.press("end_quarter")
        elif drv.scene_name == "report":
            reports += 1
            drv.key(pygame.K_RETURN)
    while drv.scene_name == "event_card":
        first = next((i for i, o in enumerate(drv.app.play.pending.options) if o.enabled), None)
        drv.key(NUMBER_KEYS[first] if first is not None else pygame.K_RETURN)
    history = [dict(h) for h in drv.app.play.history]
    # WHEN the player saves with Ctrl+S and quits
    drv.key(pygame.K_s, mod=pygame.KMOD_CTRL)
    assert any(p.name.endswith(".json") and p.name != "autosave.json" for p in (tmp_path / "data" / "saves").iterdir())
    drv.app.quit()
    # AND starts the game again and loads the save from the load screen
    again = Driver(tmp_path)
    again.press("load")
    assert again.scene_name == "load"
    saves = [b for b in again.buttons() if "border_city-official" in b.text or b.tool_tip_text]
    assert saves
    again.key(pygame.K_RETURN)
    # THEN the same game continues from where it was saved
    assert again.app.play is not None and again.app.play.session.turn >= 2
    assert again.app.play.history[:3] == history[:3]
