"""Load a saved game: every `*.json` in the saves folder (the autosave first), with its city, role, how many
quarters were played and when it was written.

The list reads only each file's header, defensively: a file that cannot be read or is not a Plaza save is listed
as damaged and never stops the screen. Choosing a file calls `app.load`; if the game cannot be rebuilt from it the
reason is shown and the file is left untouched. Long lists are paged (PgUp / PgDn).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pygame

from game import paths
from game.session.log import MAX_LOG_BYTES
from game.ui.flow import show_current
from game.ui.scene import Scene
from game.ui.texts import markup
from game.ui.widgets import button_width, file_time, fitting_label, keyed, text_width


@dataclass
class SaveEntry:
    path: Path
    when: str
    mtime: float
    ok: bool
    level: str = ""
    role: str = ""
    done: int = 0
    turns: int = 0


def read_entry(path: Path) -> SaveEntry:
    """What the list shows about one file; anything unexpected makes it a damaged entry, never an error."""
    try:
        mtime = path.stat().st_mtime
    except OSError:
        mtime = 0.0
    entry = SaveEntry(path, file_time(path), mtime, ok=False)
    try:
        if path.stat().st_size > MAX_LOG_BYTES:
            return entry
        data = json.loads(path.read_bytes().decode("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError):
        return entry
    if not isinstance(data, dict) or data.get("format") != "plaza-save":
        return entry
    header, turns = data.get("header"), data.get("turns")
    if not isinstance(header, dict) or not isinstance(turns, list):
        return entry
    level, role, total = header.get("level"), header.get("role"), header.get("turns")
    whole = isinstance(total, int) and not isinstance(total, bool)
    if not (isinstance(level, str) and isinstance(role, str) and whole):
        return entry
    return SaveEntry(path, entry.when, mtime, ok=True, level=level, role=role, done=len(turns), turns=total)


def scan_saves(folder: Path) -> tuple[list[SaveEntry], str]:
    """The saves in `folder`, autosave first then newest first, and a problem reading the folder ("" if none)."""
    try:
        if not folder.exists():
            return [], ""
        files = [p for p in folder.iterdir() if p.suffix.lower() == ".json" and not p.name.startswith(".")]
    except OSError as exc:
        return [], exc.strerror or type(exc).__name__
    entries = [read_entry(p) for p in files]
    autosave = paths.autosave_file().name
    entries.sort(key=lambda e: (e.path.name != autosave, -e.mtime, e.path.name))
    return entries, ""


class LoadScene(Scene):
    name = "load"

    def __init__(self, app):
        super().__init__(app)
        self.entries: list[SaveEntry] = []
        self.problem = ""
        self.page = 0

    def enter(self) -> None:
        self.entries, self.problem = scan_saves(paths.saves_dir())

    # --- what a row says ---------------------------------------------------------------------------------------

    def row_text(self, entry: SaveEntry) -> str:
        t = self.t
        if not entry.ok:
            return t("menus.save_damaged")
        level = self.app.content.levels.get(entry.level)
        level_name = self.t.pick(level.title) if level else t("menus.unknown_level", id=entry.level)
        role = t(f"role.{entry.role}") if self.t.has(f"role.{entry.role}") else entry.role
        return t("menus.save_row", level=level_name, role=role, done=entry.done, turns=entry.turns)

    def file_text(self, entry: SaveEntry) -> str:
        key = "menus.autosave_file" if entry.path.name == paths.autosave_file().name else "menus.save_file"
        return self.t(key, file=entry.path.name, when=entry.when)

    # --- layout ------------------------------------------------------------------------------------------------

    def build(self, rect: pygame.Rect) -> None:
        em = self.app.em
        t = self.t
        margin = 2 * em
        area = rect.inflate(-2 * margin, -2 * margin)
        width = min(area.width, 64 * em)
        x = rect.centerx - width // 2
        bh = int(em * 2.4)
        gap = em // 2
        head = fitting_label(self, pygame.Rect(x, area.y, width, int(em * 2.2)), t("menu.load"), kind="heading")
        small_h = int(self.app.font("small").get_linesize() * 1.4)
        folder = fitting_label(
            self,
            pygame.Rect(x, head.bottom, width, small_h),
            t("menus.saves_folder", folder=str(paths.saves_dir())),
            kind="small",
        )
        top = folder.bottom + em
        bottom = area.bottom - bh - em

        if self.problem or not self.entries:
            message = t("menus.saves_unreadable", why=self.problem) if self.problem else t("menus.no_saves")
            self.textbox(pygame.Rect(x, top, width, min(bottom - top, 8 * em)), markup(message))
        else:
            small = self.app.font("small").get_linesize()
            row_h = bh + small + gap + em // 2
            per_page = (
                max(1, (bottom - top - bh - gap) // row_h)
                if len(self.entries) * row_h > bottom - top
                else len(self.entries)
            )
            pages = max(1, -(-len(self.entries) // per_page))
            self.page = min(self.page, pages - 1)
            y = top
            for entry in self.entries[self.page * per_page : (self.page + 1) * per_page]:
                text = self.row_text(entry)
                tip = t("menus.save_tip") if entry.ok else t("menus.save_damaged_tip")
                if text_width(self.app, text) > width - 2 * em:
                    tip = f"{text}\n\n{tip}"
                    text = self._shorten(text, width - 2 * em)
                self.button(pygame.Rect(x, y, width, bh), text, lambda e=entry: self.choose(e), kind="row", tooltip=tip)
                detail = self._shorten(self.file_text(entry), width - em, "small")
                self.label(pygame.Rect(x + em // 2, y + bh + 2, width - em // 2, small + 2), detail, kind="small")
                y += row_h
            if pages > 1:
                self._pager(pygame.Rect(x, bottom - bh, width, bh), pages)

        back_text = keyed(t, t("common.back"), pygame.K_ESCAPE)
        self.button(
            pygame.Rect(x, area.bottom - bh, button_width(self.app, [back_text], 10 * em), bh),
            back_text,
            self.back,
            kind="primary" if not self.entries else None,
            tooltip=t("menus.back_tip"),
        )
        if self.focus_index is None:
            self.focus_index = 0

    def _shorten(self, text: str, width: int, kind: str = "body") -> str:
        font = self.app.font(kind)
        if font.size(text)[0] <= width:
            return text
        while text and font.size(text + "…")[0] > width:
            text = text[:-1]
        return text.rstrip() + "…"

    def _pager(self, row: pygame.Rect, pages: int) -> None:
        t = self.t
        prev_text = keyed(t, t("menus.prev_page"), pygame.K_PAGEUP)
        next_text = keyed(t, t("menus.next_page"), pygame.K_PAGEDOWN)
        pw, nw = button_width(self.app, [prev_text]), button_width(self.app, [next_text])
        self.button(
            pygame.Rect(row.x, row.y, pw, row.height),
            prev_text,
            lambda: self.turn_page(-1),
            shortcut=pygame.K_PAGEUP,
            enabled=self.page > 0,
        )
        self.button(
            pygame.Rect(row.right - nw, row.y, nw, row.height),
            next_text,
            lambda: self.turn_page(1),
            shortcut=pygame.K_PAGEDOWN,
            enabled=self.page < pages - 1,
        )
        text = t("menus.page", page=self.page + 1, pages=pages)
        w = text_width(self.app, text) + 8
        if w < row.width - pw - nw:
            self.label(
                pygame.Rect(row.x + pw + (row.width - pw - nw - w) // 2, row.y, w, row.height), text, kind="muted"
            )

    # --- actions -----------------------------------------------------------------------------------------------

    def turn_page(self, step: int) -> None:
        self.page = max(0, self.page + step)
        self.focus_index = None
        self.rebuild()

    def choose(self, entry: SaveEntry) -> None:
        problem = self.app.load(entry.path)
        if problem:
            self.app.open("message", self.t("load.failed"), f"{problem}\n\n{self.t('menus.load_kept')}")
            return
        show_current(self.app)

    def back(self) -> None:
        if len(self.app.stack) > 1:
            self.app.pop()
        else:
            self.app.replace("title")
