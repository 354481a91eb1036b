"""The map layout's grid operations (game/ui/cell_grid.py) give exactly what scipy.ndimage's gave: the game's process
no longer imports scipy for them, the tests still check them against it."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest
from scipy import ndimage

from game.ui import cell_grid, map_layout
from tests.ui.harness import shipped_content

CROSS = ndimage.generate_binary_structure(2, 1)


def masks():
    """Random blobs of every density and shape, and each district of every shipped level's map."""
    rng = np.random.default_rng(17)
    for rows, cols in ((1, 1), (1, 9), (9, 1), (12, 20), (40, 25), (70, 150)):
        for density in (0.0, 0.3, 0.7, 0.95, 1.0):
            yield rng.random((rows, cols)) < density
    for level in shipped_content().levels.values():
        labels = map_layout.partition(level, 120, 68).labels
        for d in range(len(level.districts)):
            yield labels == d
        yield labels == map_layout.GAP


@pytest.mark.parametrize("mask", list(masks()))
def test_the_grid_operations_match_scipys(mask):
    assert np.array_equal(cell_grid.distance_inside(mask), ndimage.distance_transform_edt(np.pad(mask, 1))[1:-1, 1:-1])
    assert np.array_equal(cell_grid.near4(mask), ndimage.binary_dilation(mask, structure=CROSS) & ~mask)
    box = ndimage.uniform_filter(mask.astype(float), 3, mode="constant") * 9
    assert np.array_equal(cell_grid.box_count(mask), np.round(box))
    assert cell_grid.one_piece(mask) == (ndimage.label(mask)[1] <= 1)


def test_the_games_process_does_not_import_scipy():
    code = "import sys, game.ui.citymap, game.ui.scenes.city; print(any(m.startswith('scipy') for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
