"""Issue 12 item 3: a term of protection and accountability tips the worst district into the good basin.

A basin is where the city goes when nobody pushes it (bench/tipping.py, docs/model.md "Tipping"): `concentrated`
plays border_city's term and stops; by quarter 60 what it built has faded most of the way back (5% a quarter), and
the worst district is read then. The checks could each fail: the district could come back (as it does in
hot_valley), the levers could still be what holds it, and the mechanism's ablation could leave it tipped.
"""

from __future__ import annotations

import numpy as np
import pytest

from bench.tipping import play

RUNS, QUARTERS = 20, 60


@pytest.fixture(scope="module")
def arms():
    def arm(bot: str, dismantle: bool = False, overrides: tuple = ()):
        path, start, _, held = play("border_city", bot, dismantle, overrides, RUNS, QUARTERS, ())
        return float(np.mean(path[-1] < start / 2)), held

    return {
        "status_quo": arm("status_quo"),
        "term": arm("concentrated"),
        "dismantled": arm("concentrated", dismantle=True),
        "eta0": arm("concentrated", overrides=(("eta", 0.0),)),
    }


def test_a_term_tips_the_worst_district_for_good_in_most_games(arms):
    tipped, held = arms["term"]
    assert tipped >= 0.6 and arms["status_quo"][0] <= 0.1, (tipped, arms["status_quo"][0])
    base = arms["status_quo"][1]
    gap = max(abs(held[n] - base[n]) for n in held)
    assert gap < 0.1, "the levers, not the city's own state, would be what holds it"


def test_the_institutions_fading_slowly_is_what_carries_it_across(arms):
    assert arms["dismantled"][0] <= 0.5 * arms["term"][0], (arms["dismantled"][0], arms["term"][0])


def test_without_information_reaching_enforcement_nothing_tips(arms):
    assert arms["eta0"][0] <= 0.1, arms["eta0"][0]
