"""Modal panels over any screen: a message, the content diagnostics after F5, and the event trace (F3)."""

from __future__ import annotations

import pygame

from game.ui.scene import Scene
from game.ui.texts import markup


class Overlay(Scene):
    """A centred panel with a title, a scrolling text and a close button; Esc or Enter closes it."""

    modal = True
    name = "overlay"
    title_key = ""

    def body(self) -> str:
        return ""

    def title(self) -> str:
        return self.t(self.title_key)

    def build(self, rect: pygame.Rect) -> None:
        em = self.app.em
        box = rect.inflate(-max(80, rect.width // 6), -max(60, rect.height // 8))
        self.panel(box)
        inner = box.inflate(-2 * em, -2 * em)
        head = pygame.Rect(inner.x, inner.y, inner.width, int(em * 2.2))
        self.label(head, self.title(), kind="heading")
        close_h = int(em * 2.6)
        text = pygame.Rect(inner.x, head.bottom + em // 2, inner.width, inner.height - head.height - close_h - em)
        self.textbox(text, self.body())
        close = pygame.Rect(0, 0, max(8 * em, 160), close_h)
        close.bottomright = inner.bottomright
        self.button(close, self.t("common.close"), self.close, kind="primary", shortcut=pygame.K_RETURN)
        self.focus_index = 0

    def close(self) -> None:
        self.app.pop()

    def back(self) -> None:
        self.close()


class MessageOverlay(Overlay):
    name = "message"

    def __init__(self, app, title: str, text: str):
        super().__init__(app)
        self._title, self._text = title, text

    def title(self) -> str:
        return self._title

    def body(self) -> str:
        return markup(self._text)


class DiagnosticsOverlay(Overlay):
    """F5 found problems: the old content stays in use; every diagnostic is listed with its place."""

    name = "diagnostics"
    title_key = "reload.failed_title"

    def __init__(self, app, diagnostics: list[str]):
        super().__init__(app)
        self.diagnostics = diagnostics

    shown = 30  # the panel lays out this many at most: a thousand took seconds and gigabytes (issue 13)

    def body(self) -> str:
        intro = markup(self.t("reload.failed_text", count=len(self.diagnostics)))
        items = "<br><br>".join(markup(d) for d in self.diagnostics[: self.shown])
        rest = len(self.diagnostics) - self.shown
        more = f"<br><br>{markup(self.t('reload.more', count=rest))}" if rest > 0 else ""
        return f"{intro}<br><br>{items}{more}"


class TraceOverlay(Overlay):
    """F3: the event engine's trace of the last finished turn (or of the turn under way)."""

    name = "trace"
    title_key = "trace.title"

    def body(self) -> str:
        play = self.app.play
        if play is None:
            return markup(self.t("trace.no_game"))
        trace = play.session.engine.trace
        if play.report is not None and play.stage == "report" and play.report.trace is not None:
            trace = play.report.trace
        return markup(self.t("trace.intro")) + "<br><br>" + markup(trace.format())
