"""Organized crime: extortion and rents, control of territory, violence (anchors-mechanisms §10 rules 1 and 5).

Criminal control grows by recruiting where people are poor and the group is already present, and falls when
information reaches honest enforcement: reports that do not leak and are investigated by police who are not on
the take, times the reach of enforcement (anchors-model D3: kappa Pol (1 - C) Info O). Police and information are
complements: more police with no information to act on push the group back no further, which is why security
spending alone does not lower control in a corrupt city (claim h). Locks and watches barely touch it: they act on
it only through the information they produce (Ostrom's complementarity). A group pushed out of a district pushes
into the districts that border it.
"""

from __future__ import annotations

import numpy as np

from game.sim.common import share, share_flags, share_present
from game.sim.ledger import Ledger, apply_terms
from game.sim.scratch import Turn
from game.sim.state import Params, State, informer_protection, leak_probability


def extortion(s: State, p: Params, t: Turn, draw: np.ndarray) -> None:
    """Each household's chance of extortion or a threat this quarter, who meets it, and the rents collected."""
    hh = s.households
    o = s["district.oc_control"]
    city_w = share(hh, hh.wealth).mean(axis=-1)[:, None, None]
    relative = hh.wealth / np.maximum(city_w, 1e-6)
    np.clip(relative, 0, 20, out=relative)
    relative **= p.beta_wealth
    captured = s["district.militia"] * s["district.militia_capture"]  # a captured group extorts too
    # risk = clip(a_oc (o + predation) * relative * (1 - e_ho lock), 0, 0.95) * present, in place, in that order
    risk = np.multiply(p.a_oc * (o + p.militia_predation * captured)[..., None], relative, out=relative)
    hardened = p.e_ho * hh.lock
    risk *= np.subtract(1, hardened, out=hardened)
    np.clip(risk, 0, 0.95, out=risk)
    risk *= hh.present
    t.oc_risk = risk
    t.victim_oc = draw < risk
    s.values["district.extortion"] = share_present(hh, risk)
    paid = p.pay0 + p.pay1 * o
    t.rents = share_present(hh, t.victim_oc * hh.wealth) * paid
    s.values["district.informer_protection"] = informer_protection(s.values)
    t.leak = leak_probability(s.values, p)
    # The reach of enforcement: police on the streets and federal troops. Whether it hits the group depends on what
    # honest investigators know of it (information, in update_control): police without information do not.
    t.police = s["district.police_presence"] + p.federal_weight * s["city.federal_forces"][:, None]


def update_control(s: State, p: Params, ledger: Ledger, t: Turn) -> None:
    o = s["district.oc_control"]
    hh = s.households
    recruits = p.g_base + p.g_poverty * s["district.poverty"]
    spill = _spill(s, o)
    pace = p.pace_oc  # how fast territory changes hands; the militia's own terms are already at this pace
    terms = {
        "term.recruitment": pace * p.g_oc * recruits * o * (1 - o),
        "term.spread": pace * p.iota * spill * (1 - o),
        "term.enforcement": -pace * p.eta * t.information * t.police * o,
        "term.militia_fights": -t.extras["militia_fights"],
        "term.collusion": t.extras["militia_collusion"],
        # Off by default (e_ao = 0): watching neighbours do not push organized crime back by themselves. The
        # fidelity tests switch it on to show what claim (a) would look like without that complementarity.
        "term.watch_deters": -pace * p.e_ao * share_flags(hh, hh.watch) * o,
    }
    s.values["district.oc_control"] = apply_terms(o, terms, 0, 1, "district.oc_control", ledger)


def _next_door(s: State, o: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Control summed over each district's bordering districts, and how many border it."""
    b = s.borders.astype(float)
    return o @ b.T, b.sum(axis=-1)


def _spill(s: State, o: np.ndarray) -> np.ndarray:
    """The criminal presence next door: mean control of the bordering districts (0 for a district with none)."""
    total, count = _next_door(s, o)
    return total / np.maximum(count, 1)


def region_control(s: State, o: np.ndarray) -> np.ndarray:
    """Criminal control over a district and the districts bordering it, averaged: the group's strength in the
    area, which is what it can offer or threaten there."""
    total, count = _next_door(s, o)
    return (o + total) / (1 + count)


def update_violence(s: State, p: Params, ledger: Ledger, t: Turn) -> None:
    """Violence follows control, contestation (control changing hands), captured militias and troops."""
    o = s["district.oc_control"]
    terms = ledger.terms["district.oc_control"]
    contest = np.abs(terms["term.enforcement"]) + np.abs(terms["term.militia_fights"])
    target = np.clip(
        p.v_control * o
        + p.v_contest * contest
        + p.v_militia * s["district.militia"] * s["district.militia_capture"]
        + p.v_federal * s["city.federal_forces"][:, None] * o,
        0,
        1,
    )
    old = s["district.violence"]
    s.values["district.violence"] = apply_terms(
        old, {"term.violence_dynamics": 0.5 * (target - old)}, 0, 1, "district.violence", ledger
    )
