"""Random draws with one generator per run, so a run plays the same whether alone or in a batch of a thousand.

Every draw is made run by run from that run's own `numpy.random.Generator` and stacked along the run axis. A
game replayed from its log (one run) therefore meets exactly the draws it met inside `plaza simulate`.
"""

from __future__ import annotations

import numpy as np


class RunRandom:
    def __init__(self, generators: list[np.random.Generator]):
        self.generators = generators
        self._bulk: np.ndarray | None = None  # draws' array, filled afresh by each call

    def __len__(self) -> int:
        return len(self.generators)

    def _each(self, draw, shape: tuple[int, ...]) -> np.ndarray:
        return np.stack([draw(g, shape) for g in self.generators])

    def draws(self, shape: tuple[int, ...]) -> np.ndarray:
        """Uniform [0, 1) draws in single precision, filled in place run by run: the quarter's bulk draws. The
        array is refilled by the next call of the same shape (read it within the quarter; keep only what is
        computed from it): a thousand games' quarter is 100 MB the system need not map and clear every quarter."""
        full = (len(self.generators), *shape)
        if self._bulk is None or self._bulk.shape != full:
            self._bulk = np.empty(full, dtype=np.float32)
        out = self._bulk
        for r, g in enumerate(self.generators):
            g.random(dtype=np.float32, out=out[r])
        return out

    def dealt(self, rows: np.ndarray, counts: np.ndarray) -> np.ndarray:
        """`rows` (D, H), district d's values in its first `counts[d]` places, dealt out afresh in every run: (R, D, H),
        each run's first counts[d] places of row d in its own random order, the places beyond left as they are.
        Districts of one size are shuffled in one call (`Generator.permuted` along the last axis)."""
        out = np.empty((len(self.generators), *rows.shape))
        out[:] = rows
        groups = [(int(c), np.flatnonzero(counts == c)) for c in sorted(set(counts.tolist()))]
        for r, g in enumerate(self.generators):
            for c, districts in groups:
                out[r, districts, :c] = g.permuted(rows[districts, :c], axis=-1)
        return out

    def uniform(self, shape: tuple[int, ...], low: float = 0.0, high: float = 1.0) -> np.ndarray:
        """Shape is per run: (D, H) gives (R, D, H)."""
        return self._each(lambda g, s: g.uniform(low, high, s), shape)
