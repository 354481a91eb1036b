"""The small layout helpers every screen shares (issue 14: they were the title screen's and the event card's).

A label with its shortcut key, a label that falls back to a wrapping text box when its text is too wide, button
and text widths, how many lines a text wraps to, PgUp / PgDn over text boxes, a text shortened with an ellipsis,
a paged list and its rows, the time a file was written. They draw through a scene's widget methods (game.ui.scene)
and measure with the app's fonts; they open no screen.
"""

from __future__ import annotations

import time
from pathlib import Path

import pygame
from pygame_gui.elements import UITextBox

from game.ui.scene import Scene
from game.ui.texts import markup


def key_name(t, key: int) -> str:
    """How a shortcut key is written on a button."""
    special = {pygame.K_ESCAPE: "menus.key_esc", pygame.K_PAGEUP: "menus.key_pgup", pygame.K_PAGEDOWN: "menus.key_pgdn"}
    if key in special:
        return t(special[key])
    return pygame.key.name(key).upper()


def letter_key(t, action: str) -> int:
    """The letter that presses `action`'s button in the player's language (the string `keys.<action>` of
    content/ui/keys.yaml: "Why" is W in English and P, for "Por qué", in Spanish)."""
    return pygame.key.key_code(t(f"keys.{action}").strip().lower())


def letter(t, action: str) -> str:
    """`action`'s letter as a button shows it ("E")."""
    return key_name(t, letter_key(t, action))


def keyed_action(t, label: str, action: str) -> tuple[str, int]:
    """A label with `action`'s letter, and the key: ("Nueva partida (N)", pygame.K_n)."""
    key = letter_key(t, action)
    return keyed(t, label, key), key


def keyed(t, label: str, key: int) -> str:
    """A button label with its shortcut: "New game (N)"."""
    return t("menus.keyed", label=label, shortcut=key_name(t, key))


def text_width(app, text: str, kind: str = "body", bold: bool = False) -> int:
    return app.font(kind, bold).size(text)[0]


def button_width(app, texts: list[str], minimum: int = 0) -> int:
    """Wide enough for the widest label in bold (primary and chosen buttons are bold), plus padding."""
    return max([minimum] + [text_width(app, s, bold=True) + 2 * app.em for s in texts])


def fitting_label(
    scene: Scene, rect: pygame.Rect, text: str, kind: str | None = None, tooltip: str | None = None
) -> pygame.Rect:
    """A one-line label when the text fits `rect`, else a wrapping text box of the same width and the height it
    needs (at most four times `rect`'s height). Returns the rectangle used."""
    bold = _font_of(kind)[1]
    if fits_one_line(scene.app, text, rect, kind):
        scene.label(rect, text, kind=kind, tooltip=tooltip)
        return rect
    html = f"<b>{markup(text)}</b>" if bold else markup(text)
    colour = {
        "good": scene.app.palette.good,
        "bad": scene.app.palette.bad,
        "muted": scene.app.palette.muted,
        "small": scene.app.palette.muted,
    }.get(kind or "")
    if colour:
        html = f"<font color='{colour}'>{html}</font>"
    lines = wrapped_lines(scene.app, text, box_text_width(scene.app, rect.width), bold=bold)
    tall = pygame.Rect(rect.x, rect.y, rect.width, min(rect.height * 4, text_box_height(scene.app, lines)))
    scene.textbox(tall, html, kind="plain")
    return tall


def _font_of(kind: str | None) -> tuple[str, bool]:
    font_kind = {"heading": "heading", "title": "title", "subtitle": "subtitle", "small": "small"}.get(
        kind or "", "body"
    )
    return font_kind, kind in ("heading", "title", "good", "bad")


def fits_one_line(app, text: str, rect: pygame.Rect, kind: str | None = None) -> bool:
    font_kind, bold = _font_of(kind)
    w, h = app.font(font_kind, bold).size(text)
    return w <= rect.width - 4 and h <= rect.height


def fitting_height(app, text: str, rect: pygame.Rect, kind: str | None = None) -> int:
    """The height `fitting_label(scene, rect, text, kind)` will use."""
    if fits_one_line(app, text, rect, kind):
        return rect.height
    lines = wrapped_lines(app, text, box_text_width(app, rect.width), bold=_font_of(kind)[1])
    return min(rect.height * 4, text_box_height(app, lines))


def box_text_width(app, box_width: int) -> int:
    """The width text wraps to inside a text box `box_width` wide (its padding and border taken off)."""
    return box_width - 2 * max(6, app.em // 2) - 4


def wrapped_lines(app, text: str, width: int, kind: str = "body", bold: bool = False) -> int:
    """How many lines `text` takes when word-wrapped to `width` pixels."""
    font = app.font(kind, bold)
    total = 0
    for paragraph in text.split("\n"):
        line, count = "", 1
        for word in paragraph.split(" "):
            trial = f"{line} {word}" if line else word
            if font.size(trial)[0] <= width or not line:
                line = trial
            else:
                count, line = count + 1, word
        total += count
    return total


def text_box_height(app, lines: int) -> int:
    """The height of a text box showing `lines` lines of body text without scrolling."""
    return int((lines + 0.5) * app.font("body").get_linesize() * 1.22) + 2 * max(4, app.em // 3) + 6


def scroll_text_boxes(scene: Scene, step: int) -> bool:
    """PgUp / PgDn: scroll every text box on the screen that has more than it shows by about a page."""
    moved = False
    for element in scene.elements:
        bar = getattr(element, "scroll_bar", None)
        if isinstance(element, UITextBox) and bar is not None and element.alive():
            bar.set_scroll_from_start_percentage(bar.start_percentage + step * bar.visible_percentage * 0.9)
            moved = True
    if moved:
        scene.app.dirty = True
    return moved


def file_time(path: Path) -> str:
    """When a file was last written, as the player's clock shows it ("" when it cannot be read)."""
    try:
        return time.strftime("%Y-%m-%d %H:%M", time.localtime(path.stat().st_mtime))
    except OSError:
        return ""


def wrapped_height(font: pygame.font.Font, text: str, width: int) -> int:
    if not text:
        return 0
    return font.render(text, True, (0, 0, 0), None, max(8, width)).get_height()


def fit(font: pygame.font.Font, text: str, width: int) -> str:
    """`text` shortened with an ellipsis until it fits `width` pixels."""
    if font.size(text)[0] <= width:
        return text
    while text and font.size(text + "…")[0] > width:
        text = text[:-1]
    return text.rstrip() + "…"


def page_of(count: int, fit_rows: int, selected: int) -> tuple[int, int, bool]:
    """The slice of a list to show so `selected` is visible: (start, stop, paged). Paged lists give up one row
    to the page buttons."""
    if count <= fit_rows:
        return 0, count, False
    per = max(1, fit_rows - 1)
    page = max(0, selected) // per
    return page * per, min(count, (page + 1) * per), True


def page_by_height(heights: list[int], room: int, gap: int, nav: int, selected: int) -> tuple[int, int, bool]:
    """`page_of` for rows of different heights (a row whose text wraps is taller): (start, stop, paged), the
    pages filled in order; a paged list gives `nav` (and a gap) to the page buttons."""
    if sum(heights) + gap * (len(heights) - 1) <= room:
        return 0, len(heights), False
    start = 0
    while start < len(heights):
        stop, used = start + 1, heights[start]
        while stop < len(heights) and used + gap + heights[stop] <= room - nav - gap:
            used += gap + heights[stop]
            stop += 1
        if start <= selected < stop or stop == len(heights):
            return start, stop, True
        start = stop
    return 0, 0, True


def list_button(scene: Scene, rect: pygame.Rect, text: str, action, *, chosen: bool, tooltip: str | None = None):
    """A row of a list: left-aligned; the chosen one also bold with a thick border (not colour alone)."""
    return scene.button(rect, text, action, tooltip=tooltip, kind="chosen_row" if chosen else "row")
