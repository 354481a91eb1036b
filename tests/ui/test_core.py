"""The game's frame: theme contrast, settings, texts, the Play controller, the loop's idle rule, F3/F5, tiny windows."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pygame
import pygame.freetype
import pytest

from game.content.loader import load_content
from game.session.session import GameSession
from game.ui import theme
from game.ui.play import Play
from game.ui.settings import Settings, load_settings, save_settings
from game.ui.texts import Texts
from tests.conftest import REPO
from tests.ui.harness import Driver, shipped_content


@pytest.mark.parametrize("name", sorted(theme.PALETTES))
def test_every_text_colour_reaches_wcag_aa(name):
    palette = theme.PALETTES[name]
    low = [
        (what, round(theme.contrast(fg, bg), 2))
        for what, fg, bg in theme.text_pairs(palette)
        if theme.contrast(fg, bg) < 4.5
    ]
    assert low == []


def test_map_ramp_text_is_readable_on_every_step():
    for palette in theme.PALETTES.values():
        for step, colour in enumerate(palette.ramp):
            assert theme.contrast(theme.ramp_text(palette, step), colour) >= 4.5, (palette.name, step)


def test_settings_round_trip_and_damaged_file(tmp_path):
    path = tmp_path / "settings.json"
    # GIVEN settings saved
    assert save_settings(Settings(language="es", text_scale=150, palette="colourblind"), path) is None
    # THEN they load back
    loaded, message = load_settings(path)
    assert (loaded.language, loaded.text_scale, loaded.palette, message) == ("es", 150, "colourblind", None)
    # GIVEN a damaged file
    path.write_bytes(b"{not json")
    loaded, message = load_settings(path)
    # THEN defaults, a message, and the old file kept
    assert loaded == Settings() and message.kind == "damaged" and str(tmp_path) not in str(message)
    assert (tmp_path / "settings.json.damaged").read_bytes() == b"{not json"
    # GIVEN one bad value among good ones
    path.write_text(json.dumps({"language": "fr", "text_scale": 125}), encoding="utf-8")
    loaded, message = load_settings(path)
    assert (loaded.language, loaded.text_scale) == ("en", 125) and message.detail == "language"


def test_missing_key_is_visible_and_placeholders_fill():
    content = shipped_content()
    t = Texts(content, "es")
    assert t("no.such.key") == "⟨no.such.key⟩"
    assert "1024" in t("window.too_small", w=1024, h=600)


def _keys_used_in_code() -> set[str]:
    keys = set()
    for path in (REPO / "game" / "ui").rglob("*.py"):
        for match in re.finditer(r"""\bt\(\s*["']([a-z0-9_]+(?:\.[a-z0-9_]+)+)["']""", path.read_text("utf-8")):
            keys.add(match.group(1))
    return keys


def test_every_string_the_interface_asks_for_exists_in_both_languages():
    content = shipped_content()
    used = _keys_used_in_code()
    assert len(used) >= 9
    assert sorted(k for k in used if k not in content.strings) == []


def test_dejavu_has_every_glyph_of_every_string():
    pygame.freetype.init()
    font = pygame.freetype.Font(str(theme.REGULAR), 16)
    content = shipped_content()
    texts = [getattr(t, lang) for t in content.strings.values() for lang in ("en", "es")]
    for group in (content.measures.values(), content.events.values()):
        for item in group:
            texts += [item.name.en, item.name.es] if hasattr(item, "name") else [item.title.en, item.title.es]
    chars = {c for text in texts for c in text if c.isprintable() and not c.isspace()}
    missing = sorted(c for c in chars if font.get_metrics(c)[0] is None)
    assert missing == []


def test_play_walks_whole_games_in_both_roles_and_autosaves_each_turn():
    content = shipped_content()
    for role in ("official", "organizer"):
        saved = []
        play = Play(GameSession(content, "border_city", role, 11), autosave=lambda s, saved=saved: saved.append(s.turn))
        play.start()
        while play.stage != "over":
            if play.stage == "events":
                enabled = [o.option.id for o in play.pending.options if o.enabled]
                play.answer(enabled[0] if enabled else None)
            elif play.stage == "plan":
                play.end_turn()
            else:
                assert play.report.causes, "every quarter explains at least one change"
                play.next_turn()
        assert saved == list(range(1, 13))
        assert len(play.history) == 13 and len(play.reports) == 12


def test_idle_game_stops_redrawing(tmp_path):
    drv = Driver(tmp_path)
    pygame.event.clear()
    drv.app.frame([], 2.0)  # time passes with no input
    assert drv.app.frame([], 0.05) is False
    assert drv.app.frame([], 0.05) is False
    # WHEN the player moves the mouse THEN it draws again, and then only when a widget's look changes (hover
    # effects, a tooltip: tests/ui/test_idle.py); over no widget, nothing changes
    move = pygame.event.Event(pygame.MOUSEMOTION, pos=(5, 5), rel=(1, 1), buttons=(0, 0, 0), touch=False)
    assert drv.app.frame([move], 0.05) is True
    assert drv.app.frame([], 0.05) is False
    drv.app.frame([], 2.0)
    assert drv.app.frame([], 0.05) is False


def test_tiny_window_shows_a_message_and_recovers(tmp_path):
    drv = Driver(tmp_path)
    drv.post(pygame.VIDEORESIZE, w=300, h=200, size=(300, 200))
    pygame.display.set_mode((300, 200), pygame.RESIZABLE)
    drv.frames(2)
    assert drv.app.too_small and drv.scene.elements == []
    pygame.display.set_mode((1280, 720), pygame.RESIZABLE)
    drv.post(pygame.VIDEORESIZE, w=1280, h=720, size=(1280, 720))
    drv.frames(2)
    assert not drv.app.too_small and drv.buttons()


def wait_for_reload(drv: Driver) -> None:
    """F5's check runs in a worker thread (tests/ui/test_reload.py); it may have ended within key()'s frames."""
    check = drv.app.reloading
    if check is not None:
        check.join()


def test_f5_with_broken_content_keeps_the_old_content_and_lists_problems(tmp_path):
    copy = tmp_path / "content"
    shutil.copytree(REPO / "content", copy)
    shutil.copytree(REPO / "levels", tmp_path / "levels")
    content = load_content([copy, tmp_path / "levels"]).content
    drv = Driver(tmp_path, content=content)
    (copy / "measures" / "official.yaml").write_text("kind: measures\nmeasures: [\n", encoding="utf-8")
    drv.key(pygame.K_F5)
    wait_for_reload(drv)
    drv.frames(2)
    assert drv.scene_name == "diagnostics"
    assert any("official.yaml" in t for t in drv.texts())
    assert drv.app.content is content
    drv.key(pygame.K_ESCAPE)
    assert drv.scene_name == "title"


def test_f5_with_good_content_reloads(tmp_path):
    drv = Driver(tmp_path)
    before = drv.app.content
    drv.key(pygame.K_F5)
    wait_for_reload(drv)
    drv.frames(2)
    assert drv.app.content is not before and drv.scene_name == "title"


def test_f3_shows_the_event_trace_of_the_turn(tmp_path):
    drv = Driver(tmp_path)
    drv.app.new_game("border_city", "official", 4)
    play = drv.app.play
    play.start()
    while play.stage != "report":
        if play.stage == "events":
            play.answer(next((o.option.id for o in play.pending.options if o.enabled), None))
        else:
            play.end_turn()
    drv.key(pygame.K_F3)
    assert drv.scene_name == "trace"
    assert any("pool" in t for t in drv.texts())
    drv.key(pygame.K_F3)
    assert drv.scene_name == "title"


def test_screenshot_lands_in_the_screenshot_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("PLAZA_SCREENSHOTS", str(tmp_path / "shots"))
    drv = Driver(tmp_path)
    drv.key(pygame.K_F12)
    assert list(Path(tmp_path / "shots").glob("title-*.png"))
