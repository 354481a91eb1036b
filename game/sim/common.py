"""Small helpers shared by the mechanisms."""

from __future__ import annotations

import numpy as np

from game.sim.state import Households

# Below this many households (one game, a few games), numpy's cost per call outweighs the bytes saved by counting:
# shares are summed as floats there, which gives the very same numbers.
SMALL = 1 << 15


def share(hh: Households, values: np.ndarray) -> np.ndarray:
    """Mean of a household quantity over the households still living in each district: (R, D, H) -> (R, D).
    Booleans are counted: the same whole numbers as summing them as 0/1 floats, at a fraction of the cost."""
    if values.dtype == np.bool_ and values.size >= SMALL:
        return _count(hh, values) / hh.present_count()
    return (values * hh.present).sum(axis=-1) / hh.present_count()


def share_flags(hh: Households, flags: np.ndarray) -> np.ndarray:
    """`share` of a household state stored as 0/1 floats (lock, watch, fear…): counted as booleans, since a sum of
    zeros and ones is the same whole number in any order."""
    return share(hh, flags if flags.size < SMALL else flags != 0)


def share_present(hh: Households, values: np.ndarray) -> np.ndarray:
    """`share` of values already zero wherever nobody lives (a risk, a victim's loss): the very same sums without
    multiplying by `present` again (x * 1 is x, 0 * 0 is 0)."""
    return values.sum(axis=-1) / hh.present_count()


def count(flags: np.ndarray) -> np.ndarray:
    """How many households have the flag, per district: (R, D, H) booleans -> (R, D) float64 whole numbers, the
    same numbers summing them as 0/1 floats gives."""
    return _whole(flags).astype(np.float64)


def _count(hh: Households, flags: np.ndarray) -> np.ndarray:
    """How many present households have the flag, per district: (R, D, H) booleans -> (R, D) whole numbers."""
    return _whole(flags & hh.present_mask())


def _whole(flags: np.ndarray) -> np.ndarray:
    return flags.view(np.uint8).sum(axis=-1, dtype=np.uint16 if flags.shape[-1] < 1 << 16 else np.int64)


def mobilised_share(hh: Households) -> np.ndarray:
    """Share of the city's present households that are mobilised, per run: (R,). Counted (protest and presence
    are 0/1), the same numbers summing them as floats gives."""
    present = hh.present_mask()
    r = present.shape[0]
    mobilised = (hh.protest != 0) & present
    return _whole(mobilised.reshape(r, 1, -1))[:, 0] / np.maximum(_whole(present.reshape(r, 1, -1))[:, 0], 1)


def city_mean(district_values: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Household-weighted mean over districts: (R, D) -> (R,)."""
    return (district_values * weights).sum(axis=-1) / np.maximum(weights.sum(axis=-1), 1e-9)


def sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


def per_run_sum(values: np.ndarray) -> np.ndarray:
    """Sum over everything but the run axis, row by row, so a run's total never depends on the batch size."""
    return values.reshape(values.shape[0], -1).sum(axis=-1)
