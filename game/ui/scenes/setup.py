"""A new game: choose a city (level), a role, and optionally a seed; Start shows the briefing.

Keyboard: Tab / arrows move through the cities, the roles, the seed box, Start and Back; Enter chooses. While the
seed box has the focus, typed keys go into it (only Tab, the up/down arrows, Enter and Esc leave it), and Enter
there starts. An empty seed draws a random one from the clock; anything but digits is refused with a message.
"""

from __future__ import annotations

import re
import time

import pygame
import pygame_gui
from pygame_gui.elements import UITextEntryLine

from game.events.world import placeholder_names, render
from game.ui.scene import Focusable, Scene
from game.ui.texts import markup
from game.ui.widgets import (
    button_width,
    fitting_height,
    fitting_label,
    keyed,
    keyed_action,
    scroll_text_boxes,
    text_width,
)

SEED_DIGITS = 18
LEAVE_ENTRY = (pygame.K_TAB, pygame.K_UP, pygame.K_DOWN, pygame.K_ESCAPE, pygame.K_RETURN, pygame.K_KP_ENTER)


def parse_seed(text: str) -> int | None:
    """The seed a player typed, or None when it is not one (empty text is handled by the caller)."""
    text = text.strip()
    if re.fullmatch(rf"[0-9]{{1,{SEED_DIGITS}}}", text):
        return int(text)
    return None


def random_seed() -> int:
    return time.time_ns() // 1000 % 1_000_000_000


def menu_levels(content) -> list[str]:
    """The ids of the levels the game's menus offer, in their `order` (then by id)."""
    levels = content.levels
    return sorted((i for i in levels if levels[i].listed), key=lambda i: (levels[i].order, i))


class SetupScene(Scene):
    name = "setup"

    def __init__(self, app, level_id: str | None = None, role: str | None = None, seed_text: str = ""):
        super().__init__(app)
        self.level_ids = menu_levels(app.content)
        self.level_id = level_id if level_id in app.content.levels else (self.level_ids[0] if self.level_ids else None)
        self.role = role
        self.seed_text = seed_text
        self.error = ""
        self.page = 0
        self.entry: UITextEntryLine | None = None
        self._fix_role()

    @property
    def level(self):
        return self.app.content.levels.get(self.level_id) if self.level_id else None

    def _fix_role(self) -> None:
        level = self.level
        available = level.roles.offered() if level else []
        if self.role not in available:
            self.role = available[0] if available else None

    # --- layout ------------------------------------------------------------------------------------------------

    def build(self, rect: pygame.Rect) -> None:
        em = self.app.em
        t = self.t
        margin = 2 * em
        bh = int(em * 2.4)
        gap = em // 2
        area = rect.inflate(-2 * margin, -2 * margin)
        if area.width > 100 * em:  # long lines are hard to read on wide screens
            area.inflate_ip(100 * em - area.width, 0)
        self.label(pygame.Rect(area.x, area.y, area.width, int(em * 2.2)), t("setup.title"), kind="heading")
        top = area.y + int(em * 2.8)
        bottom = area.bottom - bh - em
        col_gap = 2 * em
        col_w = (area.width - col_gap) // 2
        left = pygame.Rect(area.x, top, col_w, bottom - top)
        right = pygame.Rect(area.x + col_w + col_gap, top, area.width - col_w - col_gap, bottom - top)
        self._build_levels(left, bh, gap)
        self._build_roles(right, bh, gap)

        back_text = keyed(t, t("setup.back"), pygame.K_ESCAPE)
        start_text, start_key = keyed_action(t, t("setup.start"), "start")
        back_w = button_width(self.app, [back_text], 10 * em)
        start_w = button_width(self.app, [start_text], 12 * em)
        # focus order: cities, roles, seed, Start, Back (Start is made before Back on purpose)
        self.button(
            pygame.Rect(area.right - start_w, area.bottom - bh, start_w, bh),
            start_text,
            self.start,
            kind="primary",
            shortcut=start_key,
            tooltip=t("menus.start_tip"),
            enabled=self.level is not None and self.role is not None,
        )
        self.button(
            pygame.Rect(area.x, area.bottom - bh, back_w, bh), back_text, self.back, tooltip=t("menus.back_tip")
        )
        if self.focus_index is None:
            self.focus_index = self._index_of_level()
        self._sync_entry_focus()

    def _index_of_level(self) -> int:
        chosen = self.t.pick(self.level.title) if self.level else None
        for i, f in enumerate(self.focusables):
            if chosen and f.element.text.endswith(chosen):
                return i
        return 0

    def _rows_per_page(self, height: int, bh: int, gap: int, reserve: int) -> int:
        return max(1, (height - reserve) // (bh + gap))

    def _build_levels(self, col: pygame.Rect, bh: int, gap: int) -> None:
        em = self.app.em
        t = self.t
        y = col.y
        fitting_label(self, pygame.Rect(col.x, y, col.width, int(em * 2)), t("setup.choose_level"), kind="heading")
        y += int(em * 2.4)
        # at most a third of the column for the list; the rest explains the chosen city
        per_page = self._rows_per_page(col.height // 3, bh, gap, 0)
        pages = max(1, -(-len(self.level_ids) // per_page))
        self.page = min(self.page, pages - 1)
        if self.level_id in self.level_ids and pages > 1 and self.page == 0:
            self.page = self.level_ids.index(self.level_id) // per_page
        shown = self.level_ids[self.page * per_page : (self.page + 1) * per_page]
        for level_id in shown:
            level = self.app.content.levels[level_id]
            chosen = level_id == self.level_id
            text = self.t("menus.chosen", label=self.t.pick(level.title)) if chosen else self.t.pick(level.title)
            self.button(
                pygame.Rect(col.x, y, col.width, bh),
                text,
                lambda i=level_id: self.choose_level(i),
                kind="chosen" if chosen else None,
                tooltip=t("menus.level_tip"),
            )
            y += bh + gap
        if pages > 1:
            self._pager(pygame.Rect(col.x, y, col.width, bh), pages)
            y += bh + gap
        y += gap
        level = self.level
        if level is None:
            return
        length = t(
            "setup.turns", turns=level.turns, years=self.t.number(level.turns / 4, 0 if level.turns % 4 == 0 else 1)
        )
        html = (
            f"<b>{markup(self.t.pick(level.title))}</b> · {markup(length)}<br>{markup(self.t.pick(level.summary))}"
            f"<br><br><font color='{self.app.palette.muted}'>{markup(self.t.pick(level.inspired_by))}</font>"
        )
        self.textbox(pygame.Rect(col.x, y, col.width, max(3 * em, col.bottom - y)), html)

    def _pager(self, row: pygame.Rect, pages: int) -> None:
        t = self.t
        gap = max(4, self.app.em // 3)
        for prev_key, next_key in (("menus.prev_page", "menus.next_page"), ("menus.prev_short", "menus.next_short")):
            prev_text = keyed(t, t(prev_key), pygame.K_PAGEUP)
            next_text = keyed(t, t(next_key), pygame.K_PAGEDOWN)
            pw = button_width(self.app, [prev_text])
            nw = button_width(self.app, [next_text])
            if pw + nw + gap <= row.width:  # the long labels side by side, else the short ones
                break
        self.button(
            pygame.Rect(row.x, row.y, pw, row.height),
            prev_text,
            lambda: self.turn_page(-1, pages),
            shortcut=pygame.K_PAGEUP,
            enabled=self.page > 0,
        )
        self.button(
            pygame.Rect(row.right - nw, row.y, nw, row.height),
            next_text,
            lambda: self.turn_page(1, pages),
            shortcut=pygame.K_PAGEDOWN,
            enabled=self.page < pages - 1,
        )
        middle = pygame.Rect(row.x + pw, row.y, row.width - pw - nw, row.height)
        text = t("menus.page", page=self.page + 1, pages=pages)
        if text_width(self.app, text) < middle.width - 8:
            w = text_width(self.app, text) + 8
            self.label(pygame.Rect(middle.centerx - w // 2, row.y, w, row.height), text, kind="muted")

    def _build_roles(self, col: pygame.Rect, bh: int, gap: int) -> None:
        em = self.app.em
        t = self.t
        y = col.y
        fitting_label(self, pygame.Rect(col.x, y, col.width, int(em * 2)), t("setup.choose_role"), kind="heading")
        y += int(em * 2.4)
        level = self.level
        for role in level.roles.offered() if level else []:
            chosen = role == self.role
            name = t(f"role.{role}")
            text = t("menus.chosen", label=name) if chosen else name
            self.button(
                pygame.Rect(col.x, y, col.width, bh),
                text,
                lambda r=role: self.choose_role(r),
                kind="chosen" if chosen else None,
                tooltip=t(f"role.{role}_about"),
            )
            y += bh + gap
        y += gap

        # from the bottom up: the seed hint (or what is wrong with the seed), the seed row
        line = self.app.font("body").get_linesize()
        entry_h = int(line + em)
        hint_text, hint_kind = (self.error, "bad") if self.error else (t("menus.seed_hint"), "muted")
        hint_rect = pygame.Rect(col.x, 0, col.width, int(line * 1.3))
        hint_h = fitting_height(self.app, hint_text, hint_rect, hint_kind)
        seed_top = col.bottom - hint_h - gap - entry_h
        if level is not None and self.role is not None:
            setup = level.roles.get(self.role)
            names = placeholder_names(level, self.role, 1, self.app.settings.language, None)
            objectives = "".join(
                f"<br>• {markup(render(o, self.app.settings.language, names))}" for o in setup.objectives
            )
            about = (
                f"<b>{markup(t(f'role.{self.role}'))}</b><br>{markup(t(f'role.{self.role}_about'))}<br><br>"
                f"{markup(t('menus.role_post', title=self.t.pick(setup.title)))}<br><br>"
                f"<b>{markup(t('menus.objectives'))}</b>{objectives}"
            )
            self.textbox(pygame.Rect(col.x, y, col.width, max(3 * em, seed_top - gap - y)), about)

        seed_label = t("menus.seed_label")
        lw = text_width(self.app, seed_label) + em
        entry_w = max(10 * em, text_width(self.app, "0" * SEED_DIGITS) + 2 * em)
        if lw + entry_w > col.width:
            entry_w = col.width - lw
        self.label(pygame.Rect(col.x, seed_top, lw, entry_h), seed_label, tooltip=t("menus.seed_tip"))
        self.entry = self.keep(
            UITextEntryLine(
                pygame.Rect(col.x + lw, seed_top, entry_w, entry_h), self.app.ui, initial_text=self.seed_text
            )
        )
        self.entry.set_text_length_limit(SEED_DIGITS + 8)  # room to type a mistake and be told about it
        self.entry.set_tooltip(markup(t("menus.seed_tip")))
        self.focusables.append(Focusable(self.entry, self.focus_entry))
        hint_rect.y = seed_top + entry_h + gap
        fitting_label(self, hint_rect, hint_text, kind=hint_kind, tooltip=t("menus.seed_tip"))

    # --- keyboard and the seed box ---------------------------------------------------------------------------

    def scroll_into_view(self, element) -> None:
        # the scene's focus ring moved: the seed box takes the typing while it holds the focus
        self._sync_entry_focus(element)

    def _sync_entry_focus(self, element=None) -> None:
        if self.entry is None or not self.entry.alive():
            return
        if element is None:
            f = self.focused()
            element = f.element if f else None
        if element is self.entry:
            self.app.ui.set_focus_set(self.entry)
        elif self.entry.is_focused:
            self.app.ui.set_focus_set(None)

    def focus_entry(self) -> None:
        for i, f in enumerate(self.focusables):
            if f.element is self.entry:
                self.focus_index = i
        self._sync_entry_focus(self.entry)

    def key(self, event: pygame.event.Event) -> bool:
        if self.entry is not None and self.entry.alive() and self.entry.is_focused and event.key not in LEAVE_ENTRY:
            return True  # a letter typed into the seed box must not press a button's shortcut
        return super().key(event)

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame_gui.UI_TEXT_ENTRY_CHANGED and event.ui_element is self.entry:
            self.seed_text = self.entry.get_text()
            return True
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_PAGEUP, pygame.K_PAGEDOWN):
            return scroll_text_boxes(self, 1 if event.key == pygame.K_PAGEDOWN else -1)
        if event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED and event.ui_element is self.entry:
            self.seed_text = self.entry.get_text()
            self.start()
            return True
        return False

    def update(self, dt: float) -> bool:
        # a click into the seed box puts the focus ring there too
        if self.entry is not None and self.entry.alive() and self.entry.is_focused:
            f = self.focused()
            if f is None or f.element is not self.entry:
                self.focus_entry()
                return True
        return False

    def _read_entry(self) -> None:
        if self.entry is not None and self.entry.alive():
            self.seed_text = self.entry.get_text()

    # --- actions ---------------------------------------------------------------------------------------------

    def choose_level(self, level_id: str) -> None:
        self._read_entry()
        self.level_id = level_id
        self._fix_role()
        self.rebuild()

    def choose_role(self, role: str) -> None:
        self._read_entry()
        self.role = role
        self.rebuild()

    def turn_page(self, step: int, pages: int) -> None:
        self._read_entry()
        self.page = max(0, min(pages - 1, self.page + step))
        self.focus_index = None
        self.rebuild()

    def rebuild(self) -> None:
        # labels change when chosen (✓), so keep the focus on the same place in the order, not the same text
        keep = self.focus_index
        self.clear()
        self.entry = None
        self.t = self.app.texts
        self.build(self.rect)
        if keep is not None and keep < len(self.focusables):
            self.focus_index = keep
        self._sync_entry_focus()
        self.app.dirty = True

    def clear(self) -> None:
        if self.entry is not None and self.entry.alive():
            self.seed_text = self.entry.get_text()
            if self.entry.is_focused:
                self.app.ui.set_focus_set(None)
        super().clear()
        self.entry = None

    def start(self) -> None:
        self._read_entry()
        if self.level is None or self.role is None:
            return
        text = self.seed_text.strip()
        if text:
            seed = parse_seed(text)
            if seed is None:
                self.error = self.t("menus.seed_bad", text=text[: SEED_DIGITS + 8], max=SEED_DIGITS)
                self.rebuild()
                self.focus_entry()
                return
        else:
            seed = random_seed()
        self.error = ""
        self.app.open("briefing", self.level_id, self.role, seed)

    def back(self) -> None:
        self.app.replace("title")
