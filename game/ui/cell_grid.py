"""The few operations on a grid of cells the city map's layout needs (game.ui.map_layout), in numpy alone.

They were scipy.ndimage's (distance_transform_edt, uniform_filter, binary_dilation, label). Importing
scipy.ndimage costs the game's process about 14 MB and 160 modules (numpy.testing and unittest among them) for four
calls on a grid of a few thousand cells, at the first screen of a game, where the peak memory of a game is made.
Each here gives exactly what scipy's gave on the map's grids; tests/ui/test_map.py checks them against scipy.

- `distance_inside(mask)`: for each True cell, the exact Euclidean distance to the nearest False cell or to the
  grid's edge (scipy's distance transform of the mask padded with False). Computed the separable way (Meijster et
  al.): squared distances down each column, then along each row the least of those plus the steps across, by brute
  force over the mask's bounding box, a few rows at a time.
- `near4(mask)`: the cells next to the mask (sharing an edge) and not in it.
- `box_count(mask)`: how many cells of the 3 × 3 box around each cell are True (outside the grid counts False).
- `one_piece(mask)`: are the True cells connected by edges (one piece, or none)?
"""

from __future__ import annotations

import numpy as np

_CHUNK = 8  # rows at a time in the row pass: its temporary is 8 × width² small integers


def distance_inside(mask: np.ndarray) -> np.ndarray:
    out = np.zeros(mask.shape)
    ys, xs = np.nonzero(mask)
    if not len(ys):
        return out
    y0, y1, x0, x1 = ys.min(), ys.max() + 1, xs.min(), xs.max() + 1
    # the bounding box with a ring of False around it: no cell outside the ring is nearer than the ring itself
    box = np.pad(mask[y0:y1, x0:x1], 1)
    h, w = box.shape
    # down each column: the squared distance to the nearest False cell of the column (the ring's ends have one)
    row = np.arange(h)[:, None]
    above = np.maximum.accumulate(np.where(box, -h, row), axis=0)  # the last False cell at or above
    below = np.minimum.accumulate(np.where(box, 2 * h, row)[::-1], axis=0)[::-1]  # the first at or below
    column = (np.minimum(row - above, below - row) ** 2).astype(np.int32)
    # along each row: the nearest of those, counting the steps across
    dx = np.arange(w, dtype=np.int32)
    across = (dx[:, None] - dx[None, :]) ** 2  # (column, other column)
    squared = np.empty((h, w), dtype=np.int32)
    for start in range(0, h, _CHUNK):
        part = column[start : start + _CHUNK]
        squared[start : start + _CHUNK] = (part[:, None, :] + across[None, :, :]).min(axis=2)
    distance = np.sqrt(squared[1:-1, 1:-1].astype(float))
    out[y0:y1, x0:x1] = np.where(mask[y0:y1, x0:x1], distance, 0.0)
    return out


def near4(mask: np.ndarray) -> np.ndarray:
    grown = mask.copy()
    grown[1:, :] |= mask[:-1, :]
    grown[:-1, :] |= mask[1:, :]
    grown[:, 1:] |= mask[:, :-1]
    grown[:, :-1] |= mask[:, 1:]
    return grown & ~mask


def box_count(mask: np.ndarray) -> np.ndarray:
    padded = np.pad(mask.astype(np.int8), 1)
    rows, cols = mask.shape
    return sum(padded[dy : dy + rows, dx : dx + cols] for dy in range(3) for dx in range(3))  # type: ignore[return-value]


def one_piece(mask: np.ndarray) -> bool:
    ys, xs = np.nonzero(mask)
    if not len(ys):
        return True
    reached = np.zeros_like(mask)
    reached[ys[0], xs[0]] = True
    count = 1
    while True:  # grow from one cell, a step at a time, inside the mask
        reached |= near4(reached) & mask
        now = int(reached.sum())
        if now == count:
            return now == len(ys)
        count = now
