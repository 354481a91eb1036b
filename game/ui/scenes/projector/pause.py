"""The projector's two small screens over the vote card: the pause card, which blanks the projection, and the
confirmation before the teacher ends the game for the debrief.
"""

from __future__ import annotations

import pygame

from game.ui.flow import show_current
from game.ui.scene import Scene
from game.ui.scenes.projector.layout import ENTER_KEYS, text_height
from game.ui.texts import markup
from game.ui.widgets import button_width, fitting_label, keyed


class PauseScene(Scene):
    """The screen blanked to a "paused" card, so the class looks up from the projection."""

    name = "pause"

    def build(self, rect: pygame.Rect) -> None:
        em, t = self.app.em, self.t
        text = keyed(t, t("projector.resume"), pygame.K_p)
        w = button_width(self.app, [text], 14 * em)
        bh = int(em * 2.6)
        self.button(
            pygame.Rect(rect.centerx - w // 2, rect.centery + 3 * em, w, bh),
            text,
            self.resume,
            kind="primary",
            shortcut=pygame.K_p,
            tooltip=t("projector.resume_tip"),
        )
        self.focus_index = 0

    def draw(self, surface: pygame.Surface) -> None:
        rect, em = self.rect, self.app.em
        title = self.t("projector.paused")
        h = self.app.font("title", True).get_linesize()
        self.paint_text(
            surface,
            title,
            pygame.Rect(rect.x + em, rect.centery - 3 * em - h // 2, rect.width - 2 * em, h),
            kind="title",
            bold=True,
            align="center",
        )
        note = self.t("projector.paused_note")
        nh = text_height(self.app.font("body"), note, rect.width - 4 * em)
        self.paint_text(
            surface,
            note,
            pygame.Rect(rect.x + 2 * em, rect.centery - em, rect.width - 4 * em, nh),
            colour=self.app.palette.muted,
            align="center",
            wrap=True,
        )

    def resume(self) -> None:
        self.app.pop()

    def back(self) -> None:
        self.resume()

    def key(self, event: pygame.event.Event) -> bool:
        if event.key in ENTER_KEYS:
            self.resume()
            return True
        return super().key(event)


class ConfirmDebriefScene(Scene):
    modal = True
    name = "confirm_debrief"

    def build(self, rect: pygame.Rect) -> None:
        em, t = self.app.em, self.t
        yes = keyed(t, t("projector.confirm_yes"), pygame.K_y)
        no = keyed(t, t("projector.confirm_no"), pygame.K_ESCAPE)
        bh = int(em * 2.4)
        w = min(rect.width - 4 * em, 50 * em)
        text = t("projector.confirm_text", done=len(self.app.play.session.records), turns=self.app.play.session.turns)
        body_h = text_height(self.app.font("body"), text, w - 4 * em) + em
        box = pygame.Rect(0, 0, w, 2 * em + int(em * 2.4) + body_h + bh + 2 * em)
        box.center = rect.center
        self.panel(box)
        inner = box.inflate(-2 * em, -2 * em)
        head = fitting_label(
            self,
            pygame.Rect(inner.x, inner.y, inner.width, int(em * 2.2)),
            t("projector.confirm_title"),
            kind="heading",
        )
        self.textbox(
            pygame.Rect(inner.x, head.bottom, inner.width, inner.bottom - bh - em // 2 - head.bottom),
            markup(text),
            kind="plain",
        )
        yw, nw = button_width(self.app, [yes]), button_width(self.app, [no])
        self.button(
            pygame.Rect(inner.right - yw, inner.bottom - bh, yw, bh),
            yes,
            self.confirm,
            kind="primary",
            shortcut=pygame.K_y,
        )
        self.button(
            pygame.Rect(inner.right - yw - em - nw, inner.bottom - bh, nw, bh), no, self.back, shortcut=pygame.K_n
        )
        self.focus_index = 1

    def confirm(self) -> None:
        self.app.play.stop()
        show_current(self.app)

    def back(self) -> None:
        self.app.pop()
