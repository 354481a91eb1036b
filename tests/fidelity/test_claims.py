"""Payan's claims (a)–(i) emerge from the model's mechanisms, and vanish when those mechanisms are switched off.

Each experiment (tests/fidelity/claims.py) compares two bots on `border_city`, paired by seed, over the 12 turns of
a game. The role (official or organizer) is part of each test id.

- test_effect: the predicted sign holds with the 95% bootstrap interval of the mean paired difference excluding 0
  ("lower"/"higher"), or lying inside ±5% relative change ("unchanged"), or above −5% ("not lower").
- test_ablation: under the ablation the effect vanishes — its interval includes 0, or it keeps less than half its
  full size (a reversal keeps a negative share); where the brief expects the effect only to fall ("smaller"), the
  per-seed difference between the full and the ablated effect has an interval excluding 0.

A claim the model does not reproduce is an xfail(strict=True) whose reason says what is missing: if the model
starts reproducing it, the test fails until the mark is removed. Quick runs use 50 paired seeds; the `slow`
variant repeats everything on 200 other seeds. The city-wide chilling effect, small against its noise, gets 200
seeds in the quick run too (exp.runs). A small effect that holds on one run's seeds and not on the other's is
marked on the run where it fails (exp.xfail_quick, exp.xfail_slow; an ablation that leaves the effect on the
quick run's seeds only, exp.xfail_ablation_quick), with both figures. An experiment the brief reads at turn 40
(exp.quarter) is judged, with its ablation, in test_claims_40.py.
"""

import pytest

from game.content.loader import load_content
from tests.fidelity.claims import EXPERIMENTS
from tests.fidelity.lab import Lab
from tests.fidelity.statistics import STATISTICS

QUICK_SEEDS = range(50)
SLOW_SEEDS = range(1000, 1200)


@pytest.fixture(scope="session")
def content():
    return load_content().content


@pytest.fixture(scope="session")
def labs(content):
    return {}


@pytest.fixture
def lab(content, labs, exp):
    """50 paired seeds, or more for an experiment whose effect is small against its noise (exp.runs)."""
    n = max(len(QUICK_SEEDS), exp.runs)
    if n not in labs:
        labs[n] = Lab(content, range(n))
    return labs[n]


@pytest.fixture(scope="session")
def slow_lab(content):
    return Lab(content, SLOW_SEEDS)


UNJUDGED = pytest.mark.skip(reason="not yet judged against model version 2 (issue 12): bench/fidelity.py runs it")


def effect_cases(quick: bool = True) -> list:
    return [
        pytest.param(
            exp,
            id=exp.id,
            marks=([UNJUDGED] if quick and exp.unjudged else [])
            + ([pytest.mark.xfail(strict=True, reason=exp.xfail)] if exp.xfail else [])
            + _one_run_only(exp, quick),
        )
        for exp in EXPERIMENTS
        if exp.quarter == 12
    ]


def _one_run_only(exp, quick: bool) -> list:
    """A claim reproduced on one run's seeds and not on the other's is marked where it fails, with its figures."""
    reason = exp.xfail_quick if quick else exp.xfail_slow
    return [pytest.mark.xfail(strict=True, reason=reason)] if reason else []


def ablation_cases(quick: bool = True) -> list:
    return [
        pytest.param(
            exp,
            id=exp.id,
            marks=([UNJUDGED] if quick and exp.unjudged else [])
            + ([pytest.mark.xfail(strict=True, reason=exp.xfail_ablation)] if exp.xfail_ablation else [])
            + (
                [pytest.mark.xfail(strict=True, reason=exp.xfail_ablation_quick)]
                if quick and exp.xfail_ablation_quick
                else []
            )
            + _one_run_only(exp, quick),
        )
        for exp in EXPERIMENTS
        if exp.ablation and not exp.xfail and exp.quarter == 12
    ]


def check_effect(lab, exp):
    judgement = lab.judge(exp, ablation=False)
    assert judgement.holds, judgement.describe()


def check_ablation(lab, exp):
    judgement = lab.judge(exp)
    assert judgement.holds, "the effect itself is missing: " + judgement.describe()
    assert judgement.vanishes, "the effect survives its ablation: " + judgement.describe()


@pytest.mark.parametrize("exp", effect_cases())
def test_effect(lab, exp):
    check_effect(lab, exp)


@pytest.mark.parametrize("exp", ablation_cases())
def test_ablation(lab, exp):
    check_ablation(lab, exp)


@pytest.mark.slow
@pytest.mark.parametrize("exp", effect_cases(quick=False))
def test_effect_full(slow_lab, exp):
    check_effect(slow_lab, exp)


@pytest.mark.slow
@pytest.mark.parametrize("exp", ablation_cases(quick=False))
def test_ablation_full(slow_lab, exp):
    check_ablation(slow_lab, exp)


def test_every_claim_has_an_experiment_with_an_ablation():
    """The design rule: each claim (a)–(i) has at least one experiment whose mechanism is switched off."""
    claims = {exp.claim for exp in EXPERIMENTS if exp.ablation}
    assert claims == set("abcdefghi")
    assert all(exp.statistic in STATISTICS for exp in EXPERIMENTS)
    # margins are relative changes, so "unchanged" and "not lower" are judged on relative statistics
    assert all(STATISTICS[exp.statistic].relative for exp in EXPERIMENTS if exp.expect in ("unchanged", "not lower"))
    assert len({exp.id for exp in EXPERIMENTS}) == len(EXPERIMENTS)


def test_both_roles_where_the_bot_plays_both():
    """Claims whose bots act in both roles are tested in both (gated, security_spending act only as one)."""
    for claim in "abefgi":
        roles = {exp.role for exp in EXPERIMENTS if exp.claim == claim}
        assert roles == {"official", "organizer"}, claim
