"""The status quo's calibration targets (anchors-model §2): each ENVIPE figure, its band and how to read it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from tests.fidelity.statistics import Outcome


@dataclass(frozen=True)
class Target:
    name: str
    text: str
    value: str  # the empirical figure (anchors-model §2)
    lo: float
    hi: float
    source: str
    read: Callable[[Outcome], np.ndarray]
    xfail: str = ""  # the status quo misses this target: why


def _annual(o: Outcome) -> np.ndarray:
    """Households victimised in a year from the quarterly chance: 1 - (1 - v)^4."""
    return 1 - (1 - o["victimisation"]) ** 4


TARGETS: list[Target] = [
    Target(
        "cifra_negra",
        "cifra negra (share of crimes not reported)",
        "0.928 (2014); 0.924–0.937",
        0.90,
        0.95,
        "ENVIPE 2015–2023",
        lambda o: o["cifra_negra"],
    ),
    Target(
        "trust_in_government",
        "trust in municipal police G",
        "0.482",
        0.45,
        0.52,
        "ENVIPE 2018",
        lambda o: o["trust_in_government"],
    ),
    Target(
        "reporting_rate_organized",
        "reporting of organized crime (extortion) R_O",
        "0.029 (cifra negra 97.1%)",
        0.02,
        0.04,
        "ENVIPE 2019–2023",
        lambda o: o["reporting_rate_organized"],
    ),
    Target(
        "reporting_rate_petty",
        "reporting of petty crime R_P",
        "0.105",
        0.09,
        0.12,
        "ENVIPE 2015",
        lambda o: o["reporting_rate_petty"],
    ),
    Target("fear", "fear F (perceived insecurity)", "0.70–0.75", 0.68, 0.77, "ENVIPE 2016–2024", lambda o: o["fear"]),
    Target(
        "victimised_per_year",
        "households victimised in a year, 1 − (1 − v)^4 from the quarterly v",
        "0.275–0.356",
        0.275,
        0.36,
        "ENVIPE 2017, 2023",
        _annual,
    ),
    Target(
        "watch",
        "households in a neighbourhood watch A",
        "0.112",
        0.08,
        0.14,
        "ENVIPE 2025",
        lambda o: o["watch"],
    ),
    Target(
        "corruption",
        "police corruption C (perceived)",
        "0.647–0.691",
        0.63,
        0.72,
        "ENVIPE 2018, 2023",
        lambda o: o["corruption"],
    ),
    Target(
        "retreat",
        "households that gave up the street (no going out at night, the children kept in)",
        "0.553 (no going out at night), 0.621 (children kept in)",
        0.553,
        0.621,
        "ENVIPE 2011 (anchors-model §2, habit changes)",
        lambda o: o["retreat"],
    ),
]


def calibration(o: Outcome) -> list[tuple[Target, float, float, float, bool]]:
    """(target, mean, 5th percentile, 95th percentile, mean within band) for each target."""
    rows = []
    for t in TARGETS:
        v = np.asarray(t.read(o), dtype=float)
        m = float(v.mean())
        rows.append((t, m, float(np.percentile(v, 5)), float(np.percentile(v, 95)), t.lo <= m <= t.hi))
    return rows
