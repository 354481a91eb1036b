"""The Menu dialog of the city screen: confirm before leaving the game for the title screen."""

from __future__ import annotations

import pygame

from game.ui.scene import Scene
from game.ui.scenes.city.fitting import shorten
from game.ui.texts import markup
from game.ui.widgets import letter, letter_key


class LeaveScene(Scene):
    """Menu: confirm before leaving the game for the title screen."""

    modal = True
    name = "leave"

    def build(self, rect: pygame.Rect) -> None:
        em = self.app.em
        w = min(rect.width - 4 * em, 36 * em)
        h = min(rect.height - 4 * em, 16 * em)
        box = pygame.Rect(0, 0, w, h)
        box.center = rect.center
        self.panel(box)
        inner = box.inflate(-2 * em, -2 * em)
        head_h = int(self.app.font("heading", True).get_linesize() * 1.4)
        self.label(pygame.Rect(inner.x, inner.y, inner.width, head_h), self.t("city.leave_title"), kind="heading")
        bh = int(em * 2.4)
        text = pygame.Rect(inner.x, inner.y + head_h, inner.width, inner.height - head_h - bh - em // 2)
        self.textbox(text, markup(self.t("city.leave_text")), kind="plain")
        half = (inner.width - em) // 2
        font = self.app.font("body", True)
        stay = shorten(font, self.t("city.leave_no", key="Esc"), half - em)
        yes = letter_key(self.t, "leave")
        leave = shorten(font, self.t("city.leave_yes", key=letter(self.t, "leave")), half - em)
        self.button(pygame.Rect(inner.x, inner.bottom - bh, half, bh), stay, self.back, kind="primary")
        self.button(pygame.Rect(inner.right - half, inner.bottom - bh, half, bh), leave, self.to_title, shortcut=yes)
        self.focus_index = 0

    def back(self) -> None:
        self.app.pop()

    def to_title(self) -> None:
        self.app.replace("title")
