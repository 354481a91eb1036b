"""The loop draws only on change (issue 17): input, a widget whose look changed, or a scene that animates."""

from __future__ import annotations

import pygame

from game.ui.flow import show_current
from game.ui.scene import Scene
from tests.ui.harness import Driver


def _idle(drv: Driver) -> None:
    pygame.event.clear()
    drv.app.frame([], 2.0)  # time passes with no input


def _move(pos: tuple[int, int]) -> pygame.event.Event:
    pygame.mouse.set_pos(pos)
    return pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(1, 1), buttons=(0, 0, 0), touch=False)


def test_a_tooltip_appearing_is_drawn_and_nothing_else_is(tmp_path):
    # GIVEN the title screen at rest
    drv = Driver(tmp_path)
    _idle(drv)
    assert drv.app.frame([], 0.05) is False
    button = next(b for b in drv.buttons() if b.tool_tip_text)
    # WHEN the mouse comes to rest over a button with a tooltip THEN it draws once (the hover) and then not again
    assert drv.app.frame([_move(button.get_abs_rect().center)], 0.05) is True
    assert drv.app.frame([], 0.05) is False
    # ... until the tooltip shows, after its delay (pygame_gui makes it on the update after the delay has passed)
    assert [drv.app.frame([], 0.6) for _ in range(3)] == [False, False, True]
    assert drv.app.frame([], 0.05) is False
    pygame.mouse.set_pos((0, 0))  # the next test starts with the mouse over no widget


def test_window_events_draw_once_without_an_active_moment(tmp_path):
    drv = Driver(tmp_path)
    _idle(drv)
    before = drv.app.active_until
    shown = pygame.event.Event(pygame.WINDOWSHOWN)
    assert drv.app.frame([shown], 0.05) is True
    assert drv.app.active_until == before  # only a player's input starts the active moment
    assert drv.app.frame([], 0.05) is False


class _Animated(Scene):
    name = "animated"

    def __init__(self, app, frames: int):
        super().__init__(app)
        self.left = frames

    def update(self, dt: float) -> bool:
        self.left -= 1
        return self.left >= 0


def test_a_scene_that_animates_gets_frames_until_it_stops(tmp_path):
    # GIVEN a scene whose update asks for a redraw four times (the hook a map animation uses)
    drv = Driver(tmp_path, start_title=False)
    drv.app.replace(_Animated(drv.app, 4))
    drv.app.frame([], 0.05)
    _idle(drv)
    # THEN it gets frames while it asks, and the loop keeps ticking (App.animating), then rests
    assert [drv.app.frame([], 0.05) for _ in range(3)] == [True, True, False]
    assert drv.app.animating is False


def test_what_the_resting_loop_leaves_on_screen_is_a_full_redraw(tmp_path):
    # GIVEN the city screen, and a player who moves over buttons, waits for their tooltips, and moves away
    drv = Driver(tmp_path)
    play = drv.app.new_game("border_city", "official", 3)
    show_current(drv.app)
    while play.stage == "events":
        play.answer(next((o.option.id for o in play.pending.options if o.enabled), None))
        show_current(drv.app)
    drv.frames(2)
    for button in [*drv.buttons()[:6], None]:
        where = button.get_abs_rect().center if button is not None else (1, 1)
        for dt in (0.05, 0.6, 0.6, 0.6, 0.05):
            drv.app.frame([_move(where)] if dt == 0.05 else [], dt)
        # THEN what the loop left on screen, drawing only on change, is what a full redraw paints now
        shown = pygame.image.tobytes(drv.app.screen, "RGB")
        drv.app._draw(drv.app.screen)
        assert pygame.image.tobytes(drv.app.screen, "RGB") == shown, f"stale picture after {where}"
    pygame.mouse.set_pos((0, 0))
