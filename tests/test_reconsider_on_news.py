"""Model version 29 (game/sim/reporting.py): a household that hears of a reprisal from someone it knows, first- or
second-hand along the network's ties, reconsiders at once whether it would report. Until version 28 it reconsidered
only at the quarter's chance (`revise`), so its willingness could outlast the news by quarters.

Each test plays one quarter's hearing and deciding on a started city with `revise` = 0: nobody reconsiders by chance,
so every change of mind is the news's doing."""

import numpy as np
import pytest

from game.content.loader import load_content
from game.sim import organized, reporting
from game.sim.model import CityModel
from game.sim.scratch import Turn
from game.sim.state import would_report

SEEDS = range(4)


@pytest.fixture(scope="module")
def content():
    return load_content().content


def _city(content, **overrides: float) -> CityModel:
    rngs = [np.random.default_rng(s) for s in SEEDS]
    return CityModel(content, content.levels["border_city"], "official", rngs, {"revise": 0.0, **overrides})


def _one_quarter(model: CityModel, punished: np.ndarray) -> tuple[Turn, np.ndarray, np.ndarray, np.ndarray]:
    """Every household willing before the quarter; the `punished` ones struck by a reprisal for an earlier report.
    Returns the quarter's scratch, who was willing before, who would be on reconsidering (beliefs moved by the
    news, neighbours as they were) and who is willing after."""
    s, p = model.state, model.params
    hh = s.households
    hh.willing = hh.present_mask().astype(float)
    hh.pending = (punished & hh.present_mask()).astype(float)
    before = hh.willing != 0
    u = model.rng.draws((7, *hh.wealth.shape[1:]))
    t = Turn()
    organized.extortion(s, p, t, u[:, 0])
    reporting.hear(s, p, t)
    wants = would_report(s.values, hh, p, s.nbr)
    reporting.decide_and_report(s, p, t, [u[:, i] for i in range(1, 7)])
    return t, before, wants, hh.willing != 0


def _struck(model: CityModel) -> np.ndarray:
    """One household in each district, the first one living there, struck by a reprisal."""
    here = model.state.households.present_mask()
    punished = np.zeros_like(here)
    first = here.argmax(axis=-1)
    runs, districts = np.indices(first.shape)
    punished[runs, districts, first] = True
    return punished


def test_those_who_heard_from_their_ties_reconsider_at_once(content):
    model = _city(content)
    t, before, wants, after = _one_quarter(model, _struck(model))
    heard = t.heard_from_ties
    assert heard.any() and (~heard & model.state.households.present_mask()).any()
    # Everyone who heard along the ties decided afresh: willing exactly where the rule now says so.
    assert np.array_equal(after[heard], wants[heard])
    assert (before[heard] & ~after[heard]).any(), "the news changed nobody's mind"
    # Nobody else reconsidered (revise = 0), though the district's talk reached them and raised their beliefs too.
    others = ~heard & model.state.households.present_mask()
    assert (t.heard[others] > 0).any(), "the test needs households that heard only the district's talk"
    assert np.array_equal(after[others], before[others])


def test_news_revise_zero_is_the_old_rule(content):
    """`news_revise` = 0 switches the rule off (the hearing ablations do): with `revise` = 0 too, nobody reconsiders,
    though the news still raised what those who heard believe."""
    model = _city(content, news_revise=0.0)
    believed = model.state.households.rho.copy()
    t, before, wants, after = _one_quarter(model, _struck(model))
    heard = t.heard_from_ties
    assert heard.any()
    assert (model.state.households.rho[heard] > believed[heard]).all(), "the news raised no one's belief"
    assert not np.array_equal(wants[heard], before[heard]), "the news would have changed minds"
    assert np.array_equal(after, before & model.state.households.present_mask())
