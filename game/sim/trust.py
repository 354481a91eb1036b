"""Social trust among neighbours (rule D6) and trust in the police and government (rule D7).

Watching together builds trust; but a watch makes its members visible. Where a criminal group holds the
district, it punishes visible opposition, and neighbours come to suspect each other — of informing, of being
lookouts. So the same watch builds trust where the group is weak and corrodes it where the group is strong,
without a rule that says so. Trust in government drifts toward what residents see: an honest or corrupt police,
reports that led somewhere, reprisals against those who spoke, and visible presence.
"""

from __future__ import annotations

import numpy as np

from game.sim import network
from game.sim.common import share, share_flags
from game.sim.ledger import Ledger, apply_terms
from game.sim.scratch import Turn
from game.sim.state import Params, State


def watch_reprisals(s: State, p: Params, t: Turn, draw: np.ndarray, recruit: np.ndarray, found: np.ndarray) -> None:
    """The group punishes visible opposition: each watcher is threatened with a chance set by its control. And it
    places its own people in the watch: each watcher may be recruited as a lookout (a halcón, paid or coerced to
    report on the watch), with a chance set by its control; a lookout may be found out, and the news travels along
    the found one's ties, first- and second-hand, like news of a reprisal. Where control is high, watching together
    is watching beside someone who may be reporting to the group (anchors-model D6: the fear that a watcher is a
    lookout), and neighbours come to suspect each other."""
    hh = s.households
    o = s["district.oc_control"][..., None]
    present = hh.present_mask()
    watching = hh.watch != 0
    t.watch_threats = watching & (draw < p.k_watch * o) & present
    # a lookout stays one (in the watch's chat, on its rounds) until found out, even in a quarter it sits out
    lookout = ((hh.lookout != 0) | (watching & (recruit < p.k_lookout * o))) & present
    exposed = lookout & (found < p.lookout_found)
    hh.lookout = (lookout & ~exposed).astype(float)
    t.lookouts_heard = network.word_of_mouth(exposed, s.nbr, present, p.second_hand) > 0


def update_social(s: State, p: Params, ledger: Ledger, t: Turn) -> None:
    hh = s.households
    st = s["district.social_trust"]
    watch = share_flags(hh, hh.watch)
    threatened = share(hh, t.watch_threats)
    heard = t.heard_share
    suspect = share(hh, t.lookouts_heard)
    terms = {
        "term.cooperation": p.s1 * (1 - st) * (watch - threatened),
        "term.suspicion": -p.s2 * st * (threatened * p.threat_audience + p.fp * watch),
        # not scaled by trust: who heard that a neighbour watched for the group suspects the rest (anchors-model D6)
        "term.lookouts": -p.s2 * suspect,
        "term.victimisation": -p.s3 * st * s["district.victimisation"],
        "term.retaliation": -p.s4 * st * heard,
        "term.programmes": p.s5 * (s["district.programmes"] + 0.5 * s["district.public_space"]) * (1 - st),
        "term.exclusion": -p.s6 * st * share_flags(hh, hh.gated) * (1 - s["district.public_space"]),
    }
    s.values["district.social_trust"] = apply_terms(st, terms, 0, 1, "district.social_trust", ledger)


def update_government(s: State, p: Params, ledger: Ledger, t: Turn) -> None:
    """G moves toward what residents see, at rate nu (anchors-mechanisms §10 rule 7)."""
    hh = s.households
    g = s["district.gov_trust"]
    c = s["city.corruption"][:, None]
    heard = t.heard_share
    seen = share(hh, t.clearance_seen)
    nu = p.nu_trust
    terms = {
        "term.honest_police": nu * (p.g0 + p.g1 * (1 - c)),
        "term.retaliation": -nu * p.g2 * heard,
        "term.clearance": nu * p.g3 * seen,
        "term.scandal": -nu * p.g4 * s["city.scandal"][:, None],
        "term.visible_measures": nu * p.g6 * s["district.visible"],
        "term.trust_fades": -nu * g,
    }
    s.values["district.gov_trust"] = apply_terms(g, terms, 0, 1, "district.gov_trust", ledger)
