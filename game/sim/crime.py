"""Petty crime: opportunity, hardening, watching, gating, and displacement between districts (rule D1, D2).

Offenders go where opportunity is. What hardened homes, watches and gated streets deter partly desists and partly
moves next door: `delta` is the share that moves (contested evidence, so it is a parameter to sweep).
"""

from __future__ import annotations

import numpy as np

from game.sim.common import share
from game.sim.ledger import Ledger, apply_terms
from game.sim.scratch import Turn
from game.sim.state import Params, State


def attractiveness(s: State, p: Params) -> np.ndarray:
    """How attractive each district is to petty offenders: (R, D)."""
    hh = s.households
    wealth = s["district.wealth"] / np.maximum(s["district.wealth"].mean(axis=-1, keepdims=True), 1e-6)
    police = s["district.police_presence"] * (1 - s["city.corruption"])[:, None]
    return (wealth ** p.alpha_wealth
            * (1 - p.e_h * share(hh, hh.lock))
            * (1 - p.e_a * share(hh, hh.watch))
            * (1 - p.e_g * share(hh, hh.gated))
            * (1 - p.e_light * s["district.lighting"])
            * (1 - p.e_police * police)
            * (1 + p.b_disorder * s["district.disorder"])
            * (1 + p.proximity * s["district.poverty"]))


def update(s: State, p: Params, ledger: Ledger, t: Turn) -> None:
    hh = s.households
    n = hh.present.sum(axis=-1)                                     # (R, D)
    a = attractiveness(s, p)
    base_total = s.baseline["petty_attr_total"]                     # sum a*n at the start
    total = (a * n).sum(axis=-1)
    # Total offending scales with the offender pool and with city-wide opportunity; (1 - delta) of deterred
    # offending desists, delta of it moves to wherever opportunity remains.
    pool = s["city.offender_pool"] / s.baseline["offender_pool"]
    crimes_total = s.baseline["petty_crimes_total"] * pool * (total / base_total) ** (1 - p.delta)
    crimes = crimes_total[:, None] * a * n / np.maximum(total[:, None], 1e-9)
    # Without displacement, each district would keep only its own share of the drop.
    own = (s.baseline["petty_crimes_total"] * pool / base_total)[:, None] * a * n
    rate = crimes / np.maximum(n, 1)
    moved = (crimes - own) / np.maximum(n, 1)
    old = s["district.petty_crime"]
    s.values["district.petty_crime"] = apply_terms(
        old, {"term.displacement": moved, "term.opportunity": rate - moved - old}, 0, 1, "district.petty_crime",
        ledger)
    # Each household's chance: the district rate, lowered for hardened and gated homes (renormalised).
    protect = (1 - p.e_h * hh.lock) * (1 - p.e_g * hh.gated)
    t.petty_risk = np.clip(rate[..., None] * protect / np.maximum(share(hh, protect)[..., None], 1e-6), 0, 0.95)


def update_offenders(s: State, p: Params, ledger: Ledger, t: Turn) -> None:
    """The pool of petty offenders grows with poverty and shrinks with the chance of a sanction (D2)."""
    sanction = s["district.report_petty"].mean(axis=-1) * p.q_clear * (1 - s["city.corruption"]) * p.conv
    poverty = s["district.poverty"].mean(axis=-1)
    target = s.baseline["offender_pool"] * (poverty / s.baseline["poverty"]) * np.exp(
        -p.sanction_effect * (sanction - s.baseline["sanction"]) / np.maximum(s.baseline["sanction"], 1e-6))
    old = s["city.offender_pool"]
    s.values["city.offender_pool"] = apply_terms(old, {"term.offender_flow": p.offender_rate * (target - old)},
                                                 0, 1, "city.offender_pool", ledger)
