"""The projector's two small screens over the vote card: the pause card, which blanks the projection, and the
confirmation before the teacher ends the game for the debrief.
"""

from __future__ import annotations

import pygame

from game.ui.flow import show_current
from game.ui.scene import Scene
from game.ui.scenes.projector import look
from game.ui.scenes.projector.layout import ENTER_KEYS, text_height
from game.ui.texts import markup
from game.ui.widgets import keyed, keyed_action, letter_key


def _width(app, text: str, minimum: int = 0) -> int:
    return max(minimum, look.font(app, "body", True).size(text)[0] + 2 * look.px(app))


class PauseScene(look.Projected, Scene):
    """The screen blanked to a "paused" card, so the class looks up from the projection."""

    name = "pause"

    def build(self, rect: pygame.Rect) -> None:
        look.use(self.app)
        em, t = look.px(self.app), self.t
        text, resume_key = keyed_action(t, t("projector.resume"), "vote_pause")
        w = min(rect.width - 2 * em, _width(self.app, text, 8 * em))
        bh = int(em * 2)
        self.button(
            pygame.Rect(rect.centerx - w // 2, rect.centery + 3 * em, w, bh),
            text,
            self.resume,
            kind="proj_primary",
            shortcut=resume_key,
            tooltip=t("projector.resume_tip"),
        )
        self.focus_index = 0

    def draw(self, surface: pygame.Surface) -> None:
        self.painted_px = []
        rect, em = self.rect, look.px(self.app)
        title = self.t("projector.paused")
        h = look.font(self.app, "title", True).get_linesize()
        self.paint_text(
            surface,
            title,
            pygame.Rect(rect.x + em, rect.centery - 3 * em - h // 2, rect.width - 2 * em, h),
            kind="title",
            bold=True,
            align="center",
        )
        note = self.t("projector.paused_note")
        nh = text_height(look.font(self.app), note, rect.width - 4 * em)
        self.paint_text(
            surface,
            note,
            pygame.Rect(rect.x + 2 * em, rect.centery - 3 * em + h, rect.width - 4 * em, nh),
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


class ConfirmDebriefScene(look.Projected, Scene):
    modal = True
    name = "confirm_debrief"

    def build(self, rect: pygame.Rect) -> None:
        look.use(self.app)
        em, t = look.px(self.app), self.t
        yes, yes_key = keyed_action(t, t("projector.confirm_yes"), "confirm_yes")
        no = keyed(t, t("projector.confirm_no"), pygame.K_ESCAPE)
        bh = int(em * 1.8)
        w = min(rect.width - 2 * em, 36 * em)
        text = t("projector.confirm_text", done=len(self.app.play.session.records), turns=self.app.play.session.turns)
        title = t("projector.confirm_title")
        self.head_h = look.font(self.app, "heading", True).get_linesize() + em // 2
        body_h = text_height(look.font(self.app, "card"), text, w - 3 * em) + em
        box = pygame.Rect(0, 0, w, self.head_h + body_h + bh + 3 * em)
        box.center = rect.center
        self.panel(box)
        inner = box.inflate(-2 * em, -2 * em)
        head = self.label(pygame.Rect(inner.x, inner.y, inner.width, self.head_h), title, kind="proj_heading")
        self.textbox(
            pygame.Rect(inner.x, head.rect.bottom, inner.width, inner.bottom - bh - em // 2 - head.rect.bottom),
            markup(text),
            kind="proj_plain",
        )
        yw, nw = _width(self.app, yes), _width(self.app, no)
        self.button(
            pygame.Rect(inner.right - yw, inner.bottom - bh, yw, bh),
            yes,
            self.confirm,
            kind="proj_primary",
            shortcut=yes_key,
        )
        self.button(
            pygame.Rect(inner.right - yw - em // 2 - nw, inner.bottom - bh, nw, bh),
            no,
            self.back,
            kind="proj",
            shortcut=letter_key(t, "confirm_no"),
        )
        self.focus_index = 1

    def confirm(self) -> None:
        self.app.play.stop()
        show_current(self.app)

    def back(self) -> None:
        self.app.pop()
