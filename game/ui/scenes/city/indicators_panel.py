"""The city screen's indicators: the selected district's and the whole city's readings, with the gap between
official figures and the victim survey; two pages (District D, City C) when they do not both fit.

IndicatorsPanel is mixed into CityScene: `build_indicators` lays the rows out into `rows` and `cols`, and
`paint_rows` paints each row's value, bar and trend.
"""

from __future__ import annotations

import pygame

from game.ui import indicators as ind
from game.ui.texts import markup
from game.ui.widgets import fit, letter, letter_key


class IndicatorsPanel:
    """The indicators' part of CityScene (it uses the scene's `play`, `district`, `page` and widget methods)."""

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
                (
                    self.t("city.page_district", key=letter(self.t, "page_district")),
                    "district",
                    letter_key(self.t, "page_district"),
                ),
                (self.t("city.page_city", key=letter(self.t, "page_city")), "city", letter_key(self.t, "page_city")),
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
        if heading.size(title)[0] + 8 <= rect.width:
            self.label(pygame.Rect(rect.x, y, rect.width, head_h), title, kind="heading")
        else:  # a long district name and kind in a narrow column: body size, and shortened if even that is too wide
            shown = fit(self.app.font("body"), title, rect.width - 12)
            self.label(pygame.Rect(rect.x, y, rect.width, head_h), shown, tooltip=title if shown != title else None)
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
