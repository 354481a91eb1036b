"""Fear (rule D5): what people feel, which can move apart from what happens to them.

Fear tracks victimisation, what neighbours hear (retaliation, extortion), violence, and the city's mood; visible
measures — lights, patrols, murals, guards — calm it directly while touching crime only weakly.
"""

from __future__ import annotations

import numpy as np

from game.sim.common import share
from game.sim.ledger import Ledger, apply_terms
from game.sim.scratch import Turn
from game.sim.state import Params, State


def visible(s: State, p: Params) -> np.ndarray:
    hh = s.households
    return np.clip(p.w_lighting * s["district.lighting"] + p.w_police * s["district.police_presence"]
                   + p.w_programmes * s["district.programmes"] + p.w_public_space * s["district.public_space"]
                   + p.w_guarded * (share(hh, hh.gated) + 0.5 * share(hh, hh.lock))
                   + p.w_watch * share(hh, hh.watch)
                   + p.w_federal * s["city.federal_forces"][:, None], 0, 1)


def update(s: State, p: Params, ledger: Ledger, t: Turn) -> None:
    f = s["district.fear"]
    vis = visible(s, p)
    s.values["district.visible"] = vis
    n = np.maximum(s.households.present.sum(axis=-1), 1)
    heard = np.clip(p.heard_retaliation * t.retaliations / n * 100, 0, 1)
    city_fear = f.mean(axis=-1, keepdims=True)
    mu = p.mu
    terms = {
        "term.victimisation": mu * p.phi1 * s["district.victimisation"],
        "term.retaliation_heard": mu * p.phi2 * (heard + s["district.extortion"]),
        "term.violence": mu * p.phi3 * s["district.violence"],
        "term.fear_contagion": mu * p.phi4 * city_fear,
        "term.visible_measures": -mu * p.phi5 * vis,
        "term.fear_fades": -mu * f,
    }
    terms["term.balance"] = s.baseline["balance.district.fear"]
    s.values["district.fear"] = apply_terms(f, terms, 0, 1, "district.fear", ledger)
