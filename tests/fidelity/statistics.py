"""The paired statistics the fidelity experiments read: one number per seed, from the two arms' outcomes.

Each `Statistic` turns two outcomes (per-run values of the two bots, paired by seed) into one number per seed;
`STATISTICS` names them, and an experiment (tests/fidelity/experiment.py) picks one by name.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

MARGIN = 0.05  # relative change counted as "unchanged" (anchors-model §4 (a): "change < 5%")
HIGH_OC, LOW_OC = 0.45, 0.2  # districts by criminal control at the start: >= 0.45 high, <= 0.2 low

Outcome = dict[str, np.ndarray]  # per-run values (metrics and extras), paired by seed
Overrides = tuple[tuple[str, float], ...]


# --- statistics: one paired number per seed ---------------------------------------------------------------


@dataclass(frozen=True)
class Statistic:
    text: str  # what it measures, for the tables
    fn: Callable[[Outcome, Outcome], np.ndarray]
    relative: bool = False  # a relative change (margins apply to it)
    # The last quarter it reads, for a statistic read inside the first quarters (the chill's window; None: the end of
    # the game). Such a statistic is the same at 12 and at 40, and an arm only such statistics read is played only
    # that far (bench/fidelity.py): a game's first quarters are the same however long it goes on.
    read_until: int | None = None

    @property
    def within_term(self) -> bool:
        return self.read_until is not None


LOW_CORRUPTION = 0.3  # the brief's low-corruption basin (anchors-model §4 (i): C < 0.3 by turn 40)


def _diff(name: str) -> Callable[[Outcome, Outcome], np.ndarray]:
    return lambda a, b: a[name] - b[name]


def _rel(name: str) -> Callable[[Outcome, Outcome], np.ndarray]:
    return lambda a, b: (a[name] - b[name]) / np.maximum(np.abs(b[name]), 1e-9)


def _per_report(o: Outcome) -> np.ndarray:
    return o["retaliations_total"] / np.maximum(o["oc_reports_total"], 1e-9)


STATISTICS: dict[str, Statistic] = {
    "petty_minus_oc": Statistic(
        "relative change in petty crime minus relative change in criminal control O",
        lambda a, b: _rel("petty_crime")(a, b) - _rel("organized_crime")(a, b),
        relative=True,
    ),
    "rel_organized_crime": Statistic("relative change in criminal control O", _rel("organized_crime"), True),
    "rel_extortion": Statistic("relative change in extortion (OC victimisation)", _rel("extortion"), True),
    "rel_petty_crime": Statistic("relative change in petty crime", _rel("petty_crime"), True),
    "retaliations": Statistic("retaliations, cumulative over the game (city)", _diff("retaliations_total")),
    "oc_reporting": Statistic("reporting rate of organized crime R_O", _diff("reporting_rate_organized")),
    "retaliations_per_report": Statistic(
        "retaliations per organized-crime report", lambda a, b: _per_report(a) - _per_report(b)
    ),
    "victimisation_gap": Statistic("victimisation gap, poor minus rich districts", _diff("victimisation_gap")),
    "rel_victimisation_poor": Statistic(
        "relative change in victimisation, poor districts", _rel("victimisation_poor"), True
    ),
    "trust_high_oc": Statistic(
        f"social trust S in districts with O >= {HIGH_OC} at the start", _diff("social_trust_high_oc")
    ),
    "trust_low_oc": Statistic(
        f"social trust S in districts with O <= {LOW_OC} at the start", _diff("social_trust_low_oc")
    ),
    "militia_strength": Statistic("strongest self-defense group M", _diff("militia_strength")),
    "militia_capture": Statistic("share of militia captured K (strength-weighted)", _diff("militia_capture")),
    "fear_vs_crime": Statistic(
        "relative change in fear minus twice the relative change in victimisation",
        lambda a, b: _rel("fear")(a, b) - 2 * _rel("victimisation")(a, b),
        relative=True,
    ),
    "official_share": Statistic("official figures as a share of survey crime", _diff("official_share")),
    "fear": Statistic("fear F", _diff("fear")),
    "chill_low": Statistic(
        "OC reporting's low in quarters 5-8, as a ratio to its start", _diff("oc_reporting_low"), read_until=8
    ),
    "chill_low_local": Statistic(
        "OC reporting's low in quarters 5-8 where the drive ran (the two districts of highest control at the "
        "start), as a ratio to its start",
        _diff("local_oc_reporting_low"),
        read_until=8,
    ),
    "chill_peak_local": Statistic(
        "OC reporting's peak in quarters 1-5 where the drive ran, as a ratio to its start",
        _diff("local_oc_reporting_peak"),
        read_until=5,
    ),
    "chill_peak": Statistic(
        "OC reporting's peak in quarters 1-5, as a ratio to its start", _diff("oc_reporting_peak"), read_until=5
    ),
    "worst_control": Statistic(
        "criminal control in the district where it was worst at the start", _diff("worst_control")
    ),
    "worst_tipped": Statistic(
        "share of games where the worst district's control fell below half its start", _diff("worst_tipped")
    ),
    "predation": Statistic(
        "total predation (criminal control plus militia levies and captured predation)", _diff("predation")
    ),
    "predation_rural": Statistic(
        "total predation in the rural districts (the brief's rural fringe, where groups form)", _diff("predation_rural")
    ),
    "pressure": Statistic("political pressure Π", _diff("political_pressure")),
    "corruption": Statistic("police corruption C", _diff("corruption")),
    "rel_corruption": Statistic("relative change in police corruption C", _rel("corruption"), True),
    "rel_wealth": Statistic("relative change in mean wealth W", _rel("wealth"), True),
    "trust_in_government": Statistic("trust in government G", _diff("trust_in_government")),
    "hardened": Statistic("share of households with hardened homes H", _diff("hardened")),
    "retreat": Statistic(
        "share of households that gave up the street (stay in at night, keep the children in)", _diff("retreat")
    ),
    "low_corruption": Statistic(
        "share of games whose police corruption C ends below 0.3 (the low-corruption basin)",
        lambda a, b: (a["corruption"] < LOW_CORRUPTION).astype(float) - (b["corruption"] < LOW_CORRUPTION),
    ),
}
