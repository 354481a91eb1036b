"""The class report's numbers as written, and its SVG charts as geometry.

A number is written in its metric's declared unit (content/state.yaml, read with game.session.meaning.unit): a
share as a percentage, points as percentage points, a count as whole cases, anything else as a plain number.
Each chart function returns a plain dataclass — coordinates already formatted, labels as plain text — that
`templates/_charts.html.j2` draws as inline SVG (Jinja escapes every label). Nothing here writes markup.

Pure Python: no pygame, no Jinja.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from statistics import median

__all__ = [
    "PALETTE",
    "BarRow",
    "Chart",
    "DotPlot",
    "axis_floor",
    "bar_width",
    "dot_plot",
    "fmt_metric",
    "line_chart",
    "pair_chart",
    "signed_metric",
    "tick_digits",
]

PERCENT = ("share", "points")  # units written ×100: as a percentage, or as percentage points
# Colour-blind-safe (Okabe–Ito) for up to eight groups; more groups are drawn in grey with the class median.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442")

Texts = Callable[..., str]  # game.classroom.report_data.Texts: a key and values -> plain text


# --- numbers as the debrief writes them ------------------------------------------------------------------------


def fmt_metric(unit: str, value: float, t: Texts | None = None, digits: int | None = None) -> str:
    """A value of a metric in `unit` as the debrief writes it: a percentage, percentage points, a count of cases,
    or a number."""
    if unit == "count":
        text = f"{value:.{digits or 0}f}"
    elif unit == "points":
        text = f"{value * 100:.{1 if digits is None else digits}f}"
        if t is not None:
            text = t("class_report.points", value=text)
    elif unit == "share":
        text = f"{value * 100:.{digits or 0}f}%"
    else:
        text = f"{value:.{2 if digits is None else digits}f}"
    return text.replace("-", "−")


def tick_digits(unit: str, lo: float, hi: float) -> int:
    """Decimals that keep five ticks from `lo` to `hi` apart."""
    step = (hi - lo) / 4 * (100 if unit in PERCENT else 1)
    return 0 if step >= 1 else 1 if step >= 0.1 else 2


def signed_metric(unit: str, value: float) -> str:
    """A difference: cases, percentage points, or a number, with enough decimals to show it is not zero."""
    if unit == "count":
        return f"{value:+.0f}".replace("-", "−")
    scaled = value * 100 if unit in PERCENT else value
    digits = 1 if abs(scaled) >= 0.1 or scaled == 0 else 2 if abs(scaled) >= 0.01 else 3
    return f"{scaled:+.{digits}f}".replace("-", "−") + (" pts" if unit in PERCENT else "")


# --- bars ------------------------------------------------------------------------------------------------------


@dataclass
class BarRow:
    """One bar of a horizontal bar chart: the label (wraps), its share 0–1, the value written beside it, whether it
    is the minority view, and who chose it."""

    label: str
    share: float
    value: str
    minority: bool = False
    detail: str = ""

    @property
    def width(self) -> str:
        """The bar's length out of 100, formatted; "" for no bar."""
        return bar_width(self.share)


def bar_width(share: float) -> str:
    return "" if share <= 0 else f"{max(0.6, 100 * share):.2f}"


# --- dots on one axis ------------------------------------------------------------------------------------------


@dataclass
class Dot:
    cx: str
    cy: int
    title: str


@dataclass
class DotPlot:
    width: int
    height: int
    left: int
    right: int
    base: int
    aria: str
    ticks: list[tuple[str, str]] = field(default_factory=list)  # (x, label)
    median_x: str = ""
    dots: list[Dot] = field(default_factory=list)


def axis_floor(unit: str, declared: float | None) -> float | None:
    """Where a value axis starts: the least value the metric's meaning declares (content/state.yaml `min`), else 0
    for anything measured from nothing (a share, a count, points, a rate…); None (the data decide) for an index."""
    if declared is not None:
        return declared
    return None if unit == "index" else 0.0


def _nice_range(values: list[float], unit: str, floor: float | None = 0.0) -> tuple[float, float]:
    """The axis range: from `floor` (see axis_floor; lower only if a value is below it) to a little above the
    largest value, so 32.5% against 33.5% reads as the near-tie it is; a share's axis never passes 100%."""
    lo, hi = min(values), max(values)
    if floor is not None:
        lo = min(lo, floor)
    if hi - lo < 1e-9:
        pad = abs(hi) * 0.1 or (0.05 if unit in PERCENT else 1.0)
        return (lo if floor is not None else lo - pad), hi + pad
    pad = (hi - lo) * 0.08
    low = lo if floor is not None and lo == floor else lo - pad
    high = hi + pad
    if unit == "share" and hi <= 1.0:
        high = min(high, 1.0)
    return low, high


def dot_plot(unit: str, values: list[tuple[str, float]], t: Texts, floor: float | None = 0.0) -> DotPlot:
    """Each group a dot on one axis (a metric in `unit`, from `floor`: see axis_floor); the class median a line.
    Dots that land together stack upwards."""
    width, height, left, right, base = 600, 96, 20, 20, 70
    lo, hi = _nice_range([v for _, v in values], unit, floor)

    def x(v: float) -> float:
        return left + (v - lo) / (hi - lo) * (width - left - right)

    aria = ", ".join(f"{g}: {fmt_metric(unit, v)}" for g, v in values)
    plot = DotPlot(width, height, left, right, base, aria)
    digits = tick_digits(unit, lo, hi)
    for v in (lo + (hi - lo) * k / 4 for k in range(5)):
        plot.ticks.append((f"{x(v):.1f}", fmt_metric(unit, v, digits=digits)))
    plot.median_x = f"{x(median(v for _, v in values)):.1f}"
    stacks: Counter = Counter()
    for group, v in sorted(values, key=lambda gv: gv[1]):
        slot = round(x(v) / 9)
        level = stacks[slot]
        stacks[slot] += 1
        plot.dots.append(Dot(f"{x(v):.1f}", base - 8 - (level % 7) * 9, f"{group}: {fmt_metric(unit, v, t)}"))
    return plot


# --- lines over the quarters -----------------------------------------------------------------------------------


@dataclass
class Line:
    points: str
    stroke: str
    width: str
    opacity: str = ""
    dash: str = ""
    title: str = ""


@dataclass
class Chart:
    """A line chart: axes with ticks, lines, and an optional vertical mark (the changed quarter of a what-if)."""

    width: int
    height: int
    left: int
    right: int
    top: int
    bottom: int
    aria: str
    y_ticks: list[tuple[str, str]] = field(default_factory=list)  # (y, label): the label centred on its line
    x_ticks: list[tuple[str, str, bool]] = field(default_factory=list)  # (x, label, minor: left out on paper)
    lines: list[Line] = field(default_factory=list)
    mark: str = ""  # x of the mark, or ""

    @property
    def floor(self) -> int:
        return self.height - self.bottom


# width, height, left, right, top, bottom; the top leaves room for half the top label at the paper's larger size.
# 200 high (230 until model version 23): a class report of one six-quarter game with a dozen events then keeps to
# two A4 pages in Spanish, its longer language
_FRAME = (480, 200, 58, 12, 14, 30)


def _chart(name: str, unit: str, lo: float, hi: float, turns: int, t: Texts):
    width, height, left, right, top, bottom = _FRAME

    def x(q: float) -> float:
        return left + q / max(turns, 1) * (width - left - right)

    def y(v: float) -> float:
        return top + (hi - v) / (hi - lo) * (height - top - bottom)

    chart = Chart(width, height, left, right, top, bottom, name)
    digits = tick_digits(unit, lo, hi)
    for k in range(5):
        v = lo + (hi - lo) * k / 4
        chart.y_ticks.append((f"{y(v):.1f}", fmt_metric(unit, v, digits=digits)))
    step = max(1, math.ceil(turns / 12))
    for i, q in enumerate(range(0, turns + 1, step)):
        # on paper a chart is a third of the page: every other quarter's label is left out past six of them
        minor = i % 2 == 1 and turns // step > 6
        chart.x_ticks.append((f"{x(q):.1f}", t("class_report.start") if q == 0 else str(q), minor))
    return chart, x, y


def line_chart(
    name: str, unit: str, series: list[tuple[str, list[float]]], turns: int, t: Texts, floor: float | None = 0.0
) -> Chart:
    """One line per group over the quarters (0 = start) of the metric `name` (in `unit`, its axis from `floor`:
    see axis_floor), with the class median thick."""
    values = [v for _, ys in series for v in ys] or [0.0]
    chart, x, y = _chart(name, unit, *_nice_range(values, unit, floor), turns, t)
    many = len(series) > len(PALETTE)
    for i, (group, ys) in enumerate(series):
        pts = " ".join(f"{x(q):.1f},{y(v):.1f}" for q, v in enumerate(ys))
        if many:
            chart.lines.append(Line(pts, "#9aa3ad", "1.2", opacity="0.7", title=group))
        else:
            chart.lines.append(Line(pts, PALETTE[i], "2.4", title=group))
    longest = max(len(ys) for _, ys in series) if series else 0
    med = [median(ys[q] for _, ys in series if q < len(ys)) for q in range(longest)]
    if len(series) > 1:
        pts = " ".join(f"{x(q):.1f},{y(v):.1f}" for q, v in enumerate(med))
        chart.lines.append(Line(pts, "#111", "3.6", dash="none" if many else "7 4", title=t("class_report.median")))
    return chart


def pair_chart(
    name: str, unit: str, played: list[float], other: list[float], turn: int, t: Texts, floor: float | None = 0.0
) -> Chart:
    """The played game (solid) and the what-if (dashed) of the metric `name` (in `unit`, its axis from `floor`),
    with a mark at the changed quarter."""
    turns = max(len(played), len(other)) - 1
    chart, x, y = _chart(name, unit, *_nice_range(played + other, unit, floor), turns, t)
    chart.mark = f"{x(turn):.1f}"
    for ys, stroke, dash in ((played, "#0b5394", ""), (other, "#b45f06", "8 5")):
        pts = " ".join(f"{x(q):.1f},{y(v):.1f}" for q, v in enumerate(ys))
        chart.lines.append(Line(pts, stroke, "3", dash=dash))
    return chart
