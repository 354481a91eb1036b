"""Who belongs to a self-defense group, household by household (issue 12 item 2; model version 22).

A group's strength (`district.militia`) is the share of the district's households that belong to it, and its
captured share (`district.militia_capture`) the share of those members who work for the criminals. Each quarter
every household draws its own fate, at the rates of militia.py's rules:
- a household not in a group joins out of grievance where someone pays (the less risk-averse sooner), because
  people it knows joined (recruitment runs along its ties, so a group grows from where its members live), or
  because the city enrols men where it deputizes the group; a newcomer is the criminals' own with the recruits'
  chance of infiltration;
- a member goes home as the threat fades or troops press; one who stays may be found out by vetting (then no
  longer the criminals') or, if honest, bought by them.
Members an event or a measure adds or removes are drawn the same way, before the quarter's own fates.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.sim import network
from game.sim.common import count
from game.sim.ledger import Ledger
from game.sim.state import State, ranks


@dataclass
class Rates:
    """A quarter's chances per household, by district (R, D), from militia.py's rules."""

    grievance: np.ndarray  # joins where grievance and money meet: district share per quarter (of all households)
    recruitment: np.ndarray  # joins per unit of the share of one's ties who are members
    deputized: np.ndarray  # joins per non-member where the city enrols men
    going_home: np.ndarray  # a member's chance to go home
    suppression: np.ndarray  # a member's chance to be disbanded by troops
    infiltrated: np.ndarray  # a newcomer's chance to be the criminals' own
    purged: np.ndarray  # an infiltrator's chance to be found out by vetting
    bought: np.ndarray  # an honest member's chance to be bought


def place(s: State) -> None:
    """Seat the members the state's values say a group has, as a group the city already had: the least risk-averse
    households of each district join (those who take up arms first), and the poorest of them are the ones the
    criminals hold. The values are then set to the shares this makes (whole households), and remembered as the
    group's last membership, so only what events and measures change after this is drawn as newcomers."""
    hh = s.households
    here = hh.present_mask()
    living = here.sum(axis=-1, keepdims=True)
    by_risk = ranks(np.where(here, hh.risk, np.inf))
    member = here & (by_risk < np.rint(s["district.militia"] * living[..., 0])[..., None])
    members = member.sum(axis=-1, keepdims=True)
    by_wealth = ranks(np.where(member, hh.wealth, np.inf))
    inside = member & (by_wealth < np.rint(s["district.militia_capture"] * members[..., 0])[..., None])
    hh.militia, hh.inside = member.astype(float), inside.astype(float)
    _settle_values(s, member, inside)


def follow_changes(s: State, ledger: Ledger, draw: np.ndarray, infiltrated: np.ndarray) -> np.ndarray:
    """Draw the households behind what events and measures did to a group since its last quarter (a group formed,
    a call to arms, members dismissed, a purge): each non-member joins, or each member leaves, with the chance that
    makes the change on average; a newcomer is the criminals' with the recruits' chance (`infiltrated`); a change
    of the captured share turns members over the same way. Members who left the district are gone from it."""
    hh = s.households
    here = hh.present_mask()
    member = (hh.militia != 0) & here
    inside = (hh.inside != 0) & member
    n = hh.present_count()
    m = count(member) / n
    change = s["district.militia"] - s.inner["militia_members"]
    target = np.clip(m + change, 0, 1)
    joins = (np.clip(target - m, 0, None) / np.maximum(1 - m, 1e-9))[..., None]
    leaves = (np.clip(m - target, 0, None) / np.maximum(m, 1e-9))[..., None]
    u = draw.astype(np.float64)
    joined = here & ~member & (u < joins)
    left = member & (u < leaves)
    newcomer_inside = joined & (u < joins * infiltrated[..., None])
    stay = member & ~left
    member = (stay | joined) & here
    inside = (inside & stay) | newcomer_inside
    # What an event did to the captured share: members turned over (the rest of the draw, uniform again).
    k = _captured(member, inside, s["district.militia_capture"])
    k_change = (s["district.militia_capture"] - s.inner["militia_captured"])[..., None]
    k_now = k[..., None]
    v = (u - leaves) / np.maximum(1 - leaves, 1e-9)
    turned = stay & ~inside & (v < np.clip(k_change, 0, None) / np.maximum(1 - k_now, 1e-9))
    freed = stay & inside & (v < np.clip(-k_change, 0, None) / np.maximum(k_now, 1e-9))
    inside = (inside | turned) & ~freed
    hh.militia, hh.inside = member.astype(float), inside.astype(float)
    _record(s, ledger, member, inside, "term.members_drawn")
    return _honest(joined & ~newcomer_inside, n)


def quarter(s: State, ledger: Ledger, draw: np.ndarray, r: Rates) -> np.ndarray:
    """The quarter's own fates: who joins (and why), who goes home, who is found out and who is bought."""
    hh = s.households
    here = hh.present_mask()
    member = hh.militia != 0
    inside = hh.inside != 0
    n = hh.present_count()
    m = count(member) / n
    ties = s.nbr.shape[1]
    known = network.gather_counts(member, s.nbr) / ties if member.any() else np.zeros(member.shape)
    # Chances by cause, stacked in one draw: [grievance | recruitment | deputized | none] for those outside,
    # [going home | suppression | stays] for members; the part of the draw past a decision is uniform again.
    grievance = (r.grievance / np.maximum(1 - m, 1e-9))[..., None] * 2 * (1 - hh.risk)
    recruited = r.recruitment[..., None] * known
    enrolled = np.broadcast_to(r.deputized[..., None], member.shape)
    u = draw.astype(np.float64)
    outside = here & ~member
    by_cause = {}
    edge = np.zeros(member.shape)
    joining = {"term.grievance": grievance, "term.joined_through_ties": recruited, "term.deputized": enrolled}
    for term, chance in joining.items():
        top = np.minimum(edge + chance, 1)
        by_cause[term] = outside & (u >= edge) & (u < top)
        edge = top
    joined = outside & (u < edge)
    newcomer_inside = joined & (u < edge * r.infiltrated[..., None])
    home = r.going_home[..., None]
    gone = np.minimum(home + r.suppression[..., None], 1)
    by_cause["term.going_home"] = member & (u < home)
    by_cause["term.suppression"] = member & (u >= home) & (u < gone)
    stay = member & (u >= gone)
    v = (u - gone) / np.maximum(1 - gone, 1e-9)
    found = stay & inside & (v < r.purged[..., None])
    bought = stay & ~inside & (v < r.bought[..., None])
    member = stay | joined
    after_purge = (inside & stay & ~found) | newcomer_inside
    k_before = s["district.militia_capture"]
    k_mid = _captured(member, after_purge, k_before)
    inside = after_purge | bought
    for term, who in by_cause.items():
        sign = 1.0 if term in joining else -1.0
        ledger.record("district.militia", term, sign * count(who) / n)
    hh.militia, hh.inside = member.astype(float), inside.astype(float)
    k_new = _settle_values(s, member, inside)[1]
    ledger.record("district.militia_capture", "term.infiltration", k_mid - k_before)
    ledger.record("district.militia_capture", "term.buy_in", k_new - k_mid)
    return _honest(joined & ~newcomer_inside, n)


def moved_away(s: State, ledger: Ledger) -> None:
    """Members whose households left the district this quarter leave its group; the shares are again of the
    households still living there (called after households.update)."""
    hh = s.households
    member = (hh.militia != 0) & hh.present_mask()
    inside = (hh.inside != 0) & member
    hh.militia, hh.inside = member.astype(float), inside.astype(float)
    _record(s, ledger, member, inside, "term.moved_away")


def _honest(joined: np.ndarray, n: np.ndarray) -> np.ndarray:
    """The honest newcomers as a share of the district's households, by district: they arm themselves or wait
    for the group to (militia._arm)."""
    return count(joined) / n


def _record(s: State, ledger: Ledger, member: np.ndarray, inside: np.ndarray, term: str) -> None:
    """Set the values to the households' shares, recording the change from what they were as `term`."""
    m_was, k_was = s["district.militia"], s["district.militia_capture"]
    m, k = _settle_values(s, member, inside)
    ledger.record("district.militia", term, m - m_was)
    ledger.record("district.militia_capture", term, k - k_was)


def _settle_values(s: State, member: np.ndarray, inside: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The values become the households' shares (returned); where a district has no members its captured share
    stays as it was (the last group's, read by nothing while there is none)."""
    m = count(member) / s.households.present_count()
    k = _captured(member, inside, s["district.militia_capture"])
    s.values["district.militia"], s.values["district.militia_capture"] = m, k
    s.inner["militia_members"], s.inner["militia_captured"] = m.copy(), k.copy()
    return m, k


def _captured(member: np.ndarray, inside: np.ndarray, otherwise: np.ndarray) -> np.ndarray:
    """The share of members who are the criminals', per district; `otherwise` where there are no members."""
    members = count(member)
    return np.where(members > 0, count(inside & member) / np.maximum(members, 1), otherwise)
