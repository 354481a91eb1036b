"""The title screen: the content note, then New game, Continue (the autosave), Load, Class session, Settings, the
language switch and Quit; and, when the last run did not end cleanly, a dialog offering to continue from the autosave.

The layout helpers the screens share live in game/ui/widgets.py.
"""

from __future__ import annotations

import dataclasses

import pygame

from game.ui.flow import show_current
from game.ui.scene import Scene
from game.ui.texts import markup
from game.ui.widgets import (
    box_text_width,
    button_width,
    file_time,
    fitting_label,
    keyed,
    letter_key,
    text_box_height,
    wrapped_lines,
)

# --- the title screen ----------------------------------------------------------------------------------------


class TitleScene(Scene):
    name = "title"

    def __init__(self, app):
        super().__init__(app)
        self.waiting: list[Scene] = []  # dialogs to show once the title itself is on screen

    def enter(self) -> None:
        for message in self.app.messages:
            self.app.say(message, 10)
        self.app.messages = []
        if self.app.content_problems:
            self.waiting.append(self.app.scene("diagnostics", self.app.content_problems))
        if self.app.storage.recovery_pending:  # the last run did not end cleanly: offered until answered
            self.waiting.append(RecoveryDialog(self.app))

    def update(self, dt: float) -> bool:
        # Dialogs are pushed here, not in enter(): the title must be built first so the dialog's dimmed backdrop
        # shows it, and pushing from inside a push would build the dialog twice.
        if self.waiting and self.app.top is self and not self.app.too_small:
            self.app.push(self.waiting.pop(0))
            return True
        return False

    def items(self) -> list[tuple[str, object, str | None, int, str]]:
        t = self.t
        items = [(t("menu.play"), self.new_game, "primary", letter_key(t, "new_game"), t("menus.new_tip"))]
        if self.app.storage.has_autosave():
            items.append(
                (t("menu.continue"), self.continue_game, None, letter_key(t, "continue"), t("menus.continue_tip"))
            )
        items += [
            (t("menu.load"), self.load_game, None, letter_key(t, "load"), t("menus.load_tip")),
            (t("classroom.menu"), self.classroom, None, letter_key(t, "classroom"), t("classroom.menu_tip")),
            (t("glossary.title"), self.app.toggle_glossary, None, pygame.K_F1, t("glossary.open_tip")),
            (t("menu.settings"), self.settings, None, letter_key(t, "settings"), t("menus.settings_tip")),
            (
                t("menus.language_switch"),
                self.switch_language,
                None,
                letter_key(t, "language"),
                t("menus.language_tip"),
            ),
            (t("menu.quit"), self.app.quit, None, letter_key(t, "quit"), t("menus.quit_tip")),
        ]
        return items

    def build(self, rect: pygame.Rect) -> None:
        em = self.app.em
        items = self.items()
        labels = [keyed(self.t, text, key) for text, _, _, key, _ in items]
        bw = button_width(self.app, labels, 16 * em)
        bh = int(em * 2.6)
        gap = em // 2
        buttons_h = len(items) * (bh + gap) - gap

        title_h = int(self.app.font("title", True).get_linesize() * 1.2)
        sub_h = int(self.app.font("subtitle").get_linesize() * 1.4)
        col_w = min(rect.width - 4 * em, 46 * em)
        note_text = self.t("content_note.text")
        note_h = text_box_height(self.app, 1 + wrapped_lines(self.app, note_text, box_text_width(self.app, col_w)))
        top = max(em, rect.height // 14)
        single_h = title_h + sub_h + em + note_h + em + buttons_h
        two_columns = top + single_h > rect.height - 2 * em
        if two_columns:
            col_w = min(rect.width - 4 * em, 76 * em)
        x = rect.centerx - col_w // 2
        if two_columns:
            y = max(em, (rect.height - (title_h + sub_h + em + max(buttons_h, note_h))) // 3)
        else:
            y = max(top, (rect.height - single_h) // 3)
        self.label(pygame.Rect(x, y, col_w, title_h), self.t("menu.title"), kind="title")
        y += title_h
        fitting_label(self, pygame.Rect(x, y, col_w, sub_h), self.t("menu.subtitle"), kind="subtitle")
        y += sub_h + em
        note = f"<b>{markup(self.t('content_note.title'))}</b><br>{markup(note_text)}"
        if two_columns:
            room = rect.height - y - em
            if buttons_h > room:  # very large text on a small window: tighter buttons rather than cut ones
                gap = max(2, em // 4)
                bh = max(self.app.font("body").get_linesize() + 8, (room - gap * (len(items) - 1)) // len(items))
                buttons_h = len(items) * (bh + gap) - gap
            bw = min(bw, col_w // 2)
            note_w = col_w - bw - 2 * em
            lines = 1 + wrapped_lines(self.app, note_text, box_text_width(self.app, note_w))
            note_h = min(room, max(buttons_h, text_box_height(self.app, lines)))
            self.textbox(pygame.Rect(x, y, note_w, note_h), note)
            bx = x + note_w + 2 * em
        else:
            self.textbox(pygame.Rect(x, y, col_w, note_h), note)
            y += note_h + em
            bx = rect.centerx - bw // 2
        for (_, action, kind, shortcut, tip), text in zip(items, labels, strict=True):
            self.button(pygame.Rect(bx, y, bw, bh), text, action, kind=kind, shortcut=shortcut, tooltip=tip)
            y += bh + gap
        if self.focus_index is None:
            self.focus_index = 0

    # --- actions ---------------------------------------------------------------------------------------------

    def new_game(self) -> None:
        self.app.replace("setup")

    def continue_game(self) -> None:
        continue_from_autosave(self.app)

    def load_game(self) -> None:
        self.app.open("load")

    def classroom(self) -> None:
        self.app.replace("classroom")

    def settings(self) -> None:
        self.app.open("settings")

    def switch_language(self) -> None:
        language = "es" if self.app.settings.language == "en" else "en"
        self.app.apply_settings(dataclasses.replace(self.app.settings, language=language))

    def back(self) -> None:
        self.app.quit()


def continue_from_autosave(app) -> None:
    """Load the autosave and show what the game waits for; a bad autosave gets a message and is left alone."""
    problem = app.load(app.storage.autosave_path())
    if problem:
        app.open("message", app.texts("load.failed"), f"{problem}\n\n{app.texts('menus.load_kept')}")
        return
    show_current(app)


class RecoveryDialog(Scene):
    """The last run did not end cleanly and there is an autosave: continue from it, or not now."""

    modal = True
    name = "recovery"

    def build(self, rect: pygame.Rect) -> None:
        em = self.app.em
        t = self.t
        labels = [
            keyed(t, t("menus.recovery_continue"), letter_key(t, "recovery_continue")),
            keyed(t, t("menus.recovery_dismiss"), pygame.K_ESCAPE),
        ]
        bh = int(em * 2.6)
        w = min(rect.width - 4 * em, max(40 * em, sum(button_width(self.app, [s]) for s in labels) + 5 * em))
        body = t("menus.recovery_text", when=file_time(self.app.storage.autosave_path()))
        lines = wrapped_lines(self.app, body, box_text_width(self.app, w - 2 * em))
        h = min(rect.height - 4 * em, int(em * 2.2) + text_box_height(self.app, lines) + bh + 4 * em)
        box = pygame.Rect(0, 0, w, h)
        box.center = rect.center
        self.panel(box)
        inner = box.inflate(-2 * em, -2 * em)
        head = fitting_label(
            self, pygame.Rect(inner.x, inner.y, inner.width, int(em * 2.2)), t("menus.recovery_title"), kind="heading"
        )
        text_rect = pygame.Rect(
            inner.x, head.bottom + em // 2, inner.width, inner.bottom - bh - em - head.bottom - em // 2
        )
        self.textbox(text_rect, markup(body), kind="plain")
        go_w, no_w = (button_width(self.app, [s]) for s in labels)
        go = pygame.Rect(inner.right - go_w, inner.bottom - bh, go_w, bh)
        no = pygame.Rect(go.x - em - no_w, go.y, no_w, bh)
        self.button(go, labels[0], self.resume, kind="primary", shortcut=letter_key(t, "recovery_continue"))
        self.button(no, labels[1], self.dismiss)
        self.focus_index = 0

    def resume(self) -> None:
        self.app.storage.recovery_answered()
        self.app.pop()
        continue_from_autosave(self.app)

    def dismiss(self) -> None:
        self.app.storage.recovery_answered()
        self.app.pop()

    def back(self) -> None:
        self.dismiss()
