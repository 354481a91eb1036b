"""The box a due hint shows in: a framed strip with the hint's text, "Got it (G)" and "Hints off (X)".

Screens that show hints (city, event card, report) make a `HintBox`, ask `height(width)` how much room the due hint
needs (0 when none is due), lay themselves out around it, then `build(rect)` it and `paint(surface)` its frame in
their `draw`. Which hint is due is decided by `game.ui.hints` (no pygame there). Got it dismisses the hint for
this game and Hints off turns them all off; both rebuild the screen, so the next due hint (if any) takes its place.

Two shapes: "row" (text on the left, the two buttons stacked on the right: a strip across a screen) and "column"
(text on top, the buttons side by side under it: inside a narrower column, as on the event card).
"""

from __future__ import annotations

import pygame
from pygame_gui.elements import UITextBox

from game.ui import hints
from game.ui.texts import markup
from game.ui.widgets import letter, letter_key

MAX_LINES_SHARE = 0.3  # a hint never takes more than this share of the screen's height (it scrolls)


class HintBox:
    def __init__(self, scene, screen: str):
        self.scene = scene
        self.screen = screen
        self.hint = None
        self.rect = pygame.Rect(0, 0, 0, 0)
        self.band = pygame.Rect(0, 0, 0, 0)

    @property
    def app(self):
        return self.scene.app

    # --- what and how big ------------------------------------------------------------------------------

    def due(self):
        play = self.app.play
        return hints.due(play, self.screen) if play is not None else None

    def html(self, hint) -> str:
        t = self.scene.t
        body = hints.text(self.app.play, hint, t.lang)
        return f"<b>{markup(t('guide.hint_title'))}</b>  {markup(body)}"

    def labels(self) -> tuple[str, str]:
        t = self.scene.t
        return (t("guide.got_it", key=letter(t, "got_it")), t("guide.hints_off", key=letter(t, "hints_off")))

    def button_width(self) -> int:
        em = self.app.em
        got, off = self.labels()
        return max(self.app.font("body", True).size(got)[0], self.app.font("body").size(off)[0]) + 2 * em

    def _text_height(self, width: int, html: str) -> int:
        probe = UITextBox(html, pygame.Rect(-10000, -10000, max(40, width), -1), self.app.ui)
        height = probe.rect.height
        probe.kill()
        return height

    def height(self, width: int, shape: str = "row") -> int:
        """The room the due hint needs in a strip `width` wide (0 when no hint is due)."""
        self.hint = self.due()
        if self.hint is None:
            return 0
        em = self.app.em
        pad = max(6, em // 2)
        bh = int(em * 2.2)
        cap = int(self.scene.rect.height * MAX_LINES_SHARE) if self.scene.rect.height else 10**6
        band = max(4, em // 4) // 2
        if shape == "row":
            text_w = width - 2 * pad - band - self.button_width() - pad
            text_h = min(cap, self._text_height(text_w, self.html(self.hint)))
            return max(text_h, 2 * bh + pad // 2) + 2 * pad
        text_h = min(cap, self._text_height(width - 2 * pad - band, self.html(self.hint)))
        return text_h + pad // 2 + bh + 2 * pad

    # --- widgets -----------------------------------------------------------------------------------------

    def build(self, rect: pygame.Rect, shape: str = "row") -> None:
        """Make the text box and the two buttons inside `rect` (as tall as `height` said)."""
        if self.hint is None:
            self.rect = pygame.Rect(0, 0, 0, 0)
            return
        self.rect = rect.copy()
        em = self.app.em
        pad = max(6, em // 2)
        bh = int(em * 2.2)
        band_w = max(4, em // 4)
        self.band = pygame.Rect(rect.x, rect.y, band_w, rect.height)
        inner = pygame.Rect(
            rect.x + pad + band_w // 2, rect.y + pad, rect.width - 2 * pad - band_w // 2, rect.height - 2 * pad
        )
        got, off = self.labels()
        t = self.scene.t
        if shape == "row":
            bw = self.button_width()
            text = pygame.Rect(inner.x, inner.y, inner.width - bw - pad, inner.height)
            got_rect = pygame.Rect(inner.right - bw, inner.y, bw, bh)
            off_rect = pygame.Rect(inner.right - bw, inner.y + bh + pad // 2, bw, bh)
        else:
            text = pygame.Rect(inner.x, inner.y, inner.width, inner.height - bh - pad // 2)
            half = (inner.width - pad) // 2
            widths = [self.app.font("body", True).size(got)[0] + 2 * em, self.app.font("body").size(off)[0] + 2 * em]
            if sum(widths) + pad <= inner.width:
                got_rect = pygame.Rect(inner.x, inner.bottom - bh, widths[0], bh)
                off_rect = pygame.Rect(got_rect.right + pad, inner.bottom - bh, widths[1], bh)
            else:
                got_rect = pygame.Rect(inner.x, inner.bottom - bh, half, bh)
                off_rect = pygame.Rect(inner.x + half + pad, inner.bottom - bh, half, bh)
        self.scene.textbox(text, self.html(self.hint))
        self.scene.button(
            got_rect, got, self.got_it, shortcut=letter_key(t, "got_it"), kind="primary", tooltip=t("guide.got_it_tip")
        )
        self.scene.button(
            off_rect, off, self.turn_off, shortcut=letter_key(t, "hints_off"), tooltip=t("guide.hints_off_tip")
        )

    def paint(self, surface: pygame.Surface) -> None:
        """The frame that sets the hint apart: an accent border and band (its words say "Hint" too)."""
        if self.hint is None or not self.rect.width:
            return
        p = self.app.palette
        pygame.draw.rect(surface, p.panel_alt, self.rect)
        pygame.draw.rect(surface, p.accent, self.rect, width=2)
        pygame.draw.rect(surface, p.accent, self.band)

    # --- actions -----------------------------------------------------------------------------------------

    def got_it(self) -> None:
        if self.hint is not None and self.app.play is not None:
            hints.dismiss(self.app.play, self.hint)
            self.scene.rebuild()

    def turn_off(self) -> None:
        if self.app.play is not None:
            hints.turn_off(self.app.play)
            self.app.say(self.scene.t("guide.hints_off_notice"))
            self.scene.rebuild()
