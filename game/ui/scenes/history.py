"""History: line charts of every indicator over the quarters so far.

On the left, the indicators (the ones the report explains, then the role's own resources); above the chart, the
place: the city (districts averaged by their households), all districts at once, or one district next to the
city average. City-wide values have one line. Keys: I / Shift+I next / previous indicator, D / Shift+D next /
previous place, Esc or Back returns.
"""

from __future__ import annotations

import pygame

from game.session import meaning as meanings
from game.ui import causes
from game.ui.charts import draw_line_chart
from game.ui.scene import Scene, wrapped_row_height
from game.ui.widgets import fit, letter, letter_key, list_button, page_by_height, wrapped_height

CITY, ALL = "city", "all"


class HistoryScene(Scene):
    name = "history"

    def __init__(self, app, indicator: str | None = None):
        super().__init__(app)
        play = app.play
        self.names = causes.charted(play) if play is not None else []
        self.indicator = indicator if indicator in self.names else (self.names[0] if self.names else "")
        self.place: str | int = CITY
        self.chart = pygame.Rect(0, 0, 0, 0)
        self.note: tuple[str, pygame.Rect] | None = None
        self.chosen_button = None
        self.list_buttons: list = []
        self.place_buttons: list = []

    # --- what is charted ---------------------------------------------------------------------------------

    def places(self) -> list[str | int]:
        if not self.indicator.startswith("district."):
            return []
        return [CITY, ALL, *range(len(self.app.play.session.level.districts))]

    def place_name(self, place: str | int) -> str:
        if place == CITY:
            return self.t("hist.city")
        if place == ALL:
            return self.t("hist.all")
        return self.app.play.session.level.districts[place].name.get(self.t.lang)

    def series(self) -> list[tuple[str, list, str]]:
        play, t = self.app.play, self.t
        pal = self.app.palette
        weigh = causes.weigh(play)
        name = self.indicator
        if not name.startswith("district."):
            return [
                (
                    causes.label(play.content, name, t.lang),
                    causes.series(play.history, name, None, weigh),
                    pal.series[0],
                )
            ]
        city_values = causes.series(play.history, name, None, weigh)
        city = (t("hist.city_line"), city_values, pal.text)  # the yardstick: neither good nor bad
        dnames = causes.district_names(play, t.lang)
        if self.place == CITY:
            return [city]
        places = range(len(dnames)) if self.place == ALL else [int(self.place)]
        lines = {i: causes.series(play.history, name, i, weigh) for i in places}
        colours = self.standing_colours(lines, city_values)
        return [city] + [(dnames[i], lines[i], colours[i]) for i in places]

    def standing_colours(self, lines: dict[int, list], city: list) -> dict[int, str]:
        """Each district's line coloured by where it stands in the last quarter, as the content's `good_when` says:
        the worst-off warm, the best-off cool. One district is warm when worse off than the city, cool when better.
        A value neither way is good for keeps the plain line colours."""
        pal = self.app.palette
        direction = meanings.good_when(self.app.play.content, self.indicator)
        if direction == meanings.NEITHER:
            return {i: pal.series[(k + 1) % len(pal.series)] for k, i in enumerate(lines)}

        def badness(values: list) -> float:
            last = next((v for v in reversed(values) if v is not None), 0.0)
            return last if direction == meanings.LOWER else -last

        ramp = pal.standing
        if len(lines) == 1:
            ((i, values),) = lines.items()
            worse = badness(values) > badness(city)
            return {i: ramp[-2] if worse else ramp[1]}
        ranked = sorted(lines, key=lambda i: badness(lines[i]))
        top = max(1, len(ranked) - 1)
        return {i: ramp[round(rank / top * (len(ramp) - 1))] for rank, i in enumerate(ranked)}

    def x_labels(self) -> list[str]:
        return [self.t("hist.x_start")] + [self.t("hist.x_label", n=i) for i in range(1, len(self.app.play.history))]

    def axis(self) -> dict:
        """The chart's axis as the content declares the value: its bounds, its unit, and a least span of a fiftieth
        of its range (so a quarter's 0.1-point wobble is not drawn as a cliff)."""
        content = self.app.play.content
        lo, hi = meanings.bounds(content, self.indicator)
        span = (hi - lo) / 50 if lo is not None and hi is not None else 0.0
        return {"bounds": (lo, hi), "min_span": span, "unit": meanings.unit(content, self.indicator)}

    # --- layout ----------------------------------------------------------------------------------------------

    def build(self, rect: pygame.Rect) -> None:
        play = self.app.play
        self.list_buttons, self.place_buttons = [], []
        if play is None:
            return
        em, t, content = self.app.em, self.t, play.content
        body, bold = self.app.font("body"), self.app.font("body", True)
        inner = rect.inflate(-2 * em, -2 * em)
        heading = self.app.font("heading", True)
        heading_h = int(heading.get_linesize() * 1.4)
        city = play.session.level.city.name.get(t.lang)
        title = (
            t("hist.title", city=city, turn=len(play.history) - 1)
            if len(play.history) > 1
            else t("hist.title_start", city=city)
        )
        self.label(
            pygame.Rect(inner.x, inner.y, inner.width, heading_h), fit(heading, title, inner.width), kind="heading"
        )
        y = inner.y + heading_h
        btn_h = int(em * 2.4)
        footer_y = inner.bottom - btn_h
        row_h, gap = int(em * 2.1), max(3, em // 4)

        # indicators on the left, paged when they do not fit
        labels = [causes.label(content, n, t.lang) for n in self.names]
        # wide enough for the longest name in bold (the chosen row's font; rows are measured in it so that choosing
        # one never reflows the list): a name wraps only where 30% of the screen cannot hold it
        list_w = max(
            int(em * 12), min(int(inner.width * 0.3), max((bold.size(s)[0] for s in labels), default=0) + 2 * em)
        )
        list_h = footer_y - em // 2 - y
        # a name too long for its row wraps, never cut: that row is taller
        heights = [wrapped_row_height(self.app, s, list_w, row_h, bold=True) for s in labels]
        selected = self.names.index(self.indicator) if self.indicator in self.names else 0
        start, stop, paged = page_by_height(heights, list_h, gap, row_h, selected)
        ry = y
        for name, text, height in zip(self.names[start:stop], labels[start:stop], heights[start:stop], strict=False):
            chosen = name == self.indicator
            tip = f"{text}: {causes.meaning(content, name, t.lang)}"
            rect, pick = pygame.Rect(inner.x, ry, list_w, height), lambda n=name: self.pick(n)
            if (bold if chosen else body).size(text)[0] <= list_w - em:
                button = list_button(self, rect, text, pick, tooltip=tip, chosen=chosen)
            else:
                button = self.wrapped_button(rect, text, pick, tooltip=tip, chosen=chosen)
            self.list_buttons.append(button)
            if chosen:
                self.chosen_button = button
            ry += height + gap
        if paged:
            half = (list_w - gap) // 2
            self.button(
                pygame.Rect(inner.x, ry, half, row_h),
                t("rpt.page_prev"),
                lambda: self.pick(self.names[max(0, start - 1)]),
                tooltip=t("rpt.page_prev_tip"),
                enabled=start > 0,
            )
            self.button(
                pygame.Rect(inner.x + half + gap, ry, half, row_h),
                t("rpt.page_next"),
                lambda: self.pick(self.names[min(len(self.names) - 1, stop)]),
                tooltip=t("rpt.page_next_tip"),
                enabled=stop < len(self.names),
            )

        # places above the chart, flowing into rows
        right = pygame.Rect(inner.x + list_w + em, y, inner.right - inner.x - list_w - em, list_h)
        px, py = right.x, right.y
        places = self.places()
        if places and self.place not in places:
            self.place = CITY
        for place in places:
            text = self.place_name(place)
            chosen = place == self.place
            w = min(right.width, (bold if chosen else body).size(text)[0] + int(em * 1.6))
            if px > right.x and px + w > right.right:
                px, py = right.x, py + row_h + gap
            tip = (
                t("hist.city_tip")
                if place == CITY
                else t("hist.all_tip")
                if place == ALL
                else t("hist.place_tip", district=text)
            )
            button = self.button(
                pygame.Rect(px, py, w, row_h),
                fit(bold if chosen else body, text, w - em),
                lambda p=place: self.choose_place(p),
                tooltip=tip,
                kind="chosen" if chosen else None,
            )
            self.place_buttons.append(button)
            px += w + gap
        top = py + row_h + em // 2 if places else right.y
        small = self.app.font("small")
        if not places:
            note = t("hist.citywide")
        elif len(play.history) < 2:
            note = t("hist.one_point")
        else:
            note = causes.meaning(content, self.indicator, t.lang)
            if self.place == ALL and meanings.good_when(content, self.indicator) != meanings.NEITHER:
                note = f"{note} {t('hist.colour_note')}"
        if len(play.history) < 2 and not places:
            note = f"{note} {t('hist.one_point')}"
        note_h = wrapped_height(small, note, right.width)
        self.note = (note, pygame.Rect(right.x, top, right.width, note_h))
        top += note_h + em // 2
        self.chart = pygame.Rect(right.x, top, right.width, max(int(em * 6), right.bottom - top))

        back = t("hist.back", key="Esc")
        back_w = body.size(back)[0] + 2 * em
        self.button(pygame.Rect(inner.right - back_w, footer_y, back_w, btn_h), back, self.back, kind="primary")
        hint = t("hist.keys", indicator=letter(t, "history_indicator"), place=letter(t, "history_place"))
        hint_box = pygame.Rect(inner.x, footer_y, inner.width - back_w - em, btn_h)
        if small.size(hint)[0] <= hint_box.width:
            self.label(hint_box, hint, kind="small")

    def draw(self, surface: pygame.Surface) -> None:
        if self.app.play is None or not self.chart.width:
            return
        if self.note:
            self.paint_text(surface, self.note[0], self.note[1], kind="small", colour=self.app.palette.muted, wrap=True)
        title = causes.label(self.app.play.content, self.indicator, self.t.lang)
        if self.places():
            title = self.t("hist.chart_title", indicator=title, place=self.place_name(self.place))
        draw_line_chart(self, surface, self.chart, self.series(), x_labels=self.x_labels(), title=title, **self.axis())

    # --- actions -----------------------------------------------------------------------------------------------

    def pick(self, name: str) -> None:
        current = self.focused()
        on_list = current is not None and current.element in self.list_buttons
        self.indicator = name
        self.rebuild()
        if on_list:
            self.focus(self.chosen_button)

    def choose_place(self, place: str | int) -> None:
        current = self.focused()
        on_places = current is not None and current.element in self.place_buttons
        self.place = place
        self.rebuild()
        if on_places:
            places = self.places()
            if place in places:
                self.focus(self.place_buttons[places.index(place)])

    def focus(self, element) -> None:
        for i, f in enumerate(self.focusables):
            if f.element is element:
                self.focus_index = i
                return

    def step_indicator(self, by: int) -> None:
        if not self.names:
            return
        index = self.names.index(self.indicator) if self.indicator in self.names else 0
        self.indicator = self.names[(index + by) % len(self.names)]
        self.rebuild()

    def step_place(self, by: int) -> None:
        places = self.places()
        if not places:
            return
        index = places.index(self.place) if self.place in places else 0
        self.place = places[(index + by) % len(places)]
        self.rebuild()

    def back(self) -> None:
        self.app.pop()

    def letter_keys(self) -> dict[int, str]:
        return {
            letter_key(self.t, "history_indicator"): "history_indicator",
            letter_key(self.t, "history_place"): "history_place",
        }

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type != pygame.KEYDOWN:
            return False
        back = -1 if event.mod & pygame.KMOD_SHIFT else 1
        if event.key == letter_key(self.t, "history_indicator"):
            self.step_indicator(back)
            return True
        if event.key == letter_key(self.t, "history_place"):
            self.step_place(back)
            return True
        return False
