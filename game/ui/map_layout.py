"""The city map's geography, generated from the level file: where each district lies and which cells are its own.

No pygame here, only numpy (and game.ui.cell_grid's distances and neighbours): `partition(level, cols, rows)`
returns a `Layout`, a grid of cells each owned by one district (or by none: open land, parks and the river between
districts that do not touch). The level declares which districts border which (`borders:`); the layout honours it
both ways:

1. Seeds. A small force layout places one seed per district so that bordering districts sit near each other and
   the straight lines between them do not cross (the border graph drawn flat). It is seeded from the level's id
   and its borders, so the same level always gets the same map.
2. Skeleton. Each border u–v is drawn as a line of cells from u's seed to v's: the half near u is u's, the half
   near v is v's, so the two districts touch at its middle.
3. Growth. Districts grow ring by ring from their skeletons (so the shapes look like a Voronoi partition), but a
   cell is never taken next to a district that does not border the taker: those stay open land.

The result is cached per level and grid size. `adjacency(labels)` reads which districts share an edge, for the
tests (tests/ui/test_map.py checks it against every shipped level's borders).
"""

from __future__ import annotations

import functools
import heapq
import zlib
from dataclasses import dataclass

import numpy as np

from game.ui import cell_grid

GAP = -1  # a cell no district owns
RURAL_REACH = 1.35  # a rural district spreads wider than a town district (fields take room)


@dataclass(frozen=True)
class Layout:
    ids: tuple[str, ...]
    labels: np.ndarray  # rows × cols, a district's index or GAP
    seeds: np.ndarray  # n × 2, (x, y) in cells
    poles: np.ndarray  # n × 2: the cell of each district farthest inside it, where its name goes
    depth: np.ndarray  # rows × cols: how many cells from the edge of its district each cell lies
    edges: tuple[tuple[int, int], ...]  # the declared borders, as index pairs (a < b)
    contacts: dict[tuple[int, int], tuple[int, int]]  # (a, b) -> a cell (x, y) of a on its border with b
    crossings: int  # border lines that had to cross in the seed layout (0 when the border graph is planar)


def border_pairs(level) -> tuple[tuple[int, int], ...]:
    """The declared borders as sorted index pairs; a border listed on one side counts for both."""
    ids = [d.id for d in level.districts]
    pairs = set()
    for i, district in enumerate(level.districts):
        for other in district.borders:
            if other in ids and other != district.id:
                j = ids.index(other)
                pairs.add((min(i, j), max(i, j)))
    return tuple(sorted(pairs))


def _crosses(p, q, r, s) -> bool:
    """Do segments pq and rs properly cross?"""

    def orient(a, b, c) -> float:
        return float((b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]))

    d1, d2, d3, d4 = orient(r, s, p), orient(r, s, q), orient(p, q, r), orient(p, q, s)
    return d1 * d2 < 0 and d3 * d4 < 0


def _point_segment(p, a, b) -> float:
    ab = b - a
    t = np.clip(np.dot(p - a, ab) / max(1e-12, float(np.dot(ab, ab))), 0.0, 1.0)
    return float(np.linalg.norm(p - (a + t * ab)))


def _score(pos: np.ndarray, edges) -> tuple[int, float]:
    """(crossings, -clearance): fewer crossings first, then seeds kept well clear of borders they are not on."""
    crossings = 0
    for i, (a, b) in enumerate(edges):
        for c, d in edges[i + 1 :]:
            if len({a, b, c, d}) == 4 and _crosses(pos[a], pos[b], pos[c], pos[d]):
                crossings += 1
    clearance = 1.0
    n = len(pos)
    for k in range(n):
        for a, b in edges:
            if k not in (a, b):
                clearance = min(clearance, _point_segment(pos[k], pos[a], pos[b]))
        for j in range(k + 1, n):
            clearance = min(clearance, float(np.linalg.norm(pos[k] - pos[j])))
    return crossings, -clearance


def _force_layout(n: int, edges, rng: np.random.Generator, steps: int = 250) -> np.ndarray:
    """Fruchterman–Reingold in the unit square: bordering seeds pull, all push apart, a weak pull to the middle."""
    pos = rng.random((n, 2))
    ends = np.array(edges, dtype=int).reshape(-1, 2)
    k = 1.0 / np.sqrt(n)
    temp = 0.12
    for _ in range(steps):
        delta = pos[:, None, :] - pos[None, :, :]
        dist = np.maximum(np.linalg.norm(delta, axis=2), 1e-3)
        push = (k * k / dist**2)[:, :, None] * delta
        move = push.sum(axis=1)
        if len(ends):
            d = pos[ends[:, 0]] - pos[ends[:, 1]]
            pull = d * np.linalg.norm(d, axis=1)[:, None] / k
            np.add.at(move, ends[:, 0], -pull)
            np.add.at(move, ends[:, 1], pull)
        move += (0.5 - pos) * 0.3
        length = np.maximum(np.linalg.norm(move, axis=1), 1e-9)[:, None]
        pos = pos + move / length * np.minimum(length, temp)
        temp = max(0.004, temp * 0.985)
    return pos


@functools.lru_cache(maxsize=32)
def _seeds(level_id: str, n: int, edges: tuple[tuple[int, int], ...], seed: int) -> tuple[np.ndarray, int]:
    """Seed positions in the unit square (long side along x) and the crossings left among border lines."""
    if n == 1:
        return np.array([[0.5, 0.5]]), 0
    rng = np.random.default_rng(seed)
    best, best_score = None, None
    for _ in range(16):  # a few starts; keep the flattest, roomiest drawing
        pos = _force_layout(n, edges, rng)
        pos = pos - pos.mean(axis=0)
        # turn the drawing so its long axis lies along x (the map is wider than tall in most windows)
        _, vecs = np.linalg.eigh(np.cov(pos.T) + np.eye(2) * 1e-9)
        pos = pos @ vecs[:, ::-1]
        span = np.maximum(pos.max(axis=0) - pos.min(axis=0), 1e-6)
        pos = (pos - pos.min(axis=0)) / span.max()
        score = _score(pos, edges)
        if best_score is None or score < best_score:
            best, best_score = pos, score
    assert best is not None and best_score is not None
    return best, best_score[0]


def _line(a: np.ndarray, b: np.ndarray) -> list[tuple[int, int]]:
    """Cells from a to b, each sharing an edge with the next (so the two halves of a border really touch)."""
    x0, y0 = round(a[0]), round(a[1])
    x1, y1 = round(b[0]), round(b[1])
    cells = [(x0, y0)]
    x, y = x0, y0
    while (x, y) != (x1, y1):
        # step along the axis that keeps the path closest to the straight line
        options = []
        if x != x1:
            options.append((x + (1 if x1 > x else -1), y))
        if y != y1:
            options.append((x, y + (1 if y1 > y else -1)))
        x, y = min(options, key=lambda c: abs((c[0] - x0) * (y1 - y0) - (c[1] - y0) * (x1 - x0)))
        cells.append((x, y))
    return cells


@functools.lru_cache(maxsize=48)
def _partition(key: tuple, cols: int, rows: int) -> Layout:
    level_id, ids, kinds, edges = key
    n = len(ids)
    unit, crossings = _seeds(level_id, n, edges, zlib.crc32(f"{level_id}|{edges}".encode()))
    if rows > cols:  # a tall map: lay the drawing's long axis along y
        unit = unit[:, ::-1].copy()
    # fit the drawing into the grid with a margin (an affine map: lines that did not cross still do not)
    margin_x, margin_y = max(3, cols * 0.12), max(3, rows * 0.14)
    span = np.maximum(unit.max(axis=0) - unit.min(axis=0), 1e-6)
    norm = (unit - unit.min(axis=0)) / span
    norm[:, 0] = norm[:, 0] if span[0] > 1e-3 else 0.5
    norm[:, 1] = norm[:, 1] if span[1] > 1e-3 else 0.5
    seeds = np.column_stack(
        [margin_x + norm[:, 0] * (cols - 1 - 2 * margin_x), margin_y + norm[:, 1] * (rows - 1 - 2 * margin_y)]
    )
    nb = [set() for _ in range(n)]
    for a, b in edges:
        nb[a].add(b)
        nb[b].add(a)
    labels = np.full((rows, cols), GAP, dtype=np.int16)

    def allowed(d: int, x: int, y: int) -> bool:
        if not (0 <= x < cols and 0 <= y < rows):
            return False
        if labels[y, x] != GAP:
            return bool(labels[y, x] == d)
        near = labels[max(0, y - 1) : y + 2, max(0, x - 1) : x + 2]
        return not any(int(o) != d and int(o) != GAP and int(o) not in nb[d] for o in near.ravel())

    for d in range(n):
        x, y = round(seeds[d, 0]), round(seeds[d, 1])
        if allowed(d, x, y):
            labels[y, x] = d
    # the skeleton: each border's line, half to each side, painted from the seeds outwards
    for a, b in edges:
        cells = _line(seeds[a], seeds[b])
        half = len(cells) // 2
        for d, part in ((a, cells[:half]), (b, list(reversed(cells[half:])))):
            for x, y in part:
                if not allowed(d, x, y):
                    break
                labels[y, x] = d
    # growth from the skeletons, nearest cells first (a Voronoi-like partition with wavy borders): a district takes
    # a free cell next to it unless a district it does not border is next to that cell
    yy, xx = np.mgrid[0:rows, 0:cols]
    reach = np.array([RURAL_REACH if k == "rural" else 1.0 for k in kinds])
    spacing = float(np.median([np.hypot(*(seeds[a] - seeds[b])) for a, b in edges])) if edges else min(cols, rows) / 2
    rng = np.random.default_rng(zlib.crc32(f"{level_id}|{cols}x{rows}".encode()))
    dist = np.stack(
        [np.hypot(xx - seeds[d, 0], yy - seeds[d, 1]) / reach[d] + _waves(rng, xx, yy, spacing) for d in range(n)]
    )
    edge_of_city = max(spacing * 1.1, min(cols, rows) * 0.35) + _waves(rng, xx, yy, spacing)
    city = (dist.min(axis=0) <= edge_of_city) & (xx > 0) & (yy > 0) & (xx < cols - 1) & (yy < rows - 1)
    heap: list[tuple[float, int, int, int]] = []
    for y, x in zip(*np.nonzero(labels != GAP), strict=True):
        _push_around(heap, dist, labels, int(labels[y, x]), int(x), int(y))
    while heap:
        _, d, x, y = heapq.heappop(heap)
        if labels[y, x] != GAP or not city[y, x] or not allowed(d, x, y):
            continue
        labels[y, x] = d
        _push_around(heap, dist, labels, d, x, y)
    labels = _smooth(labels, nb)
    depth = np.zeros((rows, cols))
    poles = np.zeros((n, 2))
    for d in range(n):
        edt = cell_grid.distance_inside(labels == d)
        depth = np.where(labels == d, edt, depth)
        # the name goes where the district is widest, nudged towards its seed
        score = edt - 0.08 * np.hypot(xx - seeds[d, 0], yy - seeds[d, 1])
        score = np.where(labels == d, score, -np.inf)
        y, x = np.unravel_index(int(np.argmax(score)), score.shape)
        poles[d] = (x, y)
    contacts: dict[tuple[int, int], tuple[int, int]] = {}
    for a, b in edges:
        ys, xs = np.nonzero((labels == a) & cell_grid.near4(labels == b))
        if len(xs):
            mid = (seeds[a] + seeds[b]) / 2
            k = int(np.argmin(np.hypot(xs - mid[0], ys - mid[1])))
            contacts[(a, b)] = (int(xs[k]), int(ys[k]))
    return Layout(ids, labels, seeds, poles, depth, edges, contacts, crossings)


def _waves(rng: np.random.Generator, xx: np.ndarray, yy: np.ndarray, spacing: float) -> np.ndarray:
    """Smooth deterministic wobble (a few sine waves), so borders and the city's edge are not ruler-straight."""
    out = np.zeros(xx.shape)
    for _ in range(3):
        fx, fy = rng.uniform(-1, 1, 2) * 2 * np.pi / max(4.0, spacing * rng.uniform(0.6, 1.4))
        out += np.sin(xx * fx + yy * fy + rng.uniform(0, 2 * np.pi))
    return out * spacing * 0.1


def _push_around(heap: list, dist: np.ndarray, labels: np.ndarray, d: int, x: int, y: int) -> None:
    rows, cols = labels.shape
    for nx, ny in ((x + 1, y), (x - 1, y), (x, y + 1), (x, y - 1)):
        if 0 <= nx < cols and 0 <= ny < rows and labels[ny, nx] == GAP:
            heapq.heappush(heap, (float(dist[d, ny, nx]), d, nx, ny))


def _smooth(labels: np.ndarray, nb: list[set[int]]) -> np.ndarray:
    """Give lone cells and one-cell spurs to the district around them; kept only if no border is won or lost."""
    before = adjacency(labels)
    out = labels.copy()
    n = len(nb)
    counts = np.stack([cell_grid.box_count(labels == d) for d in range(n)])
    best = counts.argmax(axis=0)
    own = np.take_along_axis(counts, np.clip(labels, 0, None)[None].astype(int), axis=0)[0]
    lone = (labels != GAP) & (own <= 3.5) & (counts.max(axis=0) >= 5.5) & (best != labels)
    out[lone] = best[lone]
    if adjacency(out) != before:
        return labels
    for d in range(n):  # each district still in one piece
        if not cell_grid.one_piece(out == d):
            return labels
    return out


def partition(level, cols: int, rows: int) -> Layout:
    """The districts of `level` on a cols × rows grid (cached: the same level and size give the same object)."""
    ids = tuple(d.id for d in level.districts)
    kinds = tuple(d.kind for d in level.districts)
    return _partition((level.id, ids, kinds, border_pairs(level)), max(8, cols), max(8, rows))


def adjacency(labels: np.ndarray) -> set[tuple[int, int]]:
    """Pairs of districts (a < b) whose cells share an edge."""
    pairs: set[tuple[int, int]] = set()
    for a, b in ((labels[:, :-1], labels[:, 1:]), (labels[:-1, :], labels[1:, :])):
        both = (a != b) & (a != GAP) & (b != GAP)
        for x, y in zip(a[both].tolist(), b[both].tolist(), strict=True):
            pairs.add((min(x, y), max(x, y)))
    return pairs
