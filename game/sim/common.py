"""Small helpers shared by the mechanisms."""

from __future__ import annotations

import numpy as np

from game.sim.state import Households


def share(hh: Households, values: np.ndarray) -> np.ndarray:
    """Mean of a household quantity over the households still living in each district: (R, D, H) -> (R, D)."""
    return (values * hh.present).sum(axis=-1) / hh.present_count()


def city_mean(district_values: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Household-weighted mean over districts: (R, D) -> (R,)."""
    return (district_values * weights).sum(axis=-1) / np.maximum(weights.sum(axis=-1), 1e-9)


def sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


def per_run_sum(values: np.ndarray) -> np.ndarray:
    """Sum over everything but the run axis, row by row, so a run's total never depends on the batch size."""
    return values.reshape(values.shape[0], -1).sum(axis=-1)
