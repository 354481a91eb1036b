"""Which parameters move a claim's effect across the Latin hypercube: for `bench/fidelity.py --sensitivity`.

A claim that fails at some points of the ±25% box fails there for a reason. Ranking every free parameter by the
Spearman rank correlation between its value and the claim's mean paired effect over the points names the
parameters the effect leans on, so a failing line in the robustness table comes with where to look. With few
points and many parameters, small correlations are chance: each line gives its p-value (scipy.stats.spearmanr),
and a parameter is named only above the Bonferroni threshold for the number of parameters tested.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy.stats import spearmanr


def strongest(
    points: Sequence[dict[str, float]], effects: Sequence[float], top: int = 5, alpha: float = 0.05
) -> list[tuple[str, float, float]]:
    """The parameters whose value ranks most with the effect: (name, rho, p), strongest first, at most `top`, only
    those whose p-value passes `alpha` divided by the number of parameters."""
    names = list(points[0]) if points else []
    y = np.asarray(effects, dtype=float)
    if len(y) < 4 or np.ptp(y) == 0:
        return []
    found = []
    for name in names:
        x = np.array([p[name] for p in points])
        if np.ptp(x) == 0:
            continue
        rho, p = spearmanr(x, y)
        if p < alpha / max(len(names), 1):
            found.append((name, float(rho), float(p)))
    found.sort(key=lambda item: -abs(item[1]))
    return found[:top]


def lines(experiment: str, points: Sequence[dict[str, float]], effects: Sequence[float]) -> list[str]:
    """One markdown line for the robustness table's notes: the parameters the experiment's effect leans on."""
    named = strongest(points, effects)
    if not named:
        return [f"- {experiment}: no parameter ranks with the effect beyond chance over {len(effects)} points."]
    said = ", ".join(f"`{n}` (ρ {rho:+.2f}, p {p:.0e})" for n, rho, p in named)
    return [f"- {experiment}: over {len(effects)} points the effect ranks with {said}."]
