"""The official's neighborhood watch program: the city pays for what the organizer's volunteers do by hand (the same
watch campaign lever), so an official can back watches too (the brief's citizen campaign includes watch groups)."""

from __future__ import annotations

import numpy as np
import pytest

from game.content.loader import load_content
from game.session.commands import AdoptMeasure
from game.session.session import GameSession


@pytest.fixture(scope="module")
def content():
    return load_content().content


def first_option(occurrence, rng):
    return occurrence.enabled[0].id if occurrence.enabled else None


def watchers(session: GameSession, district: int) -> float:
    hh = session.model.state.households
    r = session.run
    return float((hh.watch[r, district] * hh.present[r, district]).sum() / hh.present[r, district].sum())


@pytest.mark.parametrize("level", ["border_city", "hot_valley", "metropolis", "template"])
def test_the_levels_offer_it_to_the_official_only(content, level):
    measure = content.measures["watch_programme"]
    assert measure.role == "official" and measure.target == "district"
    roles = content.levels[level].roles
    assert "watch_programme" in roles.get("official").measures
    assert "watch_programme" not in roles.get("organizer").measures


def test_the_guided_first_level_keeps_its_six_measures(content):
    # first_steps teaches with few measures a role (tests/test_hints_content.py): the watch program is not one of them
    assert "watch_programme" not in content.levels["first_steps"].roles.get("official").measures


def test_backing_watches_in_a_district_brings_more_watchers_than_the_status_quo(content):
    gains = []
    for seed in range(6):
        backed = GameSession(content, "border_city", "official", seed)
        alone = GameSession(content, "border_city", "official", seed)
        centro = backed.world.district_ids.index("centro")
        backed.play_turn([AdoptMeasure("watch_programme", "centro")], chooser=first_option)
        alone.play_turn([], chooser=first_option)
        assert [(a.measure, a.district) for a in backed.active] == [("watch_programme", "centro")]
        if seed == 0:  # paid for: its cost, beside the quarter's allotment (its taxes differ between the games)
            paid = [float(s.records[-1].indicators["player.budget"]) for s in (alone, backed)]
            terms = [s.model.ledger.terms["player.budget"] for s in (alone, backed)]
            assert (
                float(terms[1]["measure:watch_programme"].sum()) == -30.0 and "measure:watch_programme" not in terms[0]
            )
            allotted = [float(t["term.budget_allotment"].sum()) for t in terms]
            assert paid[0] - paid[1] == pytest.approx(
                30 + allotted[0] - allotted[1], abs=2e-6
            )  # (indicators: 6 decimals)
        for _ in range(3):
            backed.play_turn([], chooser=first_option)
            alone.play_turn([], chooser=first_option)
        gains.append(watchers(backed, centro) - watchers(alone, centro))
    assert np.median(gains) > 0.05  # five points or more of Centro's households watching, in the median game
