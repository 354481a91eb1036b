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
