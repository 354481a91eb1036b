"""Model version 30 (game/sim/reporting.py, learn_what_reports_achieve): a reporting campaign persuades a household as
far as the household still believes its promise that a report leads somewhere. While a campaign runs in its district,
each quarter a household knows of a report (its own or a neighbour's), its belief moves toward the share of those
reports that reached honest investigators.

Each test plays eight quarters of border_city with a campaign kept up in every district (or none), the city's values
otherwise moving by the model's own rules."""

import numpy as np
import pytest

from game.content.loader import load_content
from game.sim.model import CityModel
from game.sim.state import campaign_pull

SEEDS = range(4)
QUARTERS = 8


@pytest.fixture(scope="module")
def content():
    return load_content().content


def _play(content, campaign: float, honest_police: bool = False, **overrides: float) -> CityModel:
    rngs = [np.random.default_rng(s) for s in SEEDS]
    model = CityModel(content, content.levels["border_city"], "official", rngs, overrides)
    s = model.state
    for turn in range(1, QUARTERS + 1):
        model.begin_turn(turn)
        s.values["district.report_campaign"][:] = campaign
        if honest_police:
            s.values["city.corruption"][:] = 0.0
        model.step()
    return model


def test_where_reports_go_nowhere_the_campaign_stops_persuading(content):
    model = _play(content, 0.5)
    hh = model.state.households
    here = hh.present_mask()
    promise = hh.promise[here]
    assert (promise < 1).mean() > 0.3, "few households learned anything from eight quarters of a campaign"
    assert promise.min() < 0.5
    # Those who learned are pulled less by the same campaign.
    pull = campaign_pull(
        model.state.values | {"district.report_campaign": np.full_like(model.state["district.report_campaign"], 0.5)},
        hh,
        model.params,
    )
    full = model.params.b_camp * 0.5
    assert np.allclose(pull[here & (hh.promise == 1)], full)
    assert (pull[here & (hh.promise < 1)] < full).all()


def test_where_the_police_answer_every_report_the_promise_holds(content):
    """No leaks, every report investigated and an honest police: every report a household knows of led somewhere,
    so nobody's belief falls."""
    model = _play(content, 0.5, honest_police=True, lambda0=0.0, lambda1=0.0, q_clear=1.0)
    hh = model.state.households
    assert model.last.petty_reports.any(), "the test needs reports for the households to learn from"
    assert np.array_equal(hh.promise, np.ones_like(hh.promise))


def test_nobody_learns_without_a_campaign(content):
    """The status quo never tests the promise: every belief is where it started, and the campaign's pull is the
    model's before version 30."""
    model = _play(content, 0.0)
    hh = model.state.households
    assert np.array_equal(hh.promise, np.ones_like(hh.promise))


def test_campaign_learning_zero_is_the_old_rule(content):
    """`campaign_learning` = 0 (the ablation) keeps every belief at 1, so a campaign persuades as under version 29,
    though the reports went nowhere as often as in the first test."""
    model = _play(content, 0.5, campaign_learning=0.0)
    hh = model.state.households
    assert np.array_equal(hh.promise, np.ones_like(hh.promise))
    # What a player would notice: on the same seeds, the campaign that is learned from brings less reporting.
    learned = _play(content, 0.5)
    for rate in ("district.report_petty", "district.report_oc"):
        assert learned.state[rate].mean() < model.state[rate].mean(), rate
