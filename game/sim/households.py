"""Household decisions (rules 4–6): harden the home, join the gated street, join the watch, mobilise, leave, and
give up the street.

Each is a threshold rule over the household's own wealth, risk aversion and thresholds and the district's
state, so the shares that result differ between rich and poor districts without being written in anywhere.
"""

from __future__ import annotations

import numpy as np

from game.sim.common import count, mobilised_share, share, share_flags
from game.sim.ledger import Ledger
from game.sim.scratch import Turn
from game.sim.state import Households, Params, State


def update(s: State, p: Params, ledger: Ledger, t: Turn, draw: np.ndarray, busy_draw: np.ndarray) -> None:
    hh = s.households
    fear = hh.fear
    w = hh.wealth
    # Harden: worth it when fear times the expected loss exceeds the cost, and affordable above a floor.
    expected_loss = t.petty_risk * p.loss_petty
    expected_loss += t.oc_risk * p.loss_oc
    expected_loss *= w
    can_pay = w - p.wealth_floor > p.lock_cost
    # (computed once: hardening and the gate both weigh it) fear * (0.5 + risk) * expected loss
    felt_loss = 0.5 + hh.risk
    felt_loss *= fear
    felt_loss *= expected_loss
    wants = felt_loss > p.lock_cost * p.lock_hurdle
    # (household states are 0/1 floats: a maximum of two of them is an `or`, a product an `and`)
    lock = can_pay & ((hh.lock != 0) | wants)
    hh.lock = lock.astype(float)
    # Gated streets are a club good: households that can spare the dues and feel the risk join when enough of
    # their neighbours do. Dues are a fixed cost, so they are affordable only above a wealth level: exclusion.
    guards = s["district.guards"][..., None]
    dues = p.gate_cost * (1 - 0.5 * guards)
    affordable = dues < p.gate_budget_share * w
    willing = affordable & (felt_loss * p.gate_value > dues)
    club = share(hh, willing)[..., None]
    gated = (willing & (club + guards >= p.gate_quorum)) | ((hh.gated != 0) & affordable)
    hh.gated = gated.astype(float)
    # Watch: join when enough neighbours do (less needed with trust and a campaign), unless it is too risky or the
    # household has nobody free this quarter (work, care, a second job): a watch holds at a middle level, since its
    # members sit out some quarters, instead of all of a district or none of it (model version 11).
    watching = share_flags(hh, hh.watch)[..., None]
    need = hh.watch_tau - p.s_watch * s["district.social_trust"][..., None] - s["district.watch_campaign"][..., None]
    need += p.poor_time_cost * (w < p.poor_line)
    exposure = hh.risk * hh.rho  # (computed once: the watch and mobilising both weigh it)
    risky = exposure * p.watch_exposure > p.risk_ceiling
    busy = busy_draw < p.watch_busy
    watch = (watching >= need) & ~risky & ~busy
    hh.watch = watch.astype(float)
    # Mobilise: the city-wide share needed falls with fear, blame on the state and distrust of it.
    mobilised = mobilised_share(hh)
    # threshold = protest_tau - grievance_weight * fear * att * (1 - G) + exposure * zeta, in that order
    grievance = fear * hh.att
    grievance *= 1 - s["district.gov_trust"][..., None]
    grievance *= p.grievance_weight
    threshold = np.subtract(hh.protest_tau, grievance, out=grievance)
    exposure *= p.zeta
    threshold += exposure
    drive = p.petition_weight * s["city.petition_drive"][:, None, None]
    hh.protest = (mobilised[:, None, None] + drive >= threshold).astype(float)
    # Leave: under heavy fear and violence, some of those who can afford it move away. (A household that cannot
    # has a chance of 0, which no draw in [0, 1) is below.)
    chance = p.leave_rate * (np.clip(s["district.fear"] - p.leave_fear, 0, None) * s["district.violence"])
    leaving = (draw < chance[..., None]) & (w > p.poor_line)
    present = hh.present_mask() & ~leaving
    hh.present = present.astype(float)
    _retreat(s, p, ledger, present)
    for name, new in (
        ("district.hardened", share(hh, lock)),
        ("district.gated", share(hh, gated)),
        ("district.watch", share(hh, watch)),
        ("district.displaced", 1 - count(present) / s.homes.sum(axis=-1)),
    ):
        ledger.record(name, "term.household_decisions", new - s[name])
        s.values[name] = new


def stays_in(hh: Households, p: Params) -> np.ndarray:
    """Who gives up the street (ENVIPE's habit changes: no going out at night, the children kept in; the brief's
    retreat to passive protection): a household that feels insecure, or believes reporting brings reprisal, stays in
    once that pressure passes what it will risk, the most risk-averse first. It costs no money, so it comes and goes
    with fear and with the reprisals a household hears of (where hardening a home is a purchase it keeps). Booleans
    (R, D, H); nothing else in the model reads them yet."""
    return _reasons(hh, p)[0]


def _reasons(hh: Households, p: Params) -> tuple[np.ndarray, np.ndarray]:
    """Who stays in, and who would for feeling insecure alone, without the reprisal they believe in (booleans)."""
    afraid = p.retreat_fear * hh.fear
    afraid += hh.risk
    return afraid + p.retreat_reprisal * hh.rho > 1, afraid > 1


def _retreat_parts(s: State, p: Params, present: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The shares of households staying in, and of those who stay in only for the reprisal they believe reporting
    brings (feeling insecure alone would not keep them in): (R, D) each."""
    hh = s.households
    inside, afraid = _reasons(hh, p)
    inside &= present
    return share(hh, inside), share(hh, inside & ~afraid)


def _retreat(s: State, p: Params, ledger: Ledger, present: np.ndarray) -> None:
    """The quarter's retreat, its change told by cause: fear of crime, or fear of reprisal for reporting."""
    total, for_reprisal = _retreat_parts(s, p, present)
    old, old_reprisal = s["district.retreat"], s.inner["retreat_for_reprisal"]
    ledger.record("district.retreat", "term.retreat_fear", (total - for_reprisal) - (old - old_reprisal))
    ledger.record("district.retreat", "term.retreat_reprisal", for_reprisal - old_reprisal)
    s.values["district.retreat"], s.inner["retreat_for_reprisal"] = total, for_reprisal


def seat_retreat(s: State, p: Params) -> None:
    """The starting city's retreat, from its households as the warm-up left them (quarter 0's value)."""
    total, for_reprisal = _retreat_parts(s, p, s.households.present_mask())
    s.values["district.retreat"], s.inner["retreat_for_reprisal"] = total, for_reprisal
    s.start["district.retreat"] = total.copy()
