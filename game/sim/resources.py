"""What each role has to work with every quarter: the official's budget and political capital; the organizer's
volunteer time, neighbourhood funds, exposure and reputation. They are real constraints: measures cost them."""

from __future__ import annotations

import numpy as np

from game.sim.common import city_mean, share
from game.sim.ledger import Ledger, apply_terms
from game.sim.state import Params, State


def update(s: State, p: Params, ledger: Ledger, role: str) -> None:
    hh = s.households
    n = hh.present.sum(axis=-1)
    changes: dict[str, dict[str, np.ndarray]] = {}
    if role == "official":
        changes["player.budget"] = {"term.budget_allotment": p.discretionary * s["city.budget"]}
        changes["player.political_capital"] = {
            "term.political_recovery": np.full(s.runs, p.capital_regen),
            "term.pressure": -p.capital_pressure * (s["city.pressure"] - p.pressure_tolerance) * 100,
            "term.scandal": -p.capital_scandal * s["city.scandal"] * 100,
        }
    else:
        trust = city_mean(s["district.social_trust"], n)
        time = p.volunteer_base * (0.5 + trust)
        changes["player.volunteer_time"] = {"term.volunteers": time - s["player.volunteer_time"]}
        wealth = city_mean(share(hh, hh.wealth), n)
        changes["player.funds"] = {"term.dues": p.dues * wealth * (0.5 + trust)}
        changes["player.exposure"] = {"term.exposure_fades": -p.exposure_decay * s["player.exposure"]}
        changes["player.reputation"] = {"term.reputation_drift": 0.1 * (50 - s["player.reputation"])}
    for name, terms in changes.items():
        lo, hi = s.bounds[name]
        s.values[name] = apply_terms(s[name], terms, lo, hi, name, ledger)
