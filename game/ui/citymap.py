"""Painting the district map: one tile per district, coloured by the chosen layer, with a second cue.

Each tile shows the district's name and kind, the layer's value as a number with its level in words
("high"), and a bar of five blocks filled up to the level, so the map reads without colour too. The selected
district gets a thick outline and a corner marker. The tiles' places are computed from the number of districts
(levels hold 3 to 12); the scene puts an invisible button on each tile for clicks, focus and tooltips.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from game.ui.indicators import BETTER, Layer, concern_of, fmt, grid, level_of
from game.ui.theme import ramp_text


@dataclass
class Tile:
    index: int
    rect: pygame.Rect
    name: str
    kind: str
    value: float


def layout(count: int, area: pygame.Rect, gap: int, needs=None) -> list[pygame.Rect]:
    """Tile rectangles for `count` districts filling `area`, row by row.

    `needs(width)` is the height a tile of that width needs for its text; the grid with the biggest tiles that
    all have that height wins (or, if none has, the one that comes closest).
    """
    if count <= 0 or area.width <= 0 or area.height <= 0:
        return []
    cols, rows = grid(count, area.width, area.height)
    if needs is not None:
        best, best_score = None, None
        for c in range(1, count + 1):
            r = -(-count // c)
            w = (area.width - gap * (c - 1)) / c
            h = (area.height - gap * (r - 1)) / r
            need = needs(int(w))
            fits = h >= need
            score = (fits, min(w, h * 1.6) if fits else h / max(1, need))
            if best_score is None or score > best_score:
                best, best_score = (c, r), score
        cols, rows = best
    w = (area.width - gap * (cols - 1)) // cols
    h = (area.height - gap * (rows - 1)) // rows
    return [pygame.Rect(area.x + (i % cols) * (w + gap), area.y + (i // cols) * (h + gap), w, h) for i in range(count)]


def tile_height(app, names: list[str], width: int) -> int:
    """The height a tile of `width` needs to show every name (in up to two lines), the value and the bar."""
    em = app.em
    pad = max(4, em // 2)
    inner = width - 2 * pad
    name_font = app.font("body", True)
    lines = max((_count_lines(name_font, name, inner) for name in names), default=1)
    if lines > 2:
        return 10**6  # a name needs three lines: too narrow
    return (
        2 * pad
        + lines * name_font.get_linesize()
        + app.font("heading", True).get_linesize()
        + max(6, em // 2)
        + pad // 2
    )


def _fit(font: pygame.font.Font, text: str, width: int) -> str:
    """`text`, cut with an ellipsis if it is wider than `width` (the tile's tooltip has the whole name)."""
    if font.size(text)[0] <= width:
        return text
    while text and font.size(text + "…")[0] > width:
        text = text[:-1]
    return text.rstrip() + "…" if text else ""


def _count_lines(font: pygame.font.Font, text: str, width: int) -> int:
    """How many lines `text` needs at `width` (a word wider than the width counts as too many)."""
    words = text.split()
    if any(font.size(w)[0] > width for w in words):
        return 10**3
    lines, line = 0, ""
    for word in words:
        trial = f"{line} {word}".strip()
        if line and font.size(trial)[0] > width:
            lines, line = lines + 1, word
        else:
            line = trial
    return lines + 1


def _wrap(font: pygame.font.Font, text: str, width: int, lines: int) -> list[str]:
    """Words in at most `lines` lines of `width`; the last line ends with … if the text does not fit."""
    words = text.split()
    out: list[str] = []
    while words and len(out) < lines:
        line = words.pop(0)
        while words and font.size(line + " " + words[0])[0] <= width:
            line += " " + words.pop(0)
        out.append(line)
    if words and out:
        out[-1] = out[-1] + " " + " ".join(words)
    return [_fit(font, line, width) for line in out]


def paint_tiles(
    scene, surface: pygame.Surface, tiles: list[Tile], layer: Layer, selected: int, level_words: list[str]
) -> None:
    app = scene.app
    p = app.palette
    em = app.em
    t = scene.t
    name_font = app.font("body", True)
    small = app.font("small")
    big = app.font("heading", True)
    for tile in tiles:
        concern = concern_of(layer, tile.value)
        colour = p.ramp[concern]
        ink = ramp_text(p, concern)
        rect = tile.rect
        pygame.draw.rect(surface, colour, rect, border_radius=8)
        pygame.draw.rect(surface, p.border, rect, width=1, border_radius=8)
        pad = max(4, em // 2)
        inner = rect.inflate(-2 * pad, -2 * pad)
        # what fits, most important first: value, name, the name's second line, bar, kind
        name_h = name_font.get_linesize()
        small_h = small.get_linesize()
        value_h = big.get_linesize()
        bar_h = max(6, em // 2)
        room = inner.height - value_h
        name_lines = 0
        show_bar = show_kind = False
        if room >= name_h:
            name_lines, room = 1, room - name_h
        if room >= name_h and name_font.size(tile.name)[0] > inner.width:
            name_lines, room = 2, room - name_h
        if room >= bar_h + pad // 2:
            show_bar, room = True, room - bar_h - pad // 2
        if room >= small_h:
            show_kind, room = True, room - small_h
        y = inner.y
        for line in _wrap(name_font, tile.name, inner.width, name_lines) if name_lines else []:
            scene.paint_text(surface, line, pygame.Rect(inner.x, y, inner.width, name_h), bold=True, colour=ink)
            y += name_h
        if show_kind and small.size(tile.kind)[0] <= inner.width:
            scene.paint_text(
                surface, tile.kind, pygame.Rect(inner.x, y, inner.width, small_h), kind="small", colour=ink
            )
            y += small_h
        # the value and its level in words, on one line when they fit
        value_text = fmt(t, layer.spec.unit, tile.value)
        level = level_of(layer, tile.value)
        word = level_words[level]
        vw = big.size(value_text)[0]
        scene.paint_text(
            surface,
            value_text,
            pygame.Rect(inner.x, y, min(inner.width, vw + 2), value_h),
            kind="heading",
            bold=True,
            colour=ink,
        )
        rest = inner.width - vw - em // 2
        if rest > 0 and small.size(word)[0] <= rest:
            fitted = word
            if fitted:
                scene.paint_text(
                    surface, fitted, pygame.Rect(inner.x + vw + em // 2, y, rest, value_h), kind="small", colour=ink
                )
        y += value_h
        if show_bar:
            y += pad // 2
            _paint_blocks(surface, pygame.Rect(inner.x, y, min(inner.width, 10 * em), bar_h), level + 1, ink)
        if tile.index == selected:
            pygame.draw.rect(surface, p.text, rect.inflate(2, 2), width=4, border_radius=9)
            corner = [
                (rect.right - 4, rect.bottom - 4),
                (rect.right - 4 - em, rect.bottom - 4),
                (rect.right - 4, rect.bottom - 4 - em),
            ]
            pygame.draw.polygon(surface, p.text, corner)


def _paint_blocks(surface: pygame.Surface, rect: pygame.Rect, filled: int, ink: str) -> None:
    """Five blocks, `filled` of them solid: the level without colour."""
    gap = max(2, rect.height // 3)
    w = (rect.width - 4 * gap) // 5
    for i in range(5):
        block = pygame.Rect(rect.x + i * (w + gap), rect.y, w, rect.height)
        if i < filled:
            pygame.draw.rect(surface, ink, block, border_radius=2)
        else:
            pygame.draw.rect(surface, ink, block, width=1, border_radius=2)


def paint_legend(scene, surface: pygame.Surface, rect: pygame.Rect, layer: Layer, ranges: list[str]) -> None:
    """Five swatches from least to most concern, each with its range of values and its number of blocks."""
    app = scene.app
    p = app.palette
    small = app.font("small")
    gap = max(3, app.em // 4)
    w = (rect.width - 4 * gap) // 5
    for level in range(5):
        i = level
        concern = 4 - level if layer.spec.better == BETTER else level
        box = pygame.Rect(rect.x + i * (w + gap), rect.y, w, rect.height)
        pygame.draw.rect(surface, p.ramp[concern], box, border_radius=4)
        pygame.draw.rect(surface, p.border, box, width=1, border_radius=4)
        ink = ramp_text(p, concern)
        text = _fit(small, ranges[level], box.width - 4)
        if text:
            scene.paint_text(surface, text, box.inflate(-4, 0), kind="small", colour=ink, align="center")
