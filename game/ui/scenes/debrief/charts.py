"""What the debrief draws beside its text, and where: the chart of crime by kind of district, fear against
crime, the comparison's progress bar while the simulated games run and its "better than" summary once they are
in. A mixin of DebriefScene: it reads the scene's `app`, `t`, `chart_rect`, `caption_rect`, `progress_rect`,
`comparer`, `placements` and `summary`, and sets the last ones while the scene is laid out.
"""

from __future__ import annotations

import pygame

from game.ui.charts import draw_line_chart
from game.ui.scenes.debrief.analysis import KINDS, city_average, kind_average


class DebriefCharts:
    """Layout beside the text, and drawing."""

    def wrapped_height(self, text: str, width: int, kind: str = "body") -> int:
        font = self.app.font(kind)
        return font.render(text, True, (0, 0, 0), None, max(1, width)).get_height()

    def _split(self, body: pygame.Rect) -> tuple[pygame.Rect, pygame.Rect]:
        em = self.app.em
        left_w = int(body.width * (0.58 if body.width >= 70 * em else 0.5))
        return (
            pygame.Rect(body.x, body.y, left_w, body.height),
            pygame.Rect(body.x + left_w + em, body.y, body.width - left_w - em, body.height),
        )

    def _room_for_chart(self, body: pygame.Rect) -> bool:
        """Charts only where they stay readable (very large text leaves the text alone, scrolling)."""
        em = self.app.em
        return body.height >= 14 * em and body.width >= 45 * em

    def _chart_area(self, right: pygame.Rect, caption: str) -> None:
        em = self.app.em
        cap_h = self.wrapped_height(caption, right.width, "small")
        if right.height - cap_h - em // 2 >= 18 * em:  # a caption only where the chart keeps room to read
            self.caption_rect = pygame.Rect(right.x, right.bottom - cap_h, right.width, cap_h)
            self.chart_rect = pygame.Rect(right.x, right.y, right.width, right.height - cap_h - em // 2)
        else:
            self.chart_rect = right

    def _plan_summary(self, box: pygame.Rect) -> bool:
        """Lay out the "better than" bars beside the comparison text; False when they would not fit."""
        em = self.app.em
        inner = box.inflate(-2 * em, -2 * em)
        title = self.t("debrief.cmp.summary")
        y = inner.y + self.wrapped_height(title, inner.width, "body") + em // 2
        name_w = int(inner.width * 0.5)
        rows = []
        for p in self.placements:
            name = self.t(f"debrief.metric.{p.metric}.name")
            h = self.wrapped_height(name, name_w, "small")
            rows.append((p, name, pygame.Rect(inner.x, y, name_w, h)))
            y += max(h, em) + em // 2
        legend = self.t("debrief.cmp.summary_legend")
        legend_h = self.wrapped_height(legend, inner.width, "small")
        if y + legend_h > inner.bottom:
            return False
        box = pygame.Rect(box.x, box.y, box.width, y + legend_h + em - box.y)
        self.summary = (box, title, rows, pygame.Rect(inner.x, y, inner.width, legend_h), legend)
        return True

    def draw_summary(self, surface: pygame.Surface) -> None:
        pal = self.app.palette
        em = self.app.em
        box, title, rows, legend_rect, legend = self.summary
        pygame.draw.rect(surface, pal.panel, box, border_radius=8)
        pygame.draw.rect(surface, pal.border, box, width=1, border_radius=8)
        inner = box.inflate(-2 * em, -2 * em)
        self.paint_text(
            surface,
            title,
            pygame.Rect(inner.x, inner.y, inner.width, self.wrapped_height(title, inner.width, "body")),
            bold=True,
            wrap=True,
        )
        small = self.app.font("small")
        number_w = small.size("100%")[0] + em // 2
        for p, name, name_rect in rows:
            self.paint_text(surface, name, name_rect, kind="small", wrap=True)
            bar = pygame.Rect(name_rect.right + em // 2, name_rect.y + 2, 0, max(6, em - 4))
            bar.width = max(10, inner.right - number_w - bar.x)
            pygame.draw.rect(surface, pal.panel_alt, bar)
            filled = bar.copy()
            filled.width = round(bar.width * p.better_than / 100)
            if filled.width:
                pygame.draw.rect(surface, pal.accent, filled)
            pygame.draw.rect(surface, pal.border, bar, width=1)
            mid = bar.x + bar.width // 2
            pygame.draw.line(surface, pal.text, (mid, bar.y - 3), (mid, bar.bottom + 2), 2)
            self.paint_text(
                surface,
                f"{p.better_than:.0f}%",
                pygame.Rect(bar.right + 2, bar.y - 2, number_w - 2, small.get_linesize()),
                kind="small",
                align="right",
            )
        self.paint_text(surface, legend, legend_rect, kind="small", colour=pal.muted, wrap=True)

    def x_labels(self) -> list[str]:
        return [self.t("debrief.chart.start")] + [str(i) for i in range(1, len(self.app.play.history))]

    def draw_by_kind(self, surface: pygame.Surface) -> None:
        play = self.app.play
        series = []
        colours = self.app.palette.series
        for k, kind in enumerate(KINDS):
            values = [kind_average(play, snap, "district.victimisation", kind) for snap in play.history]
            if values and values[0] is not None:
                series.append((self.t(f"debrief.kinds.{kind}"), [v * 100 for v in values], colours[k]))
        draw_line_chart(  # shares of households in percent: no axis below 0 or above 100
            self,
            surface,
            self.chart_rect,
            series,
            x_labels=self.x_labels(),
            title=self.t("debrief.chart.by_kind"),
            bounds=(0.0, 100.0),
        )

    def draw_fear_vs_crime(self, surface: pygame.Surface) -> None:
        play = self.app.play
        state = play.content.state["district"]
        colours = self.app.palette.series
        series = []
        for k, name in enumerate(("district.fear", "district.victimisation")):
            values = [city_average(play, snap, name) * 100 for snap in play.history]
            series.append((self.t.pick(state[name.split(".", 1)[1]].label), values, colours[k]))
        draw_line_chart(
            self,
            surface,
            self.chart_rect,
            series,
            y_range=(0, 100),
            x_labels=self.x_labels(),
            title=self.t("debrief.chart.fear_vs_crime"),
        )

    def draw_progress(self, surface: pygame.Surface) -> None:
        pal = self.app.palette
        em = self.app.em
        box = self.progress_rect
        c = self.comparer
        text = self.t("debrief.cmp.running", runs=f"{c.runs:,}", percent=f"{int(c.progress * 100)}%")
        line_h = self.app.font("body", True).get_linesize()
        self.paint_text(surface, text, pygame.Rect(box.x, box.y, box.width, line_h), bold=True)
        bar = pygame.Rect(box.x, box.y + line_h + em // 2, box.width, em)
        pygame.draw.rect(surface, pal.panel_alt, bar, border_radius=4)
        filled = bar.copy()
        filled.width = int(bar.width * c.progress)
        if filled.width:
            pygame.draw.rect(surface, pal.accent, filled, border_radius=4)
        pygame.draw.rect(surface, pal.border, bar, width=1, border_radius=4)
        if self.caption_rect is not None:
            self.paint_text(surface, self.t("debrief.cmp.running_note"), self.caption_rect, colour=pal.muted, wrap=True)
