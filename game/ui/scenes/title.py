"""The title screen: the content note, then New game, Continue (the autosave), Load, Class session, Settings, the
language switch and Quit; and, when the last run did not end cleanly, a dialog offering to continue from the autosave.

Also the small layout helpers the menu screens share (a label with its shortcut key, a label that falls back to a
wrapping text box when its text is too wide, the time a file was written).
"""

from __future__ import annotations

import dataclasses
import time
from pathlib import Path

import pygame
from pygame_gui.elements import UITextBox

from game import paths
from game.ui.scene import Scene
from game.ui.texts import markup

# --- helpers shared by the menu screens ------------------------------------------------------------------------


def key_name(t, key: int) -> str:
    """How a shortcut key is written on a button."""
    special = {pygame.K_ESCAPE: "menus.key_esc", pygame.K_PAGEUP: "menus.key_pgup", pygame.K_PAGEDOWN: "menus.key_pgdn"}
    if key in special:
        return t(special[key])
    return pygame.key.name(key).upper()


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


def autosave_exists() -> bool:
    try:
        return paths.autosave_file().is_file()
    except OSError:
        return False


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
        from game.ui.scenes.overlays import DiagnosticsOverlay

        if self.app.content_problems:
            self.waiting.append(DiagnosticsOverlay(self.app, self.app.content_problems))
        if getattr(self.app, "crashed_last_time", False) and autosave_exists():
            self.app.crashed_last_time = False  # offer it once per run
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
        items = [(t("menu.play"), self.new_game, "primary", pygame.K_n, t("menus.new_tip"))]
        if autosave_exists():
            items.append((t("menu.continue"), self.continue_game, None, pygame.K_c, t("menus.continue_tip")))
        items += [
            (t("menu.load"), self.load_game, None, pygame.K_l, t("menus.load_tip")),
            (t("classroom.menu"), self.classroom, None, pygame.K_k, t("classroom.menu_tip")),
            (t("glossary.title"), self.app.toggle_glossary, None, pygame.K_F1, t("glossary.open_tip")),
            (t("menu.settings"), self.settings, None, pygame.K_s, t("menus.settings_tip")),
            (t("menus.language_switch"), self.switch_language, None, pygame.K_e, t("menus.language_tip")),
            (t("menu.quit"), self.app.quit, None, pygame.K_q, t("menus.quit_tip")),
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
        from game.ui.scenes.setup import SetupScene

        self.app.replace(SetupScene(self.app))

    def continue_game(self) -> None:
        continue_from_autosave(self.app)

    def load_game(self) -> None:
        from game.ui.scenes.load import LoadScene

        self.app.push(LoadScene(self.app))

    def classroom(self) -> None:
        from game.ui.scenes.classroom import ClassroomScene

        self.app.replace(ClassroomScene(self.app))

    def settings(self) -> None:
        from game.ui.scenes.settings import SettingsScene

        self.app.push(SettingsScene(self.app))

    def switch_language(self) -> None:
        language = "es" if self.app.settings.language == "en" else "en"
        self.app.apply_settings(dataclasses.replace(self.app.settings, language=language))

    def back(self) -> None:
        self.app.quit()


def continue_from_autosave(app) -> None:
    """Load the autosave and show what the game waits for; a bad autosave gets a message and is left alone."""
    from game.ui.flow import show_current
    from game.ui.scenes.overlays import MessageOverlay

    problem = app.load(paths.autosave_file())
    if problem:
        app.push(MessageOverlay(app, app.texts("load.failed"), f"{problem}\n\n{app.texts('menus.load_kept')}"))
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
            keyed(t, t("menus.recovery_continue"), pygame.K_c),
            keyed(t, t("menus.recovery_dismiss"), pygame.K_ESCAPE),
        ]
        bh = int(em * 2.6)
        w = min(rect.width - 4 * em, max(40 * em, sum(button_width(self.app, [s]) for s in labels) + 5 * em))
        body = t("menus.recovery_text", when=file_time(paths.autosave_file()))
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
        self.button(go, labels[0], self.resume, kind="primary", shortcut=pygame.K_c)
        self.button(no, labels[1], self.dismiss)
        self.focus_index = 0

    def resume(self) -> None:
        self.app.pop()
        continue_from_autosave(self.app)

    def dismiss(self) -> None:
        self.app.pop()

    def back(self) -> None:
        self.dismiss()
