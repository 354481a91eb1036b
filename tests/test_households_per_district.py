"""Model version 20: each district has the households its level declares, and the families a level or an event says
have left are gone for good. Until version 19 every district simulated as many households as the level's largest
(hot_valley's 90-household district had 350 agents, so the city's figures weighed it as the 350 one), and
`district.displaced` was worked out afresh each quarter from households who never left."""

from __future__ import annotations

import numpy as np
import pytest

from bench.district_size import status_quo
from game.content.loader import load_content
from game.sim.metrics import metrics
from game.sim.model import CityModel
from game.sim.state import household_counts


@pytest.fixture(scope="module")
def content():
    return load_content().content


def valley(content, seeds=range(4)) -> CityModel:
    level = content.levels["hot_valley"]
    return CityModel(content, level, "official", [np.random.default_rng(s) for s in seeds])


def declared(content, name: str) -> tuple[np.ndarray, np.ndarray]:
    level = content.levels[name]
    counts = np.array([d.households for d in level.districts])
    displaced = np.array([float(d.start("displaced", 0.0)) for d in level.districts])
    return counts, displaced


def test_each_district_has_the_households_its_level_declares(content):
    counts, displaced = declared(content, "hot_valley")
    assert len(set(counts)) > 1, "the test needs a level whose districts differ in size"
    s = valley(content).state
    np.testing.assert_array_equal(s.homes.sum(axis=-1), counts)
    living = s.households.present.sum(axis=-1)
    np.testing.assert_array_equal(living, np.broadcast_to(counts - np.rint(displaced * counts), living.shape))
    assert not np.any(s.households.present[:, ~s.homes]), "someone lives beyond a district's count"


def test_no_tie_reaches_a_place_where_nobody_lives(content):
    s = valley(content).state
    h = s.homes.shape[1]
    real_rows = s.homes.reshape(-1)
    ties = s.nbr[real_rows]
    assert np.all(s.homes.reshape(-1)[ties]), "a household hears from an empty slot"
    # and the ring inside a district wraps at its own count: its first household hears from its last
    small = int(np.argmin(s.homes.sum(axis=-1)))
    last = small * h + int(s.homes[small].sum()) - 1
    assert (s.nbr[small * h] == last).any() or (s.nbr[last] == small * h).any()


def test_the_city_weighs_each_district_by_the_households_living_there(content):
    counts, displaced = declared(content, "hot_valley")
    s = valley(content).state
    living = counts - np.rint(displaced * counts)
    expected = (s["district.fear"] * living).sum(axis=-1) / living.sum()
    np.testing.assert_allclose(metrics(s)["fear"], expected, rtol=1e-12)
    unweighted = s["district.fear"].mean(axis=-1)
    assert np.all(np.abs(expected - unweighted) > 1e-4), "the level's sizes would not show in its city figure"


def test_the_families_a_level_says_have_left_stay_gone(content):
    counts, displaced = declared(content, "hot_valley")
    model = valley(content)
    for turn in range(1, 7):
        model.begin_turn(turn)
        model.step()
        gone = model.state["district.displaced"]
        # rules only ever let families leave; the level's own leavers never come back
        assert np.all(gone >= np.rint(displaced * counts) / counts - 1e-12), (turn, gone, displaced)


def test_an_event_that_says_families_left_moves_the_better_off_out_and_it_lasts(content):
    model = valley(content, seeds=[3, 3])
    s = model.state
    hh = s.households
    district = 1
    n = int(s.homes[district].sum())
    before = hh.present[0, district].copy()
    model.world(0).change("district.displaced", "add", 0.1, district, "test")
    after = hh.present[0, district]
    left = (before == 1) & (after == 0)
    assert after.sum() == n - round(s["district.displaced"][0, district] * n)
    assert left.sum() >= 8, left.sum()
    stayed = wealth_of(hh, 0, district)[after == 1]
    assert wealth_of(hh, 0, district)[left].min() >= stayed.max(), "the better-off leave first"
    assert hh.present_count()[0, district] == after.sum(), "the count of who lives there was not refreshed"
    np.testing.assert_array_equal(hh.present[1, district], before)  # the other game's families stayed
    model.begin_turn(1)
    model.step()
    gone = s["district.displaced"]
    assert gone[0, district] >= gone[1, district] + 0.1 - 1 / n, "the event's leavers came back within a quarter"
    # and an event that says families came back brings them home
    model.world(0).change("district.displaced", "add", -0.1, district, "test")
    assert hh.present[0, district].sum() >= after.sum() + 8


def wealth_of(hh, run: int, district: int) -> np.ndarray:
    return hh.wealth[run, district]


@pytest.mark.parametrize(("households", "expected"), [(None, [350, 90, 300]), (70, [70, 18, 60]), (5, [5, 4, 4])])
def test_a_smaller_city_keeps_the_levels_proportions(households, expected):
    np.testing.assert_array_equal(household_counts([350, 90, 300], households), expected)


def test_more_households_in_a_district_do_not_make_each_one_hear_more(content):
    """Model version 24: a district's talk (gossip, the local press) tells each household of its retaliations as the
    share of the district they struck, and in a large district each retaliation reaches a share of it. Until version
    23 each household heard every retaliation in its district, whatever its size, so the same city simulated with
    1,600 households a district feared more and reported less (these four gaps were 0.092, 0.019, 0.080 and 0.068
    between 400 and 1,600 households; 0.012, 0.007, 0.004 and 0.004 since). Below 400 households everyone still
    hears of any retaliation in the district, and the figures still move with the size there (docs/model.md)."""
    assert {d.households for d in content.levels["template"].districts} == {200}, "the template's sizes changed"
    four, sixteen = (status_quo(content, "template", n, seeds=16, quarters=24) for n in (400, 1600))
    assert abs(four["fear"] - sixteen["fear"]) < 0.04
    assert abs(four["reporting_rate_organized"] - sixteen["reporting_rate_organized"]) < 0.012
    assert abs(four["social_trust"] - sixteen["social_trust"]) < 0.04
    assert abs(four["trust_in_government"] - sixteen["trust_in_government"]) < 0.04


def test_the_share_an_event_leaves_is_the_households_gone(content):
    """Whole families move: an event's share that is not a whole number of a district's households leaves the
    district's `displaced` at the households actually gone (as households.update counts them), so a screen that
    weighs the district by it weighs the households living there. hot_valley's second district has 90 households:
    0.0967 of them is 8.7 families, and 9 leave."""
    model = valley(content, seeds=[3])
    s, district = model.state, 1
    n = int(s.homes[district].sum())
    start = s["district.displaced"][0, district]
    change = model.world(0).change("district.displaced", "add", 0.0967, district, "test")
    here = s.households.present_mask()[0, district].sum()
    assert s["district.displaced"][0, district] == 1 - here / n
    assert change.after == s["district.displaced"][0, district]
    assert abs(s["district.displaced"][0, district] - (start + 0.0967)) <= 0.5 / n
    assert s["district.displaced"][0, district] != start + 0.0967  # the share alone is not a whole family
