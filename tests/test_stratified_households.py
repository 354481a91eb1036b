"""Model version 19: each district's households are a stratified sample of the traits the level and the model
declare. Who has which trait is drawn (so games differ), but not how the traits are spread: every district holds the
n quantiles of each law, and the fearful and the mobilised are the level's shares to within one household."""

from __future__ import annotations

import numpy as np
import pytest

from game.content.loader import load_content
from game.sim.model import CityModel


@pytest.fixture(scope="module")
def start():
    content = load_content().content
    rngs = [np.random.default_rng(seed) for seed in range(6)]
    level = content.levels["border_city"]
    return level, CityModel(content, level, "official", rngs).state


def test_each_district_has_the_mean_wealth_its_level_declares(start):
    level, s = start
    declared = np.array([float(d.initial["wealth"]) for d in level.districts])
    hh = s.households
    mean = (hh.wealth * hh.present).sum(-1) / hh.present.sum(-1)
    np.testing.assert_allclose(mean, np.broadcast_to(declared, mean.shape), rtol=1e-12)


def test_every_district_holds_the_same_thresholds_in_its_own_order(start):
    _, s = start
    hh = s.households
    for trait in (hh.watch_tau, hh.protest_tau, hh.theta, hh.risk):
        flat = trait.reshape(-1, trait.shape[-1])
        ordered = np.sort(flat, axis=-1)
        assert np.all(ordered == ordered[0]), "a district's sample differs from another's"
        assert len({row.tobytes() for row in flat}) == len(flat), "two districts or games dealt the same order"


def test_the_fearful_and_the_mobilised_are_the_levels_shares_to_within_one_household(start):
    level, s = start
    hh = s.households
    n = hh.present.sum(-1)
    declared = np.array([float(d.initial["fear"]) for d in level.districts])
    share = (hh.fear * hh.present).sum(-1) / n
    assert np.all(np.abs(share - declared) <= 1 / n + 1e-12), (share, declared)
    mobilised = (hh.protest * hh.present).sum(-1) / n
    pressure = s["city.pressure"][:, None]
    assert np.all(np.abs(mobilised - pressure) <= 1 / n + 1e-12), (mobilised, pressure)
