"""Reporting, leaks and retaliation, and the chilling effect (anchors-mechanisms §1, §3 and §10 rules 2–5).

Each household decides whether it would report organized crime: trust in the police, minus the reprisal it
fears, plus what its neighbours would do (safety in numbers), plus any campaign, against its own threshold. Some
reconsider each quarter; those who hear of a reprisal from someone they know reconsider at once.
Those who meet the group's activity and are willing report. A report leaks with a chance that grows with police
corruption and falls with protection; a leaked report brings retaliation a quarter later. Reports are private,
retaliations are public: the victim's neighbours hear of it, and their neighbours, and each who hears fears
reporting more. So a reporting drive without protection can leave reporting below where it started.
"""

from __future__ import annotations

import numpy as np

from game.sim import network, organized
from game.sim.common import count, share
from game.sim.ledger import Ledger, apply_terms
from game.sim.randomness import RunRandom
from game.sim.scratch import Turn
from game.sim.state import Households, Params, State, campaign_pull, report_pull, talk_per_retaliation


def update(s: State, p: Params, ledger: Ledger, t: Turn, draws: list[np.ndarray]) -> None:
    hear(s, p, t)
    decide_and_report(s, p, t, draws)
    hh = s.households
    honest = (1 - s["city.corruption"])[:, None, None]
    # Petty crime: reporting weighs what it achieves, not reprisal.
    petty_willing = (p.b_g * s["district.gov_trust"][..., None] + campaign_pull(s.values, hh, p) - p.c_petty) > hh.theta
    t.petty_reports = t.victim_petty & petty_willing & (draws[6] < p.w_max_petty)
    # Knows someone whose report (of organized or of petty crime) reached honest investigators.
    cleared = t.cleared | (t.petty_reports & (draws[7] < p.q_clear * honest))
    cleared_known = network.gather_counts(cleared, s.nbr)
    t.clearance_seen = cleared_known > 0
    campaign = s["district.report_campaign"] > 0
    if p.campaign_learning > 0 and campaign.any():
        learn_what_reports_achieve(hh, p, t.oc_reports | t.petty_reports, cleared, cleared_known, s.nbr, campaign)
    for name, rate in (
        ("district.report_petty", share(hh, petty_willing * p.w_max_petty)),
        ("district.report_oc", share(hh, hh.willing * p.w_max)),
    ):
        old = s[name]
        s.values[name] = apply_terms(old, {"term.reporting_decisions": rate - old}, 0, 1, name, ledger)
    if "report_persuaded" in s.inner:  # seated where the game is explained (seat_reasons)
        _tell_why(s, p, ledger, _petty_persuaded(s, hh, p, petty_willing), t.campaign_part, t.reprisal_part)
    old = s["district.retaliations"]
    s.values["district.retaliations"] = apply_terms(
        old, {"term.retaliation": t.retaliations}, 0, 100, "district.retaliations", ledger
    )
    victim = t.victim_oc | t.victim_petty
    old = s["district.victimisation"]
    s.values["district.victimisation"] = apply_terms(
        old, {"term.victimisation": share(hh, victim) - old}, 0, 1, "district.victimisation", ledger
    )


def _why_willing(
    s: State,
    hh: Households,
    pulled: np.ndarray,
    reprisal: np.ndarray,
    pull: np.ndarray,
    revise: np.ndarray,
    present: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """For the explanation only (nothing in the model reads it): when a household makes up its mind, whether a
    campaign's pull decided it (it would not report without the pull) and whether the reprisal it fears held it back
    (it would report with neither the pull nor the fear, not with the fear alone). A household keeps both with its
    mind until it reconsiders, so that willing = would with neither - held back + persuaded, household by household.
    Returns the shares persuaded and, negative, held back: (R, D) each."""
    persuaded, deterred = _decided_by(hh, pulled, reprisal, pull, present)
    persuaded = np.where(revise, persuaded, s.inner["report_persuaded"])
    deterred = np.where(revise, deterred, s.inner["report_deterred"])
    persuaded &= present
    deterred &= present
    s.inner["report_persuaded"], s.inner["report_deterred"] = persuaded, deterred
    return share(hh, persuaded), -share(hh, deterred)


def _decided_by(
    hh: Households, pulled: np.ndarray, reprisal: np.ndarray, pull: np.ndarray, present: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Who a campaign's pull decides, and who the reprisal it fears holds back, as each would decide now (booleans,
    (R, D, H))."""
    alone = pulled - pull
    unpulled = alone > hh.theta
    persuaded = (pulled > hh.theta) & ~unpulled & present
    alone += reprisal
    deterred = (alone > hh.theta) & ~unpulled & present
    return persuaded, deterred


def _petty_persuaded(s: State, hh: Households, p: Params, willing: np.ndarray) -> np.ndarray:
    """The share of households willing to report petty crime only thanks to a campaign's pull: (R, D)."""
    return share(hh, willing & ~((p.b_g * s["district.gov_trust"][..., None] - p.c_petty) > hh.theta))


# The shares behind the reporting rates, kept from quarter to quarter so a change can be told by its causes.
REASONS = ("report_petty_campaign", "report_oc_campaign", "report_oc_reprisal")


def _tell_why(
    s: State, p: Params, ledger: Ledger, petty: np.ndarray, campaign: np.ndarray, reprisal: np.ndarray
) -> None:
    """Tell the quarter's change in reporting by its causes, for the explanation only: the reporting a campaign's
    pull brings (it grows as a campaign starts and shrinks as its promise wears out, `_why_willing`), the
    organized-crime reporting the reprisal people fear holds back (it grows as news of reprisals spreads: the
    chilling effect), and the rest: victims deciding on trust in the police and on what their neighbours would do,
    and households that did not reconsider. The rates were set as one term (`term.reporting_decisions`); the parts
    add up to it."""
    now = (petty * p.w_max_petty, campaign * p.w_max, reprisal * p.w_max)
    before = [s.inner.get(key, value) for key, value in zip(REASONS, now, strict=True)]
    ledger.split(
        "district.report_petty",
        "term.reporting_decisions",
        {"term.reporting_campaign": now[0] - before[0], "term.reporting_decisions": None},
    )
    ledger.split(
        "district.report_oc",
        "term.reporting_decisions",
        {
            "term.reporting_campaign": now[1] - before[1],
            "term.reporting_reprisal": now[2] - before[2],
            "term.reporting_decisions": None,
        },
    )
    s.inner.update(zip(REASONS, now, strict=True))


def seat_reasons(s: State, p: Params) -> None:
    """Where the game is explained: the starting households' reasons, as each would decide now, kept only where that
    is the mind the warm-up left it with (the others keep theirs out of habit, counted with the rest), and the
    shares behind the reporting that `_tell_why` compares the first quarter with."""
    hh = s.households
    present = hh.present_mask()
    pulled, reprisal, pull = report_pull(s.values, hh, p, s.nbr)
    persuaded, deterred = _decided_by(hh, pulled, reprisal, pull, present)
    same = (pulled > hh.theta) == (hh.willing != 0)
    s.inner["report_persuaded"], s.inner["report_deterred"] = persuaded & same, deterred & same
    petty = (p.b_g * s["district.gov_trust"][..., None] + campaign_pull(s.values, hh, p) - p.c_petty) > hh.theta
    campaign, held = share(hh, s.inner["report_persuaded"]), -share(hh, s.inner["report_deterred"])
    now = (_petty_persuaded(s, hh, p, petty) * p.w_max_petty, campaign * p.w_max, held * p.w_max)
    s.inner.update(zip(REASONS, now, strict=True))


def learn_what_reports_achieve(
    hh: Households,
    p: Params,
    reported: np.ndarray,
    cleared: np.ndarray,
    cleared_known: np.ndarray,
    nbr: np.ndarray,
    campaign: np.ndarray,
) -> None:
    """A reporting campaign promises that a report leads somewhere, and while one runs in its district (`campaign`,
    (R, D)) a household finds out: each quarter it knows of any report, its own or its ties', its belief in the
    promise (`promise`, 1 until then) moves at `campaign_learning` toward the share of them that reached honest
    investigators. Where most reports go nowhere, the campaign stops persuading those who have seen it; where the
    police answer, it keeps persuading (ENVIPE's first reason for not reporting, "a waste of time", anchors-model
    §2). A later campaign meets what the earlier one taught. With `campaign_learning` = 0 nobody learns and a
    campaign persuades as it did until model version 29. (R, D, H)"""
    known = network.gather_counts(reported, nbr)
    known += reported
    achieved = cleared_known + cleared
    knows = (known > 0) & campaign[..., None]
    seen = achieved / np.maximum(known, 1)
    hh.promise = np.where(knows, hh.promise + p.campaign_learning * (seen - hh.promise), hh.promise)


def hear(s: State, p: Params, t: Turn) -> None:
    """Last quarter's leaked reports are punished now; the victims' neighbours hear, and tell theirs; beliefs move."""
    hh = s.households
    o = s["district.oc_control"]
    present = hh.present_mask()
    t.retaliated = (hh.pending != 0) & present
    t.retaliations = count(t.retaliated)
    hh.pending = np.zeros_like(hh.pending)
    # And the district talks (gossip, the local press): its retaliations reach everyone there, as the share of the
    # district's households they struck, not their number. A district's households are a sample of its people: a
    # level that simulates more of them must not make each one hear more (until model version 24 it did).
    per_retaliation = talk_per_retaliation(s.homes, p)
    talk = (per_retaliation * t.retaliations)[..., None] * hh.present
    t.heard = network.word_of_mouth(t.retaliated, s.nbr, present, p.second_hand)
    t.heard_from_ties = t.heard > 0
    t.heard_share = _heard_share(s, t.heard_from_ties, t.retaliations, per_retaliation)
    t.heard += talk
    # Beliefs: the reprisal a household expects, from what it heard and from the group's general threat.
    # The group's threat reaches beyond its own turf: half local control, half the city's (the same group).
    reach = 0.5 * o + 0.5 * o.mean(axis=-1, keepdims=True)
    general = p.psi * reach[..., None] * t.leak[..., None]
    # target = 1 - exp(-(s_heard * heard + general)), step by step in one array
    target = p.s_heard * t.heard
    target += general
    np.negative(target, out=target)
    np.exp(target, out=target)
    np.subtract(1, target, out=target)
    target *= p.mu_belief
    rho = (1 - p.mu_belief) * hh.rho
    rho += target
    rho[t.retaliated] = 1.0
    hh.rho = rho


def _heard_share(s: State, ties: np.ndarray, retaliations: np.ndarray, per_retaliation: np.ndarray) -> np.ndarray:
    """The share of a district's households who heard of a retaliation this quarter (what trust reads): from their
    ties (`ties`, first- or second-hand), or from the district's talk, which reaches each of the others with a chance
    per retaliation of the talk it carries, at most 1. In a district of up to `news_reach` households (400 at the
    shipped value) that chance is 1, and everyone hears of any retaliation there, as in every district until model
    version 24; in a larger one, each retaliation is heard by a share of the district, so that a larger sample of the
    same people does not make more of them hear. (R, D)"""
    hh = s.households
    everyone = ties | ((retaliations > 0) & (per_retaliation >= 1))[..., None]
    heard = share(hh, everyone)
    chance = 1 - (1 - np.minimum(per_retaliation, 1)) ** retaliations  # (R, D)
    partly = (chance > 0) & (chance < 1)
    if partly.any():  # districts too large for everyone to hear: those who heard nothing from their ties, at chance
        heard = heard + np.where(partly, share(hh, ~everyone) * chance, 0.0)
    return heard


def decide_and_report(s: State, p: Params, t: Turn, draws: list[np.ndarray]) -> None:
    """Some reconsider whether they would report; those who meet the group and are willing report; some reports
    leak and are punished a quarter later; the rest may reach honest investigators. Uses draws[0:6]."""
    hh = s.households
    o = s["district.oc_control"]
    present = hh.present_mask()
    # Some households reconsider each quarter (people do not change their minds all at once); one that heard of a
    # reprisal from someone it knows, first- or second-hand, reconsiders now: the news moves willingness along the
    # ties it travels (model version 29; until 28 only at the quarter's chance, `revise`). `news_revise` is that
    # chance for those who heard (1 as shipped; 0 switches the rule off, as the hearing ablations do). The same draw
    # serves both, so such a household reconsiders with the larger of the two chances.
    u = draws[0]
    revise = u < p.revise
    revise |= t.heard_from_ties & (u < p.news_revise)
    why = "report_persuaded" in s.inner  # seated where the game is explained (seat_reasons)
    pulled, reprisal, pull = report_pull(s.values, hh, p, s.nbr, parts=why)
    willing = np.where(revise, pulled > hh.theta, hh.willing != 0) & present
    hh.willing = willing.astype(float)
    if why:
        t.campaign_part, t.reprisal_part = _why_willing(s, hh, pulled, reprisal, pull, revise, present)
    # Who meets the group's activity — its victims, and witnesses of it — and who of them reports.
    met = (t.victim_oc | (draws[1] < p.witness * o[..., None])) & present
    t.encounters = met
    reports = met & willing & (draws[2] < p.w_max)
    t.oc_report_count = count(reports)
    t.oc_reports = reports
    leaked = reports & (draws[3] < t.leak[..., None])
    punished = leaked & (draws[4] < p.k_retaliation * o[..., None])
    hh.pending = ((hh.pending != 0) | punished).astype(float)
    honest = (1 - s["city.corruption"])[:, None, None]
    cleared = reports & ~leaked & (draws[5] < p.q_clear * honest)
    # Information on the group: the share of its dealings with residents that reached honest enforcement.
    t.information = count(cleared) / np.maximum(count(met), 1.0)
    t.cleared = cleared


def warm_up(s: State, p: Params, rng: RunRandom, quarters: int) -> None:
    """Start households' beliefs, willingness and pending reprisals where their own rules put them in the starting
    city: a few quarters of hearing, deciding and reporting with every district value held at its start. Without
    it the first quarters of every game drift as beliefs spread from a uniform start, whatever the player does."""
    d, h = s.households.wealth.shape[1:]
    for _ in range(quarters):
        u = rng.draws((7, d, h))  # (R, 7, D, H)
        t = Turn()
        organized.extortion(s, p, t, u[:, 0])
        hear(s, p, t)
        decide_and_report(s, p, t, [u[:, i] for i in range(1, 7)])
