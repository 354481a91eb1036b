"""Scenes: one screen each, on a stack. Only the top scene has live widgets; a modal scene is drawn over a
dimmed picture of the scene below it.

A scene's life: `enter()` once when pushed; `build(rect)` whenever its widgets must be (re)made — on entry, on
resume after the scene above it pops, after a resize, a language or text-size change; `handle(event)` for input
not taken by a widget; `update(dt)`; `draw(surface)` for what it paints itself (maps, charts) under the widgets;
`leave()` when popped. Scenes read the game (`app.play`) and change it only through its command methods.

Keyboard: every button made with `button()` joins the scene's focus order. Tab / Shift+Tab / arrow keys move the
focus, Enter or Space presses the focused button, each button's `shortcut` key presses it directly, and Esc
calls `back()`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pygame
from pygame_gui.core import ObjectID
from pygame_gui.elements import UIButton, UILabel, UIPanel, UITextBox

from game.ui import memory
from game.ui.texts import markup

Action = Callable[[], None]


@dataclass
class Focusable:
    element: UIButton
    action: Action
    shortcut: int | None = None


class Scene:
    modal = False  # drawn over the scene below (event cards, dialogs, overlays)
    name = "scene"  # used for screenshots and tests

    def __init__(self, app):
        self.app = app
        self.t = app.texts
        self.elements: list = []
        self.focusables: list[Focusable] = []
        self.focus_index: int | None = None
        self.rect = pygame.Rect(0, 0, 0, 0)
        self.text_areas: list[tuple[pygame.Rect, pygame.Rect, str]] = []  # painted text: (drawn, box, text)
        # rows whose text wraps (wrapped_button): (button, box, text, chosen), painted under their buttons
        self.wrapped_rows: list[tuple[UIButton, pygame.Rect, str, bool]] = []

    # --- lifecycle -------------------------------------------------------------------------------------

    def enter(self) -> None:
        """Called once when the scene is pushed."""

    def leave(self) -> None:
        """Called once when the scene is popped."""

    def build(self, rect: pygame.Rect) -> None:
        """Make the widgets inside `rect`. Subclasses override and may call helpers below."""

    def rebuild(self) -> None:
        keep = self.focused_element_text()
        self.clear()
        memory.tidy()
        self.t = self.app.texts
        self.build(self.rect)
        self.refocus(keep)
        self.app.dirty = True

    def clear(self) -> None:
        for element in self.elements:
            element.kill()
        self.elements = []
        self.focusables = []
        self.text_areas = []
        self.wrapped_rows = []

    # --- input, time and drawing ----------------------------------------------------------------------

    def handle(self, event: pygame.event.Event) -> bool:
        """Input no widget took. Return True when used."""
        return False

    def back(self) -> None:
        """Esc: by default nothing."""

    def letter_keys(self) -> dict[int, str]:
        """The letters this screen reads itself (in `handle` or `key`), not as a button's shortcut, each with what
        it does: with the buttons' shortcuts, two actions of one screen never share a letter (tests/ui/test_keys)."""
        return {}

    def update(self, dt: float) -> bool:
        """Advance animations; return True when the screen must be redrawn. While it keeps returning True (an
        animation runs), the loop ticks about 30 times a second and redraws each time; when it returns False and
        nothing else changed, the window rests (game.ui.app)."""
        return False

    def draw(self, surface: pygame.Surface) -> None:
        """Paint what is not a widget, under the widgets."""

    # --- widget helpers --------------------------------------------------------------------------------

    def keep(self, element):
        self.elements.append(element)
        return element

    def button(
        self,
        rect: pygame.Rect,
        text: str,
        action: Action,
        *,
        tooltip: str | None = None,
        shortcut: int | None = None,
        kind: str | None = None,
        container=None,
        enabled: bool = True,
    ) -> UIButton:
        element = UIButton(
            rect,
            text,
            self.app.ui,
            container=container,
            tool_tip_text=markup(tooltip) if tooltip else None,
            object_id=ObjectID(object_id=None, class_id=f"@{kind}") if kind else None,
        )
        if not enabled:
            element.disable()
        self.keep(element)
        self.focusables.append(Focusable(element, action, shortcut))
        return element

    def wrapped_button(
        self,
        rect: pygame.Rect,
        text: str,
        action: Action,
        *,
        chosen: bool = False,
        tooltip: str | None = None,
        shortcut: int | None = None,
        enabled: bool = True,
    ) -> UIButton:
        """A row of a list whose text wraps, never cut (pygame_gui's buttons show one line): a see-through button
        that keeps focus, hover, clicks and shortcuts, over the row `paint_wrapped_rows` paints (the chosen one bold
        with a thick border, as list rows are). `wrapped_height(font, text, width)` says how tall it must be."""
        button = self.button(
            rect, text, action, tooltip=tooltip, shortcut=shortcut, kind="wrapped_row", enabled=enabled
        )
        self.wrapped_rows.append((button, rect.copy(), text, chosen))
        return button

    def paint_wrapped_rows(self, surface: pygame.Surface) -> None:
        """The rows of `wrapped_button`: background, border and the text whole (App draws them under the widgets)."""
        pal, em = self.app.palette, self.app.em
        for button, box, text, chosen in self.wrapped_rows:
            if not button.alive():
                continue
            enabled = button.is_enabled
            back = pal.button_hover if enabled and button.hovered else pal.panel_alt if chosen else pal.button
            pygame.draw.rect(surface, back if enabled else pal.disabled, box, border_radius=6)
            border = (pal.accent, 3) if chosen else (pal.border, 1)
            pygame.draw.rect(surface, border[0], box, width=border[1], border_radius=6)
            pad = em // 2 + 2  # as the theme pads a row's text
            inner = box.inflate(-2 * pad, -pad)
            height = row_text_height(self.app.font("body", chosen), text, inner.width)
            inner = pygame.Rect(inner.x, box.centery - height // 2, inner.width, height)
            colour = pal.text if enabled else pal.disabled_text
            self.paint_text(surface, text, inner, bold=chosen, colour=colour, wrap=True)

    def label(
        self, rect: pygame.Rect, text: str, *, kind: str | None = None, container=None, tooltip: str | None = None
    ) -> UILabel:
        classes = kind if kind else None
        element = UILabel(
            rect,
            text,
            self.app.ui,
            container=container,
            object_id=ObjectID(object_id=None, class_id=f"@{classes}") if classes else None,
        )
        if tooltip:
            element.set_tooltip(markup(tooltip))
        return self.keep(element)

    def textbox(self, rect: pygame.Rect, html: str, *, kind: str | None = None, container=None) -> UITextBox:
        element = memory.TextBox(
            html,
            rect,
            self.app.ui,
            container=container,
            object_id=ObjectID(object_id=None, class_id=f"@{kind}") if kind else None,
        )
        return self.keep(element)

    def panel(self, rect: pygame.Rect, *, kind: str | None = None, container=None) -> UIPanel:
        element = UIPanel(
            rect,
            manager=self.app.ui,
            container=container,
            object_id=ObjectID(object_id=None, class_id=f"@{kind}") if kind else None,
        )
        return self.keep(element)

    def paint_text(
        self,
        surface: pygame.Surface,
        text: str,
        box: pygame.Rect,
        *,
        kind: str = "body",
        bold: bool = False,
        colour: str | None = None,
        align: str = "left",
        wrap: bool = False,
    ) -> pygame.Rect:
        """Paint text inside `box` (clipped to it) and remember both rectangles for the layout check."""
        font = self.app.font(kind, bold)
        colour = colour or self.app.palette.text
        if wrap:
            font.align = {"left": pygame.FONT_LEFT, "center": pygame.FONT_CENTER, "right": pygame.FONT_RIGHT}[align]
            image = font.render(text, True, colour, None, box.width)
        else:
            image = font.render(text, True, colour)
        drawn = image.get_rect()
        if align == "center":
            drawn.midtop = (box.centerx, box.top)
        elif align == "right":
            drawn.topright = box.topright
        else:
            drawn.topleft = box.topleft
        if not wrap and drawn.height < box.height:
            drawn.centery = box.centery
        clip = surface.get_clip()
        surface.set_clip(box.clip(clip) if clip else box)
        surface.blit(image, drawn)
        surface.set_clip(clip)
        self.text_areas.append((drawn.copy(), box.copy(), text))
        return drawn

    # --- focus ------------------------------------------------------------------------------------------

    def live_focusables(self) -> list[Focusable]:
        return [f for f in self.focusables if f.element.alive() and f.element.visible and f.element.is_enabled]

    def move_focus(self, step: int) -> None:
        live = self.live_focusables()
        if not live:
            self.focus_index = None
            return
        current = self.focused()
        index = live.index(current) if current in live else (-1 if step > 0 else 0)
        self.focus_index = self.focusables.index(live[(index + step) % len(live)])
        self.scroll_into_view(self.focusables[self.focus_index].element)
        self.app.dirty = True

    def focused(self) -> Focusable | None:
        if self.focus_index is None or self.focus_index >= len(self.focusables):
            return None
        f = self.focusables[self.focus_index]
        return f if f.element.alive() and f.element.visible and f.element.is_enabled else None

    def focused_element_text(self) -> str | None:
        f = self.focused()
        return f.element.text if f else None

    def refocus(self, text: str | None) -> None:
        self.focus_index = None
        if text is not None:
            for i, f in enumerate(self.focusables):
                if f.element.text == text:
                    self.focus_index = i
                    return

    def scroll_into_view(self, element) -> None:
        """Scenes with scrolling lists override this to bring the focused button into view."""

    def press(self, element) -> bool:
        for f in self.focusables:
            if f.element is element:
                if element.is_enabled:
                    f.action()
                return True
        return False

    def key(self, event: pygame.event.Event) -> bool:
        """Keyboard navigation shared by every scene."""
        if event.key == pygame.K_TAB:
            self.move_focus(-1 if event.mod & pygame.KMOD_SHIFT else 1)
            return True
        if event.key in (pygame.K_DOWN, pygame.K_RIGHT):
            self.move_focus(1)
            return True
        if event.key in (pygame.K_UP, pygame.K_LEFT):
            self.move_focus(-1)
            return True
        if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE):
            f = self.focused()
            if f is not None:
                f.action()
                return True
            return False
        if event.key == pygame.K_ESCAPE:
            self.back()
            return True
        for f in self.live_focusables():
            if (
                f.shortcut is not None
                and f.shortcut == event.key
                and not event.mod & (pygame.KMOD_CTRL | pygame.KMOD_ALT)
            ):
                f.action()
                return True
        return False

    def draw_focus(self, surface: pygame.Surface) -> None:
        f = self.focused()
        if f is not None:
            rect = f.element.get_abs_rect() if hasattr(f.element, "get_abs_rect") else f.element.rect
            pygame.draw.rect(surface, self.app.palette.focus, rect.inflate(6, 6), width=3, border_radius=8)


def row_text_height(font: pygame.font.Font, text: str, width: int) -> int:
    """The height of `text` wrapped to `width` (as paint_text wraps it)."""
    return font.render(text, True, (0, 0, 0), None, max(8, width)).get_height()


def wrapped_row_height(app, text: str, width: int, least: int, bold: bool = False) -> int:
    """How tall a `wrapped_button` row `width` wide must be for `text`: `least` when it fits one line."""
    font = app.font("body", bold)
    if font.size(text)[0] <= width - app.em:
        return least
    pad = app.em // 2 + 2
    return max(least, row_text_height(font, text, width - 2 * pad) + pad + app.em // 2)


def scroll_box(box: UITextBox | None, pages: float) -> bool:
    """Scroll a text box by most of its visible height (PgUp/PgDn); False when it does not scroll."""
    bar = getattr(box, "scroll_bar", None) if box is not None else None
    if bar is None:
        return False
    visible = bar.visible_percentage
    bar.set_scroll_from_start_percentage(max(0.0, min(1.0 - visible, bar.start_percentage + pages * visible * 0.9)))
    return True
