"""The event card: a decision laid over the city.

It reads `app.play.pending` and shows, on one card: where and when, the title, the text (in a scrolling box,
with the paper section the event rests on), then each option as a button "1 · label" with what it puts at
stake under it; a label too long for one line wraps on a taller button (the scene paints it under a see-through
button), never cut. An option the player cannot take is shown greyed, with the reason. "Why this happened" (W)
opens the conditions that held. Number keys choose; if no option is open, Continue (Enter) lets the
situation run its course. Answering moves the game on through `show_current`.
"""

from __future__ import annotations

import pygame
from pygame_gui.core import ObjectID
from pygame_gui.elements import UITextBox

from game.ui import causes, refusal_text
from game.ui.flow import show_current
from game.ui.hint_box import HintBox
from game.ui.scene import Scene, scroll_box, wrapped_row_height
from game.ui.texts import markup
from game.ui.widgets import key_name, letter_key, wrapped_height

NUMBER_KEYS = [pygame.K_1 + i for i in range(9)]
KEYPAD_KEYS = [pygame.K_KP1 + i for i in range(9)]


class EventCardScene(Scene):
    modal = True
    name = "event_card"

    def __init__(self, app):
        super().__init__(app)
        self.show_why = False
        self.compact = False
        self.card = pygame.Rect(0, 0, 0, 0)
        self.painted: list[tuple[str, pygame.Rect, str, bool, str]] = []  # text, box, kind, bold, colour
        self.body: UITextBox | None = None
        self.option_buttons: dict[str, object] = {}
        self.why_button = None
        self.hint_box = HintBox(self, "event")

    # --- layout ----------------------------------------------------------------------------------------

    def build(self, rect: pygame.Rect) -> None:
        self.painted = []
        self.option_buttons = {}
        self.compact = False  # stakes in the text box instead of under each option (when they do not fit)
        play = self.app.play
        occ = play.pending if play is not None else None
        if occ is None:
            return
        em, lang = self.app.em, self.t.lang
        level = play.session.level
        card_w = min(rect.width - 2 * em, int(em * 58))
        inner_w = card_w - 2 * em
        small = self.app.font("small")
        title_font = self.app.font("card_title", True)
        place = level.districts[occ.district].name.get(lang) if occ.district is not None else level.city.name.get(lang)
        meta = self.t("ecard.meta", place=place, turn=play.turn, turns=play.session.turns)
        title = occ.title(lang, play.world)
        meta_h = wrapped_height(small, meta, inner_w)
        title_h = wrapped_height(title_font, title, inner_w)
        head_h = meta_h + 4 + title_h + em // 2
        btn_h = int(em * 2.4)
        gap = em // 2
        html = self.body_html(occ)
        room = rect.height - 2 * em - 2 * em - head_h  # inside the card, under the title

        # stacked: text, options, buttons; if that leaves the text under five lines, use two columns
        options, options_h = self.options_block(occ, inner_w)
        # a due hint goes with the text (under it), never over the options it talks about
        hint_h = self.hint_box.height(inner_w, "row")
        stacked_fixed = gap + options_h + gap + btn_h + (hint_h + gap if hint_h else 0)
        line = self.app.font("big").get_linesize()
        two = room - stacked_fixed < 5 * line and inner_w >= 34 * em
        if two:
            left_w = (inner_w - em) * 11 // 20
            right_w = inner_w - em - left_w
            options, options_h = self.options_block(occ, right_w)
            closed = not any(state.enabled for state in occ.options)  # Continue then sits under the options
            if options_h + (gap + btn_h if closed else 0) > room:
                # too long to show beside the text: each option keeps its button and any reason it is closed,
                # and what it puts at stake moves into the text box, which scrolls
                self.compact = True
                options, options_h = self.options_block(occ, right_w, stakes=False)
                html = self.body_html(occ)
            hint_h = self.hint_box.height(left_w, "column")
            hint_room = hint_h + gap if hint_h else 0
            need = max(self.text_height(html, left_w) + gap + hint_room + btn_h, options_h + gap + btn_h)
            body_h = max(int(em * 6) + hint_room, min(room, need))
        else:
            text_h = max(int(em * 3), min(room - stacked_fixed, self.text_height(html, inner_w)))
            body_h = text_h + stacked_fixed
        self.card = pygame.Rect(0, 0, card_w, 2 * em + head_h + body_h)
        self.card.center = rect.center
        self.card.top = max(rect.top + em // 2, self.card.top)

        x, y = self.card.x + em, self.card.y + em
        pal = self.app.palette
        self.painted.append((meta, pygame.Rect(x, y, inner_w, meta_h), "small", False, pal.muted))
        y += meta_h + 4
        self.painted.append((title, pygame.Rect(x, y, inner_w, title_h), "card_title", True, pal.text))
        y += title_h + em // 2
        bottom = self.card.bottom - em
        if two:
            text_bottom = bottom - btn_h - gap - (hint_h + gap if hint_h else 0)
            self.body = self.textbox(pygame.Rect(x, y, left_w, text_bottom - y), html, kind="card")
            self.hint_box.build(pygame.Rect(x, text_bottom + gap, left_w, hint_h), "column")
            self.place_options(options, x + left_w + em, y, right_w)
            self.footer(occ, x, bottom - btn_h, left_w, x + left_w + em, right_w, btn_h)
        else:
            self.body = self.textbox(pygame.Rect(x, y, inner_w, text_h), html, kind="card")
            if hint_h:
                self.hint_box.build(pygame.Rect(x, y + text_h + gap, inner_w, hint_h), "row")
                y += hint_h + gap
            else:
                self.hint_box.build(pygame.Rect(0, 0, 0, 0))
            self.place_options(options, x, y + text_h + gap, inner_w)
            self.footer(occ, x, bottom - btn_h, inner_w // 2 - gap, x + inner_w // 2 + gap, inner_w // 2 - gap, btn_h)

    def options_block(self, occ, width: int, stakes: bool = True) -> tuple[list, int]:
        """Each option's button text, its height (a label too long for one line wraps, never cut) and the notes
        under it (what is at stake, why it is closed), and the height of the whole block, heading included."""
        play, pal, em = self.app.play, self.app.palette, self.app.em
        body = self.app.font("body")
        out, total = [], int(self.app.font("heading", True).get_linesize() * 1.3)
        for i, state in enumerate(occ.options[:9]):
            text = self.t("ecard.option", n=i + 1, label=self.t.pick(state.option.label))
            one_line = body.size(text)[0] <= width - 2 * em
            height = int(em * 2.4) if one_line else wrapped_row_height(self.app, text, width, int(em * 2.4))
            notes = []
            if not state.enabled:
                reason = refusal_text.option_closed(play.content, self.t, state)
                notes.append(
                    (self.t("event.unavailable", reason=reason or self.t("ecard.no_reason")), "small", pal.bad)
                )
            if state.option.stakes is not None and stakes:
                notes.append((self.t("event.stakes", stakes=self.t.pick(state.option.stakes)), "small", pal.muted))
            notes = [(s, k, c, wrapped_height(self.app.font(k), s, width - em)) for s, k, c in notes]
            out.append((state, text, height, one_line, notes))
            total += height + 4 + sum(n[3] for n in notes) + em // 2
        return out, total

    def place_options(self, options: list, x: int, y: int, width: int) -> None:
        em = self.app.em
        heading_h = int(self.app.font("heading", True).get_linesize() * 1.3)
        self.label(pygame.Rect(x, y, width, heading_h), self.t("event.options"), kind="heading")
        y += heading_h
        for i, (state, text, height, one_line, notes) in enumerate(options):
            tip = self.t.pick(state.option.stakes) if state.option.stakes is not None else None
            rect = pygame.Rect(x, y, width, height)
            choose = lambda oid=state.option.id: self.choose(oid)  # noqa: E731
            if one_line:
                button = self.button(
                    rect, text, choose, tooltip=tip, shortcut=NUMBER_KEYS[i], kind="row", enabled=state.enabled
                )
            else:  # a see-through button over the label painted whole (Scene.wrapped_button)
                button = self.wrapped_button(
                    rect, text, choose, tooltip=tip, shortcut=NUMBER_KEYS[i], enabled=state.enabled
                )
            self.option_buttons[state.option.id] = button
            y += height + 4
            for note, kind, colour, h in notes:
                self.painted.append((note, pygame.Rect(x + em, y, width - em, h), kind, False, colour))
                y += h
            y += em // 2

    def footer(self, occ, wx: int, y: int, ww: int, gx: int, gw: int, h: int) -> None:
        """ "Why this happened" at (wx, y), and Continue at the right of (gx, gw) when no option is open."""
        em = self.app.em
        why_key = letter_key(self.t, "why")
        why_text = self.t("ecard.why_hide" if self.show_why else "ecard.why_show", key=key_name(self.t, why_key))
        why_w = min(ww, self.app.font("body").size(why_text)[0] + 2 * em)
        self.why_button = self.button(
            pygame.Rect(wx, y, why_w, h),
            why_text,
            self.toggle_why,
            shortcut=why_key,
            tooltip=self.t("ecard.why_tip"),
        )
        if not any(state.enabled for state in occ.options):
            go = self.t("ecard.continue", key="Enter")
            go_w = min(gw, self.app.font("body", True).size(go)[0] + 2 * em)
            self.button(
                pygame.Rect(gx + gw - go_w, y, go_w, h),
                go,
                lambda: self.choose(None),
                kind="primary",
                shortcut=pygame.K_RETURN,
            )
            self.focus_index = len(self.focusables) - 1

    def text_height(self, html: str, width: int) -> int:
        """The height the card text needs, measured with the theme's own text box."""
        probe = UITextBox(
            html,
            pygame.Rect(-10000, -10000, width, -1),
            self.app.ui,
            object_id=ObjectID(object_id=None, class_id="@card"),
        )
        height = probe.rect.height
        probe.kill()
        return height

    def body_html(self, occ) -> str:
        play = self.app.play
        pal = self.app.palette
        parts = [markup(occ.text(self.t.lang, play.world))]
        if occ.event.paper:
            cite = self.t("ecard.paper", section=self.t.paper(occ.event.paper))
            parts.append(f"<font color='{pal.muted}'>{markup(cite)}</font>")
        if self.compact:
            stakes = [
                f"<b>{markup(self.t('ecard.option', n=i + 1, label=self.t.pick(state.option.label)))}</b>"
                f"<br>{markup(self.t('event.stakes', stakes=self.t.pick(state.option.stakes)))}"
                for i, state in enumerate(occ.options[:9])
                if state.option.stakes is not None
            ]
            if stakes:
                parts.append("<br>".join(stakes))
        if self.show_why:
            names = causes.place_names(play, self.t.lang, occ.district)
            lines = refusal_text.why_lines(play.content, self.t, occ, names) or [self.t("ecard.why_none")]
            items = "<br>".join(f"• {markup(line)}" for line in lines)
            parts.append(
                f"<b>{markup(self.t('ecard.why_title'))}</b><br>{items}<br>"
                f"<font color='{pal.muted}'>{markup(self.t('why.legend'))}</font>"
            )
        return "<br><br>".join(parts)

    # --- drawing ---------------------------------------------------------------------------------------

    def draw(self, surface: pygame.Surface) -> None:
        if not self.card.width:
            return
        pal = self.app.palette
        pygame.draw.rect(surface, pal.panel, self.card, border_radius=10)
        pygame.draw.rect(surface, pal.border, self.card, width=1, border_radius=10)
        band = pygame.Rect(self.card.x, self.card.y, 6, self.card.height).inflate(0, -16)
        pygame.draw.rect(surface, pal.accent, band, border_radius=3)
        self.hint_box.paint(surface)
        for text, box, kind, bold, colour in self.painted:
            self.paint_text(surface, text, box, kind=kind, bold=bold, colour=colour, wrap=True)

    # --- actions ---------------------------------------------------------------------------------------

    def choose(self, option_id: str | None) -> None:
        play = self.app.play
        occ = play.pending if play is not None else None
        if occ is None:
            return
        if option_id is not None and not any(s.option.id == option_id and s.enabled for s in occ.options):
            return
        if option_id is None and occ.enabled:
            return
        play.answer(option_id)
        show_current(self.app)

    def toggle_why(self) -> None:
        was_focused = self.focused() is not None and self.focused().element is self.why_button
        self.show_why = not self.show_why
        self.rebuild()
        if was_focused:
            self.focus_index = next(i for i, f in enumerate(self.focusables) if f.element is self.why_button)
        if self.show_why:
            scroll_box(self.body, 100)

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN:
            if event.key in KEYPAD_KEYS:
                index = KEYPAD_KEYS.index(event.key)
                occ = self.app.play.pending if self.app.play else None
                if occ is not None and index < len(occ.options):
                    self.choose(occ.options[index].option.id)
                return True
            if event.key in (pygame.K_PAGEDOWN, pygame.K_PAGEUP):
                scroll_box(self.body, 1 if event.key == pygame.K_PAGEDOWN else -1)
                self.app.dirty = True
                return True
        return False
