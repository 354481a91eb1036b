"""The projector's own text sizes: a class reads the screen from the back of a room, so projector text follows
the window, never the player's text setting, and is at least 28 px at 1024×768 (39 px at 1920×1080).

`px(app, kind)` is a kind's pixel size; `font(app, kind, bold)` the pygame font; `use(app)` adds the widget
classes of these sizes to the window's theme (proj, proj_primary, proj_chosen, proj_row, proj_heading,
proj_plain, proj_card) once per theme, so the projector's buttons and text boxes are as large as its painted text.
"""

from __future__ import annotations

import warnings

import pygame

from game.ui.theme import BOLD, REGULAR, build_theme
from game.ui.theme import _font as theme_font

MIN_PX = 28  # at 1024×768; larger windows in proportion
SCALE = {"small": 1.0, "body": 1.0, "card": 1.0, "card_title": 1.25, "heading": 1.25, "title": 1.5}
_fonts: dict[tuple[int, bool], pygame.font.Font] = {}


def px(app, kind: str = "body") -> int:
    w, h = app.screen.get_size()
    base = max(MIN_PX, round(MIN_PX * min(w / 1024, h / 768)))
    return round(base * SCALE.get(kind, 1.0))


def font(app, kind: str = "body", bold: bool = False) -> pygame.font.Font:
    size = px(app, kind)
    if (size, bold) not in _fonts:
        _fonts[(size, bold)] = pygame.font.Font(str(BOLD if bold else REGULAR), size)
    return _fonts[(size, bold)]


def _font_block(size: int, bold: bool) -> dict:
    return {**theme_font("body", 100, bold), "size": str(size)}


def use(app) -> None:
    """Make sure the window's theme has the projector's widget classes at this window's sizes."""
    size = px(app)
    manager = app.ui
    if getattr(manager, "projector_px", None) == (size, app.palette.name):
        return
    base = build_theme(app.palette, app.text_scale)
    shape = {**base["button"]["misc"], "text_horiz_alignment_padding": str(size // 2)}
    theme = {
        "@proj": {"font": _font_block(size, False), "misc": shape},
        "@proj_primary": {**base["@primary"], "font": _font_block(size, True), "misc": shape},
        "@proj_chosen": {**base["@chosen"], "font": _font_block(size, True), "misc": {**shape, "border_width": "3"}},
        "@proj_row": {**base["@tile"], "font": _font_block(size, False)},
        "@proj_heading": {"font": _font_block(px(app, "heading"), True)},
        "@proj_plain": {**base["@plain"], "font": _font_block(size, False)},
        "@proj_card": {
            **base["@card"],
            "font": _font_block(px(app, "card"), False),
            "misc": {**base["text_box"]["misc"], "padding": f"{size // 2},{size // 3}"},
        },
    }
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        manager.get_theme().load_theme(theme)
        manager.preload_fonts([{"name": "dejavu", "point_size": size, "style": s} for s in ("regular", "bold")])
    manager.projector_px = (size, app.palette.name)


class Projected:
    """Mixed into a projector scene (before Scene): its painted text in the projector's sizes, each text's pixel
    size kept in `painted_px` (what the tests measure)."""

    painted_px: list[tuple[int, str]]

    def paint_text(self, surface: pygame.Surface, text: str, box: pygame.Rect, **how) -> pygame.Rect:
        app = self.app  # type: ignore[attr-defined]
        app.font = lambda kind="body", bold=False: font(app, kind, bold)  # Scene paints in the projector's sizes
        try:
            drawn = super().paint_text(surface, text, box, **how)  # type: ignore[misc]
        finally:
            del app.font  # the app's own fonts again
        if not hasattr(self, "painted_px"):
            self.painted_px = []
        self.painted_px.append((font(app, how.get("kind", "body"), how.get("bold", False)).point_size, text))
        return drawn
