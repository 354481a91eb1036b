"""The city screen, driven with real keys and clicks: districts, layers, measures, the plan, the end of a quarter."""

from __future__ import annotations

import pygame
import pytest

from game.session.commands import AdoptMeasure
from game.ui import layout_check
from tests.ui.harness import Driver, city_screen


def _highlight(drv: Driver, measure_id: str) -> None:
    """Click the measure's row: back to the top of the list, then Page Down until it shows."""
    name = drv.app.content.measures[measure_id].name.get(drv.app.settings.language)
    while drv.scene.first_row > 0:
        drv.key(pygame.K_PAGEUP)
    for _ in range(6):
        rows = [b for b in drv.buttons() if name in b.text]
        if rows:
            drv.click(rows[0])
            assert drv.scene.measure_id == measure_id
            return
        drv.key(pygame.K_PAGEDOWN)
    raise AssertionError(f"no row for {measure_id}")


def _budget_label(drv: Driver) -> str:
    label = drv.app.content.state["player"]["budget"].label.get(drv.app.settings.language)
    return next(t for t in drv.texts() if t.startswith(label + ":"))


def test_select_a_district_by_click_and_by_keyboard(tmp_path):
    drv = city_screen(tmp_path)
    scene = drv.scene
    # WHEN the player clicks the fourth tile
    drv.click_at(scene.tiles[3].rect.center)
    # THEN it is selected and the indicator panel names it
    assert drv.scene.district == 3
    assert any(t.startswith("Las Torres") for t in drv.texts())
    # WHEN the player presses ] and then [ twice
    drv.key(pygame.K_RIGHTBRACKET)
    assert drv.scene.district == 4
    drv.key(pygame.K_LEFTBRACKET)
    drv.key(pygame.K_LEFTBRACKET)
    assert drv.scene.district == 2
    # WHEN the player tabs to a tile and presses Enter
    boxes = [tuple(tile.rect) for tile in drv.scene.tiles]  # the goal cards are text-less buttons too
    tiles = sorted(
        (f.element for f in drv.scene.focusables if tuple(f.element.get_abs_rect()) in boxes),
        key=lambda e: boxes.index(tuple(e.get_abs_rect())),
    )
    for _ in range(40):
        drv.key(pygame.K_TAB, frames=1)
        focused = drv.scene.focused()
        if focused is not None and focused.element is tiles[6]:
            break
    drv.key(pygame.K_RETURN)
    # THEN that district is selected
    assert drv.scene.district == 6
    assert any(t.startswith("Valle de San Isidro") for t in drv.texts())


def test_switch_the_map_layer_by_key_and_by_click(tmp_path):
    drv = city_screen(tmp_path)
    # WHEN the player presses 2
    drv.key(pygame.K_2)
    # THEN the map shows fear, as numbers on the tiles too
    assert drv.scene.layer == "fear"
    fear = drv.app.play.values(4)["district.fear"]
    assert f"{fear * 100:.0f}%" in drv.texts()
    assert any(t.startswith("Fear (") for t in drv.texts())  # the legend names the layer
    # WHEN the player clicks Trust
    drv.click(drv.find_button("Trust (3)"))
    assert drv.scene.layer == "trust"


def test_adopt_a_district_and_a_city_measure_see_resources_drop_and_remove_one(tmp_path):
    drv = city_screen(tmp_path)
    play = drv.app.play
    assert _budget_label(drv) == "Discretionary budget: 300"
    # GIVEN Centro selected and street lighting highlighted
    drv.click_at(drv.scene.tiles[2].rect.center)
    _highlight(drv, "street_lighting")
    assert "Centro" in drv.find_button("(A)").text
    # WHEN the player presses A
    drv.press("adopt")
    # THEN it is planned for Centro and the budget shows what is left
    assert play.planned == [AdoptMeasure("street_lighting", "centro")]
    assert _budget_label(drv) == "Discretionary budget: 300 → 260"
    # WHEN the player picks a city measure and clicks Adopt
    _highlight(drv, "police_vetting")
    drv.click(drv.find_button("Adopt for the whole city (A)"))
    assert AdoptMeasure("police_vetting") in play.planned
    assert _budget_label(drv) == "Discretionary budget: 300 → 180"
    # WHEN the player opens the plan (P) and removes street lighting
    drv.press("tab_plan")
    drv.click(drv.find_button("✕ Street lighting"))
    # THEN only vetting is left and the budget recovers
    assert play.planned == [AdoptMeasure("police_vetting")]
    assert _budget_label(drv) == "Discretionary budget: 300 → 220"
    assert any("Police vetting" in t and "The plan would spend" not in t for t in drv.texts())


def test_a_measure_that_cannot_be_adopted_says_why(tmp_path):
    drv = city_screen(tmp_path)
    play = drv.app.play
    # GIVEN Centro, which has no self-defense group: deputizing one says which condition fails, in words
    drv.click_at(drv.scene.tiles[2].rect.center)
    _highlight(drv, "deputize_self_defense")
    detail = next(t for t in drv.texts() if t.startswith("<b>Deputize"))
    assert "Self-defense group at least 5% (now " in detail and "Centro" in detail
    # GIVEN most of the budget planned away
    for measure in ("witness_protection", "police_vetting", "transparency_audits"):
        _highlight(drv, measure)
        drv.press("adopt")
    assert len(play.planned) == 3
    # WHEN the player plans one more, then looks at a measure that costs more than is left
    _highlight(drv, "recover_public_space")
    drv.press("adopt")
    _highlight(drv, "street_lighting")
    # THEN the detail pane and the row say why, and pressing A plans nothing
    detail = next(t for t in drv.texts() if t.startswith("<b>Street lighting"))
    assert "Not possible now" in detail and "Not enough Discretionary budget" in detail
    assert any(b.text.startswith("⊘ Street lighting") for b in drv.buttons())
    before = list(play.planned)
    drv.press("adopt")
    assert play.planned == before
    # and the Adopt button is greyed and says why, instead of looking ready
    adopt = next(b for b in drv.buttons() if b.text == "⊘ Not enough Discretionary budget")
    assert not adopt.is_enabled


def test_end_the_quarter_moves_the_game_on(tmp_path):
    drv = city_screen(tmp_path)
    play = drv.app.play
    # WHEN the player presses E
    drv.press("end_quarter")
    # THEN the quarter is played: an event card or the report shows
    assert play.stage != "plan"
    assert drv.scene_name != "city"


@pytest.mark.parametrize("lang,adopt", [("en", "Adopt in"), ("es", "Adoptar en")])
def test_organizer_plans_a_watch_in_both_languages(tmp_path, lang, adopt):
    drv = city_screen(tmp_path, role="organizer", language=lang)
    play = drv.app.play
    time_label = drv.app.content.state["player"]["volunteer_time"].label.get(lang)
    assert any(t.startswith(time_label) for t in drv.texts())
    drv.click_at(drv.scene.tiles[4].rect.center)
    _highlight(drv, "neighborhood_watch")
    assert drv.find_button("(A)").text.startswith(adopt)
    drv.press("adopt")
    assert play.planned == [AdoptMeasure("neighborhood_watch", "poniente")]
    if lang == "es":
        drv.find_button("Cerrar el trimestre (C)")
        drv.find_button("Medidas (M)")
        assert any(t.startswith("Colonias del Poniente") for t in drv.texts())


def test_menu_asks_before_leaving(tmp_path):
    drv = city_screen(tmp_path)
    drv.key(pygame.K_ESCAPE)
    assert drv.scene_name == "leave"
    drv.key(pygame.K_ESCAPE)
    assert drv.scene_name == "city"
    drv.click(drv.find_button("Menu (Esc)"))
    drv.press("leave")
    assert drv.scene_name == "title"


@pytest.mark.parametrize(
    "size,lang,scale",
    [((1280, 720), "en", 100), ((1280, 720), "es", 150), ((1920, 1080), "en", 100), ((1920, 1080), "es", 150)],
)
def test_layout_holds(tmp_path, size, lang, scale):
    drv = city_screen(tmp_path, size=size, language=lang, scale=scale)
    tag = f"{size[0]}-{lang}-{scale}"
    assert layout_check.problems(drv.app) == []
    drv.shot(f"city-{tag}")
    # with a plan, on every tab and indicator page
    drv.click_at(drv.scene.tiles[2].rect.center)
    drv.press("adopt")
    drv.press("tab_plan")
    assert layout_check.problems(drv.app) == []
    drv.shot(f"city-plan-{tag}")
    drv.press("tab_indicators")  # the indicators tab, when they have no column of their own
    drv.press("page_city")  # the city page, when district and city do not both fit
    assert layout_check.problems(drv.app) == []
    drv.shot(f"city-indicators-{tag}")


def test_huge_text_does_not_crash(tmp_path):
    drv = city_screen(tmp_path, scale=200)
    for key in (pygame.K_i, pygame.K_c, pygame.K_p, pygame.K_m, pygame.K_a, pygame.K_4):
        drv.key(key)
    assert drv.scene_name == "city"
