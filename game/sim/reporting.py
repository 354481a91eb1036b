"""Reporting and retaliation: who reports, and what happens to them (household rule 2 and 3).

Victims weigh what a report achieves (trust in the police, the chance it is investigated) against its cost and,
for organized crime, the risk that their name leaks. That risk falls when many report at once (safety in
numbers), so low reporting is an equilibrium, not a constant. A leaked report may bring retaliation, which
neighbours hear about.
"""

from __future__ import annotations

import numpy as np

from game.sim.common import share, sigmoid
from game.sim.ledger import Ledger, apply_terms
from game.sim.randomness import RunRandom
from game.sim.scratch import Turn
from game.sim.state import Params, State


def retaliation_risk(s: State, p: Params, leak: np.ndarray) -> np.ndarray:
    """rho = 1 - exp(-k O lambda / (1 + nu R_O)): perceived risk of reporting organized crime, (R, D)."""
    o = s["district.oc_control"]
    return 1 - np.exp(-p.k * o * leak[:, None] / (1 + p.nu * s["district.report_oc"]))


def update(s: State, p: Params, ledger: Ledger, t: Turn, rng: RunRandom) -> None:
    hh = s.households
    g = s["district.gov_trust"][..., None]
    campaign = s["district.report_campaign"][..., None]
    rho = retaliation_risk(s, p, t.leak)
    t.retaliation_risk = rho
    base = p.b1 * g * p.q_clear - p.b3 * p.time_cost - p.b0 + p.b4 * campaign
    report_petty = sigmoid(base)
    report_oc = sigmoid(base - p.b2 * hh.risk * rho[..., None])
    t.petty_reports = share(hh, t.petty_risk * report_petty)
    t.oc_reports = share(hh, t.oc_risk * report_oc)
    petty_rate = t.petty_reports / np.maximum(share(hh, t.petty_risk), 1e-9)
    oc_rate = t.oc_reports / np.maximum(share(hh, t.oc_risk), 1e-9)
    for name, rate in (("district.report_petty", petty_rate), ("district.report_oc", oc_rate)):
        old = s[name]
        s.values[name] = apply_terms(old, {"term.reporting_decisions": p.report_smoothing * (rate - old)}, 0, 1,
                                     name, ledger)
    # Retaliation: each organized-crime report leaks with lambda and is punished with the group's control.
    n = hh.present.sum(axis=-1)
    expected = t.oc_reports * n * t.leak[:, None] * s["district.oc_control"] * p.k_retaliation
    t.retaliations = expected if t.expected else rng.poisson(expected)
    old = s["district.retaliations"]
    s.values["district.retaliations"] = apply_terms(old, {"term.retaliation": t.retaliations}, 0, 100,
                                                    "district.retaliations", ledger)
    # Clearance seen by victims: reports investigated by police that are not on the take.
    t.clearance = (t.petty_reports + t.oc_reports) * p.q_clear * (1 - s["city.corruption"])[:, None]
    victim = 1 - (1 - t.petty_risk) * (1 - t.oc_risk)
    old = s["district.victimisation"]
    s.values["district.victimisation"] = apply_terms(old, {"term.victimisation": share(hh, victim) - old}, 0, 1,
                                                     "district.victimisation", ledger)
