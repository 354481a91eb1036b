"""Militias game by game on border_city (bench/militia_test.py; the brief's T4 and claim (e)'s capture).

The median game's total predation under each policy, as a ratio to the status quo's in the same game, and the share
of games whose group is over half captured at quarter 40. What the model does not give is a strict xfail with its
figures (model version 23, these 30 seeds).
"""

import numpy as np
import pytest

from bench.level_files import playable
from bench.militia_test import (
    CAPTURED,
    EARLY,
    GAIN,
    LATE,
    TURNS,
    fresh_district,
    median_ratio,
    offers_militias,
    trajectories,
)
from game.content.loader import load_content

SEEDS = list(range(30))
LEVEL = "border_city"


@pytest.fixture(scope="module")
def arms():
    content = load_content().content
    runs = {
        (role, "status_quo"): trajectories(content, LEVEL, role, "status_quo", SEEDS)
        for role in ("official", "organizer")
    }
    for role, bot in (("organizer", "militia"), ("official", "militia"), ("official", "vetted_militia")):
        runs[role, bot] = trajectories(content, LEVEL, role, bot, SEEDS)
    return runs


def ratio(arms, role: str, bot: str) -> np.ndarray:
    return median_ratio(arms[role, bot], arms[role, "status_quo"])


def test_a_self_financed_group_does_harm_by_quarters_14_to_24(arms):
    assert ratio(arms, "organizer", "militia")[list(LATE)].max() > 1


def test_a_self_financed_group_is_over_half_captured_in_most_games_by_quarter_40(arms):
    assert (arms["organizer", "militia"]["militia_capture"][TURNS] > CAPTURED).mean() >= 0.5


def test_criminal_control_falls_in_a_self_financed_groups_first_quarters(arms):
    control = arms["organizer", "militia"]["organized_crime"] - arms["organizer", "status_quo"]["organized_crime"]
    assert np.median(control[8]) < 0


@pytest.mark.xfail(
    strict=True,
    reason="no early gain in predation: the median game's ratio is 1.02 at its lowest in quarters 1-8 (0.95 asked; "
    "model version 23, 1.02 in bench/militia_test.py's 200 games). The group's levy starts at once, and its new "
    "members join a group the settled city already holds about 60% captured, where the brief's sketch starts a "
    "clean group",
)
def test_a_self_financed_group_brings_an_early_gain(arms):
    assert ratio(arms, "organizer", "militia")[list(EARLY)].min() <= GAIN


def test_a_subsidy_without_vetting_is_no_better_at_quarter_40(arms):
    """Since model version 15 the district's police cannot check the men the city deputizes (oversight_load)."""
    assert ratio(arms, "official", "militia")[TURNS] > 1


def test_vetting_keeps_predation_under_the_status_quos(arms):
    assert ratio(arms, "official", "vetted_militia")[TURNS] < 1


def test_no_shipped_level_offers_a_district_for_a_new_group():
    """Model version 22 settled every district where the organizer may form a group with one already standing, so
    the brief's clean-group sketch has no place on the shipped levels (bench/militia_test.py prints its row only
    where one does; tests/test_model.py checks how a group formed where none was starts)."""
    content = load_content().content
    levels = [x for x in playable(content) if offers_militias(content, x)]  # the levels the bench reads
    assert levels, "some shipped level has rural districts, where groups form"
    assert {level: fresh_district(content, level) for level in levels} == dict.fromkeys(levels)
