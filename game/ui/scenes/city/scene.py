"""The city screen's scene: its state, the reading helpers, the top bar, the body's layout, painting and the
player's commands (districts, layers, tabs, measures, the plan, the end of the quarter, the menus).

The map, the indicators and the side panel are built by the mixins of map_panel, indicators_panel and side_panel.
"""

from __future__ import annotations

import pygame

from game.session.commands import AdoptMeasure
from game.ui import citymap, comparisons, refusal_text
from game.ui import indicators as ind
from game.ui.flow import show_current
from game.ui.hint_box import HintBox
from game.ui.scene import Scene
from game.ui.scenes.city.fitting import shorten
from game.ui.scenes.city.goals_panel import GoalsPanel
from game.ui.scenes.city.indicators_panel import IndicatorsPanel
from game.ui.scenes.city.leave import LeaveScene
from game.ui.scenes.city.map_panel import MapPanel
from game.ui.scenes.city.side_panel import SidePanel
from game.ui.widgets import letter, letter_key


class CityScene(GoalsPanel, MapPanel, IndicatorsPanel, SidePanel, Scene):
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
        self.map_area = pygame.Rect(0, 0, 0, 0)
        self.key_rect = pygame.Rect(0, 0, 0, 0)
        self.easing: dict = {}  # district -> (colour, value, began): easing to the district's new colour and value
        self.map_clock = 0.0
        self.hovered: int | None = None  # the district under the mouse
        self.story_rect = pygame.Rect(0, 0, 0, 0)  # where its story card was painted
        self.landmarks: list = []
        self.district_marks: dict = {}
        self.whole_city = ""  # what acts on the whole city, under the map's key
        self.key_lines = 1
        self.panels: list[pygame.Rect] = []
        self.goal_cards: list = []  # the goals strip's cards: (box, Goal)
        self.goals_rect = pygame.Rect(0, 0, 0, 0)
        self.term_rect = pygame.Rect(0, 0, 0, 0)
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
        top = self.build_goals(pygame.Rect(pad, top + pad // 2, rect.width - 2 * pad, 0))  # the goals, always in sight
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
            map_w = int(body.width * 0.37)
            ind_w = int(body.width * 0.28)
            map_rect = pygame.Rect(body.x, body.y, map_w, body.height)
            ind_rect = pygame.Rect(map_rect.right + gap, body.y, ind_w, body.height)
            side = pygame.Rect(ind_rect.right + gap, body.y, body.right - ind_rect.right - gap, body.height)
            self.panels = [map_rect, ind_rect, side]
            self.build_map(map_rect)
            self.build_indicators(ind_rect.inflate(-pad, -pad))
        else:
            map_w = int(body.width * 0.52)
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
            (
                self.t("city.history", key=letter(self.t, "city_history")),
                self.history,
                letter_key(self.t, "city_history"),
                self.t("city.history_tip"),
            ),
            (self.t("city.save", key="Ctrl+S"), self.save, None, self.t("city.save_tip")),
            (
                self.t("city.settings", key=letter(self.t, "city_settings")),
                self.settings,
                letter_key(self.t, "city_settings"),
                self.t("city.settings_tip"),
            ),
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
        if kind is None:  # a shorter form rather than a cut one: "Ciudad Frontera · trimestre 2/12"
            words = {"city": self.t.pick(session.level.city.name), "turn": session.turn, "turns": session.turns}
            body = self.app.font("body")
            if body.size(title)[0] + 8 > room:
                title = self.t("city.turn_compact", **words)
            if body.size(title)[0] + 8 > room:  # the city alone: the goals strip under it says the quarter
                title = words["city"]
            title = shorten(body, title, room - 8)  # the last resort, which the layout check reports
        self.label(pygame.Rect(pad, pad, room, title_h), title, kind=kind, tooltip=self.t.pick(setup.briefing))
        self.label(
            pygame.Rect(pad, pad + title_h, room, role_h),
            shorten(small, role, room - 8),
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

    # --- painting --------------------------------------------------------------------------------------

    def draw(self, surface: pygame.Surface) -> None:
        if self.play is None:
            return
        p = self.app.palette
        for panel in self.panels:
            pygame.draw.rect(surface, p.panel, panel, border_radius=8)
            pygame.draw.rect(surface, p.border, panel, width=1, border_radius=8)
        self.paint_goals(surface)
        self.paint_map(surface)
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
        comparisons.prefetch(self.play)  # the debrief's comparison, in the background from the first quarter on
        show_current(self.app)

    def history(self) -> None:
        self.app.open("history")

    def save(self) -> None:
        self.app.save()

    def settings(self) -> None:
        self.app.open("settings")

    def back(self) -> None:
        self.app.push(LeaveScene(self.app))

    def update(self, dt: float) -> bool:
        return self.map_update(dt)  # a changed district's colour and number ease for a moment, then the loop rests

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_LEFTBRACKET, pygame.K_RIGHTBRACKET):
            n = len(self.play.session.level.districts)
            self.select((self.district + (1 if event.key == pygame.K_RIGHTBRACKET else -1)) % n)
            return True
        if event.type == pygame.MOUSEMOTION:
            self.map_hover(event.pos)
            return False
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            return self.map_click(event.pos)
        return False
