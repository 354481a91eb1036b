"""Militias game by game on border_city (bench/militia_test.py; the brief's T4 and claim (e)'s capture).

The median game's total predation under each policy, as a ratio to the status quo's in the same game, and the share
of games whose group is over half captured at quarter 40. What the model does not give is a strict xfail with its
figures (model version 15, these 30 seeds).
"""

import numpy as np
import pytest

from bench.militia_test import (
    CAPTURED,
    EARLY,
    GAIN,
    LATE,
    TURNS,
    fresh_district,
    fresh_trajectories,
    median_ratio,
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
    reason="no early gain in predation: the median game's ratio is 1.01 at its lowest in quarters 1-8 (0.95 asked). "
    "The group's levy starts at once, and its new members join a group the settled city already holds 45% captured, "
    "where the brief's sketch starts a clean group",
)
def test_a_self_financed_group_brings_an_early_gain(arms):
    assert ratio(arms, "organizer", "militia")[list(EARLY)].min() <= GAIN


def test_a_subsidy_without_vetting_is_no_better_at_quarter_40(arms):
    """Since model version 15 the district's police cannot check the men the city deputizes (oversight_load)."""
    assert ratio(arms, "official", "militia")[TURNS] > 1


def test_vetting_keeps_predation_under_the_status_quos(arms):
    assert ratio(arms, "official", "vetted_militia")[TURNS] < 1


@pytest.fixture(scope="module")
def fresh():
    """A group the organizer forms in the first quarter where there was none (border_city's centro), and the same
    games with nothing adopted (bench/militia_test.py's last row)."""
    content = load_content().content
    district = fresh_district(content, LEVEL)
    assert district == "centro"
    return tuple(fresh_trajectories(content, LEVEL, district, SEEDS, form) for form in (True, False))


def test_criminal_control_falls_in_a_new_groups_first_quarters(fresh):
    """Model version 21: the group starts from who joins it, not half captured, and pushes the criminals back."""
    formed, still = fresh
    assert np.median(formed["organized_crime"][8] - still["organized_crime"][8]) < -0.005


def test_a_new_group_is_bought_into_over_the_game(fresh):
    """Clean at the start, over half captured in most games by quarter 40 (claim (e)'s capture, on its own group)."""
    formed, _ = fresh
    assert np.median(formed["group_capture"][1]) < 0.3
    assert (formed["group_capture"][TURNS] > CAPTURED).mean() >= 0.5


@pytest.mark.xfail(
    strict=True,
    reason="a new group brings neither the brief's early gain nor its later harm: the median game's total predation "
    "is 1.00 of the status quo's at its lowest in quarters 1-8 and 0.99 at its highest in 14-24 (200 seeds, model "
    "version 21): its levy grows as criminal control falls, and it is bought into too slowly to do harm in the term",
)
def test_a_new_group_brings_an_early_gain_then_harm(fresh):
    r = median_ratio(*fresh)
    assert r[list(EARLY)].min() <= GAIN and r[list(LATE)].max() > 1
