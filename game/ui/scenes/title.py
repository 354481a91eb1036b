"""The title screen: the content note, then New game, Continue (the autosave), Load, Settings, Quit."""

from __future__ import annotations

import pygame

from game.ui import paths
from game.ui.scene import Scene
from game.ui.texts import markup


class TitleScene(Scene):
    name = "title"

    def enter(self) -> None:
        for message in self.app.messages:
            self.app.say(message, 10)
        self.app.messages = []
        if self.app.content_problems:
            from game.ui.scenes.overlays import DiagnosticsOverlay
            self.app.push(DiagnosticsOverlay(self.app, self.app.content_problems))

    def build(self, rect: pygame.Rect) -> None:
        em = self.app.em
        col_w = min(rect.width - 4 * em, 46 * em)
        x = rect.centerx - col_w // 2
        y = max(em, rect.height // 12)
        self.label(pygame.Rect(x, y, col_w, int(self.app.font("title").get_linesize() * 1.3)),
                   self.t("menu.title"), kind="title")
        y += int(self.app.font("title").get_linesize() * 1.4)
        self.label(pygame.Rect(x, y, col_w, int(em * 2)), self.t("menu.subtitle"), kind="subtitle")
        y += int(em * 3)
        note_h = int(em * 11)
        self.textbox(pygame.Rect(x, y, col_w, note_h),
                     f"<b>{markup(self.t('content_note.title'))}</b><br>{markup(self.t('content_note.text'))}")
        y += note_h + em
        bh = int(em * 2.6)
        autosave = paths.autosave_file().exists()
        items = [("menu.play", self.new_game, "primary", pygame.K_n)]
        if autosave:
            items.append(("menu.continue", self.continue_game, None, pygame.K_c))
        items += [("menu.load", self.load_game, None, pygame.K_l), ("menu.settings", self.settings, None, pygame.K_s),
                  ("menu.quit", self.app.quit, None, pygame.K_q)]
        bw = min(col_w, 22 * em)
        for key, action, kind, shortcut in items:
            text = f"{self.t(key)}  ({pygame.key.name(shortcut).upper()})"
            self.button(pygame.Rect(rect.centerx - bw // 2, y, bw, bh), text, action, kind=kind, shortcut=shortcut)
            y += bh + em // 2
        self.focus_index = 0

    def new_game(self) -> None:
        from game.ui.scenes.setup import SetupScene
        self.app.replace(SetupScene(self.app))

    def continue_game(self) -> None:
        from game.ui.flow import show_current
        problem = self.app.load(paths.autosave_file())
        if problem:
            from game.ui.scenes.overlays import MessageOverlay
            self.app.push(MessageOverlay(self.app, self.t("load.failed"), problem))
            return
        show_current(self.app)

    def load_game(self) -> None:
        from game.ui.scenes.load import LoadScene
        self.app.push(LoadScene(self.app))

    def settings(self) -> None:
        from game.ui.scenes.settings import SettingsScene
        self.app.push(SettingsScene(self.app))

    def back(self) -> None:
        self.app.quit()
