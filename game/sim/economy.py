"""Wealth and the budget (rule D9, C1): what crime, protection and security spending cost, and what grows.

Only productive investment grows wealth. Security spending has no growth term, and leaks when police are
corrupt; private protection, levies and extortion drain households directly — the poorest first.
"""

from __future__ import annotations

import numpy as np

from game.sim.common import per_run_sum, share
from game.sim.ledger import Ledger, apply_terms
from game.sim.scratch import Turn
from game.sim.state import Params, State


def update_wealth(s: State, p: Params, ledger: Ledger, t: Turn) -> None:
    hh = s.households
    w = hh.wealth
    # Savings move toward what a household earns: its earning capacity (where it started), raised by the city's
    # productive investment and lowered by fear (shops close early, customers stay home).
    invest = s["city.investment_share"][:, None, None]
    growth = s.inner["earning_capacity"] * (1 + p.gamma_i * invest - p.gamma_f * s["district.fear"][..., None])
    growth -= w
    growth *= p.saving  # saving * (earns - w)
    # losses = (petty_risk * loss_petty + oc_risk * loss_oc * (pay0 + pay1 o)) * w, in that order
    losses = t.oc_risk * p.loss_oc
    losses *= (p.pay0 + p.pay1 * s["district.oc_control"])[..., None]
    losses += t.petty_risk * p.loss_petty
    losses *= w
    protection = hh.gated * p.gate_cost
    protection *= (1 - 0.5 * s["district.guards"])[..., None]
    protection += hh.lock * p.lock_upkeep
    levy = s["district.levy"][..., None] * p.levy_scale * (w > p.wealth_floor)
    before = share(hh, w)
    # w + growth - losses - protection - levy, floored (a - b is a + -b, bit for bit)
    new_w = growth - losses
    new_w -= protection
    new_w -= levy
    new_w += w
    np.maximum(new_w, 0.01, out=new_w)
    hh.wealth = new_w
    name = "district.wealth"
    # The mean of a negated quantity is the negated mean, bit for bit (rounding is symmetric about zero).
    spent = share(hh, protection)
    terms = {
        "term.growth": share(hh, growth),
        "term.losses": -share(hh, losses),
        "term.protection_cost": -spent,
        "term.levy": -share(hh, levy),
    }
    # The terms start from the households still here; who left this quarter moved the mean before them.
    ledger.record(name, "term.moved_away", before - s[name])
    s.values[name] = apply_terms(before, terms, 0, 10, name, ledger)
    s.values["district.protection_spending"] = np.clip(spent / np.maximum(before, 1e-6), 0, 1)
    s.values["district.poverty"] = share(hh, new_w < p.poor_line)


def update_budget(s: State, p: Params, ledger: Ledger, t: Turn) -> None:
    """B = the city's tax rate × total household wealth: a shrinking base means a shrinking budget. The tax rate
    is the level's: its starting budget over its starting wealth."""
    hh = s.households
    total = per_run_sum(hh.wealth * hh.present)
    old = s["city.budget"]
    s.values["city.budget"] = apply_terms(
        old, {"term.tax_base": s.inner["tax_rate"] * total - old}, 0, 5000, "city.budget", ledger
    )
    # Shares always sum to one: what security gains, investment and programmes lose.
    shares = np.stack([s["city.security_share"], s["city.investment_share"], s["city.programme_share"]])
    shares = shares / np.maximum(shares.sum(axis=0), 1e-9)
    for name, value in zip(
        ("city.security_share", "city.investment_share", "city.programme_share"), shares, strict=True
    ):
        ledger.record(name, "term.budget_shares", value - s[name])
        s.values[name] = value
