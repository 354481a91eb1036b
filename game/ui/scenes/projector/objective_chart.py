"""The class's trajectory on the level's first measurable objective (game.session.objectives: its tracked value,
read in its districts, household-weighted), quarter by quarter from the game's turn records, and the debrief's
line charts painted at the projector's sizes.

`draw_line_chart` (game.ui.charts) measures and paints in the app's text sizes; `ProjectorSizes` stands in for the
scene so that the chart's fonts, margins and markers are the projector's (at least 28 px at 1024×768), its words
still painted (and counted) by the scene's own `paint_text`.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from game.session import meaning, objectives
from game.ui.charts import draw_line_chart
from game.ui.scenes.projector import look


@dataclass(frozen=True)
class Trajectory:
    value: str  # the tracked value, `district.oc_control`
    districts: tuple[str, ...]  # the districts' names where it is read; () for the whole city
    unit: str  # meaning.UNITS
    values: list[float]  # at the start, then after each quarter played


def first_objective(play, lang: str) -> Trajectory | None:
    """The level's first tracked objective for the session's role, read at the start and after every quarter
    (game.session.objectives.trajectory: as the city screen reads it); None when the role has no measurable
    objective."""
    found = objectives.trajectory(play.session, play.history)
    if found is None:
        return None
    track, columns, values = found
    districts = play.session.level.districts
    names = tuple(districts[i].name.get(lang) for i in columns) if track.districts else ()
    return Trajectory(track.value, names, meaning.unit(play.content, track.value), values)


class _ProjectorApp:
    """The app, with the projector's fonts and em."""

    def __init__(self, app):
        self._app = app

    def __getattr__(self, name: str):
        return getattr(self._app, name)

    @property
    def em(self) -> int:
        return look.px(self._app)

    def font(self, kind: str = "body", bold: bool = False) -> pygame.font.Font:
        return look.font(self._app, kind, bold)


class ProjectorSizes:
    """What draw_line_chart reads of a scene, at the projector's sizes."""

    def __init__(self, scene):
        self.scene = scene
        self.app = _ProjectorApp(scene.app)

    def paint_text(self, surface: pygame.Surface, text: str, box: pygame.Rect, **how) -> pygame.Rect:
        return self.scene.paint_text(surface, text, box, **how)


def draw_trajectory(scene, surface: pygame.Surface, rect: pygame.Rect, path: Trajectory) -> None:
    """The class's line, its axis from zero for a share or an index (a one-point change looks like one)."""
    t = scene.t
    name = meaning.label(scene.app.play.content, path.value, t.lang)
    title = t("projector.objective_where", value=name, districts=", ".join(path.districts)) if path.districts else name
    x_labels = [t("debrief.chart.start")] + [str(i) for i in range(1, len(path.values))]
    series = [(t("projector.objective_line"), path.values, scene.app.palette.series[0])]
    floor, ceiling = meaning.bounds(scene.app.play.content, path.value)
    if path.unit in ("share", "index") and floor == 0.0:
        top = max(path.values) * 1.25 or 1.0
        span = (0.0, min(ceiling, top) if ceiling is not None else top)
        draw_line_chart(
            ProjectorSizes(scene), surface, rect, series, y_range=span, x_labels=x_labels, title=title, unit=path.unit
        )
    else:
        draw_line_chart(
            ProjectorSizes(scene),
            surface,
            rect,
            series,
            x_labels=x_labels,
            title=title,
            bounds=(floor, ceiling),
            unit=path.unit,
        )
