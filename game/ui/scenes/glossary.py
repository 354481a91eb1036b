"""The glossary: the words of the game in plain terms (F1 anywhere, or the Glossary button of the title, the
briefing and the city screen).

A modal panel over whatever screen is open: on the left the terms, alphabetical in the player's language (paged
when they do not all fit), on the right the chosen term's explanation and the section of Payan (2015) it draws on.
The entries are content (content/glossary.yaml: `glossary.<id>.term`, `.text` and optionally `.paper`), so a new
entry needs no code.

Keys: ↑ ↓ choose the previous or next term, a letter jumps to the first term starting with it, PgUp / PgDn turn a
page, Tab moves between buttons, Esc (or F1 again) closes.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import pygame

from game.ui.scene import Scene, wrapped_row_height
from game.ui.texts import markup
from game.ui.widgets import button_width, fit, keyed, list_button, page_of, text_width

_TERM = re.compile(r"^glossary\.([a-z0-9_]+)\.term$")


@dataclass(frozen=True)
class Entry:
    id: str
    term: str
    text: str
    paper: str


def sort_key(term: str) -> str:
    """Alphabetical as a reader expects: accents and case do not change the order ("Álamos" sits with the A)."""
    plain = unicodedata.normalize("NFKD", term)
    return "".join(c for c in plain if not unicodedata.combining(c)).casefold()


def entries(content, lang: str) -> list[Entry]:
    """Every glossary entry of the content, in `lang`, sorted by term."""
    out = []
    for key, text in content.strings.items():
        match = _TERM.match(key)
        if match is None:
            continue
        ident = match.group(1)
        body = content.strings.get(f"glossary.{ident}.text")
        paper = content.strings.get(f"glossary.{ident}.paper")
        out.append(Entry(ident, text.get(lang), body.get(lang) if body else "", paper.get(lang) if paper else ""))
    return sorted(out, key=lambda e: sort_key(e.term))


class GlossaryScene(Scene):
    modal = True
    name = "glossary"

    def __init__(self, app, selected: str | None = None):
        super().__init__(app)
        self.selected = selected
        self.detail = None
        self.row_buttons: dict[str, object] = {}
        self.page_span = (0, 0)
        self.box = pygame.Rect(0, 0, 0, 0)

    def entries(self) -> list[Entry]:
        return entries(self.app.content, self.t.lang)

    # --- layout --------------------------------------------------------------------------------------------

    def draw(self, surface: pygame.Surface) -> None:
        pal = self.app.palette
        pygame.draw.rect(surface, pal.panel, self.box)
        pygame.draw.rect(surface, pal.border, self.box, width=1)

    def build(self, rect: pygame.Rect) -> None:
        em, t = self.app.em, self.t
        items = self.entries()
        self.row_buttons = {}
        box = rect.inflate(-max(2 * em, rect.width // 10), -max(em, rect.height // 12))
        if box.width > 70 * em:  # long lines are hard to read on wide screens
            box.inflate_ip(70 * em - box.width, 0)
        self.box = box  # painted (draw), not a UIPanel: rows that wrap are painted under their buttons, over it
        inner = box.inflate(-2 * em, -2 * em)
        bh = int(em * 2.2)
        close_text = t("glossary.close", key="Esc")
        close_w = button_width(self.app, [close_text], 8 * em)
        self.button(pygame.Rect(inner.right - close_w, inner.y, close_w, bh), close_text, self.close)
        head_font = self.app.font("heading", True)
        title = t("glossary.title")
        self.label(
            pygame.Rect(inner.x, inner.y, min(inner.width - close_w - em, head_font.size(title)[0] + em), bh),
            title,
            kind="heading",
        )
        y = inner.y + bh + em // 2
        keys = t("glossary.keys")
        keys_h = self.app.font("small").get_linesize() + 6
        show_keys = text_width(self.app, keys, "small") + 8 <= inner.width
        bottom = inner.bottom - (keys_h + em // 3 if show_keys else 0)
        if show_keys:
            self.label(pygame.Rect(inner.x, inner.bottom - keys_h, inner.width, keys_h), keys, kind="small")
        if not items:
            return
        ids = [e.id for e in items]
        if self.selected not in ids:
            self.selected = ids[0]
        index = ids.index(self.selected)
        # the list of terms, paged when it does not fit
        body = self.app.font("body")
        bold = self.app.font("body", True)
        widest = max(bold.size(e.term)[0] for e in items) + 2 * em
        list_w = max(int(em * 12), min(int(inner.width * 0.4), widest))
        row_h, gap = int(em * 1.9), max(2, em // 6)
        # a term too long for its row wraps, never cut: then every row is as tall as the tallest needs
        row_h = max(wrapped_row_height(self.app, e.term, list_w, row_h, bold=True) for e in items)
        fit_rows = max(2, (bottom - y + gap) // (row_h + gap))
        start, stop, paged = page_of(len(items), fit_rows, index)
        self.page_span = (start, stop)
        ry = y
        for e in items[start:stop]:
            chosen = e.id == self.selected
            rect, pick = pygame.Rect(inner.x, ry, list_w, row_h), lambda i=e.id: self.select(i)
            if (bold if chosen else body).size(e.term)[0] <= list_w - 2 * em:
                button = list_button(self, rect, e.term, pick, chosen=chosen, tooltip=e.term)
            else:
                button = self.wrapped_button(rect, e.term, pick, chosen=chosen, tooltip=e.term)
            self.row_buttons[e.id] = button
            ry += row_h + gap
        if paged:
            half = (list_w - gap) // 2
            tip = t("glossary.page_tip", first=start + 1, last=stop, total=len(items))
            self.button(
                pygame.Rect(inner.x, ry, half, row_h),
                fit(body, t("glossary.page_prev"), half - em),
                lambda: self.page(-1),
                tooltip=tip,
                enabled=start > 0,
            )
            self.button(
                pygame.Rect(inner.x + half + gap, ry, half, row_h),
                fit(body, t("glossary.page_next"), half - em),
                lambda: self.page(1),
                tooltip=tip,
                enabled=stop < len(items),
            )
        # the chosen entry
        entry = items[index]
        parts = [f"<b>{markup(entry.term)}</b>", markup(entry.text)]
        if entry.paper:
            parts.append(
                f"<font color='{self.app.palette.muted}'>"
                f"{markup(t('glossary.paper', section=t.paper(entry.paper)))}</font>"
            )
        detail_x = inner.x + list_w + em
        self.detail = self.textbox(pygame.Rect(detail_x, y, inner.right - detail_x, bottom - y), "<br><br>".join(parts))
        self.focus_selected()

    # --- actions -------------------------------------------------------------------------------------------

    def focus_selected(self) -> None:
        button = self.row_buttons.get(self.selected)
        for i, f in enumerate(self.focusables):
            if f.element is button:
                self.focus_index = i
                return

    def select(self, ident: str) -> None:
        self.selected = ident
        self.rebuild()
        self.focus_selected()

    def step(self, by: int) -> None:
        ids = [e.id for e in self.entries()]
        if not ids:
            return
        index = ids.index(self.selected) if self.selected in ids else 0
        self.select(ids[max(0, min(len(ids) - 1, index + by))])

    def page(self, direction: int) -> None:
        ids = [e.id for e in self.entries()]
        start, stop = self.page_span
        if not ids or stop <= start:
            return
        target = stop if direction > 0 else start - 1
        self.select(ids[max(0, min(len(ids) - 1, target))])

    def jump(self, letter: str) -> bool:
        """The first term starting with `letter` (after the chosen one, so pressing it again moves on)."""
        items = self.entries()
        ids = [e.id for e in items]
        index = ids.index(self.selected) if self.selected in ids else -1
        order = items[index + 1 :] + items[: index + 1]
        for e in order:
            if sort_key(e.term).startswith(letter):
                self.select(e.id)
                return True
        return False

    def close(self) -> None:
        self.app.pop()

    def back(self) -> None:
        self.close()

    def key(self, event: pygame.event.Event) -> bool:
        if event.key in (pygame.K_UP, pygame.K_DOWN):
            self.step(-1 if event.key == pygame.K_UP else 1)
            return True
        if event.key in (pygame.K_PAGEUP, pygame.K_PAGEDOWN):
            self.page(-1 if event.key == pygame.K_PAGEUP else 1)
            return True
        if event.key in (pygame.K_HOME, pygame.K_END):
            ids = [e.id for e in self.entries()]
            if ids:
                self.select(ids[0] if event.key == pygame.K_HOME else ids[-1])
            return True
        name = pygame.key.name(event.key)
        if len(name) == 1 and name.isalpha() and not event.mod & (pygame.KMOD_CTRL | pygame.KMOD_ALT):
            self.jump(name)
            return True
        return super().key(event)


def keyed_label(t, key: int = pygame.K_F1) -> str:
    """ "Glossary (F1)", as the menus write a shortcut."""
    return keyed(t, t("glossary.title"), key)
