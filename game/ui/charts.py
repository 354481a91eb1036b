"""Line charts painted by a scene: axes, gridlines, ticks, one line per series with its own marker and dash, and a
legend. Every word goes through `scene.paint_text`, so the layout test sees it; colours come from the palette, and
each series is also told apart by its marker shape, its dash and its legend text (never colour alone).

    draw_line_chart(scene, surface, rect, [("Fear", [0.5, 0.52, None, 0.49], "#0b5cad")],
                    y_range=(0, 1), x_labels=["Start", "Q1", "Q2", "Q3"], title="Fear")
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Sequence

import pygame

from game.ui.theme import rgb

Series = tuple[str, Sequence[float | None], str]
MARKERS = ("circle", "square", "triangle", "diamond", "down", "plus", "cross", "hexagon")


def nice_ticks(lo: float, hi: float, count: int = 5) -> list[float]:
    """Round tick values covering [lo, hi]: steps of 1, 2, 2.5 or 5 times a power of ten."""
    if not (math.isfinite(lo) and math.isfinite(hi)):
        return [0.0, 1.0]
    if hi <= lo:
        pad = abs(lo) * 0.1 or 1.0
        lo, hi = lo - pad, hi + pad
    raw = (hi - lo) / max(1, count - 1)
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    start = math.floor(lo / step + 1e-9) * step
    ticks, v = [], start
    while v < hi + step * 0.999:
        ticks.append(round(v, 10))
        v += step
    return ticks


def _places(step: float) -> int:
    places = 0
    while places < 4 and abs(round(step, places) - step) > 1e-9 * max(1.0, step):
        places += 1
    return places


def default_format(ticks: Sequence[float]) -> Callable[[float], str]:
    """Tick labels with as many decimals as the step needs (0.25 → 2, 5 → 0), so no two labels read the same."""
    step = abs(ticks[1] - ticks[0]) if len(ticks) > 1 else 1.0
    places = _places(step)
    return lambda v: f"{v:,.{places}f}".replace("-", "−")


def share_format(ticks: Sequence[float]) -> Callable[[float], str]:
    """Tick labels of a share (0–1) in percent, with as many decimals as the step needs (0.005 → "39.5%")."""
    step = abs(ticks[1] - ticks[0]) * 100 if len(ticks) > 1 else 1.0
    places = _places(round(step, 6))
    return lambda v: f"{v * 100:.{places}f}%".replace("-", "−")


def y_axis(
    values: Sequence[float],
    bounds: tuple[float | None, float | None] = (None, None),
    min_span: float = 0.0,
) -> tuple[float, float, list[float]]:
    """The axis for `values`: (low, high, ticks). It spans at least `min_span` (a flat line is not blown up into
    noise) and never leaves the declared `bounds` (no axis below zero for a value that cannot be negative)."""
    floor, ceiling = bounds
    if values:
        lo, hi = min(values), max(values)
        if hi - lo < min_span:
            middle = (hi + lo) / 2
            lo, hi = middle - min_span / 2, middle + min_span / 2
        pad = (hi - lo) * 0.08 or (abs(hi) * 0.05 or 0.05)
        lo, hi = lo - pad, hi + pad
    else:
        lo, hi = (floor or 0.0), (ceiling if ceiling is not None else 1.0)
    if floor is not None and lo < floor:
        hi, lo = hi + (floor - lo), floor  # keep the span: move up rather than squash
    if ceiling is not None and hi > ceiling:
        lo, hi = max(floor if floor is not None else -math.inf, lo - (hi - ceiling)), ceiling
    ticks = nice_ticks(lo, hi)
    inside = [v for v in ticks if (floor is None or v >= floor - 1e-9) and (ceiling is None or v <= ceiling + 1e-9)]
    ticks = inside if len(inside) >= 2 else ticks
    lo, hi = min(lo, ticks[0]), max(hi, ticks[-1])
    return lo, (hi if hi > lo else lo + 1), ticks


def draw_marker(surface: pygame.Surface, shape: str, centre: tuple[float, float], r: float, colour, background) -> None:
    x, y = centre
    r = max(3.0, r)
    if shape == "circle":
        pygame.draw.circle(surface, colour, (x, y), r)
    elif shape == "square":
        pygame.draw.rect(surface, colour, pygame.Rect(x - r * 0.85, y - r * 0.85, r * 1.7, r * 1.7))
    elif shape == "triangle":
        pygame.draw.polygon(surface, colour, [(x, y - r * 1.1), (x + r, y + r * 0.8), (x - r, y + r * 0.8)])
    elif shape == "down":
        pygame.draw.polygon(surface, colour, [(x, y + r * 1.1), (x + r, y - r * 0.8), (x - r, y - r * 0.8)])
    elif shape == "diamond":
        pygame.draw.polygon(surface, colour, [(x, y - r * 1.2), (x + r * 1.2, y), (x, y + r * 1.2), (x - r * 1.2, y)])
    elif shape == "plus":
        w = max(2, round(r * 0.6))
        pygame.draw.line(surface, colour, (x - r * 1.2, y), (x + r * 1.2, y), w)
        pygame.draw.line(surface, colour, (x, y - r * 1.2), (x, y + r * 1.2), w)
    elif shape == "cross":
        w = max(2, round(r * 0.6))
        pygame.draw.line(surface, colour, (x - r, y - r), (x + r, y + r), w)
        pygame.draw.line(surface, colour, (x - r, y + r), (x + r, y - r), w)
    else:  # hexagon with a hole: still distinct from the circle
        points = [
            (x + r * 1.15 * math.cos(a), y + r * 1.15 * math.sin(a))
            for a in (math.pi / 3 * k + math.pi / 6 for k in range(6))
        ]
        pygame.draw.polygon(surface, colour, points)
        pygame.draw.circle(surface, background, (x, y), r * 0.45)


def _dashed(
    surface: pygame.Surface, colour, a: tuple[float, float], b: tuple[float, float], width: int, dash: float
) -> None:
    length = math.dist(a, b)
    if length == 0:
        return
    dx, dy = (b[0] - a[0]) / length, (b[1] - a[1]) / length
    pos = 0.0
    while pos < length:
        end = min(length, pos + dash)
        p, q = (a[0] + dx * pos, a[1] + dy * pos), (a[0] + dx * end, a[1] + dy * end)
        pygame.draw.line(surface, colour, p, q, width)
        pos += dash * 1.8


def _line(surface, colour, points: list[tuple[float, float]], width: int, dashed: bool, dash: float) -> None:
    if len(points) < 2:
        return
    if dashed:
        for a, b in itertools.pairwise(points):
            _dashed(surface, colour, a, b, width, dash)
        return
    if width > 1:
        pygame.draw.lines(surface, colour, False, points, width)
    pygame.draw.aalines(surface, colour, False, points)


def _legend_layout(scene, series: Sequence[Series], width: int, sample: int) -> list[tuple[int, int, int]]:
    """(row, x offset, width) for each legend item, flowing into as many rows as needed."""
    font = scene.app.font("small")
    gap = scene.app.em
    out, row, x = [], 0, 0
    for label, _, _ in series:
        w = sample + gap // 2 + font.size(label)[0]
        w = min(w, width)
        if x > 0 and x + w > width:
            row, x = row + 1, 0
        out.append((row, x, w))
        x += w + gap
    return out


def draw_line_chart(
    scene,
    surface: pygame.Surface,
    rect: pygame.Rect,
    series: Sequence[Series],
    *,
    y_range: tuple[float, float] | None = None,
    x_labels: Sequence[str] | None = None,
    title: str | None = None,
    y_format: Callable[[float], str] | None = None,
    bounds: tuple[float | None, float | None] = (None, None),
    min_span: float = 0.0,
    unit: str | None = None,
) -> pygame.Rect:
    """Paint a line chart inside `rect`; returns the plot area. Values may be None (a gap in the line). Without a
    `y_range`, the axis comes from the values, at least `min_span` tall and inside the declared `bounds`; `unit`
    "share" labels it in percent."""
    app = scene.app
    pal = app.palette
    em = app.em
    small = app.font("small")
    line_h = small.get_linesize()
    pygame.draw.rect(surface, pal.panel, rect, border_radius=8)
    pygame.draw.rect(surface, pal.border, rect, width=1, border_radius=8)
    inner = rect.inflate(-em * 2, -em * 2)
    top = inner.top
    if title:
        font = app.font("body", True)
        title_h = (
            font.size(title)[1]
            if font.size(title)[0] <= inner.width
            else font.render(title, True, pal.text, None, inner.width).get_height()
        )
        scene.paint_text(surface, title, pygame.Rect(inner.x, top, inner.width, title_h), bold=True, wrap=True)
        top += title_h + em // 2

    # legend at the bottom
    sample = int(em * 2.4)
    layout = _legend_layout(scene, series, inner.width, sample)
    rows = (max(r for r, _, _ in layout) + 1) if layout else 0
    legend_h = rows * (line_h + em // 3)
    legend_top = inner.bottom - legend_h

    # y ticks and their labels
    values = [v for _, vs, _ in series for v in vs if v is not None and math.isfinite(v)]
    if y_range is not None:
        lo, hi = y_range
        ticks = nice_ticks(lo, hi)
        ticks = [v for v in ticks if y_range[0] - 1e-9 <= v <= y_range[1] + 1e-9] or ticks
        lo, hi = min(lo, ticks[0]), max(hi, ticks[-1])
        if hi <= lo:
            hi = lo + 1
    else:
        lo, hi, ticks = y_axis(values, bounds, min_span)
    fmt = y_format or (share_format(ticks) if unit == "share" else default_format(ticks))
    tick_text = [fmt(v) for v in ticks]
    y_label_w = max(small.size(s)[0] for s in tick_text) + em // 2

    count = max((len(vs) for _, vs, _ in series), default=0)
    x_text = [(x_labels[i] if x_labels and i < len(x_labels) else str(i)) for i in range(count)]
    plot = pygame.Rect(inner.x + y_label_w, top + line_h // 2, 0, 0)
    plot.width = max(10, inner.right - plot.x - em // 2)
    plot.height = max(10, legend_top - em // 2 - line_h - em // 3 - plot.y)

    def ypos(v: float) -> float:
        return plot.bottom - (v - lo) / (hi - lo) * plot.height

    def xpos(i: int) -> float:
        return plot.x + (plot.width * (i / (count - 1)) if count > 1 else plot.width / 2)

    # gridlines and y labels
    for v, text in zip(ticks, tick_text, strict=False):
        y = round(ypos(v))
        pygame.draw.line(surface, pal.panel_alt, (plot.x, y), (plot.right, y), 1)
        box = pygame.Rect(inner.x, y - line_h // 2, y_label_w - em // 3, line_h)
        scene.paint_text(surface, text, box, kind="small", colour=pal.muted, align="right")
    pygame.draw.line(surface, pal.border, plot.bottomleft, plot.bottomright, 1)
    pygame.draw.line(surface, pal.border, plot.topleft, plot.bottomleft, 1)

    # x labels: as many as fit without touching
    if count:
        widest = max(small.size(s)[0] for s in x_text) + em // 2
        room = plot.width / max(1, count - 1) if count > 1 else plot.width
        step = max(1, math.ceil(widest / max(1.0, room)))
        for i in range(count):
            if i % step and i != count - 1:
                continue
            if i != count - 1 and count - 1 - i < step and (count - 1) % step:
                continue  # leave room for the last label
            x = round(xpos(i))
            pygame.draw.line(surface, pal.border, (x, plot.bottom), (x, plot.bottom + em // 3), 1)
            w = small.size(x_text[i])[0] + 2
            box = pygame.Rect(0, plot.bottom + em // 3, w, line_h)
            box.centerx = x
            box.left = max(inner.x, box.left)
            box.right = min(rect.right - em // 2, box.right)
            scene.paint_text(surface, x_text[i], box, kind="small", colour=pal.muted, align="center")

    # the lines, then the markers on top
    width = max(2, em // 7)
    radius = max(3.5, em * 0.3)
    clip = surface.get_clip()
    surface.set_clip(plot.inflate(int(radius * 3), int(radius * 3)))
    for k, (_, vs, colour) in enumerate(series):
        segment: list[tuple[float, float]] = []
        for i, v in enumerate(vs):
            if v is None or not math.isfinite(v):
                _line(surface, rgb(colour), segment, width, k % 2 == 1, em * 0.6)
                segment = []
                continue
            segment.append((xpos(i), ypos(v)))
        _line(surface, rgb(colour), segment, width, k % 2 == 1, em * 0.6)
    for k, (_, vs, colour) in enumerate(series):
        for i, v in enumerate(vs):
            if v is not None and math.isfinite(v):
                draw_marker(surface, MARKERS[k % len(MARKERS)], (xpos(i), ypos(v)), radius, rgb(colour), rgb(pal.panel))
    surface.set_clip(clip)

    # legend: a line sample with its marker, then the label
    for (label, _, colour), (row, x, w), k in zip(series, layout, range(len(series)), strict=False):
        y = legend_top + row * (line_h + em // 3)
        sx = inner.x + x
        mid = y + line_h / 2
        _line(surface, rgb(colour), [(sx, mid), (sx + sample, mid)], width, k % 2 == 1, em * 0.6)
        draw_marker(surface, MARKERS[k % len(MARKERS)], (sx + sample / 2, mid), radius, rgb(colour), rgb(pal.panel))
        text_x = sx + sample + em // 2
        box = pygame.Rect(text_x, y, max(1, min(inner.right, inner.x + x + w) - text_x), line_h)
        scene.paint_text(surface, label, box, kind="small")
    return plot
