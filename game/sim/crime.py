"""Petty crime: opportunity, hardening, watching, gating, and displacement to bordering districts (rule D1, D2).

Petty offenders live where poverty is, and offend at home or in a bordering district, choosing in proportion to
opportunity: wealth, minus what hardened homes, watches, gated streets and honest police take away. Street light
reaches crime only through disorder (anchors-model D1 and D5, anchors-mechanisms §7 and T6: visible measures act on
fear, on crime only weakly, through the broken-windows term; model version 14). When a
district closes its streets, its offenders and its visitors turn to the districts next door, in proportion to
what those offer; some give up instead, as offending falls with the opportunity in reach. How much moves rather
than stops is contested evidence (Guerette & Bowers 2009): `travel` and `desist` are parameters to sweep.
"""

from __future__ import annotations

import numpy as np

from game.sim.common import share, share_flags
from game.sim.ledger import Ledger, apply_terms
from game.sim.scratch import Turn
from game.sim.state import Params, State


def gate_protection(s: State, p: Params) -> np.ndarray:
    """How much living inside a gated street cuts a household's petty risk: (R, D). Guards at the entrances,
    paid by the dues, make the gate hold better; they protect no one outside it."""
    return np.minimum(p.e_g * (1 + p.e_guard * s["district.guards"]), 0.95)


def attractiveness(s: State, p: Params, gate: np.ndarray) -> np.ndarray:
    """How attractive each district is to petty offenders, per household: (R, D); `gate` is gate_protection's."""
    hh = s.households
    wealth = s["district.wealth"] / np.maximum(s["district.wealth"].mean(axis=-1, keepdims=True), 1e-6)
    police = s["district.police_presence"] * (1 - s["city.corruption"])[:, None]
    return (
        wealth**p.alpha_wealth
        * (1 - p.e_h * share_flags(hh, hh.lock))
        * (1 - p.e_a * share_flags(hh, hh.watch))
        * (1 - gate * share_flags(hh, hh.gated))
        * (1 - p.e_police * police)
        * (1 + p.b_disorder * s["district.disorder"])
    )


def update(s: State, p: Params, ledger: Ledger, t: Turn, draw: np.ndarray) -> None:
    hh = s.households
    n = hh.present.sum(axis=-1)  # (R, D)
    gate = gate_protection(s, p)
    a = attractiveness(s, p, gate) * n  # opportunity by district
    reach = np.eye(len(s.district_ids)) + p.travel * s.borders  # (D, D) home -> target
    offered = a[:, None, :] * reach[None, :, :]  # (R, home, target)
    in_reach = offered.sum(axis=-1)  # (R, home)
    # Offenders by home district: the pool is the share of poor households with someone who offends.
    home = s["city.offender_pool"][:, None] * s["district.poverty"] * n
    # Each home's offending grows with the opportunity in reach and saturates; it lands where opportunity is.
    mean_a = in_reach / np.maximum(n @ reach.T, 1)  # per household in reach
    offending = home * p.petty_per_offender * mean_a / (mean_a + p.desist)
    crimes = (offending[..., None] * offered / np.maximum(in_reach[..., None], 1e-9)).sum(axis=1)  # (R, target)
    from_home = offending * (a * np.diagonal(reach)) / np.maximum(in_reach, 1e-9)
    rate = crimes / np.maximum(n, 1)
    moved = (crimes - from_home) / np.maximum(n, 1)  # committed here by offenders from next door
    old = s["district.petty_crime"]
    s.values["district.petty_crime"] = apply_terms(
        old, {"term.displacement": moved, "term.opportunity": rate - moved - old}, 0, 1, "district.petty_crime", ledger
    )
    # Each household's chance: the district rate, lowered for hardened and gated homes (renormalised).
    protect = p.e_h * hh.lock
    np.subtract(1, protect, out=protect)
    gated = gate[..., None] * hh.gated
    protect *= np.subtract(1, gated, out=gated)
    # clip(rate * protect / max(share(protect), 1e-6), 0, 0.95) * present, in place, in that order
    risk = rate[..., None] * protect
    risk /= np.maximum(share(hh, protect)[..., None], 1e-6)
    np.clip(risk, 0, 0.95, out=risk)
    risk *= hh.present
    t.petty_risk = risk
    t.victim_petty = draw < risk


def update_offenders(s: State, p: Params, ledger: Ledger, t: Turn) -> None:
    """The pool of petty offenders grows with poverty and shrinks with the chance of a sanction (D2)."""
    sanction = s["district.report_petty"].mean(axis=-1) * p.q_clear * (1 - s["city.corruption"]) * p.conv
    poverty = s["district.poverty"].mean(axis=-1)
    old = s["city.offender_pool"]
    terms = {
        "term.offender_flow": p.l_recruit * poverty * (1 - old),
        "term.sanctions": -p.l_sanction * sanction * old - p.l_exit * old,
    }
    s.values["city.offender_pool"] = apply_terms(old, terms, 0, 1, "city.offender_pool", ledger)
