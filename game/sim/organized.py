"""Organized crime: extortion and rents, control of territory, violence (rule D3).

Criminal control grows with the rents a district yields and falls only when information reaches honest
enforcement: reports that do not leak, and the state's own intelligence. Locks and watches barely touch it —
they enter only through the information they produce (Ostrom's complementarity).
"""

from __future__ import annotations

import numpy as np

from game.sim.common import share
from game.sim.ledger import Ledger, apply_terms
from game.sim.scratch import Turn
from game.sim.state import Params, State


def leak_probability(s: State, p: Params) -> np.ndarray:
    """Chance an informer's identity reaches the criminal group: lambda = lambda0 + lambda_c C (1 - Q)."""
    return np.clip(p.lambda0 + p.lambda_c * s["city.corruption"] * (1 - s["city.protection"]), 0, 1)


def extortion(s: State, p: Params, t: Turn) -> None:
    """Each household's chance of extortion or a threat this quarter; the rents the group collects."""
    hh = s.households
    o = s["district.oc_control"]
    city_w = share(hh, hh.wealth).mean(axis=-1)[:, None, None]
    relative = np.clip(hh.wealth / np.maximum(city_w, 1e-6), 0, 20) ** p.beta_wealth
    predation = s["district.militia"] * s["district.militia_capture"]
    t.oc_risk = np.clip(p.epsilon * (o + p.militia_predation * predation)[..., None] * relative
                        * (1 - p.e_ho * hh.lock), 0, 0.95)
    s.values["district.extortion"] = share(hh, t.oc_risk)
    paid_share = p.pay0 + p.pay1 * o
    t.rents = share(hh, t.oc_risk * hh.wealth) * paid_share
    t.leak = leak_probability(s, p)
    t.police = (s["district.police_presence"] * (s["city.security_share"] / s.baseline["security_share"])[:, None]
                + p.federal_weight * s["city.federal_forces"][:, None])


def update_control(s: State, p: Params, ledger: Ledger, t: Turn) -> None:
    o = s["district.oc_control"]
    corruption = s["city.corruption"][:, None]
    t.information = (p.chi1 * s["district.report_oc"] * (1 - t.leak[:, None])
                     + p.chi2 * s["city.transparency"][:, None])
    rent_ratio = t.rents / np.maximum(s.baseline["rents"], 1e-9)
    terms = {
        "term.rents": p.g_oc * o * (1 - o) * rent_ratio / (rent_ratio + 1),
        "term.enforcement": -p.kappa * t.police * (1 - corruption) * t.information * o,
        "term.militia_fights": -p.mu_m * s["district.militia"] * (1 - s["district.militia_capture"]) * o,
        # Off by default (e_ao = 0): watching neighbours do not push organized crime back by themselves. The
        # fidelity tests switch it on to show what claim (a) would look like without that complementarity.
        "term.watch_deters": -p.e_ao * share(s.households, s.households.watch) * o,
        "term.spread": p.diffusion * (o.mean(axis=-1, keepdims=True) - o),
    }
    terms["term.balance"] = s.baseline["balance.district.oc_control"]
    s.values["district.oc_control"] = apply_terms(o, terms, 0, 1, "district.oc_control", ledger)


def update_violence(s: State, p: Params, ledger: Ledger, t: Turn) -> None:
    """Violence follows control, contestation (control changing hands), captured militias and troops."""
    o = s["district.oc_control"]
    contest = np.abs(ledger.terms["district.oc_control"]["term.enforcement"]) + np.abs(
        ledger.terms["district.oc_control"]["term.militia_fights"])
    target = np.clip(p.v_control * o + p.v_contest * contest
                     + p.v_militia * s["district.militia"] * s["district.militia_capture"]
                     + p.v_federal * s["city.federal_forces"][:, None] * o, 0, 1)
    old = s["district.violence"]
    s.values["district.violence"] = apply_terms(old, {"term.violence_dynamics": 0.5 * (target - old)}, 0, 1,
                                                "district.violence", ledger)
