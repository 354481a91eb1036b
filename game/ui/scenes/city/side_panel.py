"""The city screen's side panel: the tabs (Indicators on narrow windows, Measures, Plan), End the quarter at the
bottom, the offered measures as rows (paged with PgUp / PgDn) with the highlighted one's detail and Adopt, and the
plan with what is already running.

SidePanel is mixed into CityScene: `build_side` lays out the tabs and the chosen tab's content.
"""

from __future__ import annotations

import pygame

from game.events.world import render
from game.ui import indicators as ind
from game.ui import refusal_text
from game.ui.scenes.city.fitting import shorten
from game.ui.texts import markup
from game.ui.widgets import key_name, letter, letter_key


class SidePanel:
    """The side panel's part of CityScene (it uses the scene's `play`, `tab`, `measure_id`, its reading helpers and
    widget methods)."""

    def _tab(self, key: str, tab: str, **values) -> tuple[str, str, int]:
        """A tab's label with its letter (keys.tab_<tab>), the tab, and the key."""
        return self.t(key, key=letter(self.t, f"tab_{tab}"), **values), tab, letter_key(self.t, f"tab_{tab}")

    def build_side(self, rect: pygame.Rect) -> None:
        em, pad = self.app.em, self.pad
        bh = int(em * 2.2)
        font = self.app.font("body", True)
        tabs = []
        if not self.wide:
            tabs.append(self._tab("city.tab_indicators", "indicators"))
        tabs.append(self._tab("city.tab_measures", "measures"))
        tabs.append(self._tab("city.tab_plan", "plan", n=len(self.play.planned)))
        x = rect.x
        widths = [font.size(text)[0] + 2 * em for text, *_ in tabs]
        room = rect.width - pad * (len(tabs) - 1)
        if sum(widths) > room:  # shrink each tab by the same share, so a short label does not take a long one's room
            widths = [w * room // sum(widths) for w in widths]
        for (text, tab, key), w in zip(tabs, widths, strict=True):
            text = shorten(font, text, w - em)
            self.button(
                pygame.Rect(x, rect.y, w, bh),
                text,
                lambda tab=tab: self.set_tab(tab),
                shortcut=key,
                kind="chosen" if tab == self.tab else None,
            )
            x += w + pad
        # End the quarter, always at the bottom
        end_h = int(em * 2.4)
        end = pygame.Rect(rect.x, rect.bottom - end_h, rect.width, end_h)
        self.button(
            end,
            self.t("city.end_quarter", key=letter(self.t, "end_quarter")),
            self.end_turn,
            shortcut=letter_key(self.t, "end_quarter"),
            kind="primary",
            tooltip=self.t("city.end_quarter_tip"),
            enabled=self.play.stage == "plan",
        )
        area = pygame.Rect(rect.x, rect.y + bh + pad, rect.width, end.y - pad - rect.y - bh - pad)
        if self.tab == "indicators":
            self.build_indicators(area)
        elif self.tab == "plan":
            self.build_plan(area)
        else:
            self.build_measures(area)

    def build_measures(self, rect: pygame.Rect) -> None:
        em, pad = self.app.em, self.pad
        offered = self.play.session.offered()
        if not offered:
            return
        if self.measure() is None or self.measure() not in offered:
            self.measure_id = offered[0].id
        row_h = int(em * 1.9)
        adopt_h = int(em * 2.3)
        list_h = min(len(offered) * (row_h + 2), max(3 * (row_h + 2), int(rect.height * 0.5)))
        fits = max(1, list_h // (row_h + 2))
        paged = fits < len(offered)
        font = self.app.font("body")
        if paged:
            fits = max(1, (list_h - row_h) // (row_h + 2))
            self.first_row = max(0, min(self.first_row, len(offered) - fits))
            index = [m.id for m in offered].index(self.measure_id)
            if not self.first_row <= index < self.first_row + fits:
                self.first_row = min(index, len(offered) - fits)
        else:
            self.first_row = 0
        self.rows_fit = fits
        shown = offered[self.first_row : self.first_row + fits]
        y = rect.y
        for m in shown:
            planned = self.planned_here(m)
            reason = "" if planned else self.reason(m)
            mark = "✓ " if planned else ("⊘ " if reason else "")
            cost = ind.amounts(self.play, self.t, m.cost)
            name = self.t.pick(m.name)
            kind = "row"
            if m.id == self.measure_id:  # in bold (theme: @chosen_row) when its whole text fits in bold
                fits_bold = self.app.font("body", True).size(mark + name)[0] <= rect.width - em
                kind = "chosen_row" if fits_bold else "chosen_row_plain"
            text = shorten(font, mark + name, rect.width - em)
            tip = self.t("city.row_tip", name=name, cost=cost, duration=ind.quarters(self.t, m.duration))
            if planned:
                tip += "\n" + self.t("city.row_planned")
            elif reason:
                tip += "\n" + reason
            self.button(
                pygame.Rect(rect.x, y, rect.width, row_h),
                text,
                lambda mid=m.id: self.highlight(mid),
                kind=kind,
                tooltip=tip,
            )
            y += row_h + 2
        if paged:
            half = (rect.width - pad) // 2
            last = self.first_row + len(shown)
            up = self.t("city.list_up", key=key_name(self.t, pygame.K_PAGEUP))
            down = self.t("city.list_down", key=key_name(self.t, pygame.K_PAGEDOWN))
            self.button(
                pygame.Rect(rect.x, y, half, row_h),
                shorten(font, up, half - em),
                self.rows_up,
                shortcut=pygame.K_PAGEUP,
                enabled=self.first_row > 0,
                tooltip=self.t("city.list_page", first=self.first_row + 1, last=last, total=len(offered)),
            )
            self.button(
                pygame.Rect(rect.x + half + pad, y, half, row_h),
                shorten(font, down, half - em),
                self.rows_down,
                shortcut=pygame.K_PAGEDOWN,
                enabled=last < len(offered),
                tooltip=self.t("city.list_page", first=self.first_row + 1, last=last, total=len(offered)),
            )
            y += row_h + 2
        y += pad // 2
        # the detail pane and Adopt
        m = self.measure()
        planned = self.planned_here(m)
        adopt = pygame.Rect(rect.x, rect.bottom - adopt_h, rect.width, adopt_h)
        self.textbox(pygame.Rect(rect.x, y, rect.width, adopt.y - pad // 2 - y), self.detail_html(m))
        blocked = (
            "" if planned else refusal_text.blocked(self.play.content, self.t, self.play.check(self.command_for(m)))
        )
        if planned:
            text = self.t("city.unplan", key=letter(self.t, "adopt"))
        elif blocked:  # greyed, and saying why on the button itself (the pane above says it in full)
            text = self.t("city.blocked", reason=blocked)
        elif m.target == "district":
            text = self.t("city.adopt_in", district=self.district_name(), key=letter(self.t, "adopt"))
        else:
            text = self.t("city.adopt_city", key=letter(self.t, "adopt"))
        text = shorten(self.app.font("body", True), text, rect.width - em)
        self.button(
            adopt,
            text,
            self.adopt,
            shortcut=letter_key(self.t, "adopt"),
            kind="primary" if not planned and not blocked else None,
            enabled=self.play.stage == "plan" and not blocked,
            tooltip=self.reason(m) or None,
        )

    def detail_html(self, m) -> str:
        t, play = self.t, self.play
        p = self.app.palette
        district = self.district if m.target == "district" else None
        names = play.world.names(self.lang, district)
        parts = [f"<b>{markup(t.pick(m.name))}</b>", markup(render(m.summary, self.lang, names))]
        planned = self.planned_here(m)
        reason = "" if planned else self.reason(m)
        if planned:
            parts.append(f"<b>✓ {markup(t('city.row_planned'))}</b>")
        elif reason:
            parts.append(f"<font color='{p.bad}'><b>⊘ {markup(t('city.why_title'))}</b></font> {markup(reason)}")
        target = (
            t("city.target_district", district=self.district_name())
            if m.target == "district"
            else t("city.target_city")
        )
        cost = t("measure.cost", cost=ind.amounts(play, t, m.cost))
        if m.upkeep:
            cost += " · " + t("measure.upkeep", upkeep=ind.amounts(play, t, m.upkeep))
        facts = "<br>".join(markup(s) for s in (target, cost, t("city.duration", n=ind.quarters(t, m.duration))))
        parts.append(facts)
        parts.append(f"<b>{markup(t('measure.expected'))}</b><br>{markup(t.pick(m.expected))}")
        parts.append(f"<b>{markup(t('measure.uncertainty'))}</b><br>{markup(t.pick(m.uncertainty))}")
        parts.append(f"<font color='{p.muted}'>{markup(t('measure.paper', section=t.paper(m.paper)))}</font>")
        return "<br><br>".join(parts)

    def build_plan(self, rect: pygame.Rect) -> None:
        em, pad = self.app.em, self.pad
        t, play = self.t, self.play
        heading = self.app.font("heading", True)
        head_h = int(heading.get_linesize() * 1.4)
        row_h = int(em * 2.1)
        y = rect.y
        self.label(
            pygame.Rect(rect.x, y, rect.width, head_h),
            shorten(heading, t("city.planned_title"), rect.width - 8),
            kind="heading",
        )
        y += head_h
        font = self.app.font("body")
        if not play.planned:
            h = min(int(font.get_linesize() * 3.6), rect.bottom - y)
            self.textbox(pygame.Rect(rect.x, y, rect.width, h), markup(t("city.planned_none")), kind="plain")
            y += h
        limit = rect.y + int(rect.height * 0.55)
        for i, cmd in enumerate(play.planned):
            if y + row_h > limit and i < len(play.planned):
                break
            m = play.content.measures[cmd.measure]
            name = t.pick(m.name)
            text = shorten(font, t("city.planned_item", name=name, place=self.place(cmd.district)), rect.width - em)
            self.button(
                pygame.Rect(rect.x, y, rect.width, row_h),
                text,
                lambda c=cmd: self.unplan(c),
                kind="row",
                tooltip=t("city.planned_item_tip", name=name),
            )
            y += row_h + 2
        if play.planned:
            spent = play.spent()
            line = t("city.planned_cost", cost=ind.amounts(play, t, spent))
            h = int(font.get_linesize() * 2.6)
            self.textbox(pygame.Rect(rect.x, y, rect.width, h), markup(line), kind="plain")
            y += h
        y += pad
        self.label(
            pygame.Rect(rect.x, y, rect.width, head_h),
            shorten(heading, t("city.running_title"), rect.width - 8),
            kind="heading",
        )
        y += head_h
        active = play.session.active
        if active:
            items = []
            for a in active:
                m = play.content.measures[a.measure]
                item = t(
                    "city.running_item",
                    name=t.pick(m.name),
                    place=self.place(a.district),
                    left=ind.quarters(t, a.turns_left),
                )
                if m.upkeep:
                    item += " " + t("city.running_upkeep", upkeep=ind.amounts(play, t, m.upkeep))
                items.append("• " + markup(item))
            html = "<br>".join(items)
        else:
            html = markup(t("city.running_none"))
        if rect.bottom - y > font.get_linesize() + 12:
            self.textbox(pygame.Rect(rect.x, y, rect.width, rect.bottom - y), html, kind="plain")
