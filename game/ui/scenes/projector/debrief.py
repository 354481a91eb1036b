"""ProjectorDebriefScene: the class's debrief on the projector, in six phases, one per page (keys 1–6, ←/→),
with Export, History and Title screen below. It extends the debrief (game.ui.scenes.debrief) without its
comparison with simulated games; its own pages' texts are in debrief_texts and whatif_phase.
"""

from __future__ import annotations

import pygame

from game.runs.comparison import player_metrics
from game.ui import classgame
from game.ui.scenes.debrief.analysis import district_outcomes, dynamics
from game.ui.scenes.debrief.scene import DebriefScene
from game.ui.scenes.projector import look, students
from game.ui.scenes.projector.debrief_texts import ClassDebriefTexts
from game.ui.scenes.projector.layout import flow_buttons, text_height
from game.ui.scenes.projector.objective_chart import Trajectory, draw_trajectory, first_objective
from game.ui.scenes.projector.whatif_phase import WhatIfPhase
from game.ui.widgets import keyed, letter, letter_key

PHASES = ("happened", "split", "outcomes", "dynamics", "whatif", "questions")
PHASE_KEYS = tuple(pygame.K_1 + i for i in range(len(PHASES)))


class ProjectorDebriefScene(look.Projected, ClassDebriefTexts, WhatIfPhase, DebriefScene):
    name = "projector_debrief"

    def __init__(self, app):
        super().__init__(app)
        self.phase = 0
        self.whatif_state: dict = {}  # "thread", "result", "error", "target"
        self.chart_kind = ""

    def enter(self) -> None:
        students.turn_off(self.app)  # the game is over: nothing listens for phones any more
        play = self.app.play
        if play is None:
            return
        self.mine = player_metrics(play.session)
        self.outcomes = district_outcomes(play)
        self.found = dynamics(play, self.mine)
        self.comparer = None  # the projector debrief does not compare with simulated games
        self.trajectory: Trajectory | None = first_objective(play, self.t.lang)

    @property
    def played(self) -> int:
        return len(self.app.play.session.records) if self.app.play else 0

    def update(self, dt: float) -> bool:
        thread = self.whatif_state.get("thread")
        if thread is not None and not thread.is_alive():
            self.whatif_state["thread"] = None
            if PHASES[self.phase] == "whatif":
                self.rebuild()
            return True
        return False

    # layout

    def build(self, rect: pygame.Rect) -> None:
        look.use(self.app)
        em, t = look.px(self.app), self.t
        self.body = None
        self.chart_rect = self.caption_rect = self.note_rect = self.progress_rect = self.subtitle_rect = None
        self.summary = None
        self.chart_kind = ""
        area = rect.inflate(-2 * em, -2 * em)
        play = self.app.play
        y = area.y
        head_h = look.font(self.app, "heading", True).get_linesize() + em // 3
        self.label(pygame.Rect(area.x, y, area.width, head_h), t("projector.debrief_title"), kind="proj_heading")
        y += head_h
        bh = int(em * 1.8)
        bottom = flow_buttons(self, area, self.bottom_items(), bh, big=True)
        if play is None:
            return
        session = play.session
        sub = t(
            "projector.debrief_subtitle",
            city=t.pick(session.level.city.name),
            role=t.pick(session.level.roles.get(session.role).title),
            played=self.played,
            turns=session.turns,
        )
        self.subtitle = sub
        self.subtitle_rect = pygame.Rect(area.x, y, area.width, text_height(look.font(self.app), sub, area.width))
        y = self.subtitle_rect.bottom + em // 2
        labels = [t(f"projector.phase.{name}", key=str(i + 1)) for i, name in enumerate(PHASES)]
        bold = look.font(self.app, "body", True)
        gap = em // 3
        per_row = len(PHASES)
        widest = max(bold.size(s)[0] for s in labels)
        # as many tabs a row as fit with half their usual padding (at 1024×768 in Spanish: two rows of three, not
        # three of two, which left the phase's text a third less room); they spread to the full padding if it fits
        while per_row > 1 and per_row * (widest + em) + (per_row - 1) * gap > area.width:
            per_row = (per_row + 1) // 2 if per_row > 3 else per_row - 1
        tw = min(widest + 2 * em, (area.width - gap * (per_row - 1)) // per_row)
        for i, (name, text) in enumerate(zip(PHASES, labels, strict=True)):
            row, col = divmod(i, per_row)
            self.button(
                pygame.Rect(area.x + col * (tw + gap), y + row * (bh + gap), tw, bh),
                text,
                lambda i=i: self.show(i),
                tooltip=t(f"projector.phase.{name}_tip"),
                shortcut=PHASE_KEYS[i],
                kind="proj_chosen" if i == self.phase else "proj",
            )
        rows = -(-len(PHASES) // per_row)
        y += rows * (bh + gap) + em // 2
        body = pygame.Rect(area.x, y, area.width, bottom - em // 2 - y)
        getattr(self, f"_phase_{PHASES[self.phase]}")(body)
        if self.focus_index is None:
            self.focus_index = len(self.focusables) - len(PHASES) + self.phase

    def bottom_items(self) -> list[tuple]:
        t = self.t
        items = [
            (
                keyed(t, t("classroom.export"), letter_key(t, "projector_export")),
                self.export,
                letter_key(t, "projector_export"),
                None,
                t("classroom.export_tip"),
                self.app.play is not None and self.app.play.classroom is not None,
            ),
            (
                t("debrief.history", key=letter(t, "projector_history")),
                self.history,
                letter_key(t, "projector_history"),
                None,
                t("debrief.history_tip"),
                self.app.play is not None,
            ),
            (
                t("debrief.to_title", key=letter(t, "projector_title")),
                self.to_title,
                letter_key(t, "projector_title"),
                "primary",
                t("debrief.to_title_tip"),
                True,
            ),
        ]
        return items

    def _text_and_chart(self, body: pygame.Rect, html: str, chart: str) -> None:
        # the debrief's charts label their axes in the app's text size (game.ui.scenes.debrief), under the 28 px a
        # class reads from the back: until they take a size, the projector shows the text alone
        if chart and self._room_for_chart(body) and self.app.font("small").point_size >= look.MIN_PX:
            left, right = self._split(body)
            self.body = self.textbox(left, html, kind="proj_card")
            self.chart_rect = right
            self.chart_kind = chart
        else:
            self.body = self.textbox(body, html, kind="proj_card")

    def _phase_happened(self, body: pygame.Rect) -> None:
        self._text_and_chart(body, self.timeline_html(), "fear_vs_crime")

    def _phase_split(self, body: pygame.Rect) -> None:
        self._text_and_chart(body, self.split_html(), "")

    def _phase_outcomes(self, body: pygame.Rect) -> None:
        # the class's line on the level's first measurable objective, at the projector's sizes, where it has room
        # beside the text (a 1920×1080 projector; at 1024×768 the text alone)
        px = look.px(self.app)
        if getattr(self, "trajectory", None) is not None and body.width >= 40 * px and body.height >= 9 * px:
            left = body.width // 2
            self.body = self.textbox(
                pygame.Rect(body.x, body.y, left, body.height), self.districts_html(), kind="proj_card"
            )
            self.chart_rect = pygame.Rect(body.x + left + px // 2, body.y, body.width - left - px // 2, body.height)
            self.chart_kind = "objective"
        else:
            self._text_and_chart(body, self.districts_html(), "by_kind")

    def _phase_dynamics(self, body: pygame.Rect) -> None:
        self._text_and_chart(body, self.dynamics_html(), "")

    def _phase_whatif(self, body: pygame.Rect) -> None:
        self._text_and_chart(body, self.whatif_html(), "")

    def _phase_questions(self, body: pygame.Rect) -> None:
        self._text_and_chart(body, self.class_questions_html(), "")

    # drawing

    def draw(self, surface: pygame.Surface) -> None:
        self.painted_px = []
        pal = self.app.palette
        if self.subtitle_rect is not None:
            self.paint_text(surface, self.subtitle, self.subtitle_rect, colour=pal.muted, wrap=True)
        if self.app.play is None or self.chart_rect is None:
            return
        if self.chart_kind == "by_kind":
            self.draw_by_kind(surface)
        elif self.chart_kind == "fear_vs_crime":
            self.draw_fear_vs_crime(surface)
        elif self.chart_kind == "objective" and self.trajectory is not None:
            draw_trajectory(self, surface, self.chart_rect, self.trajectory)

    # input and actions

    def show(self, phase: int) -> None:
        if phase != self.phase:
            self.phase = phase
            self.focus_index = None
            self.rebuild()

    def pages(self) -> list[str]:
        return list(PHASES)

    def show_page(self, page: str) -> None:
        self.show(PHASES.index(page))

    def comparison_ready(self) -> bool:
        if not self.whatif_ready():
            return False
        self.update(0)
        return True

    def key(self, event: pygame.event.Event) -> bool:
        if event.key in (pygame.K_LEFT, pygame.K_RIGHT):
            self.show((self.phase + (1 if event.key == pygame.K_RIGHT else -1)) % len(PHASES))
            return True
        return super().key(event)

    def export(self) -> None:
        play = self.app.play
        if play is not None and play.classroom is not None:
            classgame.export_and_tell(self.app, play.classroom)
