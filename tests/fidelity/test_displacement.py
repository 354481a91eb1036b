"""Displacement when the rich close their streets (anchors-mechanisms §10 T5), the mechanism alone.

bench/displacement.py holds the rich districts' streets closed for a term, rules alone, against the same games
open. The brief's test: the rich districts' petty crime falls; the poor districts' rises when offenders can reach
them (travel > 0) and not when they cannot; the poor/rich victimisation ratio rises at every travel.
"""

import numpy as np
import pytest

from bench.displacement import play_arm
from game.content.loader import load_content
from tests.fidelity.judging import Effect

SEEDS = list(range(20))


@pytest.fixture(scope="module")
def arms():
    content = load_content().content
    level = content.levels["border_city"]
    return {
        travel: (play_arm(content, level, SEEDS, travel, False), play_arm(content, level, SEEDS, travel, True))
        for travel in (0.0, 0.5)
    }


@pytest.mark.parametrize("travel", [0.0, 0.5])
def test_closing_the_rich_streets_lowers_their_petty_crime(arms, travel):
    open_, closed = arms[travel]
    assert Effect.of(closed["rich"] - open_["rich"]).hi < 0


def test_the_poor_districts_get_more_only_when_offenders_can_reach_them(arms):
    moved = Effect.of(arms[0.5][1]["poor"] - arms[0.5][0]["poor"])
    stayed = Effect.of(arms[0.0][1]["poor"] - arms[0.0][0]["poor"])
    assert moved.lo > 0, moved
    assert stayed.hi < moved.lo, (stayed, moved)


@pytest.mark.parametrize("travel", [0.0, 0.5])
def test_the_poor_rich_ratio_rises_at_every_travel(arms, travel):
    ratio = [arm["poor_victim"].mean() / max(arm["rich_victim"].mean(), 1e-9) for arm in arms[travel]]
    assert ratio[1] > ratio[0], ratio
    assert np.isfinite(ratio).all()
