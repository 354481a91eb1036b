"""bench/sensitivity.py names the parameters a swept effect leans on, and only those beyond chance."""

from __future__ import annotations

import numpy as np

from bench.sensitivity import lines, strongest


def sweep(effect_of, count: int = 80, seed: int = 4):
    rng = np.random.default_rng(seed)
    points = [{f"p{i}": float(v) for i, v in enumerate(row)} for row in rng.uniform(0.75, 1.25, (count, 30))]
    noise = rng.normal(0, 0.02, count)
    return points, [effect_of(p) + e for p, e in zip(points, noise, strict=True)]


def test_the_parameter_the_effect_follows_is_named_with_its_direction():
    points, effects = sweep(lambda p: 0.5 * p["p3"] - 0.2 * p["p7"])
    named = strongest(points, effects)
    assert [n for n, _, _ in named][:2] == ["p3", "p7"]
    assert named[0][1] > 0 > named[1][1]
    assert "`p3` (ρ +" in lines("x1", points, effects)[0]


def test_an_effect_that_follows_no_parameter_names_none():
    points, effects = sweep(lambda p: 0.0)
    assert strongest(points, effects) == []
    assert "no parameter ranks" in lines("x1", points, effects)[0]
    assert strongest(points[:3], effects[:3]) == []  # too few points to say anything
