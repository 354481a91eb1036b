"""Attribution of responsibility (C3) and political pressure (C4).

When safety becomes residents' own job — their locks, their watches, their dues — and programmes message
that, blame shifts away from the state and grievance falls. Pressure is the smoothed share of mobilised
households; it is the lever that moves corruption down.
"""

from __future__ import annotations

import numpy as np

from game.sim.common import city_mean, mobilised_share, share_flags
from game.sim.ledger import Ledger, apply_terms
from game.sim.scratch import Turn
from game.sim.state import Params, State


def update_attribution(s: State, p: Params, ledger: Ledger, t: Turn) -> None:
    hh = s.households
    n = hh.present.sum(axis=-1)
    effort = city_mean(
        share_flags(hh, hh.watch)
        + share_flags(hh, hh.lock) * 0.5
        + share_flags(hh, hh.gated)
        + s["district.protection_spending"] * 5,
        n,
    )
    revealed = s["city.scandal"] + t.extras.get("found_out", 0.0)
    messaging = city_mean(s["district.programmes"] + 0.5 * s["district.public_space"], n)
    att = s["city.attribution"]
    terms = {
        "term.revelations": p.a1 * s["city.transparency"] * revealed * (1 - att),
        "term.insecurity": p.a_fear * city_mean(s["district.fear"], n) * (1 - att),
        "term.own_effort": -p.a2 * effort * att,
        "term.messaging": -p.a3 * messaging * att,
        "term.press_and_protest": p.a4 * s["city.press"] * (1 - att),
    }
    new = apply_terms(att, terms, 0, 1, "city.attribution", ledger)
    hh.att = np.clip(hh.att + (new - att)[:, None, None], 0, 1)
    s.values["city.attribution"] = new


def update_pressure(s: State, p: Params, ledger: Ledger, t: Turn) -> None:
    hh = s.households
    mobilised = mobilised_share(hh)
    old = s["city.pressure"]
    terms = {
        "term.mobilised": p.pressure_smoothing * (mobilised - old),
        "term.scandal": p.scandal_pressure * s["city.scandal"] * (1 - old),
        "term.press": p.press_pressure * s["city.press"] * (1 - old),
    }
    s.values["city.pressure"] = apply_terms(old, terms, 0, 1, "city.pressure", ledger)
