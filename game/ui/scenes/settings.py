"""Settings: language, window or full screen, text size, colours (Plaza makes no sound: no switch for it). Each
choice applies at once through `app.apply_settings` (which also saves it) and the screen rebuilds in the new
language, size or colours.

Reached from the title and from the city; Back (Esc) returns to whichever screen opened it."""

from __future__ import annotations

import dataclasses

import pygame

from game.ui.scene import Scene
from game.ui.settings import LANGUAGES, PALETTES, TEXT_SCALES
from game.ui.widgets import button_width, fitting_label, keyed, text_width


class SettingsScene(Scene):
    name = "settings"

    def rows(self) -> list[tuple[str, str, str, list[tuple[str, object]]]]:
        """(name, tooltip, field, [(option label, value)]) for every setting."""
        t = self.t
        return [
            (
                t("settings.language"),
                t("menus.language_tip"),
                "language",
                [(t(f"menus.lang_{code}"), code) for code in LANGUAGES],
            ),
            (
                t("menus.display"),
                t("menus.display_tip"),
                "fullscreen",
                [(t("menus.windowed"), False), (t("menus.fullscreen"), True)],
            ),
            (
                t("settings.text_size"),
                t("menus.text_size_tip"),
                "text_scale",
                [(t("menus.percent", n=n), n) for n in TEXT_SCALES],
            ),
            (
                t("menus.colours"),
                t("menus.colours_tip"),
                "palette",
                [(t(f"menus.palette_{name}"), name) for name in PALETTES],
            ),
        ]

    def build(self, rect: pygame.Rect) -> None:
        em = self.app.em
        t = self.t
        margin = 2 * em
        area = rect.inflate(-2 * margin, -2 * margin)
        rows = self.rows()
        current = self.app.settings
        bh = int(em * 2.4)
        gap = em // 2
        name_w = max(text_width(self.app, name, "heading", bold=True) for name, *_ in rows) + 2 * em

        def label_of(field, label, value) -> str:
            return t("menus.chosen", label=label) if getattr(current, field) == value else label

        widths = [
            [button_width(self.app, [label_of(field, label, value)], 6 * em) for label, value in options]
            for _, _, field, options in rows
        ]
        content_w = name_w + max(sum(ws) + gap * (len(ws) - 1) for ws in widths)
        width = min(area.width, max(content_w, text_width(self.app, t("menus.settings_note")) + em))
        x = rect.centerx - width // 2

        head_h, note_h = int(em * 2.2), int(em * 1.8)
        row_gap = em
        total = head_h + note_h + em + len(rows) * (bh + row_gap) + em + bh
        if total > area.height:  # very large text on a small window: closer rows rather than cut ones
            row_gap = gap
            total = head_h + note_h + em + len(rows) * (bh + row_gap) + em + bh
        y = max(area.y, rect.y + (rect.height - total) // 3)
        head = fitting_label(self, pygame.Rect(x, y, width, head_h), t("menu.settings"), kind="heading")
        note_text = t("menus.settings_note")
        if self.app.text_scale < current.text_scale:  # the window has no room for the size chosen
            note_text = t("menus.text_capped", shown=self.app.text_scale, chosen=current.text_scale)
        note = fitting_label(self, pygame.Rect(x, head.bottom, width, note_h), note_text, kind="muted")
        y = note.bottom + em
        for (name, tip, field, options), ws in zip(rows, widths, strict=True):
            self.label(pygame.Rect(x, y, name_w, bh), name, kind="heading", tooltip=tip)
            bx = x + name_w
            for (label, value), w in zip(options, ws, strict=True):
                chosen = getattr(current, field) == value
                if bx + w > x + width and bx > x + name_w:  # wrap onto a second line under the options
                    bx = x + name_w
                    y += bh + gap
                self.button(
                    pygame.Rect(bx, y, w, bh),
                    label_of(field, label, value),
                    lambda f=field, v=value: self.change(f, v),
                    kind="chosen" if chosen else None,
                    tooltip=tip,
                )
                bx += w + gap
            y += bh + row_gap
        back_text = keyed(t, t("settings.back"), pygame.K_ESCAPE)
        bw = button_width(self.app, [back_text], 10 * em)
        where = pygame.Rect(x, y + em - row_gap + gap, bw, bh)
        if where.bottom > rect.bottom - em // 2:  # no room under the rows: beside the heading instead
            where = pygame.Rect(x + width - bw, head.y, bw, bh)
        self.button(where, back_text, self.back, kind="primary", tooltip=t("menus.back_tip"))
        if self.focus_index is None:
            self.focus_index = 0

    def change(self, field: str, value) -> None:
        if getattr(self.app.settings, field) == value:
            return
        self.app.apply_settings(dataclasses.replace(self.app.settings, **{field: value}))

    def back(self) -> None:
        if len(self.app.stack) > 1:
            self.app.pop()
        else:
            self.app.replace("title")
