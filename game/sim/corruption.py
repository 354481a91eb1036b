"""Police corruption and infiltration (rule D4).

Criminal rents buy police, and new security money poured into a corrupt force feeds it too; only political
pressure combined with transparency and vetting pushes corruption down. The two feedbacks make it bistable:
an honest basin and a captured one.
"""

from __future__ import annotations

import numpy as np

from game.sim.ledger import Ledger, apply_terms
from game.sim.scratch import Turn
from game.sim.state import Params, State


def update(s: State, p: Params, ledger: Ledger, t: Turn) -> None:
    c = s["city.corruption"]
    rent_share = t.rents.mean(axis=-1) / np.maximum(s.baseline["rents"].mean(axis=-1), 1e-9)  # per run
    reform = s["city.pressure"] * s["city.transparency"] * (1 + s["city.vetting"])
    extra_security = np.clip(s["city.security_share"] - s.baseline["security_share"], 0, None)
    terms = {
        "term.rents_buy_police": p.c1 * rent_share * (1 - c),
        # New security money flows through the same police: where they are corrupt, part of it buys more of them.
        "term.security_money": p.c3 * extra_security * c * (1 - c),
        "term.pressure_reform": -p.c2 * reform * c,
        "term.balance": s.baseline["balance.city.corruption"],
    }
    s.values["city.corruption"] = apply_terms(c, terms, 0, 1, "city.corruption", ledger)
