"""Police corruption and infiltration (rule D4; anchors-mechanisms §1, §10 rule 6).

Criminal groups buy police in proportion to the territory they hold and to the outside rents that flow through
the city (routes, markets); new security money poured into a corrupt force feeds the same networks. Only reform
pushes corruption down — vetting and transparency — and reform bites in proportion to the political pressure
behind it. Corruption raises the chance that a report leaks, which silences reporting, which leaves the group's
territory alone, which buys more police: the loop that makes the city bistable.
"""

from __future__ import annotations

from game.sim.common import city_mean
from game.sim.ledger import Ledger, apply_terms
from game.sim.scratch import Turn
from game.sim.state import Params, State


def update(s: State, p: Params, ledger: Ledger, t: Turn) -> None:
    c = s["city.corruption"]
    held = city_mean(s["district.oc_control"], s.households.present.sum(axis=-1))
    reform = (s["city.vetting"] + s["city.transparency"]) * s["city.pressure"]
    terms = {
        "term.rents_buy_police": p.c1 * (held + p.r_x) * (1 - c),
        "term.security_money": p.c3 * s["city.security_share"] * c * (1 - c),
        "term.pressure_reform": -p.c2 * reform * c,
    }
    s.values["city.corruption"] = apply_terms(c, terms, 0, 1, "city.corruption", ledger)
