"""Household decisions (rules 4–6): harden the home, join the gated street, join the watch, mobilise, leave.

Each is a threshold rule over the household's own wealth, risk aversion and thresholds and the district's
state, so the shares that result differ between rich and poor districts without being written in anywhere.
"""

from __future__ import annotations

import numpy as np

from game.sim.common import per_run_sum, share
from game.sim.ledger import Ledger
from game.sim.scratch import Turn
from game.sim.state import Params, State


def update(s: State, p: Params, ledger: Ledger, t: Turn, draw: np.ndarray, busy_draw: np.ndarray) -> None:
    hh = s.households
    fear = hh.fear
    w = hh.wealth
    # Harden: worth it when fear times the expected loss exceeds the cost, and affordable above a floor.
    expected_loss = (t.petty_risk * p.loss_petty + t.oc_risk * p.loss_oc) * w
    can_pay = w - p.wealth_floor > p.lock_cost
    felt_loss = fear * (0.5 + hh.risk) * expected_loss  # (computed once: hardening and the gate both weigh it)
    wants = felt_loss > p.lock_cost * p.lock_hurdle
    hh.lock = np.where(can_pay, np.maximum(hh.lock, wants.astype(float)), 0.0)
    # Gated streets are a club good: households that can spare the dues and feel the risk join when enough of
    # their neighbours do. Dues are a fixed cost, so they are affordable only above a wealth level: exclusion.
    guards = s["district.guards"][..., None]
    dues = p.gate_cost * (1 - 0.5 * guards)
    affordable = dues < p.gate_budget_share * w
    willing = affordable & (felt_loss * p.gate_value > dues)
    club = share(hh, willing.astype(float))[..., None]
    hh.gated = np.where(willing & (club + guards >= p.gate_quorum), 1.0, hh.gated * affordable)
    # Watch: join when enough neighbours do (less needed with trust and a campaign), unless it is too risky or the
    # household has nobody free this quarter (work, care, a second job): a watch holds at a middle level, since its
    # members sit out some quarters, instead of all of a district or none of it (model version 11).
    watching = share(hh, hh.watch)[..., None]
    need = hh.watch_tau - p.s_watch * s["district.social_trust"][..., None] - s["district.watch_campaign"][..., None]
    need = need + p.poor_time_cost * (w < p.poor_line)
    exposure = hh.risk * hh.rho  # (computed once: the watch and mobilising both weigh it)
    risky = exposure * p.watch_exposure > p.risk_ceiling
    busy = busy_draw < p.watch_busy
    hh.watch = ((watching >= need) & ~risky & ~busy).astype(float)
    # Mobilise: the city-wide share needed falls with fear, blame on the state and distrust of it.
    mobilised = per_run_sum(hh.protest * hh.present) / np.maximum(per_run_sum(hh.present), 1)
    grievance = fear * hh.att * (1 - s["district.gov_trust"][..., None])
    threshold = hh.protest_tau - p.grievance_weight * grievance + exposure * p.zeta
    drive = p.petition_weight * s["city.petition_drive"][:, None, None]
    hh.protest = (mobilised[:, None, None] + drive >= threshold).astype(float)
    # Leave: under heavy fear and violence, some of those who can afford it move away.
    pressure = (
        np.clip(s["district.fear"][..., None] - p.leave_fear, 0, None)
        * s["district.violence"][..., None]
        * (w > p.poor_line)
    )
    chance = p.leave_rate * pressure
    leaving = draw < chance
    hh.present = np.where(leaving, 0.0, hh.present)
    for name, new in (
        ("district.hardened", share(hh, hh.lock)),
        ("district.gated", share(hh, hh.gated)),
        ("district.watch", share(hh, hh.watch)),
        ("district.displaced", 1 - hh.present.mean(axis=-1)),
    ):
        ledger.record(name, "term.household_decisions", new - s[name])
        s.values[name] = new
