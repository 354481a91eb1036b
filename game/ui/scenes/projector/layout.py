"""What the projector's screens share: the keys that confirm, a row of buttons that wraps from the bottom of an
area up, and the height of a wrapped text.
"""

from __future__ import annotations

import pygame

from game.ui.scene import Scene
from game.ui.scenes.projector import look
from game.ui.widgets import button_width

ENTER_KEYS = (pygame.K_RETURN, pygame.K_KP_ENTER)


def flow_buttons(scene: Scene, area: pygame.Rect, items: list[tuple], bh: int, big: bool = False) -> int:
    """Lay buttons (label, action, key, kind, tip, enabled) left to right, wrapping to more rows from the bottom
    of `area` up; returns the top of the first row. `big`: in the projector's own text size (look)."""
    em = look.px(scene.app) if big else scene.app.em
    if big:
        look.use(scene.app)
        bold = look.font(scene.app, "body", True)
        # the label, the theme's padding (half an em a side, look.use) and a few pixels for the border: at 1024×768
        # the vote card's seven English buttons then take two rows, not three, and its text keeps the room
        widths = [min(area.width, bold.size(it[0])[0] + em + 4) for it in items]
        items = [(*it[:3], f"proj_{it[3]}" if it[3] else "proj", *it[4:]) for it in items]
    else:
        widths = [min(area.width, button_width(scene.app, [it[0]])) for it in items]
    gap = em // 3 if big else em // 2
    rows, row, used = [], [], 0
    for it, w in zip(items, widths, strict=True):
        if row and used + gap + w > area.width:
            rows.append(row)
            row, used = [], 0
        row.append((it, w))
        used += (gap if used else 0) + w
    if row:
        rows.append(row)
    top = area.bottom - len(rows) * bh - (len(rows) - 1) * (em // 3)
    y = top
    for row in rows:
        x = area.x
        for (label, action, key, kind, tip, enabled), w in row:
            scene.button(pygame.Rect(x, y, w, bh), label, action, shortcut=key, kind=kind, tooltip=tip, enabled=enabled)
            x += w + gap
        y += bh + em // 3
    return top


def text_height(font: pygame.font.Font, text: str, width: int) -> int:
    """The height of `text` wrapped to `width` in `font` (0 for no text)."""
    if not text:
        return 0
    return font.render(text, True, (0, 0, 0), None, max(8, width)).get_height()
