"""The status quo answers events without changing the state (anchors-model §4: its informer protection and
transparency stay at nothing, and it may keep the figures as they are): it takes no option that adds protection,
transparency or vetting, or undoes a manipulation of the figures, while another is open; so do the bots that are the
status quo plus their measures, so that an experiment's arms differ by their measures. Answered by the weights alone,
as every bot answered until 8 December 2026, the status quo's police corruption drifted down over 40 quarters."""

from __future__ import annotations

import numpy as np
import pytest

from game.bots import BOTS
from game.bots.base import changes_the_state
from game.bots.policies import StatusQuo
from game.events.engine import EventEngine, auto_choose
from game.events.world import DictWorld
from game.runs.batch import run_batch
from tests.ui.harness import shipped_content


class WeightsOnly(StatusQuo):
    """The status quo answering as it did until 8 December 2026: by the weights among every open option."""

    keeps_the_state = False


@pytest.fixture(scope="module")
def content():
    return shipped_content()


def reclassified(content):
    """The shipped "a better quarter, on paper" event, fired for border_city's official with capital to spare."""
    level = content.levels["border_city"]
    world = DictWorld(content, level, "official")
    world.player["political_capital"] = 60.0
    world.city["manipulation"] = 0.3
    engine = EventEngine(content, level, "official")
    engine.begin_turn(5)
    rng = np.random.default_rng(0)
    return engine.fire(content.events["homicides_reclassified"], None, world, rng, "turn_start", "test", [])


def test_which_shipped_options_change_the_state(content):
    options = {o.id: o for o in content.events["homicides_reclassified"].options}
    assert changes_the_state(options["order_recount"])  # transparency up, manipulation down
    assert changes_the_state(options["publish_with_caveat"])  # a little transparency
    assert not changes_the_state(options["announce_as_is"])


def test_the_status_quo_lets_the_figures_stand_where_the_weights_would_not(content):
    occ = reclassified(content)
    assert {o.id for o in occ.enabled} == {"announce_as_is", "order_recount", "publish_with_caveat"}
    bot = StatusQuo()
    assert {bot.choose(occ, np.random.default_rng(seed)) for seed in range(40)} == {"announce_as_is"}
    assert len({auto_choose(occ, np.random.default_rng(seed)) for seed in range(40)}) == 3


def test_the_status_quo_plus_measures_answers_as_the_status_quo_and_accountability_as_before(content):
    occ = reclassified(content)
    kept = (
        "citizen_campaign",
        "gated",
        "militia",
        "fear_management",
        "culture",
        "security_spending",
        "reporting_drive",
    )
    for name in kept:
        bot = BOTS[name]()
        assert {bot.choose(occ, np.random.default_rng(seed)) for seed in range(40)} == {"announce_as_is"}, name
    for name in ("accountability", "vetted_militia", "concentrated", "spread", "random"):
        bot = BOTS[name]()
        answers = [bot.choose(occ, np.random.default_rng(seed)) for seed in range(40)]
        assert answers == [auto_choose(occ, np.random.default_rng(seed)) for seed in range(40)], name


def test_where_every_option_changes_the_state_it_still_answers(content):
    occ = reclassified(content)
    only = [s for s in occ.options if s.option.id != "announce_as_is"]
    occ.options = only
    picked = {StatusQuo().choose(occ, np.random.default_rng(seed)) for seed in range(40)}
    assert picked == {"order_recount", "publish_with_caveat"}


def test_answered_by_the_weights_the_status_quo_drifts_toward_accountability_and_now_it_does_not(content):
    """border_city, 16 paired seeds, 40 quarters: with the weights' answers the events add transparency and its
    police corruption falls well below where the status quo's own answers leave it."""
    seeds = list(range(16))
    kept = run_batch(content, "border_city", "official", StatusQuo(), seeds, turns=40).metrics
    weights = run_batch(content, "border_city", "official", WeightsOnly(), seeds, turns=40).metrics
    drift = weights["corruption"] - kept["corruption"]
    assert np.median(drift) < -0.02, drift
    assert abs(float(np.mean(kept["corruption"])) - 0.69) < 0.03, kept["corruption"]
