"""Social trust among neighbours (rule D6) and trust in the police and government (rule D7).

Watching can build trust where criminal control is low, and corrode it where neighbours suspect each other of
being informers or lookouts. Trust in government rises with reports that lead somewhere, and falls with
retaliation after reporting, with corrupt contact and with scandal.
"""

from __future__ import annotations

import numpy as np

from game.sim.common import share
from game.sim.ledger import Ledger, apply_terms
from game.sim.scratch import Turn
from game.sim.state import Params, State


def update_social(s: State, p: Params, ledger: Ledger, t: Turn) -> None:
    hh = s.households
    st = s["district.social_trust"]
    watch = share(hh, hh.watch)
    n = np.maximum(hh.present.sum(axis=-1), 1)
    gated = share(hh, hh.gated)
    terms = {
        "term.cooperation": p.s1 * (1 - st) * watch * (1 - s["district.oc_control"]),
        "term.suspicion": -p.s2 * watch * (p.fp * (1 - st) + s["district.oc_control"]),
        "term.victimisation": -p.s3 * s["district.victimisation"],
        "term.retaliation": -p.s4 * np.clip(t.retaliations / n * 100, 0, 1),
        "term.programmes": p.s5 * (s["district.programmes"] + 0.5 * s["district.public_space"]) * (1 - st),
        "term.exclusion": -p.s6 * gated * (1 - s["district.public_space"]),
    }
    terms["term.balance"] = s.baseline["balance.district.social_trust"]
    s.values["district.social_trust"] = apply_terms(st, terms, 0, 1, "district.social_trust", ledger)


def update_government(s: State, p: Params, ledger: Ledger, t: Turn) -> None:
    g = s["district.gov_trust"]
    n = np.maximum(s.households.present.sum(axis=-1), 1)
    c = s["city.corruption"][:, None]
    reform = t.extras.get("reform", np.zeros(g.shape[0]))[:, None]  # levers raised this quarter
    terms = {
        "term.clearance": p.g1 * t.clearance * 100,
        "term.retaliation": -p.g2 * np.clip(t.retaliations / n * 100, 0, 1),
        "term.corrupt_contact": -p.g3 * c * s["district.police_presence"],
        "term.scandal": -p.g4 * s["city.scandal"][:, None],
        "term.reform": p.g5 * reform,
        "term.visible_measures": p.g6 * s["district.visible"],
        "term.trust_fades": -p.g_decay * g,
    }
    terms["term.balance"] = s.baseline["balance.district.gov_trust"]
    s.values["district.gov_trust"] = apply_terms(g, terms, 0, 1, "district.gov_trust", ledger)
