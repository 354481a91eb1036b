"""The watch as people (model version 11): households with nobody free sit a quarter out, and where the group holds
a district it recruits lookouts among the watchers; a lookout found out sets the neighbours who hear against each
other (anchors-model D6, the fear that a watcher is a lookout)."""

from __future__ import annotations

import numpy as np
import pytest

from game.content.loader import load_content
from game.sim.model import CityModel


@pytest.fixture(scope="module")
def content():
    return load_content().content


def _city(content, control: list[float], watching: float = 1.0, **overrides) -> CityModel:
    """border_city on 8 seeds with the given criminal control per district and every household in the watch at the
    start (`watching` = 1) or none (0)."""
    model = CityModel(
        content,
        content.levels["border_city"],
        "organizer",
        [np.random.default_rng(s) for s in range(8)],
        overrides=overrides or None,
    )
    s = model.state
    s.values["district.oc_control"] = np.broadcast_to(np.array(control), s["district.oc_control"].shape).copy()
    s.households.watch[:] = watching
    return model


def _quarter(model: CityModel, turn: int) -> None:
    model.begin_turn(turn)
    model.step()


def test_lookouts_are_recruited_among_watchers_where_the_group_holds(content):
    # GIVEN a city where every household watches, the group holding district 0 firmly and district 1 not at all
    control = [0.9, 0.0, 0.3, 0.3, 0.3, 0.3, 0.3]
    model = _city(content, control, k_lookout=0.3, lookout_found=0.0)
    # WHEN a quarter passes
    _quarter(model, 1)
    hh = model.state.households
    # THEN the group has lookouts where it holds the district, none where it does not
    assert hh.lookout[:, 0].mean() > 0.2, hh.lookout[:, 0].mean()
    assert hh.lookout[:, 1].sum() == 0
    # AND no household that was not watching is one
    quiet = _city(content, control, watching=0.0, k_lookout=0.3, lookout_found=0.0)
    _quarter(quiet, 1)
    assert quiet.state.households.lookout.sum() == 0


def test_a_lookout_found_out_sets_the_neighbours_against_each_other(content):
    control = [0.9, 0.0, 0.3, 0.3, 0.3, 0.3, 0.3]

    def suspicion(where: list[float] = control, **overrides) -> np.ndarray:
        model = _city(content, where, **overrides)
        _quarter(model, 1)  # lookouts recruited
        _quarter(model, 2)  # some found out, the news spreads
        return model.ledger.terms["district.social_trust"].get("term.lookouts", np.zeros((8, 7)))

    found = suspicion(k_lookout=0.3, lookout_found=0.5)
    # THEN trust falls where lookouts were found, most in the district the group holds (the news also crosses to
    # bordering districts along the few ties households have there)
    assert found[:, 0].mean() < -0.01, found[:, 0].mean()
    assert found[:, 0].mean() < found[:, 1].mean(), (found[:, 0].mean(), found[:, 1].mean())
    # AND where the group holds nothing, there is nobody to recruit lookouts and nothing to find
    assert not suspicion([0.0] * 7, k_lookout=0.3, lookout_found=0.5).any()
    # AND with no lookouts, or none ever found out, nobody is set against anyone
    assert not suspicion(k_lookout=0.0, lookout_found=0.5).any()
    assert not suspicion(k_lookout=0.3, lookout_found=0.0).any()


def test_households_with_nobody_free_sit_the_watch_out(content):
    # GIVEN the same city, its watches at their start
    def watchers(busy: float) -> float:
        model = CityModel(
            content,
            content.levels["border_city"],
            "organizer",
            [np.random.default_rng(s) for s in range(8)],
            overrides={"watch_busy": busy},
        )
        _quarter(model, 1)
        return float(model.state.households.watch.mean())

    # THEN the more households are busy in a quarter, the fewer watch; when all are, nobody does
    none_busy, some_busy, all_busy = watchers(0.0), watchers(0.5), watchers(1.0)
    assert none_busy > some_busy > all_busy == 0.0, (none_busy, some_busy, all_busy)
