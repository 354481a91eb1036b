"""Painting the illustrated city map: district shapes from the level's borders, streets, landmarks, names and values.

`MapView` is one level's map at one size (cached: a resize, a text size or a palette change makes another). It holds
the partition (game.ui.map_layout), the grid's place on screen, and the art that never changes with the layer: the
district outlines, the open land, the main roads between bordering districts' centres and a few streets in each.
Each frame `paint_fill` colours every district with its layer's colour (a colour per level of the legend, eased
when it changes) and the scene paints the labels, landmarks and marks on top.

Colour is never alone: every district writes its value, and the legend gives each colour its range of values.
"""

from __future__ import annotations

import math
import zlib
from dataclasses import dataclass, field

import numpy as np
import pygame

from game.ui import map_icons, map_layout
from game.ui.indicators import BETTER, Layer
from game.ui.theme import contrast, rgb

_VIEWS: dict[tuple, MapView] = {}  # a few views, newest last (one per level, size and palette in use)


@dataclass
class Tile:
    """A district on the map as the scene lays it out: its label block (name, value, marks) is also its button."""

    index: int
    rect: pygame.Rect
    name: str
    kind: str
    value: float
    lines: list[str] = field(default_factory=list)  # the name as the label writes it (one or two lines)
    inline: bool = False  # the marks beside the value (a crowded map), not on a row of their own
    small: bool = False  # the value in small type too (the tighter forms, on the most crowded maps)
    row: bool = False  # name, value and marks on one row (the tightest form)


def mix(a, b, t: float) -> tuple[int, int, int]:
    a, b = rgb(a) if isinstance(a, str) else a, rgb(b) if isinstance(b, str) else b
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b, strict=True))  # type: ignore[return-value]


class MapView:
    def __init__(self, level, size: tuple[int, int], cell: int, palette):
        self.cell = cell
        cols, rows = max(8, size[0] // cell), max(8, size[1] // cell)
        self.layout = map_layout.partition(level, cols, rows)
        self.size = (cols * cell, rows * cell)
        self.offset = ((size[0] - self.size[0]) // 2, (size[1] - self.size[1]) // 2)
        self.kinds = [d.kind for d in level.districts]
        self.ids = [d.id for d in level.districts]
        self.palette = palette
        self.art = self._art()
        self.fill: pygame.Surface | None = None  # the districts' colours at this size (paint_fill), reused

    # --- reading ------------------------------------------------------------------------------------------

    def district_at(self, pos: tuple[int, int], origin: tuple[int, int]) -> int | None:
        x = (pos[0] - origin[0] - self.offset[0]) // self.cell
        y = (pos[1] - origin[1] - self.offset[1]) // self.cell
        labels = self.layout.labels
        if 0 <= y < labels.shape[0] and 0 <= x < labels.shape[1] and labels[y, x] >= 0:
            return int(labels[y, x])
        return None

    def px(self, cell_xy, origin: tuple[int, int]) -> tuple[int, int]:
        """The screen pixel at the middle of a cell."""
        return (
            origin[0] + self.offset[0] + int((cell_xy[0] + 0.5) * self.cell),
            origin[1] + self.offset[1] + int((cell_xy[1] + 0.5) * self.cell),
        )

    def spots(self, d: int, clear: float) -> list[tuple[int, int]]:
        """Cells of district d at least `clear` cells inside it, well inside first (for landmarks)."""
        lay = self.layout
        ys, xs = np.nonzero((lay.labels == d) & (lay.depth >= clear))
        if not len(xs):
            return []
        deep = lay.depth[ys, xs] >= clear * 1.6
        if deep.any():
            xs, ys = xs[deep], ys[deep]
        pole = lay.poles[d]
        order = np.lexsort((xs, ys, np.hypot(xs - pole[0], ys - pole[1])))  # near its name, clear of it (the caller)
        return [(int(xs[i]), int(ys[i])) for i in order]

    # --- the art that does not change with the layer -------------------------------------------------------

    def _art(self) -> pygame.Surface:
        p = self.palette
        lay = self.layout
        c = self.cell
        w, h = self.size
        big = np.kron(lay.labels, np.ones((c, c), dtype=np.int16)).T  # x, y per pixel
        surface = pygame.Surface((w, h), pygame.SRCALPHA)
        colour = np.zeros((w, h, 3), dtype=np.uint8)
        alpha = np.zeros((w, h), dtype=np.uint8)
        # open land (no district): a quiet tone of the panel with a dotted texture
        land = big == map_layout.GAP
        colour[land] = rgb(p.panel_alt)
        alpha[land] = 255
        on_x = np.arange(w) % (3 * c) == 0  # a dot every third cell across and down (broadcast: no pixel grids)
        on_y = np.arange(h) % (3 * c) == 0
        dots = land & on_x[:, None] & on_y[None, :]
        colour[dots] = rgb(p.border)
        # outlines: where a pixel's district differs from the next one's, two pixels wide
        edge = np.zeros((w, h), dtype=bool)
        for k in (1, 2):  # three pixels wide: districts of the same colour still read apart
            edge[:-k, :] |= big[:-k, :] != big[k:, :]
            edge[:, :-k] |= big[:, :-k] != big[:, k:]
        edge[1:, :] |= big[:-1, :] != big[1:, :]
        edge[:, 1:] |= big[:, :-1] != big[:, 1:]
        colour[edge] = rgb(p.text)
        alpha[edge] = 200
        pygame.surfarray.blit_array(surface, colour)
        pygame.surfarray.pixels_alpha(surface)[:] = alpha
        self._streets(surface)
        return surface

    def _streets(self, surface: pygame.Surface) -> None:
        """Main roads from centre to centre across each border; a few local streets in each district."""
        lay = self.layout
        road = (255, 255, 255, 150)
        casing = (*rgb(self.palette.text), 70)
        c = self.cell
        width = max(3, c)

        def at(cell_xy) -> tuple[int, int]:
            return int((cell_xy[0] + 0.5) * c), int((cell_xy[1] + 0.5) * c)

        lines = []
        for a, b in lay.edges:
            contact = lay.contacts.get((a, b))
            if contact is not None:
                lines.append(([at(lay.poles[a]), at(contact), at(lay.poles[b])], width))
        for d, district_id in enumerate(self.ids):
            turn = zlib.crc32(district_id.encode())
            count = 2 if self.kinds[d] == "rural" else 3
            for k in range(count):
                angle = (turn % 360) * math.pi / 180 + k * 2 * math.pi / count
                pts = [at(lay.poles[d])]
                x, y = lay.poles[d]
                for _ in range(max(4, int(lay.depth[int(y), int(x)] * 0.8))):  # a short street, inside the district
                    nx, ny = x + math.cos(angle), y + math.sin(angle)
                    cx, cy = round(nx), round(ny)
                    if not (0 <= cy < lay.labels.shape[0] and 0 <= cx < lay.labels.shape[1]):
                        break
                    if lay.labels[cy, cx] != d or lay.depth[cy, cx] < 3:
                        break
                    x, y = nx, ny
                pts.append(at((x, y)))
                if math.dist(pts[0], pts[1]) > 2 * c:
                    lines.append((pts, max(2, width // 2)))
        for pts, wd in lines:
            pygame.draw.lines(surface, casing, False, pts, wd + 2)
        for pts, wd in lines:
            pygame.draw.lines(surface, road, False, pts, wd)


def view(level, size: tuple[int, int], em: int, palette) -> MapView:
    """The map of `level` for an area of `size` pixels (cached per level, size, text size and palette)."""
    cell = max(3, min(size) // 80)
    key = (level.id, size, cell, palette.name, em)
    found = _VIEWS.pop(key, None) or MapView(level, size, cell, palette)
    _VIEWS[key] = found
    while len(_VIEWS) > 6:
        _VIEWS.pop(next(iter(_VIEWS)))
    return found


# --- colours --------------------------------------------------------------------------------------------------


# The colour-blind palette's own ramp goes blue to orange, and its second step is darker than its third: fine for
# telling steps apart, but a map must read in order by lightness alone. The map takes a sequential ramp instead
# (ColorBrewer YlOrBr, safe for the common colour-vision deficiencies): worse is always darker and warmer.
MAP_RAMPS = {"colourblind": ("#ffffd4", "#fed98e", "#fe9929", "#d95f0e", "#993404")}


def ramp(palette) -> tuple[str, ...]:
    """The map's five colours, least concern first (tests/ui/test_map.py checks each is darker than the last)."""
    return MAP_RAMPS.get(palette.name, palette.ramp)


def ink(palette, colour: str) -> str:
    """Text on a map colour: the palette's text where it reads (4.5:1), else white."""
    return palette.text if contrast(palette.text, colour) >= 4.5 else "#ffffff"


def layer_colour(palette, layer: Layer, level: int) -> tuple[int, int, int]:
    """The map colour of a level (0 lowest value … 4 highest): worse always darker and warmer."""
    concern = 4 - level if layer.spec.better == BETTER else level
    return rgb(ramp(palette)[concern])


def ease(t: float) -> float:
    """Smooth start and stop, for colours and numbers that change."""
    t = min(1.0, max(0.0, t))
    return t * t * (3 - 2 * t)


def paint_fill(surface: pygame.Surface, mv: MapView, origin: tuple[int, int], colours: list) -> None:
    """Each district in its colour (a list of RGB, one per district), then the outlines, land and streets."""
    lay = mv.layout
    table = np.zeros((len(colours) + 1, 3), dtype=np.uint8)
    table[0] = rgb(mv.palette.panel_alt)
    for i, colour in enumerate(colours):
        table[i + 1] = colour
    grid = table[lay.labels.astype(int) + 1]  # rows, cols, 3
    small = pygame.surfarray.make_surface(np.ascontiguousarray(grid.transpose(1, 0, 2)))
    # scaled into the view's own picture, made once: a new one every frame was a big block to map and fault in
    if mv.fill is None:
        mv.fill = pygame.transform.scale(small, mv.size)
    else:
        pygame.transform.scale(small, mv.size, mv.fill)
    image = mv.fill
    at = (origin[0] + mv.offset[0], origin[1] + mv.offset[1])
    surface.blit(image, at)
    surface.blit(mv.art, at)


def paint_landmarks(surface, mv: MapView, origin, placed: list[tuple[str, tuple[int, int]]], size: int) -> None:
    p = mv.palette
    for name, centre in placed:
        map_icons.draw_landmark(surface, name, centre, size, rgb(p.text), rgb(p.panel))


def place_landmarks(mv: MapView, origin, size: int, avoid: list[pygame.Rect], per_district: int = 3):
    """Two or three landmarks a district, where they fit inside it and clear of the labels; the same every time."""
    placed: list[tuple[str, tuple[int, int]]] = []
    taken: list[pygame.Rect] = list(avoid)
    clear = (size / 2 + 3) / mv.cell
    for d, district_id in enumerate(mv.ids):
        names = map_icons.landmarks(district_id, mv.kinds[d], per_district)
        spots = mv.spots(d, clear)
        for name in names:
            for spot in spots:
                centre = mv.px(spot, origin)
                box = pygame.Rect(0, 0, size + 8, size + 8)
                box.center = centre
                if box.collidelist(taken) < 0:
                    placed.append((name, centre))
                    taken.append(box.inflate(size, size))
                    break
    return placed


def fit(font: pygame.font.Font, text: str, width: int) -> str:
    """`text`, cut with an ellipsis if it is wider than `width` (the story card has the whole name)."""
    if font.size(text)[0] <= width:
        return text
    while text and font.size(text + "…")[0] > width:
        text = text[:-1]
    return text.rstrip() + "…" if text else ""


def wrap(font: pygame.font.Font, text: str, width: int, lines: int) -> list[str]:
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
    return [fit(font, line, width) for line in out]


def paint_legend(scene, surface: pygame.Surface, rect: pygame.Rect, layer: Layer, ranges: list[str]) -> None:
    """Five swatches from the lowest value to the highest, each with its range of values."""
    app = scene.app
    p = app.palette
    small = app.font("small")
    gap = max(3, app.em // 4)
    w = (rect.width - 4 * gap) // 5
    for level in range(5):
        concern = 4 - level if layer.spec.better == BETTER else level
        box = pygame.Rect(rect.x + level * (w + gap), rect.y, w, rect.height)
        colour = ramp(p)[concern]
        pygame.draw.rect(surface, colour, box, border_radius=4)
        pygame.draw.rect(surface, p.border, box, width=1, border_radius=4)
        text = fit(small, ranges[level], box.width - 4)
        if text:
            scene.paint_text(surface, text, box.inflate(-4, 0), kind="small", colour=ink(p, colour), align="center")
