"""How the city screen writes a shortcut key on a button ("H"), and shortens or wraps a text to a width with an
ellipsis."""

from __future__ import annotations

import pygame

from game.ui import citymap


def key_label(k: int) -> str:
    return pygame.key.name(k).upper()


def shorten(font: pygame.font.Font, text: str, width: int) -> str:
    return citymap.fit(font, text, width)


def wrap(font: pygame.font.Font, text: str, width: int, lines: int) -> list[str]:
    """`text` in at most `lines` lines of `width`, the last one shortened with an ellipsis if the rest does not fit."""
    return citymap.wrap(font, text, width, lines)
