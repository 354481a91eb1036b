"""When the window needs drawing again: which events are a player's input, and whether a widget's look changed.

The loop (game.ui.app) draws only on change, so an idle screen leaves the processor idle. Scenes ask for frames
themselves (`Scene.update` returning True, or `app.dirty = True`); this module covers pygame_gui's widgets.
"""

from __future__ import annotations

import pygame
import pygame_gui

# Input that starts the active moment; window events (shown, focus, enter) only need one redraw.
INPUT_EVENTS = frozenset(
    {
        pygame.MOUSEMOTION,
        pygame.MOUSEBUTTONDOWN,
        pygame.MOUSEBUTTONUP,
        pygame.MOUSEWHEEL,
        pygame.KEYDOWN,
        pygame.KEYUP,
        pygame.TEXTINPUT,
        pygame.TEXTEDITING,
        pygame.FINGERDOWN,
        pygame.FINGERUP,
        pygame.FINGERMOTION,
    }
)


class WidgetLook:
    """What pygame_gui's widgets show: each visible widget's picture and place, as last drawn.

    pygame_gui gives a widget a new image whenever its look changes (hover, a tooltip, a blinking cursor), so
    comparing pictures by identity says whether a redraw is needed. The pictures are held, so an identity cannot
    be reused by a new picture while it is compared."""

    def __init__(self) -> None:
        self.shown: list[tuple[object, tuple[int, int, int, int], object]] = []

    @staticmethod
    def now(ui: pygame_gui.UIManager) -> list[tuple[object, tuple[int, int, int, int], object]] | None:
        blits = getattr(ui.get_sprite_group(), "visible", None)
        if not isinstance(blits, list):
            return None  # another pygame_gui: the caller redraws while active, as before
        return [(b[0], tuple(b[1]), b[2] and tuple(b[2])) for b in blits]

    def changed(self, ui: pygame_gui.UIManager) -> bool | None:
        now = self.now(ui)
        if now is None:
            return None
        old = self.shown
        return len(now) != len(old) or any(a[0] is not b[0] or a[1:] != b[1:] for a, b in zip(now, old, strict=True))

    def drawn(self, ui: pygame_gui.UIManager) -> None:
        self.shown = self.now(ui) or []


def looks_on_demand(ui: pygame_gui.UIManager) -> None:
    """Draw a widget's other looks (hovered, selected, disabled) when it takes them, not ahead of time.

    pygame_gui draws every look of a new or changed widget ahead, one per update, in the updates that follow (about
    1 ms each, some 70 for the city screen); that kept the processor busy for seconds after each screen or mouse
    move. A look it has not drawn yet is marked so and left off the queue: pygame_gui draws it the moment the widget
    takes it (`DrawableShape.set_active_state` does), with the same pixels. The look a widget shows now stays
    queued, since nothing would draw it again otherwise.
    """
    for element in ui.get_sprite_group().sprites():
        shape = getattr(element, "drawable_shape", None)
        queue = getattr(shape, "states_to_redraw_queue", None)
        if not queue:
            continue
        active = shape.active_state.state_id
        for state_id in queue:
            if state_id != active:
                shape.states[state_id].generated = False
        kept = [state_id for state_id in queue if state_id == active]
        queue.clear()
        queue.extend(kept)
