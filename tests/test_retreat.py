"""Households that give up the street (model version 27, game/sim/households.py `stays_in`): they stay in at night and
keep the children in when feeling insecure, plus the reprisal they believe reporting brings, passes what they will
risk. Nothing else in the model reads it yet, so switching it off changes no other value."""

import numpy as np
import pytest

from game.content.loader import load_content
from game.sim.households import stays_in
from game.sim.model import CityModel

SEEDS = range(8)


@pytest.fixture(scope="module")
def content():
    return load_content().content


def _play(content, quarters: int, overrides=None, level: str = "border_city") -> CityModel:
    rngs = [np.random.default_rng(s) for s in SEEDS]
    model = CityModel(content, content.levels[level], "official", rngs, overrides)
    for turn in range(1, quarters + 1):
        model.begin_turn(turn)
        model.step()
    return model


def _living_share(model: CityModel, flags: np.ndarray) -> np.ndarray:
    hh = model.state.households
    here = hh.present_mask()
    return (flags & here).sum(axis=-1) / here.sum(axis=-1)


@pytest.mark.parametrize("quarters", [0, 3])
def test_the_share_is_the_households_own_decisions(content, quarters):
    """district.retreat is the share of the households living there whose own fear, belief and risk aversion keep
    them in: at the start (seated after the warm-up) and after quarters of play."""
    model = _play(content, quarters)
    share = _living_share(model, stays_in(model.state.households, model.params))
    assert np.array_equal(model.state["district.retreat"], share)
    assert 0.05 < share.mean() < 0.95


def test_the_fearful_and_those_who_fear_reprisal_stay_in(content):
    """Who stays in: among households of the same risk aversion, the fearful rather than the calm, and the more
    reprisal a household believes reporting brings, the likelier it stays in."""
    model = _play(content, 2)
    hh, p = model.state.households, model.params
    inside = stays_in(hh, p)
    here = hh.present_mask()
    middle = here & (hh.risk > 0.4) & (hh.risk < 0.6)
    fearful, calm = middle & (hh.fear != 0), middle & (hh.fear == 0)
    assert inside[fearful].mean() > inside[calm].mean() + 0.2
    hh.rho = np.ones_like(hh.rho)
    believing = stays_in(hh, p)
    assert believing[calm].mean() > inside[calm].mean()
    assert (believing | ~inside).all()  # believing more never lets anyone out


def test_without_its_weights_nobody_stays_in(content):
    """With neither fear nor believed reprisal weighing on anyone, no household gives up the street; every other
    value of the game is the same as with the retreat's weights, bit for bit (nothing reads it)."""
    off = _play(content, 4, {"retreat_fear": 0.0, "retreat_reprisal": 0.0})
    on = _play(content, 4)
    assert (off.state["district.retreat"] == 0).all()
    assert (on.state["district.retreat"] > 0).all()
    for name, values in on.state.values.items():
        if name != "district.retreat":
            assert np.array_equal(values, off.state.values[name]), name


def _quarter_terms(model: CityModel, turn: int) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """One more quarter: the retreat's change and its terms."""
    before = model.state["district.retreat"].copy()
    model.begin_turn(turn)
    model.step()
    return model.state["district.retreat"] - before, model.ledger.terms["district.retreat"]


def test_the_change_is_told_by_its_two_causes(content):
    """The quarter's change of the retreat is put down to fear of crime and to fear of reprisal for reporting,
    and the two add up to it; with believed reprisal weighing nothing, all of it is fear of crime."""
    change, terms = _quarter_terms(_play(content, 2), 3)
    assert set(terms) == {"term.retreat_fear", "term.retreat_reprisal"}
    assert np.allclose(terms["term.retreat_fear"] + terms["term.retreat_reprisal"], change, atol=1e-12)
    assert np.abs(terms["term.retreat_reprisal"]).max() > 0
    change, terms = _quarter_terms(_play(content, 2, {"retreat_reprisal": 0.0}), 3)
    assert (terms["term.retreat_reprisal"] == 0).all()
    assert np.allclose(terms["term.retreat_fear"], change, atol=1e-12)
