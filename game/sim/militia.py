"""Self-defense groups (rule D8): emergence, financing, levies, capture and predation.

Groups arise where criminal control is high and trust in government low, funded by local patrons (more where
wealth is unequal) or by a public subsidy when the city deputizes them. What funding does not cover becomes a levy
on residents; levies, recruits and low vetting open the group to capture by the criminals it fights.
"""

from __future__ import annotations

import numpy as np

from game.sim.ledger import Ledger, apply_terms
from game.sim.scratch import Turn
from game.sim.state import Params, State


def update(s: State, p: Params, ledger: Ledger, t: Turn) -> None:
    m = s["district.militia"]
    k = s["district.militia_capture"]
    o = s["district.oc_control"]
    g = s["district.gov_trust"]
    vet = s["city.vetting"][:, None]
    deputized = s["district.deputized"]
    patron = p.patron * s["city.inequality"][:, None] * s["district.wealth"] / np.maximum(
        s["district.wealth"].mean(axis=-1, keepdims=True), 1e-6)
    subsidy = s["city.militia_subsidy"][:, None] * deputized
    need = p.f_cost * m
    shortfall = np.clip(need - patron - subsidy, 0, None)
    short_share = shortfall / np.maximum(need, 1e-9)
    pull = np.clip(o * (1 - g) - p.theta_m, 0, None)
    suppression = s["city.federal_forces"][:, None] * (1 - deputized)
    terms = {
        "term.grievance": p.m1 * pull * (patron + subsidy + p.m_seed),
        "term.deputized": p.m_deputy * deputized * (1 - m),
        "term.shortfall": -p.m2 * m * short_share * (m > 0),
        "term.suppression": -p.m3 * m * suppression,
    }
    s.values["district.militia"] = apply_terms(m, terms, 0, 1, "district.militia", ledger)
    levy = np.where(m > 1e-6, shortfall, 0.0)
    s.values["district.levy"] = apply_terms(s["district.levy"], {"term.levy": np.clip(levy, 0, 1)
                                                                  - s["district.levy"]}, 0, 1, "district.levy",
                                            ledger)
    region = o.mean(axis=-1, keepdims=True)
    capture_terms = {
        "term.infiltration": p.k1 * (1 - k) * region * (1 - vet) * (short_share + p.openness) * (m > 1e-3),
        "term.vetting_audits": -p.k2 * k * vet * s["city.transparency"][:, None],
    }
    s.values["district.militia_capture"] = apply_terms(k, capture_terms, 0, 1, "district.militia_capture",
                                                       ledger)
