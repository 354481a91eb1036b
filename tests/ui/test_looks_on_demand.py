"""A widget's other looks are drawn when it takes them, not ahead of time (issue 17: the moment after input rests).

pygame_gui would draw every look of every new widget ahead, one per update, for seconds after each screen;
game.ui.redraw.looks_on_demand leaves them to be drawn on use. What the player sees must not change.
"""

from __future__ import annotations

import pygame

import game.ui.app as app_module
from tests.ui.harness import Driver, city_screen


def _hover(drv: Driver, pos: tuple[int, int]) -> bytes:
    pygame.mouse.set_pos(pos)
    move = pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(1, 1), buttons=(0, 0, 0), touch=False)
    drv.app.frame([move], 0.05)
    drv.app.frame([], 0.05)
    drv.app._draw(drv.app.screen)
    return pygame.image.tobytes(drv.app.screen, "RGB")


def _queued(drv: Driver) -> int:
    """Looks pygame_gui still means to draw ahead, over every widget."""
    total = 0
    for element in drv.app.ui.get_sprite_group().sprites():
        shape = getattr(element, "drawable_shape", None)
        total += len(getattr(shape, "states_to_redraw_queue", ()) or ())
    return total


def test_no_look_waits_to_be_drawn_ahead_after_a_frame(tmp_path):
    drv = city_screen(tmp_path)
    drv.frames(1)
    assert _queued(drv) == 0


def test_hovered_buttons_look_as_they_do_when_drawn_ahead(tmp_path, monkeypatch):
    # GIVEN the same city screen twice: once as the game runs it, once with every look drawn ahead as pygame_gui does
    on_demand = city_screen(tmp_path / "a")
    on_demand.frames(2)
    monkeypatch.setattr(app_module, "looks_on_demand", lambda ui: None)
    ahead = city_screen(tmp_path / "b")
    for _ in range(200):  # one look per update: let pygame_gui finish all of them
        ahead.frames(1)
        if _queued(ahead) == 0:
            break
    assert _queued(ahead) == 0
    monkeypatch.undo()
    # WHEN the mouse rests over each of the first buttons, THEN the two screens show the same pixels
    buttons = on_demand.buttons()[:8]
    assert len(buttons) >= 4
    for button in buttons:
        where = button.get_abs_rect().center
        assert _hover(on_demand, where) == _hover(ahead, where), f"different look at {where}"
    pygame.mouse.set_pos((0, 0))


def test_a_button_whose_text_changed_shows_the_new_text_when_hovered(tmp_path):
    # GIVEN a button whose looks were all drawn once (hovered among them), then whose shape is given a new text:
    # pygame_gui redraws the look it shows and queues the others, which still hold the old text's pixels
    drv = city_screen(tmp_path)
    drv.frames(1)
    button = drv.buttons()[0]
    button.drawable_shape.redraw_state("hovered")
    button.drawable_shape.set_text("Zz")
    drv.frames(1)
    # WHEN it is hovered THEN its hovered look is the new text's: drawn now, not the one drawn before the change
    _hover(drv, button.get_abs_rect().center)
    hovered = button.drawable_shape.states["hovered"]
    assert hovered.generated
    assert button.drawable_shape.active_state.state_id == "hovered"
    fresh = hovered.surface.copy()
    button.drawable_shape.redraw_state("hovered")
    assert pygame.image.tobytes(fresh, "RGBA") == pygame.image.tobytes(hovered.surface, "RGBA")
    pygame.mouse.set_pos((0, 0))


def test_the_look_a_button_shows_is_redrawn_when_its_text_changes_under_the_mouse(tmp_path):
    # GIVEN a button under the mouse (showing its hovered look) whose shape is given a new text
    drv = city_screen(tmp_path)
    drv.frames(1)
    button = drv.buttons()[0]
    _hover(drv, button.get_abs_rect().center)
    shape = button.drawable_shape
    assert shape.active_state.state_id == "hovered"
    old = pygame.image.tobytes(shape.states["hovered"].surface, "RGBA")
    shape.set_text("Zz")
    # WHEN the loop runs on, the mouse still there, THEN the hovered look shown is the new text's
    drv.frames(2)
    shown = pygame.image.tobytes(shape.active_state.surface, "RGBA")
    assert shown != old
    shape.redraw_state("hovered")
    assert pygame.image.tobytes(shape.states["hovered"].surface, "RGBA") == shown
    pygame.mouse.set_pos((0, 0))
