"""How many households live in each district at a moment of the game: the weights of every city-wide figure.

The model weighs a district by the households living there, its homes less the families who left (game.sim.households
keeps `district.displaced` = 1 - living / homes), and so must every screen, report and chart that turns district
values into one city figure. A snapshot of the indicators (the start's, or a turn record's) carries
`district.displaced`, so the weights of any quarter come from that quarter's own snapshot; a district's homes are the
model's count (the level's `households:`, or a quick run's scaled one).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np


def homes(session) -> list[float]:
    """Each district's households, those who left included (the model's count, as it was built)."""
    return [float(n) for n in np.count_nonzero(session.model.state.homes, axis=-1)]


def living(session, snapshot: Mapping, counts: Sequence[float] | None = None) -> list[float]:
    """Households living in each district at `snapshot`: its homes less the share displaced then. `counts`, the
    session's `homes` when a caller weighs many snapshots, saves counting them again for each."""
    displaced = snapshot.get("district.displaced")
    counts = homes(session) if counts is None else counts
    if displaced is None or len(displaced) != len(counts):
        return list(counts)
    return [n * (1.0 - min(max(float(d), 0.0), 1.0)) for n, d in zip(counts, displaced, strict=True)]


def city_mean(values: Sequence[float], weights: Sequence[float]) -> float:
    """A district indicator as one city figure: its mean weighted by the households living in each district."""
    total = sum(weights)
    if total <= 0:
        return sum(values) / len(values) if values else 0.0
    return sum(float(v) * w for v, w in zip(values, weights, strict=False)) / total
