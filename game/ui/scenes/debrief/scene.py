"""DebriefScene: the debrief's screen (its tabs, buttons and keys, and its life: the comparison with simulated
games, started as the first quarter ended or else on entering (game.ui.comparisons), taken in when it is done). The
package's docstring says what each tab shows.
"""

from __future__ import annotations

import importlib.util

import pygame
from pygame_gui.elements import UITextBox

from game.runs.comparison import Comparer, place, player_metrics
from game.session import meaning
from game.ui import classgame, comparisons
from game.ui.scene import Scene, scroll_box
from game.ui.scenes.debrief.analysis import DistrictOutcome, Dynamic, district_outcomes, dynamics
from game.ui.scenes.debrief.charts import DebriefCharts
from game.ui.scenes.debrief.texts import DebriefTexts
from game.ui.texts import markup
from game.ui.widgets import letter, letter_key

TABS = ("districts", "dynamics", "comparison", "questions")
TAB_KEYS = (pygame.K_1, pygame.K_2, pygame.K_3, pygame.K_4)


class DebriefScene(DebriefTexts, DebriefCharts, Scene):
    name = "debrief"

    def __init__(self, app):
        super().__init__(app)
        self.tab = 0
        self.body: UITextBox | None = None
        self.chart_rect: pygame.Rect | None = None
        self.caption_rect: pygame.Rect | None = None
        self.note_rect: pygame.Rect | None = None
        self.subtitle_rect: pygame.Rect | None = None
        self.subtitle = ""
        self.summary = None
        self.progress_rect: pygame.Rect | None = None
        self.comparer: Comparer | None = None
        self.placements = None
        self.shown_progress = -1
        self.outcomes: list[DistrictOutcome] = []
        self.found: list[Dynamic] = []
        self.mine: dict[str, float] = {}

    # --- life --------------------------------------------------------------------------------------------

    def enter(self) -> None:
        play = self.app.play
        if play is None:
            return
        session = play.session
        self.mine = player_metrics(session)
        self.outcomes = district_outcomes(play)
        self.found = dynamics(play, self.mine)
        self.comparer = comparisons.comparer_for(play)  # started by the first quarter's end, or now
        self._collect()

    def _collect(self) -> bool:
        """Take the comparison's result once it is there; True when it just arrived."""
        c = self.comparer
        if c is None or self.placements is not None or not c.done.is_set() or c.result is None:
            return False
        self.placements = place(c.result, self.mine, meanings=meaning.Meanings.of(self.app.play.content))
        return True

    def update(self, dt: float) -> bool:
        c = self.comparer
        if c is None:
            return False
        if self.placements is None and c.done.is_set():
            self._collect()
            if TABS[self.tab] == "comparison":
                self.rebuild()
            self.app.dirty = True
            return True
        if TABS[self.tab] == "comparison" and not c.done.is_set():
            shown = int(c.progress * 100)
            if shown != self.shown_progress:
                self.shown_progress = shown
                self.app.dirty = True  # App.run asks update() once before frame() asks again
                return True
        return False  # between steps the app may sleep: the simulations need the processor more

    # --- layout ------------------------------------------------------------------------------------------

    def build(self, rect: pygame.Rect) -> None:
        em = self.app.em
        t = self.t
        self.body = None
        self.chart_rect = self.caption_rect = self.note_rect = self.progress_rect = self.subtitle_rect = None
        self.summary = None
        area = rect.inflate(-2 * em, -2 * em)
        play = self.app.play
        y = area.y
        head_h = self.app.font("heading", True).get_linesize() + em // 3
        self.label(pygame.Rect(area.x, y, area.width, head_h), t("debrief.title"), kind="heading")
        y += head_h
        if play is None:
            self.textbox(pygame.Rect(area.x, y + em, area.width, 6 * em), markup(t("debrief.no_game")))
            self._bottom_buttons(area)
            return
        session = play.session
        sub = t(
            "debrief.subtitle",
            city=t.pick(session.level.city.name),
            role=t.pick(session.level.roles.get(session.role).title),
            turns=session.turns,
        )
        self.subtitle = sub
        self.subtitle_rect = pygame.Rect(area.x, y, area.width, self.wrapped_height(sub, area.width))
        y = self.subtitle_rect.bottom + em // 4
        note = t("debrief.tradeoffs")
        self.note_rect = pygame.Rect(area.x, y, area.width, self.wrapped_height(note, area.width))
        y = self.note_rect.bottom + em // 2

        # tabs
        bh = int(em * 2.4)
        labels = [t(f"debrief.tab.{name}", key=str(i + 1)) for i, name in enumerate(TABS)]
        bold = self.app.font("body", True)
        gap = em // 2
        tw = max(bold.size(s)[0] for s in labels) + 2 * em
        tw = min(tw, (area.width - gap * (len(TABS) - 1)) // len(TABS))
        for i, (name, text) in enumerate(zip(TABS, labels, strict=True)):
            self.button(
                pygame.Rect(area.x + i * (tw + gap), y, tw, bh),
                text,
                lambda i=i: self.show(i),
                tooltip=t(f"debrief.tab.{name}_tip"),
                shortcut=TAB_KEYS[i],
                kind="chosen" if i == self.tab else None,
            )
        y += bh + em // 2

        bottom = self._bottom_buttons(area)
        body = pygame.Rect(area.x, y, area.width, bottom - em // 2 - y)
        getattr(self, f"_build_{TABS[self.tab]}")(body)
        if self.focus_index is None:
            self.focus_index = self.tab

    def _bottom_buttons(self, area: pygame.Rect) -> int:
        em = self.app.em
        t = self.t
        bh = int(em * 2.4)
        y = area.bottom - bh
        items = []
        if importlib.util.find_spec("game.ui.scenes.history") is not None and self.app.play is not None:
            items.append(("debrief.history", "debrief_history", self.history, None))
        items += [
            ("debrief.new_game", "debrief_new_game", self.new_game, "primary"),
            ("debrief.to_title", "debrief_title", self.to_title, None),
        ]
        if self.app.play is not None and self.app.play.classroom is not None:  # a class game (game.ui.classgame)
            items.append(("classroom.export_keyed", "debrief_export", self.export_class, None))
        bold = self.app.font("body", True)
        x = area.x
        for key, letter_of, action, kind in items:
            text, shortcut = t(key, key=letter(t, letter_of)), letter_key(t, letter_of)
            w = bold.size(text)[0] + 2 * em
            self.button(pygame.Rect(x, y, w, bh), text, action, tooltip=t(f"{key}_tip"), shortcut=shortcut, kind=kind)
            x += w + em // 2
        return y

    def _build_districts(self, body: pygame.Rect) -> None:
        if not self._room_for_chart(body):
            self.body = self.textbox(body, self.districts_html(), kind="card")
            return
        left, right = self._split(body)
        self.body = self.textbox(left, self.districts_html(), kind="card")
        self._chart_area(right, self.t("debrief.chart.by_kind_tip"))

    def _build_dynamics(self, body: pygame.Rect) -> None:
        if not self._room_for_chart(body):
            self.body = self.textbox(body, self.dynamics_html(), kind="card")
            return
        left, right = self._split(body)
        self.body = self.textbox(left, self.dynamics_html(), kind="card")
        self._chart_area(right, self.t("debrief.chart.fear_vs_crime_tip"))

    def _build_comparison(self, body: pygame.Rect) -> None:
        em = self.app.em
        width = min(body.width, 72 * em)
        if self.placements is None and self.comparer is not None and not self.comparer.error:
            line_h = self.app.font("body", True).get_linesize()
            self.progress_rect = pygame.Rect(body.x, body.y + em, width, line_h + em + em // 2)
            note = self.t("debrief.cmp.running_note")
            top = self.progress_rect.bottom + em
            self.caption_rect = pygame.Rect(body.x, top, width, self.wrapped_height(note, width))
            return
        if self.placements is not None:
            left, right = self._split(body)
            if self._plan_summary(right):
                self.body = self.textbox(left, self.comparison_html(), kind="card")
                return
        self.body = self.textbox(pygame.Rect(body.x, body.y, width, body.height), self.comparison_html(), kind="card")

    def _build_questions(self, body: pygame.Rect) -> None:
        width = min(body.width, 72 * self.app.em)
        self.body = self.textbox(pygame.Rect(body.x, body.y, width, body.height), self.questions_html(), kind="card")

    # --- drawing -----------------------------------------------------------------------------------------

    def draw(self, surface: pygame.Surface) -> None:
        pal = self.app.palette
        if self.subtitle_rect is not None:
            self.paint_text(surface, self.subtitle, self.subtitle_rect, colour=pal.muted, wrap=True)
        if self.note_rect is not None:
            self.paint_text(surface, self.t("debrief.tradeoffs"), self.note_rect, wrap=True)
        play = self.app.play
        if play is None:
            return
        tab = TABS[self.tab]
        if self.chart_rect is not None and tab == "districts":
            self.draw_by_kind(surface)
        elif self.chart_rect is not None and tab == "dynamics":
            self.draw_fear_vs_crime(surface)
        if self.caption_rect is not None and tab in ("districts", "dynamics"):
            key = "debrief.chart.by_kind_tip" if tab == "districts" else "debrief.chart.fear_vs_crime_tip"
            self.paint_text(surface, self.t(key), self.caption_rect, kind="small", colour=pal.muted, wrap=True)
        if tab == "comparison" and self.progress_rect is not None and self.comparer is not None:
            self.draw_progress(surface)
        if tab == "comparison" and self.summary is not None:
            self.draw_summary(surface)

    # --- input and actions -----------------------------------------------------------------------------

    def show(self, tab: int) -> None:
        if tab != self.tab:
            self.tab = tab
            self.focus_index = None
            self.rebuild()
            self.focus_index = tab

    # for the screen tour (game/ui/tour.py) and tests: every tab, and whether the comparison is in

    def pages(self) -> list[str]:
        return list(TABS)

    def show_page(self, page: str) -> None:
        self.show(TABS.index(page))

    def comparison_ready(self) -> bool:
        c = self.comparer
        if c is None or c.error:
            return True
        if c.done.is_set() and self.placements is None:
            self.update(0)  # take the result in (and show it, on the comparison tab)
        return self.placements is not None

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_PAGEDOWN, pygame.K_PAGEUP):
            return scroll_box(self.body, 1 if event.key == pygame.K_PAGEDOWN else -1)
        return False

    def history(self) -> None:
        self.app.open("history")

    def new_game(self) -> None:
        self.app.replace("setup")

    def to_title(self) -> None:
        self.app.replace("title")

    def export_class(self) -> None:
        classgame.export_and_tell(self.app, self.app.play.classroom)

    def back(self) -> None:
        self.to_title()
