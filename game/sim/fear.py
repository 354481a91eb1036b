"""Fear (rule D5; Prieto Curiel & Bishop 2017): what people feel, which can move apart from what happens to them.

Each household feels insecure or not. A victim does; others come to by hearing of crimes and reprisals among the
people they know, each story convincing with some chance; and the feeling fades with time. Visible measures —
lights, patrols, murals, guards — make stories less convincing and let the feeling fade faster, while touching
crime only weakly. So fear can fall while crime does not, and stay up after crime falls.
"""

from __future__ import annotations

import numpy as np

from game.sim import network
from game.sim.common import share, share_flags
from game.sim.ledger import Ledger, apply_terms
from game.sim.scratch import Turn
from game.sim.state import Households, Params, State


def visible(s: State, p: Params) -> np.ndarray:
    hh = s.households
    return np.clip(
        p.w_lighting * s["district.lighting"]
        + p.w_police * s["district.police_presence"]
        + p.w_programmes * s["district.programmes"]
        + p.w_public_space * s["district.public_space"]
        + p.w_guarded * (share_flags(hh, hh.gated) + 0.5 * share_flags(hh, hh.lock))
        + p.w_watch * share_flags(hh, hh.watch)
        + p.w_federal * s["city.federal_forces"][:, None],
        0,
        1,
    )


def update(s: State, p: Params, ledger: Ledger, t: Turn, draws: list[np.ndarray]) -> None:
    hh = s.households
    vis = visible(s, p)
    s.values["district.visible"] = vis
    violence = s["district.violence"][..., None]
    victim = t.victim_oc | t.victim_petty | t.retaliated
    # Stories from the people one knows, and a few from the city at large (news, talk at work).
    # What the news carries follows the official figures: where they are bent, crime drops out of the news (the
    # paper's silencing strategy) while neighbours' own stories still travel.
    published = 1 - p.silencing * s["city.manipulation"]
    news = (p.media * s.nbr.shape[1] * share(hh, victim).mean(axis=-1) * published)[:, None, None]
    stories = network.gather_counts(victim, s.nbr).astype(np.float64)
    stories += p.h_retaliation * t.heard
    stories += news
    convince = np.clip(p.h_story * (1 + p.h_violence * violence) * (1 - p.v_story * vis[..., None]), 0, 1)
    # caught: draw < 1 - (1 - convince) ** stories (the stories are kept to say below which ones convinced whom)
    chance = np.power(1 - convince, stories)
    caught = draws[0] < np.subtract(1, chance, out=chance)
    # Taking part (the watch, petitions and marches) gives a feeling of control over one's surroundings, so a
    # participant's fear fades faster whether or not crime falls (Payan, after Percy 1987).
    acting = (hh.watch != 0) | (hh.protest != 0)
    fade_chance = p.m_fade * (1 + p.v_fade * vis[..., None]) * (1 + p.control * acting)
    fade = draws[1] < np.clip(fade_chance, 0, 1)
    before = hh.fear != 0
    fearful = (victim | caught | (before & ~fade)) & hh.present_mask()
    hh.fear = fearful.astype(float)
    old = s["district.fear"]
    became = share(hh, fearful & ~before)
    calmed_here = before & ~fearful
    calmed = share(hh, calmed_here)
    # Split the change by its causes, so the game can say why fear moved.
    direct = share(hh, victim & ~before)
    # Of a participant calmed, the share control/(1 + control) is owed to taking part; of the rest, the share
    # owed to visible measures, as their weight in the district's chance.
    taking_part = share(hh, calmed_here & acting) * (p.control / (1 + p.control))
    rest = calmed - taking_part
    calm_share = p.v_fade * vis / (1 + p.v_fade * vis)
    terms = {
        "term.victimisation": direct,
        STORIES: became - direct,
        "term.fear_fades": -rest * (1 - calm_share),
        "term.visible_measures": -rest * calm_share,
        "term.taking_part": -taking_part,
        "term.moved_away": share(hh, fearful) - old - became + calmed,
    }
    s.values["district.fear"] = apply_terms(old, terms, 0, 1, "district.fear", ledger)
    if ledger.detail:
        ledger.split(
            "district.fear", STORIES, _stories_told(hh, fearful & ~before & ~victim, stories, t.heard, news, p)
        )


STORIES = "term.stories_heard"  # the fear the stories brought, recorded as one term and then split by source


def _stories_told(
    hh: Households, convinced: np.ndarray, told: np.ndarray, heard: np.ndarray, news: np.ndarray, p: Params
) -> dict[str, np.ndarray | None]:
    """Who convinced the households that became afraid without being victims: each one's fear is put down to its
    stories in proportion to their number (reprisals heard, the news, the people it knows), the expected share of
    each. Only the explanation is split; the change itself was applied as one term. The people one knows come last:
    they take what the other two leave, so the parts add up to the whole."""
    weight = np.divide(convinced, told, out=np.zeros_like(told), where=convinced)
    return {
        "term.retaliation_heard": p.h_retaliation * share(hh, weight * heard),
        "term.crime_news": share(hh, weight) * news[:, :, 0],
        "term.crime_stories": None,
    }
