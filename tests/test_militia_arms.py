"""A self-defense group's arms (model version 25, game/sim/militia.py): its honest members fight in proportion to the
share of them armed; newcomers bring their own or none, weapons are lost, and the money left once members are paid
arms the unarmed."""

import numpy as np
import pytest

from game.content.loader import load_content
from game.sim.model import CityModel

SEEDS = range(10)
FULLY_ARMED = {"arms_wear": 0.0, "arms_own": 1.0}  # every honest member armed for good: groups until version 24


@pytest.fixture(scope="module")
def content():
    return load_content().content


def _play(content, quarters: int, overrides=None, values=None, level: str = "hot_valley") -> CityModel:
    """The status quo's model on 10 seeds for `quarters` quarters, after setting `values` everywhere."""
    rngs = [np.random.default_rng(s) for s in SEEDS]
    model = CityModel(content, content.levels[level], "official", rngs, overrides)
    for name, value in (values or {}).items():
        model.state.values[name] = np.full_like(model.state.values[name], value)
    for turn in range(1, quarters + 1):
        model.begin_turn(turn)
        model.step()
    return model


def test_a_group_starts_where_its_own_rules_keep_its_arms(content):
    """The starting groups hold the arms their money and their newcomers keep (militia.warm_start): a quarter of the
    status quo moves the armed share of the groups' honest members by little, and not one way (until the rest state
    counted the half-armed newcomers who replace members as they turn over, it fell in every level)."""
    start = _play(content, 0)
    armed = start.state["district.militia_arms"]
    groups = start.state["district.militia"] > 0.01
    assert groups.any()
    assert ((armed[groups] > 0.05) & (armed[groups] < 0.99)).all(), armed[groups]
    change = _play(content, 1).state["district.militia_arms"][groups] - armed[groups]
    assert np.abs(change).mean() < 0.02, change
    assert abs(change.mean()) < 0.0025, change.mean()


@pytest.mark.parametrize("level", ["border_city", "hot_valley"])
def test_fully_armed_groups_stay_fully_armed(content, level):
    """With nothing lost and every newcomer armed, every honest member is armed from the start and stays so,
    exactly: the ablation the claims table reads (e4-predation-arms) plays version 24's rules."""
    for quarters in (0, 1, 6):
        armed = _play(content, quarters, FULLY_ARMED, level=level).state["district.militia_arms"]
        assert (armed == 1.0).all(), (quarters, armed[armed != 1.0])


def test_unarmed_groups_do_not_push_the_criminals_back(content):
    """Fights are the armed honest members': groups that lose every weapon and can buy none leave criminal control
    higher than fully armed ones, on the same seeds."""
    unarmed = _play(content, 8, {"arms_wear": 1.0, "arms_own": 0.0, "arms_buy": 0.0})
    armed = _play(content, 8, FULLY_ARMED)
    assert (unarmed.state["district.militia_arms"] == 0).all()
    assert unarmed.state["district.oc_control"].mean() > armed.state["district.oc_control"].mean() + 0.005


def test_newcomers_bring_arms_own(content):
    """As members turn over, newcomers join with the share `arms_own` armed: with nothing lost or bought, newcomers
    unarmed and every member armed at first, a group's armed share only falls, and falls where members joined."""
    unarmed_newcomers = {"arms_wear": 0.0, "arms_buy": 0.0, "arms_own": 0.0}
    start = _play(content, 0, unarmed_newcomers, values={"district.militia_arms": 1.0})
    model = _play(content, 4, unarmed_newcomers, values={"district.militia_arms": 1.0})
    groups = start.state["district.militia"] > 0.01
    before, after = start.state["district.militia_arms"][groups], model.state["district.militia_arms"][groups]
    assert (after <= before).all()
    assert after.mean() < before.mean() - 0.02, (before.mean(), after.mean())


@pytest.mark.parametrize("level", ["border_city", "hot_valley"])
def test_the_rest_state_counts_the_newcomers(content, level):
    """Where newcomers come unarmed, the members who turn over take weapons out of a group each quarter: a starting
    group's armed share that counts them holds through the first quarter (here -0.002 and -0.006 on average); one
    that left them out, as until model version 25, starts too well armed and falls at once (-0.010 and -0.014)."""
    start = _play(content, 0, {"arms_own": 0.0}, level=level)
    groups = start.state["district.militia"] > 0.01
    change = (
        _play(content, 1, {"arms_own": 0.0}, level=level).state["district.militia_arms"]
        - start.state["district.militia_arms"]
    )
    assert abs(change[groups].mean()) < 0.008, change[groups].mean()


def test_members_an_event_adds_bring_their_own_arms_to_their_first_fight(content):
    """Members an event adds (a group's call to arms) fight their first quarter with the weapons they bring: when
    they bring none, they add nothing to the group's fights, on the same seeds (until model version 26 they fought
    at the group's armed share, here every member's)."""
    unarmed_newcomers = {"arms_wear": 0.0, "arms_buy": 0.0, "arms_own": 0.0}
    fights = {}
    for called in (False, True):
        rngs = [np.random.default_rng(s) for s in SEEDS]
        model = CityModel(content, content.levels["hot_valley"], "official", rngs, unarmed_newcomers)
        s = model.state
        s.values["district.militia_arms"] = np.ones_like(s.values["district.militia_arms"])
        model.begin_turn(1)
        if called:  # what an event's `add: {district.militia: 0.1}` does
            s.values["district.militia"] = s.values["district.militia"] + 0.1
        fights[called] = model.step().extras["militia_fights"]
    assert np.allclose(fights[True], fights[False], rtol=0.01, atol=1e-9), (fights[True].sum(), fights[False].sum())


def test_the_levy_buys_no_arms(content):
    """A self-financed group's levy only pays its members: with its volunteers gone (every member paid), no turf
    to seize rents from and no subsidy, it buys no weapons at all."""
    rngs = [np.random.default_rng(s) for s in SEEDS]
    model = CityModel(content, content.levels["hot_valley"], "official", rngs)
    s = model.state
    s.inner["militia_volunteers"] = np.zeros_like(s.inner["militia_volunteers"])
    s.inner["militia_turf"] = np.zeros_like(s.inner["militia_turf"])
    s.values["city.militia_subsidy"] = np.zeros_like(s.values["city.militia_subsidy"])
    model.begin_turn(1)
    model.step()
    assert (s["district.levy"] > 0).any()
    assert (model.ledger.terms["district.militia_arms"]["term.arms_bought"] == 0).all()


def test_money_beyond_the_pay_buys_arms(content):
    """A subsidy larger than the members' pay, where the city deputizes the groups, leaves money to arm them: after
    four quarters their honest members are better armed than the same groups' with no subsidy."""
    paid = _play(content, 4, values={"district.deputized": 1.0, "city.militia_subsidy": 2.0})
    unpaid = _play(content, 4, values={"district.deputized": 1.0, "city.militia_subsidy": 0.0})
    groups = paid.state["district.militia"] > 0.01
    assert (
        paid.state["district.militia_arms"][groups].mean() > unpaid.state["district.militia_arms"][groups].mean() + 0.1
    )
