"""The city screen, where a quarter is planned: the district map, the indicators, the resources and the measures.

Layout: a top bar (city, quarter, role, resources; History, Save, Settings, Menu), the map on the left with its
layer switch and legend, and a panel on the right with tabs: Measures (the offered measures as rows and a detail
pane with everything about the highlighted one, and Adopt), Plan (what is planned, with remove, and what is
running), and End the quarter. When the window is wide enough for the text size, the indicators get a column of
their own between the map and the panel; otherwise they are a third tab.

The screen reads `app.play` and changes the game only through `plan`, `unplan` and `end_turn`.
"""

from __future__ import annotations

import itertools

import pygame

from game.events.world import render
from game.session.commands import AdoptMeasure
from game.ui import citymap, refusal_text
from game.ui import indicators as ind
from game.ui.flow import show_current
from game.ui.hint_box import HintBox
from game.ui.scene import Scene
from game.ui.texts import markup


def _key(k: int) -> str:
    return pygame.key.name(k).upper()


LAYER_KEYS = {"crime": pygame.K_1, "fear": pygame.K_2, "trust": pygame.K_3, "control": pygame.K_4}


class CityScene(Scene):
    name = "city"

    def __init__(self, app):
        super().__init__(app)
        play = app.play
        self.district = 0
        self.layer = "control"
        self.tab = "measures"  # "measures", "plan", or "indicators" (narrow windows)
        self.page = "district"  # which indicator page, when both do not fit
        offered = play.session.offered() if play else []
        self.measure_id = offered[0].id if offered else None
        self.first_row = 0  # the first measure row shown, when they do not all fit
        self.rows_fit = 1  # how many measure rows fit
        self.tiles: list[citymap.Tile] = []
        self.rows: list[tuple[pygame.Rect, ind.Reading, bool]] = []  # indicator rows: box, reading, two lines
        self.cols: tuple[int, int, int] = (0, 0, 0)  # value, bar, trend column widths
        self.legend_rect = pygame.Rect(0, 0, 0, 0)
        self.map_rect = pygame.Rect(0, 0, 0, 0)
        self.panels: list[pygame.Rect] = []
        self.hint_box = HintBox(self, "city")

    # --- reading ---------------------------------------------------------------------------------------

    @property
    def play(self):
        return self.app.play

    @property
    def lang(self) -> str:
        return self.app.settings.language

    def district_name(self, index: int | None = None) -> str:
        index = self.district if index is None else index
        return self.t.pick(self.play.session.level.districts[index].name)

    def kind_name(self, index: int) -> str:
        kind = self.play.session.level.districts[index].kind
        key = f"city.kind_{kind}"
        return self.t(key) if self.t.has(key) else kind

    def measure(self):
        return self.play.content.measures.get(self.measure_id) if self.measure_id else None

    def command_for(self, measure) -> AdoptMeasure:
        district = self.play.world.district_ids[self.district] if measure.target == "district" else None
        return AdoptMeasure(measure.id, district)

    def planned_here(self, measure) -> AdoptMeasure | None:
        cmd = self.command_for(measure)
        return cmd if cmd in self.play.planned else None

    def place(self, district_id: str | None) -> str:
        if district_id is None:
            return self.t("city.whole_city")
        ids = self.play.world.district_ids
        return self.district_name(ids.index(district_id)) if district_id in ids else district_id

    def reason(self, measure) -> str:
        if self.planned_here(measure):
            return ""
        refused = self.play.check(self.command_for(measure))
        where = self.district_name() if measure.target == "district" else None
        return refusal_text.refusal(self.play.content, self.t, refused, where)

    @property
    def wide(self) -> bool:
        return self.rect.width >= 78 * self.app.em

    # --- building --------------------------------------------------------------------------------------

    def build(self, rect: pygame.Rect) -> None:
        if self.play is None:
            return
        em = self.app.em
        self.pad = pad = max(8, em // 2)
        if self.tab == "indicators" and self.wide:
            self.tab = "measures"
        top = self.build_top(rect)
        bottom = rect.bottom
        hint_h = self.hint_box.height(rect.width - 2 * pad)  # a due hint: a strip along the bottom
        if hint_h:
            strip = pygame.Rect(pad, rect.bottom - pad - hint_h, rect.width - 2 * pad, hint_h)
            self.hint_box.build(strip)
            bottom = strip.y + pad // 2  # the panels end half a pad above the strip
        else:
            self.hint_box.build(pygame.Rect(0, 0, 0, 0))
        body = pygame.Rect(pad, top + pad // 2, rect.width - 2 * pad, bottom - top - pad - pad // 2)
        gap = em
        if self.wide:
            map_w = int(body.width * 0.33)
            ind_w = int(body.width * 0.31)
            map_rect = pygame.Rect(body.x, body.y, map_w, body.height)
            ind_rect = pygame.Rect(map_rect.right + gap, body.y, ind_w, body.height)
            side = pygame.Rect(ind_rect.right + gap, body.y, body.right - ind_rect.right - gap, body.height)
            self.panels = [map_rect, ind_rect, side]
            self.build_map(map_rect)
            self.build_indicators(ind_rect.inflate(-pad, -pad))
        else:
            map_w = int(body.width * 0.48)
            map_rect = pygame.Rect(body.x, body.y, map_w, body.height)
            side = pygame.Rect(map_rect.right + gap, body.y, body.right - map_rect.right - gap, body.height)
            self.panels = [map_rect, side]
            self.build_map(map_rect)
        self.build_side(side.inflate(-pad, -pad))

    def build_top(self, rect: pygame.Rect) -> int:
        """City, quarter and role; the buttons on the right; the resources on a line below. Returns its bottom."""
        em, pad = self.app.em, self.pad
        play = self.play
        session = play.session
        bh = int(em * 2.2)
        buttons = [
            (self.t("glossary.open", key="F1"), self.app.toggle_glossary, None, self.t("glossary.open_tip")),
            (self.t("city.history", key=_key(pygame.K_h)), self.history, pygame.K_h, self.t("city.history_tip")),
            (self.t("city.save", key="Ctrl+S"), self.save, None, self.t("city.save_tip")),
            (self.t("city.settings", key=_key(pygame.K_o)), self.settings, pygame.K_o, self.t("city.settings_tip")),
            (self.t("city.menu", key="Esc"), self.back, None, self.t("city.menu_tip")),
        ]
        font = self.app.font("body")
        widths = [font.size(text)[0] + 2 * em for text, *_ in buttons]
        title_w = self.app.font("heading", True).size(
            self.t("city.turn", city=self.t.pick(session.level.city.name), turn=session.turn, turns=session.turns)
        )[0]
        if rect.width - 2 * pad - sum(widths) - pad // 2 * len(widths) - 2 * pad < title_w + 8:
            # no room for the title beside the long label: the glossary button says less (F1 still opens it)
            buttons[0] = (self.t("glossary.open_short", key="F1"), *buttons[0][1:])
            widths[0] = font.size(buttons[0][0])[0] + 2 * em
        x = rect.right - pad - sum(widths) - pad // 2 * (len(widths) - 1)
        for (text, action, shortcut, tip), w in zip(buttons, widths, strict=True):
            self.button(pygame.Rect(x, pad, w, bh), text, action, shortcut=shortcut, tooltip=tip)
            x += w + pad // 2
        room = rect.right - pad - sum(widths) - pad // 2 * len(widths) - 2 * pad
        title = self.t("city.turn", city=self.t.pick(session.level.city.name), turn=session.turn, turns=session.turns)
        setup = session.level.roles.get(session.role)
        role = self.t.pick(setup.title)
        kind = "heading"
        if self.app.font("heading", True).size(title)[0] + 8 > room:
            kind = None
        title_h = self.app.font("heading" if kind else "body", bool(kind)).get_linesize() + 4
        small = self.app.font("small")
        role_h = small.get_linesize() + 4
        row1 = max(bh, title_h + role_h)
        if kind is None:
            title = _fit(self.app.font("body"), title, room - 8)
        self.label(pygame.Rect(pad, pad, room, title_h), title, kind=kind, tooltip=self.t.pick(setup.briefing))
        self.label(
            pygame.Rect(pad, pad + title_h, room, role_h),
            _fit(small, role, room - 8),
            kind="small",
            tooltip=self.t.pick(setup.briefing),
        )
        # second line: the resources, wrapping when they do not fit
        line_h = int(small.get_linesize() * 1.5)
        y = pad + row1 + pad // 3
        x = pad
        body = self.app.font("body")
        for r in ind.resources(play, self.t):
            w = body.size(r.text)[0] + 8
            if x + w > rect.right - pad and x > pad:
                x, y = pad, y + line_h
            self.label(pygame.Rect(x, y, min(w, rect.width - 2 * pad), line_h), r.text, tooltip=r.tooltip)
            x += w + em
        return y + line_h

    # --- the map ---------------------------------------------------------------------------------------

    def build_map(self, rect: pygame.Rect) -> None:
        em, pad = self.app.em, self.pad
        self.map_rect = rect
        inner = rect.inflate(-pad, -pad)
        # the layer switch: four buttons, in one row when they fit
        bh = int(em * 1.9)
        font = self.app.font("body", True)
        texts = []
        for layer in ind.layers(self.play.content):
            key = LAYER_KEYS[layer.id]
            texts.append(self.t(f"city.layer_{layer.id}", key=_key(key)))
        widths = [font.size(s)[0] + 2 * em for s in texts]
        per_row = len(texts) if sum(widths) + pad * (len(texts) - 1) <= inner.width else 2
        y = inner.y
        col_w = (inner.width - pad * (per_row - 1)) // per_row
        for i, (layer, text) in enumerate(zip(ind.layers(self.play.content), texts, strict=True)):
            r, c = divmod(i, per_row)
            if per_row == len(texts):
                x = inner.x + sum(widths[:c]) + pad * c
                w = widths[c]
            else:
                x, w = inner.x + c * (col_w + pad), col_w
            spec = layer.spec
            tip = self.t(
                "city.layer_tip",
                name=ind.label(self.play.content, spec.name, self.t),
                meaning=ind.meaning(self.play.content, spec.name, self.t),
            )
            self.button(
                pygame.Rect(x, y + r * (bh + pad // 2), w, bh),
                text,
                lambda lid=layer.id: self.set_layer(lid),
                shortcut=LAYER_KEYS[layer.id],
                tooltip=tip,
                kind="chosen" if layer.id == self.layer else None,
            )
        rows = (len(texts) + per_row - 1) // per_row
        y += rows * bh + (rows - 1) * (pad // 2) + pad
        # the legend at the bottom: the layer's name, then five swatches
        small_h = self.app.font("small").get_linesize()
        legend_h = int(small_h * 1.5)
        layer = ind.layer_by_id(self.play.content, self.layer)
        name = ind.label(self.play.content, layer.spec.name, self.t)
        self.legend_rect = pygame.Rect(inner.x, inner.bottom - legend_h, inner.width, legend_h)
        caption = pygame.Rect(inner.x, self.legend_rect.y - small_h - pad // 3, inner.width, small_h)
        self.legend_caption = (caption, self.t("city.legend", name=name))
        area = pygame.Rect(inner.x, y, inner.width, caption.y - pad // 2 - y)
        districts = self.play.session.level.districts
        names = [self.district_name(i) for i in range(len(districts))]
        rects = citymap.layout(len(districts), area, pad, lambda w: citymap.tile_height(self.app, names, w))
        self.tiles = []
        for i, tile_rect in enumerate(rects):
            value = float(self.play.values(i)[layer.spec.name])
            tile = citymap.Tile(i, tile_rect, self.district_name(i), self.kind_name(i), value)
            self.tiles.append(tile)
            level = ind.level_of(layer, value)
            tip = self.t(
                "city.tile_tip",
                name=tile.name,
                kind=tile.kind,
                description=self.t.pick(districts[i].description),
                layer=name,
                value=ind.fmt(self.t, layer.spec.unit, value),
                level=self.level_words()[level],
            )
            self.button(tile_rect, "", lambda i=i: self.select(i), tooltip=tip, kind="tile")

    def level_words(self) -> list[str]:
        return [
            self.t("city.level_0"),
            self.t("city.level_1"),
            self.t("city.level_2"),
            self.t("city.level_3"),
            self.t("city.level_4"),
        ]

    def legend_ranges(self) -> list[str]:
        layer = ind.layer_by_id(self.play.content, self.layer)
        unit = layer.spec.unit
        limits = layer.limits
        out = [self.t("city.range_below", value=ind.fmt(self.t, unit, limits[0]))]
        for lo, hi in itertools.pairwise(limits):
            low, high = ind.fmt(self.t, unit, lo), ind.fmt(self.t, unit, hi)
            if low.endswith("%") and high.endswith("%"):
                low = low[:-1]  # "15–30%"
            out.append(self.t("city.range", low=low, high=high))
        out.append(self.t("city.range_above", value=ind.fmt(self.t, unit, limits[-1])))
        return out

    # --- the indicators --------------------------------------------------------------------------------

    def build_indicators(self, rect: pygame.Rect) -> None:
        """District and city indicators stacked; as two pages (tabs) when they do not both fit."""
        em, pad = self.app.em, self.pad
        play, t = self.play, self.t
        district_rows = ind.district_readings(play, t, self.district)
        city_rows = ind.city_readings(play, t)
        gap = ind.statistics_gap(play, t)
        body = self.app.font("body")
        bold = self.app.font("body", True)
        value_w = max(bold.size(r.text)[0] for r in district_rows + city_rows) + em // 2
        trend_w = max(body.size(r.change_text)[0] for r in district_rows + city_rows) + em // 2
        name_w = max(body.size(r.label)[0] for r in district_rows + city_rows) + em // 2
        one_line = name_w + value_w + trend_w + em
        two_lines = rect.width < one_line
        if not two_lines:
            bar_w = min(8 * em, rect.width - one_line - em // 2)
        else:
            bar_w = min(8 * em, rect.width - value_w - trend_w - 2 * em)
        if bar_w < 3 * em:
            bar_w = 0
        self.cols = (value_w, bar_w, trend_w)
        line = body.get_linesize()
        row_h = int(line * (2.4 if two_lines else 1.32))
        head_h = int(self.app.font("heading", True).get_linesize() * 1.4)
        gap_h = self._gap_height(gap, rect.width) if gap else 0
        both = 2 * head_h + row_h * (len(district_rows) + len(city_rows)) + gap_h + pad
        self.rows = []
        y = rect.y
        pages = both > rect.height
        if pages:
            bh = int(em * 2.2)
            font = self.app.font("body", True)
            labels = [
                (self.t("city.page_district", key=_key(pygame.K_d)), "district", pygame.K_d),
                (self.t("city.page_city", key=_key(pygame.K_c)), "city", pygame.K_c),
            ]
            x = rect.x
            for text, page, key in labels:
                w = min(font.size(text)[0] + 2 * em, (rect.width - pad) // 2)
                self.button(
                    pygame.Rect(x, y, w, bh),
                    text,
                    lambda p=page: self.set_page(p),
                    shortcut=key,
                    kind="chosen" if page == self.page else None,
                )
                x += w + pad
            y += bh + pad
        if not pages or self.page == "district":
            title = self.t("city.section_district", district=self.district_name(), kind=self.kind_name(self.district))
            y = self._section(rect, y, head_h, title, district_rows, row_h, two_lines)
        if not pages or self.page == "city":
            y = self._section(rect, y, head_h, self.t("city.section_city"), city_rows, row_h, two_lines)
            if gap and y + min(gap_h, 4 * line) <= rect.bottom:
                self.label(
                    pygame.Rect(rect.x, y, rect.width, int(line * 1.4)),
                    self.t("city.gap_title"),
                    kind=None,
                    tooltip=f"{gap.official.tooltip}\n\n{gap.survey.tooltip}",
                )
                y += int(line * 1.4)
                box_h = min(gap_h - int(line * 1.4), rect.bottom - y)
                self.textbox(pygame.Rect(rect.x, y, rect.width, box_h), markup(gap.text), kind="plain")

    def _gap_height(self, gap, width: int) -> int:
        font = self.app.font("body")
        lines = 0
        words = gap.text.split()
        cur = ""
        for w in words:
            trial = (cur + " " + w).strip()
            if font.size(trial)[0] > width - 12 and cur:
                lines += 1
                cur = w
            else:
                cur = trial
        lines += 1
        line = int(font.get_linesize() * 1.2)
        return int(font.get_linesize() * 1.4) + lines * line + 12

    def _section(self, rect, y, head_h, title, readings, row_h, two_lines) -> int:
        heading = self.app.font("heading", True)
        kind = "heading" if heading.size(title)[0] + 8 <= rect.width else None
        self.label(pygame.Rect(rect.x, y, rect.width, head_h), title, kind=kind)
        y += head_h
        for r in readings:
            if y + row_h > rect.bottom:
                break
            box = pygame.Rect(rect.x, y, rect.width, row_h)
            name_h = self.app.font("body").get_linesize() + 4
            name_box = pygame.Rect(box.x, box.y, box.width, name_h if two_lines else row_h)
            self.label(name_box, r.label, tooltip=r.tooltip)
            self.rows.append((box, r, two_lines))
            y += row_h
        return y + self.pad // 2

    def paint_rows(self, surface: pygame.Surface) -> None:
        p = self.app.palette
        em = self.app.em
        value_w, bar_w, trend_w = self.cols
        line = self.app.font("body").get_linesize()
        for box, r, two in self.rows:
            band = pygame.Rect(box.x, box.y + (line + 4 if two else 0), box.width, line + 4 if two else box.height)
            trend_box = pygame.Rect(band.right - trend_w, band.y, trend_w, band.height)
            colour = {"good": p.good, "bad": p.bad}.get(r.verdict, p.muted)
            self.paint_text(
                surface, r.change_text, trend_box, colour=colour, align="right", bold=r.verdict != "neutral"
            )
            bar_x = trend_box.x - em // 2 - bar_w
            if bar_w:
                bar = pygame.Rect(bar_x, band.centery - max(3, em // 4), bar_w, max(6, em // 2))
                pygame.draw.rect(surface, p.panel_alt, bar, border_radius=3)
                filled = bar.copy()
                filled.width = max(1, int(bar.width * r.fraction))
                pygame.draw.rect(surface, p.muted, filled, border_radius=3)
                pygame.draw.rect(surface, p.border, bar, width=1, border_radius=3)
            value_box = pygame.Rect(bar_x - em // 2 - value_w, band.y, value_w, band.height)
            if two:
                value_box = pygame.Rect(band.x + em, band.y, value_w, band.height)
            self.paint_text(surface, r.text, value_box, bold=True, align="right")
            pygame.draw.line(surface, p.panel_alt, (box.x, box.bottom - 1), (box.right, box.bottom - 1))

    # --- the side panel: tabs, measures, plan, end turn ----------------------------------------------

    def build_side(self, rect: pygame.Rect) -> None:
        em, pad = self.app.em, self.pad
        bh = int(em * 2.2)
        font = self.app.font("body", True)
        tabs = []
        if not self.wide:
            tabs.append((self.t("city.tab_indicators", key=_key(pygame.K_i)), "indicators", pygame.K_i))
        tabs.append((self.t("city.tab_measures", key=_key(pygame.K_m)), "measures", pygame.K_m))
        tabs.append((self.t("city.tab_plan", n=len(self.play.planned), key=_key(pygame.K_p)), "plan", pygame.K_p))
        x = rect.x
        widths = [font.size(text)[0] + 2 * em for text, *_ in tabs]
        if sum(widths) + pad * (len(tabs) - 1) > rect.width:
            widths = [(rect.width - pad * (len(tabs) - 1)) // len(tabs)] * len(tabs)
        for (text, tab, key), w in zip(tabs, widths, strict=True):
            text = _fit(font, text, w - em)
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
            self.t("city.end_quarter", key=_key(pygame.K_e)),
            self.end_turn,
            shortcut=pygame.K_e,
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
            text = _fit(font, mark + name, rect.width - em)
            tip = self.t("city.row_tip", name=name, cost=cost, duration=ind.quarters(self.t, m.duration))
            if planned:
                tip += "\n" + self.t("city.row_planned")
            elif reason:
                tip += "\n" + reason
            self.button(
                pygame.Rect(rect.x, y, rect.width, row_h),
                text,
                lambda mid=m.id: self.highlight(mid),
                kind="chosen_row" if m.id == self.measure_id else "row",
                tooltip=tip,
            )
            y += row_h + 2
        if paged:
            half = (rect.width - pad) // 2
            last = self.first_row + len(shown)
            up = self.t("city.list_up", key="PgUp")
            down = self.t("city.list_down", key="PgDn")
            self.button(
                pygame.Rect(rect.x, y, half, row_h),
                _fit(font, up, half - em),
                self.rows_up,
                shortcut=pygame.K_PAGEUP,
                enabled=self.first_row > 0,
                tooltip=self.t("city.list_page", first=self.first_row + 1, last=last, total=len(offered)),
            )
            self.button(
                pygame.Rect(rect.x + half + pad, y, half, row_h),
                _fit(font, down, half - em),
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
        if planned:
            text = self.t("city.unplan", key=_key(pygame.K_a))
        elif m.target == "district":
            text = self.t("city.adopt_in", district=self.district_name(), key=_key(pygame.K_a))
        else:
            text = self.t("city.adopt_city", key=_key(pygame.K_a))
        text = _fit(self.app.font("body", True), text, rect.width - em)
        self.button(
            adopt,
            text,
            self.adopt,
            shortcut=pygame.K_a,
            kind="primary" if not planned else None,
            enabled=self.play.stage == "plan",
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
            _fit(heading, t("city.planned_title"), rect.width - 8),
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
            text = _fit(font, t("city.planned_item", name=name, place=self.place(cmd.district)), rect.width - em)
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
            _fit(heading, t("city.running_title"), rect.width - 8),
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

    # --- painting --------------------------------------------------------------------------------------

    def draw(self, surface: pygame.Surface) -> None:
        if self.play is None:
            return
        p = self.app.palette
        for panel in self.panels:
            pygame.draw.rect(surface, p.panel, panel, border_radius=8)
            pygame.draw.rect(surface, p.border, panel, width=1, border_radius=8)
        layer = ind.layer_by_id(self.play.content, self.layer)
        citymap.paint_tiles(self, surface, self.tiles, layer, self.district, self.level_words())
        if self.legend_rect.width > 0:
            caption, text = self.legend_caption
            self.paint_text(
                surface, _fit(self.app.font("small"), text, caption.width), caption, kind="small", colour=p.muted
            )
            citymap.paint_legend(self, surface, self.legend_rect, layer, self.legend_ranges())
        self.paint_rows(surface)
        self.hint_box.paint(surface)

    # --- commands --------------------------------------------------------------------------------------

    def select(self, index: int) -> None:
        if self.district != index:
            self.district = index
            self.rebuild()

    def set_layer(self, layer: str) -> None:
        self.layer = layer
        self.rebuild()

    def set_tab(self, tab: str) -> None:
        self.tab = tab
        self.rebuild()

    def set_page(self, page: str) -> None:
        if self.tab != "indicators" and not self.wide:
            self.tab = "indicators"
        self.page = page
        self.rebuild()

    def highlight(self, measure_id: str) -> None:
        self.measure_id = measure_id
        self.rebuild()

    def rows_up(self) -> None:
        self._step_rows(-1)

    def rows_down(self) -> None:
        self._step_rows(1)

    def _step_rows(self, direction: int) -> None:
        offered = [m.id for m in self.play.session.offered()]
        index = offered.index(self.measure_id) if self.measure_id in offered else 0
        # move the highlight a page along, so the list follows it
        page = max(1, self.rows_fit)
        index = max(0, min(len(offered) - 1, index + direction * page))
        self.first_row = max(0, self.first_row + direction * page)
        self.measure_id = offered[index]
        self.rebuild()

    def adopt(self) -> None:
        m = self.measure()
        if m is None or self.play.stage != "plan":
            return
        planned = self.planned_here(m)
        if planned:
            self.play.unplan(planned)
            self.app.say(self.t("city.unplanned_notice", name=self.t.pick(m.name)))
            self.rebuild()
            return
        cmd = self.command_for(m)
        refused = self.play.plan(cmd)
        if refused is not None:
            where = self.district_name() if m.target == "district" else None
            self.app.say(refusal_text.refusal(self.play.content, self.t, refused, where))
            return
        self.app.say(self.t("city.planned_notice", name=self.t.pick(m.name), place=self.place(cmd.district)))
        self.rebuild()

    def unplan(self, cmd: AdoptMeasure) -> None:
        self.play.unplan(cmd)
        self.app.say(self.t("city.unplanned_notice", name=self.t.pick(self.play.content.measures[cmd.measure].name)))
        self.rebuild()

    def end_turn(self) -> None:
        if self.play.stage != "plan":
            return
        self.play.end_turn()
        show_current(self.app)

    def history(self) -> None:
        self.app.open("history")

    def save(self) -> None:
        self.app.save()

    def settings(self) -> None:
        self.app.open("settings")

    def back(self) -> None:
        self.app.push(LeaveScene(self.app))

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_LEFTBRACKET, pygame.K_RIGHTBRACKET):
            n = len(self.play.session.level.districts)
            self.select((self.district + (1 if event.key == pygame.K_RIGHTBRACKET else -1)) % n)
            return True
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            for tile in self.tiles:
                if tile.rect.collidepoint(event.pos):
                    self.select(tile.index)
                    return True
        return False


def _fit(font: pygame.font.Font, text: str, width: int) -> str:
    return citymap._fit(font, text, width)


class LeaveScene(Scene):
    """Menu: confirm before leaving the game for the title screen."""

    modal = True
    name = "leave"

    def build(self, rect: pygame.Rect) -> None:
        em = self.app.em
        w = min(rect.width - 4 * em, 36 * em)
        h = min(rect.height - 4 * em, 16 * em)
        box = pygame.Rect(0, 0, w, h)
        box.center = rect.center
        self.panel(box)
        inner = box.inflate(-2 * em, -2 * em)
        head_h = int(self.app.font("heading", True).get_linesize() * 1.4)
        self.label(pygame.Rect(inner.x, inner.y, inner.width, head_h), self.t("city.leave_title"), kind="heading")
        bh = int(em * 2.4)
        text = pygame.Rect(inner.x, inner.y + head_h, inner.width, inner.height - head_h - bh - em // 2)
        self.textbox(text, markup(self.t("city.leave_text")), kind="plain")
        half = (inner.width - em) // 2
        font = self.app.font("body", True)
        stay = _fit(font, self.t("city.leave_no", key="Esc"), half - em)
        leave = _fit(font, self.t("city.leave_yes", key=_key(pygame.K_y)), half - em)
        self.button(pygame.Rect(inner.x, inner.bottom - bh, half, bh), stay, self.back, kind="primary")
        self.button(
            pygame.Rect(inner.right - half, inner.bottom - bh, half, bh), leave, self.to_title, shortcut=pygame.K_y
        )
        self.focus_index = 0

    def back(self) -> None:
        self.app.pop()

    def to_title(self) -> None:
        self.app.replace("title")
