"""Games differ by their people (issue 12 item 2), measured as bench/people_variation.py does: the spread between
games under the rules alone (the same city, the same seeds, no events) against the status quo as played.

Since model version 22 a self-defense group is its member households, so the games' groups differ by who joins,
goes home and is bought; under version 21 (a district stock moved by expected flows) the rules alone spread
border_city's strongest group and its captured share a third as far as the games with their events (0.33, 0.36)."""

import pytest

from bench.people_variation import spreads
from game.content.loader import load_content


@pytest.fixture(scope="module")
def border_city():
    return spreads(load_content().content, "border_city", "official", list(range(30)), 12)


@pytest.mark.parametrize("metric", ["militia_strength", "militia_capture"])
def test_people_alone_spread_the_groups_about_as_far_as_events_do(border_city, metric):
    alone, played = border_city[metric]
    assert alone > 0.6 * played, (alone, played)
