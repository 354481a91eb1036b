"""The turn report ("See why"): what changed this quarter, and why.

The quarter's headlines first (game.ui.scenes.report_headlines): its one to three biggest consequences, each
naming its cause and its district, the biggest story on a card with its picture. Then a few sentences (the
biggest movements in words), then a list on the left — "What happened" (the events,
what was chosen and why, the measures adopted, ended or not carried out) and every indicator that moved — and on
the right the detail of the chosen entry: the city-wide change and, district by district, the largest causes
with their signed size. Next quarter (Enter) moves the game on; History (H) opens the charts.

Keys: Tab / arrows move between buttons, Enter or Space opens the focused entry, I / Shift+I step through the
entries, C opens how the focused (or next) headline came about, PgUp / PgDn scroll the detail, H history, Enter
(with nothing else focused) next quarter.
"""

from __future__ import annotations

import pygame
from pygame_gui.elements import UITextBox

from game.ui import causes, refusal_text
from game.ui.flow import show_current
from game.ui.hint_box import HintBox
from game.ui.scene import Scene, scroll_box
from game.ui.scenes.report_headlines import HeadlineBlock, need_height
from game.ui.texts import markup
from game.ui.widgets import fit, letter, letter_key, list_button, page_of

HAPPENED = "happened"
INDENT = "&#160;" * 3


class ReportScene(Scene):
    name = "report"

    def __init__(self, app):
        super().__init__(app)
        self.selected = HAPPENED
        self.detail: UITextBox | None = None
        self.continue_button = None
        self.chosen_button = None
        self.entry_buttons: list = []
        self.hint_box = HintBox(self, "report")
        self.headlines = HeadlineBlock(self)

    # --- what the report says ------------------------------------------------------------------------------

    @property
    def report(self):
        return self.app.play.report if self.app.play is not None else None

    def entries(self) -> list[str]:
        play = self.app.play
        moved = [m.name for m in causes.moves(play.content, self.report, causes.weigh(play))]
        return [HAPPENED, *moved]  # the headlines are above the list; C shows their causes

    def colour_of(self, name: str, delta: float) -> str:
        verdict = causes.judgement(self.app.play.content, name, delta)
        pal = self.app.palette
        return pal.bad if verdict > 0 else pal.good if verdict < 0 else pal.text

    def judged(self, name: str, delta: float, number: str) -> str:
        """A signed change in the colour of its news, bold, with ✓ or ✗ when it is good or bad news."""
        mark = causes.verdict_mark(causes.judgement(self.app.play.content, name, delta))
        return f"<font color='{self.colour_of(name, delta)}'><b>{markup(number + mark)}</b></font>"

    def change_html(self, name: str, before: float, after: float) -> str:
        content, t = self.app.play.content, self.t
        delta = after - before
        return (
            f"{markup(causes.fmt_value(content, name, before, t))} → "
            f"{markup(causes.fmt_value(content, name, after, t))}  "
            f"{self.judged(name, delta, causes.fmt_delta(content, name, delta, t))}"
        )

    def causes_html(self, name: str, district: int | None) -> str:
        play, t = self.app.play, self.t
        eps = causes.threshold(causes.decl(play.content, name))
        found = [(k, v) for k, v in self.report.causes.get((name, district), []) if abs(v) >= eps]
        if not found:
            return f"<font color='{self.app.palette.muted}'>{markup(t('rpt.no_causes'))}</font>"
        names = causes.place_names(play, t.lang, district)
        lines = []
        for key, delta in found:
            # a cause moved the value by `delta`: retaliation raising fear is bad news, shown as such
            lines.append(
                f"{INDENT}• {markup(causes.cause_name(play.content, key, t.lang, names))}  "
                f"{self.judged(name, delta, causes.fmt_delta(play.content, name, delta, t, arrow=False))}"
            )
        return "<br>".join(lines)

    def indicator_html(self, name: str) -> str:
        play, t, pal = self.app.play, self.t, self.app.palette
        content, report = play.content, self.report
        weigh = causes.weigh(play)
        dnames = causes.district_names(play, t.lang)
        out = [
            f"<b>{markup(causes.label(content, name, t.lang))}</b>",
            f"<font color='{pal.muted}'>{markup(causes.meaning(content, name, t.lang))}</font>",
            "",
        ]
        note = f"<font color='{pal.muted}'>{markup(t('rpt.causes_note'))}</font>"
        if name.startswith("district."):
            before = [float(v) for v in report.before[name]]
            after = [float(v) for v in report.after[name]]
            city_before = causes.city_mean(before, weigh(report.before))
            city_after = causes.city_mean(after, weigh(report.after))
            out.append(f"{markup(t('rpt.city_average'))}: {self.change_html(name, city_before, city_after)}")
            out += ["", note]
            eps = causes.threshold(causes.decl(content, name))
            order = sorted(range(len(before)), key=lambda i: -abs(after[i] - before[i]))
            still = [i for i in order if abs(after[i] - before[i]) < eps]
            for i in order:
                if i in still:
                    continue
                out.append(f"<b>{markup(dnames[i])}</b>: {self.change_html(name, before[i], after[i])}")
                out.append(self.causes_html(name, i))
                out.append("")
            if still:
                out.append(
                    f"<font color='{pal.muted}'>"
                    f"{markup(t('rpt.unmoved', districts=', '.join(dnames[i] for i in still)))}</font>"
                )
        else:
            out.append(self.change_html(name, float(report.before[name]), float(report.after[name])))
            out += ["", note, self.causes_html(name, None)]
        return "<br>".join(out)

    def happened_html(self) -> str:
        play, t, pal = self.app.play, self.t, self.app.palette
        content, report, lang = play.content, self.report, t.lang
        level = play.session.level
        ids = play.world.district_ids
        out = [f"<b>{markup(t('rpt.events_title'))}</b>"]
        if not report.events:
            out.append(f"<font color='{pal.muted}'>{markup(t('rpt.no_events'))}</font>")
        for fired in report.events:
            index = ids.index(fired.district) if fired.district in ids else None
            place = level.districts[index].name.get(lang) if index is not None else level.city.name.get(lang)
            hook = t(f"hook.{fired.hook}") if t.has(f"hook.{fired.hook}") else fired.hook
            out.append("")
            out.append(
                f"<b>{markup(fired.title.get(lang, fired.event))}</b>  "
                f"<font color='{pal.muted}'>{markup(t('rpt.event_where', place=place, when=hook))}</font>"
            )
            event = content.events.get(fired.event)
            option = next((o for o in event.options if o.id == fired.option), None) if event else None
            if option is not None:
                out.append(markup(t("rpt.chose", option=option.label.get(lang))))
            else:
                out.append(markup(t("rpt.chose_none")))
            names = causes.place_names(play, lang, index)
            why = refusal_text.why_lines(content, t, fired, names)
            if why:
                out.append(f"<font color='{pal.muted}'>{markup(t('rpt.why', why=' · '.join(why)))}</font>")
            if fired.paper:
                out.append(f"<font color='{pal.muted}'>{markup(t('ecard.paper', section=t.paper(fired.paper)))}</font>")
        out += ["", f"<b>{markup(t('rpt.measures_title'))}</b>"]
        lines = []
        for cmd in report.commands:
            lines.append(t("rpt.adopted", name=self.measure_place(cmd)))
        for cmd in report.ended:
            reason = cmd.get("reason", "")
            why = t("rpt.ended_done") if reason == "completed" else t("rpt.ended_upkeep")
            lines.append(t("rpt.ended", name=self.measure_place(cmd), reason=why))
        for i, cmd in enumerate(report.rejected):
            refused = report.refusals[i] if i < len(report.refusals) else None
            reason = refusal_text.refusal(content, t, refused, self.district_of(cmd)) or t("refuse.generic_situation")
            lines.append(t("rpt.rejected", name=self.measure_place(cmd), reason=reason))
        if not lines:
            lines.append(t("rpt.no_measures"))
        out += [f"• {markup(line)}" for line in lines]
        return "<br>".join(out)

    def district_of(self, cmd: dict) -> str | None:
        play, ids = self.app.play, self.app.play.world.district_ids
        district = cmd.get("district")
        return play.session.level.districts[ids.index(district)].name.get(self.t.lang) if district in ids else None

    def measure_place(self, cmd: dict) -> str:
        play, lang = self.app.play, self.t.lang
        measure = play.content.measures.get(cmd.get("measure", ""))
        name = measure.name.get(lang) if measure is not None else str(cmd.get("measure"))
        district = cmd.get("district")
        ids = play.world.district_ids
        if district in ids:
            return self.t(
                "rpt.measure_in", name=name, district=play.session.level.districts[ids.index(district)].name.get(lang)
            )
        return name

    def summary_html(self) -> str:
        play, t = self.app.play, self.t
        lines = causes.summary(
            play.content,
            self.report,
            t,
            causes.district_names(play, t.lang),
            causes.weigh(play),
            limit=(4 if self.app.text_scale < 125 else 3) - (1 if self.headlines.all() else 0),
        )
        if not lines:
            lines = [t("sum.nothing")]
        lines.append(t("sum.counts", events=len(self.report.events), measures=len(self.report.commands)))
        return "<br>".join(f"• {markup(line)}" for line in lines)

    # --- layout --------------------------------------------------------------------------------------------

    def build(self, rect: pygame.Rect) -> None:
        play = self.app.play
        if play is None or self.report is None:
            return
        em, t, content = self.app.em, self.t, play.content
        body, bold = self.app.font("body"), self.app.font("body", True)
        margin = em
        inner = rect.inflate(-2 * margin, -2 * margin)
        heading_h = int(self.app.font("heading", True).get_linesize() * 1.4)
        title = t("rpt.title", turn=self.report.turn, turns=play.session.turns)
        if self.app.font("heading", True).size(title)[0] > inner.width:
            self.textbox(
                pygame.Rect(inner.x, inner.y, inner.width, heading_h * 2), f"<b>{markup(title)}</b>", kind="plain"
            )
            y = inner.y + heading_h * 2
        else:
            self.label(pygame.Rect(inner.x, inner.y, inner.width, heading_h), title, kind="heading")
            y = inner.y + heading_h

        # a due hint: a strip under the title, above what it talks about
        hint_h = self.hint_box.height(inner.width)
        self.hint_box.build(pygame.Rect(inner.x, y, inner.width, hint_h))
        if hint_h:
            y += hint_h + em // 2

        btn_h = int(em * 2.4)
        footer_y = inner.bottom - btn_h
        row_h, gap = int(em * 2.1), max(3, em // 4)
        keep = 4 * (row_h + gap)  # the list and the detail keep room for four rows whatever comes above them

        # the quarter's headlines, the biggest story on its card: up to 45% of the screen
        room = footer_y - em - y - keep  # less the gaps under the headlines and under the list
        told = self.headlines.build(pygame.Rect(inner.x, y, inner.width, min(int(inner.height * 0.45), room)))
        if told:
            y += told + em // 2

        # summary: as tall as it needs, up to a third of the screen; under the headlines, only where it fits whole
        # (the list below names every indicator that moved)
        summary = self.summary_html()
        need = need_height(self.app, summary, inner.width)
        most = min(int(inner.height * (0.2 if told else 0.3)), footer_y - em // 2 - y - keep)
        if not told or need <= most:
            summary_h = max(int(em * 3), min(need, most))
            self.textbox(pygame.Rect(inner.x, y, inner.width, summary_h), summary)
            y += summary_h + em // 2
        main = pygame.Rect(inner.x, y, inner.width, footer_y - em // 2 - y)

        # the list of entries, paged if it does not fit
        entries = self.entries()
        if self.selected not in entries and self.headlines.of(self.selected) is None:
            self.selected = HAPPENED
        widest = max(body.size(self.entry_text(e, room=(body, 10**6)))[0] for e in entries)
        list_w = max(int(em * 14), min(int(inner.width * 0.36), widest + 3 * em))
        texts = [self.entry_text(e, room=(body, list_w - 2 * em)) for e in entries]
        fit_rows = max(2, (main.height + gap) // (row_h + gap))
        at = entries.index(self.selected) if self.selected in entries else 0
        start, stop, paged = page_of(len(entries), fit_rows, at)
        ry = main.y
        self.entry_buttons, self.chosen_button = [], None
        for entry, text in zip(entries[start:stop], texts[start:stop], strict=False):
            shown = fit(bold if entry == self.selected else body, text, list_w - 2 * em)
            tip = (
                t("rpt.happened_tip")
                if entry == HAPPENED
                else f"{causes.label(content, entry, t.lang)}: {causes.meaning(content, entry, t.lang)}"
            )
            button = list_button(
                self,
                pygame.Rect(main.x, ry, list_w, row_h),
                shown,
                lambda e=entry: self.select(e),
                tooltip=tip,
                chosen=entry == self.selected,
            )
            self.entry_buttons.append(button)
            if entry == self.selected:
                self.chosen_button = button
            ry += row_h + gap
        if paged:
            half = (list_w - gap) // 2
            self.button(
                pygame.Rect(main.x, ry, half, row_h),
                t("rpt.page_prev"),
                lambda: self.select(entries[max(0, start - 1)]),
                tooltip=t("rpt.page_prev_tip"),
                enabled=start > 0,
            )
            self.button(
                pygame.Rect(main.x + half + gap, ry, half, row_h),
                t("rpt.page_next"),
                lambda: self.select(entries[min(len(entries) - 1, stop)]),
                tooltip=t("rpt.page_next_tip"),
                enabled=stop < len(entries),
            )

        detail_x = main.x + list_w + em
        story = self.headlines.of(self.selected)
        html = (
            self.happened_html()
            if self.selected == HAPPENED
            else self.headlines.chain_html(story)
            if story is not None
            else self.indicator_html(self.selected)
        )
        self.detail = self.textbox(pygame.Rect(detail_x, main.y, main.right - detail_x, main.height), html)

        # footer: history, a key hint, next quarter
        history_text = t("rpt.history", key=letter(t, "report_history"))
        hist_w = body.size(history_text)[0] + 2 * em
        self.button(
            pygame.Rect(inner.x, footer_y, hist_w, btn_h),
            history_text,
            self.history,
            shortcut=letter_key(t, "report_history"),
            tooltip=t("rpt.history_tip"),
        )
        go_text = t("rpt.finish" if play.session.finished else "rpt.continue", key="Enter")
        go_w = bold.size(go_text)[0] + 2 * em
        self.continue_button = self.button(
            pygame.Rect(inner.right - go_w, footer_y, go_w, btn_h), go_text, self.next_quarter, kind="primary"
        )
        hint = t("rpt.keys", entry=letter(t, "report_entry"), causes=letter(t, "causes"))
        hint_box = pygame.Rect(inner.x + hist_w + em, footer_y, inner.width - hist_w - go_w - 2 * em, btn_h)
        if self.app.font("small").size(hint)[0] <= hint_box.width:
            self.label(hint_box, hint, kind="small")
        self.focus_index = len(self.focusables) - 1

    def entry_text(self, entry: str, room: tuple | None = None) -> str:
        """ "Fear", "▲ City budget"; with the movement when `room` (font, width) allows it: "Fear   ▲2 ▼4"
        (districts up and down), "▲ City budget   +35"."""
        play, t = self.app.play, self.t
        if entry == HAPPENED:
            return t("rpt.happened", count=len(self.report.events))
        move = next((m for m in causes.moves(play.content, self.report, causes.weigh(play)) if m.name == entry), None)
        name = causes.label(play.content, entry, t.lang)
        if move is None:
            return name
        if entry.startswith("district."):
            text = name
            ups = sum(1 for _, b, a in move.districts if a > b)
            downs = sum(1 for _, b, a in move.districts if a < b)
            extra = " ".join(
                part for part in (f"{causes.UP}{ups}" if ups else "", f"{causes.DOWN}{downs}" if downs else "") if part
            )
        else:
            mark = causes.UP if move.delta > 0 else causes.DOWN
            text = f"{mark} {name}"
            extra = causes.fmt_delta(play.content, entry, move.delta, t, arrow=False)
        if room is not None and extra:
            longer = f"{text}   {extra}"
            if room[0].size(longer)[0] <= room[1]:
                return longer
        return text

    def draw(self, surface: pygame.Surface) -> None:
        self.hint_box.paint(surface)
        self.headlines.paint(surface)

    # --- actions ---------------------------------------------------------------------------------------------

    def select(self, entry: str) -> None:
        """Show `entry` in the detail; keyboard focus follows it when it was on the list."""
        current = self.focused()
        on_list = current is not None and current.element in self.entry_buttons
        self.selected = entry
        self.rebuild()
        if on_list:
            self.focus_chosen()

    def step(self, by: int) -> None:
        entries = self.entries()
        index = entries.index(self.selected) if self.selected in entries else 0
        self.selected = entries[(index + by) % len(entries)]
        self.rebuild()
        self.focus_chosen()

    def focus_chosen(self) -> None:
        for i, f in enumerate(self.focusables):
            if f.element is self.chosen_button:
                self.focus_index = i
                return

    def show_headline(self, index: int | None = None) -> None:
        """How a headline came about, in the detail: `index`, else the one after the headline shown (the first
        when none is)."""
        entries = self.headlines.entries()
        if not entries:
            return
        if index is None:
            index = (entries.index(self.selected) + 1) % len(entries) if self.selected in entries else 0
        self.select(entries[index])

    def next_quarter(self) -> None:
        play = self.app.play
        if play is None or play.stage != "report":
            return
        play.next_turn()
        show_current(self.app)

    def history(self) -> None:
        self.app.open("history")

    def letter_keys(self) -> dict[int, str]:
        keys = {letter_key(self.t, "report_entry"): "report_entry"}
        if self.headlines.entries():
            keys[letter_key(self.t, "causes")] = "causes"  # the headline card's button shows it
        return keys

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type != pygame.KEYDOWN:
            return False
        if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            self.next_quarter()  # nothing focused: Enter means next quarter
            return True
        if event.key == letter_key(self.t, "report_entry"):
            self.step(-1 if event.mod & pygame.KMOD_SHIFT else 1)
            return True
        if event.key == letter_key(self.t, "causes") and self.headlines.entries():
            self.show_headline()
            return True
        if event.key in (pygame.K_PAGEDOWN, pygame.K_PAGEUP):
            scroll_box(self.detail, 1 if event.key == pygame.K_PAGEDOWN else -1)
            self.app.dirty = True
            return True
        return False
