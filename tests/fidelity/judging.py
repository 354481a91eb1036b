"""Judging an experiment: the effect's mean and bootstrap interval (`Effect`) and the verdict (`Judgement`)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from tests.fidelity.experiment import Experiment
from tests.fidelity.statistics import STATISTICS

KEEP = 0.5  # an ablated effect that keeps less than this share of the full effect has vanished
BOOTSTRAP = 2000


@dataclass(frozen=True)
class Effect:
    mean: float
    lo: float
    hi: float
    n: int

    @classmethod
    def of(cls, values: np.ndarray, resamples: int = BOOTSTRAP, seed: int = 12345) -> Effect:
        """Mean and 95% percentile bootstrap interval (deterministic: a fixed generator)."""
        values = np.asarray(values, dtype=float)
        if values.size < 2 or np.all(values == values[0]):
            m = float(values.mean()) if values.size else 0.0
            return cls(m, m, m, int(values.size))
        rng = np.random.default_rng(seed)
        idx = rng.integers(0, values.size, (resamples, values.size))
        means = values[idx].mean(axis=1)
        lo, hi = np.percentile(means, [2.5, 97.5])
        return cls(float(values.mean()), float(lo), float(hi), int(values.size))

    def includes_zero(self) -> bool:
        return self.lo <= 0 <= self.hi


SIGN = {"lower": -1, "higher": 1}


@dataclass
class Judgement:
    exp: Experiment
    full: Effect
    ablated: Effect | None
    shrink: Effect | None  # per-seed full minus ablated effect

    @property
    def holds(self) -> bool:
        e, x = self.full, self.exp
        if x.expect == "lower":
            return e.hi < 0
        if x.expect == "higher":
            return e.lo > 0
        if x.expect == "unchanged":
            return -x.margin < e.lo and e.hi < x.margin
        if x.expect == "not lower":
            return e.lo > -x.margin
        raise ValueError(f"unknown expectation {x.expect!r}")

    @property
    def kept(self) -> float | None:
        """Share of the full effect left under the ablation (negative when it reverses)."""
        if self.ablated is None or self.full.mean == 0:
            return None
        return self.ablated.mean / self.full.mean

    @property
    def vanishes(self) -> bool | None:
        if self.ablated is None:
            return None
        x = self.exp
        if x.ablation_expect == "smaller":
            sign = SIGN.get(x.expect, 1)
            s = self.shrink
            return (s.lo > 0) if sign > 0 else (s.hi < 0)
        if x.expect == "unchanged":  # ablating makes the unchanged quantity move: "vanish" means it stops holding
            a = self.ablated
            return not (-x.margin < a.lo and a.hi < x.margin)
        return self.ablated.includes_zero() or (self.kept is not None and self.kept < KEEP)

    @property
    def verdict(self) -> str:
        x = self.exp
        if not self.holds:
            return "not reproduced" + (" (known)" if x.xfail else "")
        if self.ablated is None:
            return "reproduced"
        if self.vanishes:
            return (
                "reproduced; ablation removes it"
                if x.ablation_expect == "vanish" or x.expect == "unchanged"
                else "reproduced; ablation shrinks it"
            )
        return "reproduced; survives ablation" + (" (known)" if x.xfail_ablation else "")

    def describe(self) -> str:
        x = self.exp
        text = f"{x.id} ({x.arms}): {STATISTICS[x.statistic].text} expected {x.expect}; effect {fmt(self.full)}"
        if self.ablated is not None:
            text += (
                f"; ablated {fmt(self.ablated)}, kept {self.kept:.2f}"
                if self.kept is not None
                else f"; ablated {fmt(self.ablated)}"
            )
        return text


def fmt(e: Effect, digits: int = 4) -> str:
    scale = max(abs(e.mean), abs(e.lo), abs(e.hi))
    if scale and scale < 10 ** -(digits - 1):
        return f"{e.mean:+.2e} [{e.lo:+.2e}, {e.hi:+.2e}]"
    return f"{e.mean:+.{digits}f} [{e.lo:+.{digits}f}, {e.hi:+.{digits}f}]"
