"""Self-defense groups from the inside (rule D8; anchors-mechanisms §5): members, money and infiltration. This
module sets a group's money, its arms and the quarter's chances; who joins, goes home, is found out or is bought is
drawn household by household (militia_members.py).

Arms (model version 25): how hard a group fights is its armed honest members'. A newcomer brings a weapon of his own
or waits for the group to arm him; the money left once members are paid (what patrons and a subsidy give beyond
the pay, and seized rents: never the levy, which only pays them) buys weapons for the unarmed; weapons are lost,
seized and spent each quarter. The criminals' men come armed by the criminals.

A group forms where criminal control is high, trust in government low and someone pays: local patrons (more
where wealth is unequal) or a public subsidy when the city deputizes it. Volunteers tire, so the group's cost
grows; what patrons and subsidy do not cover is levied on the people it protects — a second extortion. Where it
pushes the criminals back it takes over their rents. Money flowing in and nobody vetting who joins bring
opportunists and the criminals' own people (Weinstein's resource curse); a captured group extorts, colludes,
and fights for the plaza. Vetting purges infiltrators; a subsidy without vetting only adds money to buy into. A
deputized group is checked by the district's police, so the more men the city deputizes, the thinner the checks.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from game.sim import militia_members as members
from game.sim import organized
from game.sim.ledger import Ledger, apply_terms
from game.sim.scratch import Turn
from game.sim.state import Params, State


def _funding(s: State, p: Params) -> np.ndarray:
    """What patrons (more where wealth is unequal) and a deputizing city's subsidy pay, per unit of membership."""
    patron = (
        p.patron
        * s["city.inequality"][:, None]
        * s["district.wealth"]
        / np.maximum(s["district.wealth"].mean(axis=-1, keepdims=True), 1e-6)
    )
    return patron + s["city.militia_subsidy"][:, None] * s["district.deputized"]


# Rounds of working out a starting group's arms and turf together (each round moves them less; after 8 they move by
# less than 0.0002).
WARM_ROUNDS = 8


def warm_start(s: State, p: Params) -> None:
    """A group the level starts with has a history: its members are seated household by household
    (militia_members.place), its volunteer share is what its levy says (the levy is the cost its funding does not
    cover), it holds the turf its fights keep, and what it takes is counted from quarter 0. A new group starts
    fresh."""
    members.place(s)
    m, levy = s["district.militia"], s["district.levy"]
    paid = (levy + _funding(s, p) * m) / np.maximum(p.kappa_m * m, 1e-9)
    s.inner["militia_volunteers"] = np.where(m > 1e-3, np.clip(1 - paid, 0, p.volunteer_start), p.volunteer_start)
    # The turf it holds is what its honest members' fights take at the pace it loses turf (update's own rule,
    # at rest), so its seized rents, and the cash per member the criminals' recruits come for, start where they run.
    # Its honest members are as well armed as its money and its newcomers keep them (the rest state of `_arm`, with
    # the honest members who leave, are bought or are found out replaced by newcomers); the arms hold turf, whose
    # rents buy arms, so the two are worked out together, from a fully armed group, a few rounds.
    k, o = s["district.militia_capture"], s["district.oc_control"]
    funded = _funding(s, p)
    armed = np.ones_like(m)
    s.inner["militia_turf"] = _held_turf(p, m, k, o, armed)
    turnover = _honest_turnover(_rates(s, p, m, funded, _money(s, p, m, funded)), k)
    for _ in range(WARM_ROUNDS):
        bought = _bought(p, _money(s, p, m, funded).spare)
        rest = _rest_arms(bought, 1 - p.arms_wear, p.arms_own, turnover)
        armed = np.where(m * (1 - k) > HONEST_NONE, rest, p.arms_own)
        s.inner["militia_turf"] = _held_turf(p, m, k, o, armed)
    s.values["district.militia_arms"] = armed
    turf = s.inner["militia_turf"]
    s.inner["militia_predation"] = _predation(p, levy, k, m, seized=p.r_seized * turf)


def _honest_turnover(r: members.Rates, k: np.ndarray) -> np.ndarray:
    """The honest newcomers a group at rest takes in a quarter, per honest member: as many as its honest members
    who go home, are disbanded or are bought, less the infiltrators vetting finds out (who stay, honest now)."""
    found = r.purged * k / np.maximum(1 - k, 1e-9)
    return np.clip(r.going_home + r.suppression + r.bought - found, 0, 1)


def _fights(p: Params, m: np.ndarray, k: np.ndarray, o: np.ndarray, armed: np.ndarray) -> np.ndarray:
    """How hard a group's armed honest members push the criminals back this quarter, at the pace territory changes
    hands (pace_oc)."""
    return p.pace_oc * p.f_m * m * (1 - k) * armed * o


def _held_turf(p: Params, m: np.ndarray, k: np.ndarray, o: np.ndarray, armed: np.ndarray) -> np.ndarray:
    """The turf a group's fights keep at the pace it loses turf (update's own rule, at rest)."""
    return _fights(p, m, k, o, armed) / max(p.turf_loss, 1e-9)


def _rest_arms(bought: np.ndarray, kept: float, own: float, turnover: np.ndarray) -> np.ndarray:
    """Where what is lost each quarter is what is bought and what newcomers bring: with c = kept x (1 - bought),
    a = bought + c x (a x (1 - turnover) + own x turnover). With nothing lost and every newcomer armed, every member
    ends armed, exactly (so that arms_wear = 0 with arms_own = 1 plays version 24's rules)."""
    if kept == 1 and own == 1:
        return np.ones_like(bought)
    c = kept * (1 - bought)
    lost = 1 - c * (1 - turnover)
    return np.where(lost > 0, (bought + c * own * turnover) / np.maximum(lost, 1e-12), 1.0)


def _bought(p: Params, spare: np.ndarray) -> np.ndarray:
    """The share of its unarmed honest members a group arms this quarter, from its money per member left once the
    members are paid (`_money`'s spare): what patrons and the subsidy give beyond the pay, and the seized rents."""
    return np.clip(p.arms_buy * spare, 0, 1)


# Below this share of the district's households a group has no honest members to arm.
HONEST_NONE = 1e-9


def _brought(s: State, p: Params, newcomers: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """What honest newcomers (a share of the district's households) do to the armed share as they mix in, each with
    a weapon of his own at chance arms_own; and the honest members' share. Where a group has no honest members, its
    armed share is the one its first members will bring."""
    armed = s["district.militia_arms"]
    honest = s["district.militia"] * (1 - s["district.militia_capture"])
    new = np.minimum(newcomers, honest)
    mixing = (p.arms_own - armed) * new / np.maximum(honest, HONEST_NONE)
    return np.where(honest > HONEST_NONE, mixing, p.arms_own - armed), honest


def _mix_in(s: State, p: Params, ledger: Ledger, newcomers: np.ndarray) -> None:
    """The honest members an event or a measure brought since the last quarter (a group formed, a call to arms)
    mix in before they fight, with the weapons they bring."""
    if not newcomers.any():
        return
    brought, _ = _brought(s, p, newcomers)
    armed = s["district.militia_arms"]
    s.values["district.militia_arms"] = apply_terms(
        armed, {"term.arms_brought": brought}, 0, 1, "district.militia_arms", ledger
    )


def _arm(s: State, p: Params, ledger: Ledger, spare: np.ndarray, newcomers: np.ndarray) -> None:
    """The quarter's arms: its honest newcomers bring their own or none (they mix in at arms_own), then weapons are
    lost and the group's money arms some of the unarmed. Only honest members are counted: the criminals arm their
    own. A district with no honest members loses and buys nothing."""
    armed = s["district.militia_arms"]
    brought, honest = _brought(s, p, newcomers)
    some = honest > HONEST_NONE
    mixed = armed + brought
    worn = np.where(some, -mixed * p.arms_wear, 0.0)
    kept = mixed + worn
    terms = {
        "term.arms_brought": brought,
        "term.arms_lost": worn,
        "term.arms_bought": np.where(some, (1 - kept) * _bought(p, spare), 0.0),
    }
    s.values["district.militia_arms"] = apply_terms(armed, terms, 0, 1, "district.militia_arms", ledger)


def _predation(p: Params, levy: np.ndarray, k: np.ndarray, m: np.ndarray, seized: np.ndarray | float) -> np.ndarray:
    """What a group takes from the people it protects: its levy, what its captured members extort, and the rents
    it has seized, in the captured share's hands (anchors-mechanisms §5)."""
    return levy + p.p_captured * k * m + k * seized


def _oversight(s: State, p: Params, m: np.ndarray, deputized: np.ndarray) -> np.ndarray:
    """How much of the city's vetting reaches a group: all of it where the city has deputized none; where it has,
    the district's police must check and command the deputized men too, so the checks thin as those men outnumber
    them (anchors-model D8: deputizing lowers vetting unless the player pays for it, with more vetting or more
    police). A group nobody deputized is checked as before."""
    police = s["district.police_presence"]
    load = p.oversight_load * deputized * m
    return np.where(load > 0, police / np.maximum(police + load, 1e-9), 1.0)


class Money(NamedTuple):
    """A group's money this quarter, by district."""

    cost: np.ndarray  # what its members cost once volunteers tire
    levy: np.ndarray  # the part of the cost its funding does not cover, squeezed out of residents
    seized: np.ndarray  # rents from the turf it took
    per_member: np.ndarray  # the cash per member the criminals' recruits come for
    spare: np.ndarray  # what is left of it per member once the members are paid: it buys arms


def _money(s: State, p: Params, m: np.ndarray, funded: np.ndarray) -> Money:
    """What members cost once volunteers tire; the gap becomes a levy; seized rents from taken turf; the cash per
    member that the criminals' recruits come for; and what is left of it per member once the members are paid."""
    cost = p.kappa_m * m * (1 - s.inner["militia_volunteers"])
    levy = np.clip(cost - funded * m, 0, None)
    seized = p.r_seized * s.inner["militia_turf"]
    per_member = (funded * m + levy + seized) / np.maximum(m, 1e-6)
    spare = np.clip(funded * m - cost, 0, None) + seized
    return Money(cost, levy, seized, per_member, spare / np.maximum(m, 1e-6))


def _vetting(s: State, p: Params, m: np.ndarray) -> np.ndarray:
    return s["city.vetting"][:, None] * _oversight(s, p, m, s["district.deputized"])


def _rates(s: State, p: Params, m: np.ndarray, funded: np.ndarray, money: Money) -> members.Rates:
    """The quarter's chances per household, from the group's money and the district's state."""
    o = s["district.oc_control"]
    deputized = s["district.deputized"]
    vet = _vetting(s, p, m)
    # Members: formation where grievance and money meet; growth by recruitment along the ties of those who joined;
    # going home as the threat fades; disbanded where federal troops press a group nobody deputized.
    pull = np.clip(o * (1 - s["district.gov_trust"]) - p.theta_m, 0, None)
    # Members already inside are bought too (anchors-model D8): where their pay falls short — the share of the
    # cost the group must squeeze out of residents — the criminals of the area offer what the group cannot,
    # unless someone vets who stays.
    # A group the city deputizes is also open to it (D8's recruitment openness): its men are enrolled wholesale,
    # not through the ties a neighbourhood group recruits by, so a subsidy without vetting does not keep it clean.
    for_sale = money.levy / np.maximum(money.cost, 1e-9) + p.openness * deputized
    region = organized.region_control(s, o)
    return members.Rates(
        grievance=p.m_seed * pull * funded,
        recruitment=p.r_m * pull * (funded > 0),
        deputized=np.clip(p.m_deputy * deputized, 0, 1),
        going_home=np.clip(p.m_leave * (1 - o), 0, 1),
        suppression=np.clip(p.m3 * s["city.federal_forces"][:, None] * (1 - deputized), 0, 1),
        infiltrated=_infiltration(p, money.per_member, s.start["district.oc_control"], vet),
        purged=np.clip(p.purge * vet, 0, 1),
        bought=np.where(m > 1e-3, np.clip(p.k_buy * region * (1 - vet) * for_sale, 0, 1), 0.0),
    )


def update(s: State, p: Params, ledger: Ledger, t: Turn, follow_draw: np.ndarray, fate_draw: np.ndarray) -> None:
    o = s["district.oc_control"]
    funded = _funding(s, p)
    # Who joins: the richer the group per member and the firmer the criminals' hold on the district when the game
    # began (O0), the more of the new members are theirs, unless recruits are vetted (Weinstein). Members an event
    # or a measure brought since the last quarter (a group formed, a call to arms) are such recruits too, drawn
    # first, and bring their weapons (or none) before they fight.
    m = s["district.militia"]
    per_member = _money(s, p, m, funded).per_member
    o0 = s.start["district.oc_control"]
    newcomers = members.follow_changes(s, ledger, follow_draw, _infiltration(p, per_member, o0, _vetting(s, p, m)))
    _mix_in(s, p, ledger, newcomers)
    m, k = s["district.militia"], s["district.militia_capture"]
    money = _money(s, p, m, funded)
    rates = _rates(s, p, m, funded, money)
    # Fights: an honest group pushes the criminals back and holds the turf; a captured one colludes with them.
    # At the pace territory changes hands (pace_oc), so the turf a group holds matches what it took.
    turf = s.inner["militia_turf"]
    t.extras["militia_fights"] = _fights(p, m, k, o, s["district.militia_arms"])
    t.extras["militia_collusion"] = p.pace_oc * p.collusion * p.f_m * m * k * o * (1 - o)
    s.inner["militia_turf"] = turf + t.extras["militia_fights"] - p.turf_loss * turf
    vol = s.inner["militia_volunteers"]
    s.inner["militia_volunteers"] = np.where(m > 1e-3, vol * (1 - p.fatigue), p.volunteer_start)
    s.values["district.levy"] = apply_terms(
        s["district.levy"],
        {"term.levy": np.clip(money.levy, 0, 1) - s["district.levy"]},
        0,
        1,
        "district.levy",
        ledger,
    )
    s.inner["militia_predation"] = _predation(p, money.levy, k, m, money.seized)
    _arm(s, p, ledger, money.spare, members.quarter(s, ledger, fate_draw, rates))


def _infiltration(p: Params, per_member: np.ndarray, o0: np.ndarray, vet: np.ndarray) -> np.ndarray:
    """A recruit's chance to be the criminals' own: chi x cash per member x O0 x (1 - vetting), where O0 is the
    criminals' hold on the district when the game began (anchors-mechanisms §5): the men they can send are the
    network they built there, which a few quarters of fighting do not undo. Read from the current control, a group
    that pushes the criminals back would take cleaner recruits the more it wins, and a self-financed group's harm
    would fade as it grew."""
    return np.clip(p.chi * per_member * o0 * (1 - vet), 0, 1)
