"""Running an experiment's arms: `simulate` plays one arm (a bot's games on paired seeds) and `Lab` keeps the arms,
so experiments that share an arm share its runs."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from game.content.loader import ContentSet
from game.runs.batch import run_batch
from game.sim.common import city_mean
from game.sim.metrics import metrics
from tests.fidelity.experiment import Experiment
from tests.fidelity.judging import Effect, Judgement
from tests.fidelity.statistics import HIGH_OC, LOW_OC, STATISTICS, Outcome, Overrides

LEVEL = "border_city"


def simulate(
    content: ContentSet,
    role: str,
    bot: str,
    seeds: list[int],
    turns: int | None = None,
    overrides: Overrides = (),
    level: str = LEVEL,
) -> Outcome:
    """One arm: the end-of-game metrics plus the extras the experiments need, one value per seed."""
    return simulate_arms(content, role, [(bot, list(seeds))], turns, overrides, level)[0]


def simulate_arms(
    content: ContentSet,
    role: str,
    arms: list[tuple[str, list[int]]],
    turns: int | None = None,
    overrides: Overrides = (),
    level: str = LEVEL,
) -> list[Outcome]:
    """Several arms of one role and setting, each a (bot, seeds) pair, played in one batch: each arm's outcome is
    what `simulate` gives it alone (a game plays the same in any batch), at less cost than a batch each (a batch has
    a fixed cost, and the arms' games on one seed share their starting city)."""
    bots = [bot for bot, seeds in arms for _ in seeds]
    runs = [int(seed) for _, seeds in arms for seed in seeds]
    played = _simulate(content, role, bots, runs, turns, overrides, level)
    assert all(values.shape[-1] == len(runs) for values in played.values())
    ends = np.cumsum([len(seeds) for _, seeds in arms])
    return [
        {name: values[..., end - len(seeds) : end].copy() for name, values in played.items()}
        for (_, seeds), end in zip(arms, ends, strict=True)
    ]


def _simulate(
    content: ContentSet,
    role: str,
    bots: list[str],
    seeds: list[int],
    turns: int | None,
    overrides: Overrides,
    level: str,
) -> Outcome:
    """The games of `bots[r]` on `seeds[r]`, in one batch; every value has one entry per run, on its last axis."""
    box: dict = {}
    totals = {"oc_reports_total": 0.0, "retaliations_total": 0.0}
    local: list[np.ndarray] = []  # OC reporting where the drives run, quarter by quarter

    def on_start(session) -> None:
        if "model" not in box:
            box["model"] = session.model
            local.append(_where_drives_run(session.model.state))

    def on_turn(turn: int) -> None:
        model = box["model"]
        t = model.last
        local.append(_where_drives_run(model.state))
        totals["oc_reports_total"] = totals["oc_reports_total"] + t.oc_report_count.sum(axis=-1)
        totals["retaliations_total"] = totals["retaliations_total"] + t.retaliations.sum(axis=-1)

    result = run_batch(
        content,
        level,
        role,
        bots,
        list(seeds),
        turns=turns,
        overrides=dict(overrides),
        on_start=on_start,
        on_turn=on_turn,
    )
    model = box["model"]
    out: Outcome = dict(result.metrics)
    out.update({k: np.asarray(v, dtype=float) for k, v in totals.items()})
    out.update(_extras(model))
    out.update(_path(result.trajectory))
    out.update(_path({"reporting_rate_organized": np.array(local)}, "local_"))
    return out


def _where_drives_run(s) -> np.ndarray:
    """OC reporting in the two districts where criminal control was highest at the start: the districts a
    reporting drive targets ("{contested}"), the same districts in every arm so that arms stay paired."""
    worst = np.argsort(-s.start["district.oc_control"][0], kind="stable")[:2]
    return s["district.report_oc"][:, worst].mean(axis=-1)


def _path(trajectory: dict[str, np.ndarray], prefix: str = "") -> Outcome:
    """Per-run figures of a game's course (rows are quarters 0..T): OC reporting's peak in quarters 1-5 and its low
    in quarters 5-8, each as a ratio to its start (anchors-mechanisms §10 T2, the chilling test)."""
    r = trajectory["reporting_rate_organized"]
    start = np.maximum(r[0], 1e-9)
    out = {f"{prefix}oc_reporting_peak": r[1:6].max(axis=0) / start}
    if r.shape[0] > 8:
        out[f"{prefix}oc_reporting_low"] = r[5:9].min(axis=0) / start
        out[f"{prefix}oc_reporting_q8"] = r[8] / start
    return out


def _mean_of(values: np.ndarray, columns: np.ndarray) -> np.ndarray:
    """Mean over the chosen districts, or NaN for a level that has none of them."""
    return values[:, columns].mean(axis=-1) if columns.any() else np.full(values.shape[0], np.nan)


def _extras(model) -> Outcome:
    s = model.state
    n = s.households.present.sum(axis=-1)
    kinds = np.array(s.district_kinds)
    start_oc = s.start["district.oc_control"][0]
    high, low = start_oc >= HIGH_OC, start_oc <= LOW_OC
    worst = int(np.argmax(start_oc))
    trust = s["district.social_trust"]
    victim = s["district.victimisation"]
    return {
        "extortion": city_mean(s["district.extortion"], n),
        "watch": city_mean(s["district.watch"], n),
        "hardened": city_mean(s["district.hardened"], n),
        "social_trust_high_oc": trust[:, high].mean(axis=-1) if high.any() else np.full(s.runs, np.nan),
        "social_trust_low_oc": trust[:, low].mean(axis=-1) if low.any() else np.full(s.runs, np.nan),
        "victimisation_poor": _mean_of(victim, kinds == "poor"),
        "victimisation_rich": _mean_of(victim, kinds == "rich"),
        "predation_rural": _mean_of(s["district.oc_control"] + s.inner["militia_predation"], kinds == "rural"),
        "official_share": s["city.official_crime"] / np.maximum(s["city.survey_crime"], 1e-9),
        "worst_control": s["district.oc_control"][:, worst],
        "worst_tipped": (s["district.oc_control"][:, worst] < 0.5 * start_oc[worst]).astype(float),
    }


def start_values(
    content: ContentSet, role: str, seeds: list[int], overrides: Overrides = (), level_id: str = LEVEL
) -> Outcome:
    """The metrics of the level's starting state (before the first quarter), as the status quo starts."""
    from game.sim.model import CityModel

    level = content.levels[level_id]
    rngs = [np.random.default_rng(np.random.SeedSequence(int(s)).spawn(3)[0]) for s in seeds]
    model = CityModel(content, level, role, rngs, overrides=dict(overrides))
    out = dict(metrics(model.state))
    out.update(_extras(model))
    return out


class Lab:
    """Runs arms once each and keeps them: experiments that share an arm share its runs."""

    def __init__(self, content: ContentSet, seeds: Iterable[int], turns: int | None = None, level: str = LEVEL):
        self.content = content
        self.seeds = list(seeds)
        self.turns = turns
        self.level = level
        self._arms: dict[tuple, Outcome] = {}

    def arm(self, role: str, bot: str, overrides: Overrides = ()) -> Outcome:
        key = (role, bot, tuple(sorted(overrides)))
        if key not in self._arms:
            self._arms[key] = simulate(self.content, role, bot, self.seeds, self.turns, key[2], self.level)
        return self._arms[key]

    def store(self, key: tuple, outcome: Outcome) -> None:
        """Keep an arm computed elsewhere (bench/fidelity.py runs arms in parallel processes)."""
        self._arms[key] = outcome

    def borrow(self, key: tuple, other: Lab) -> None:
        """Take another lab's arm as this one's, unless this one has it: for statistics read inside the first
        quarters, which games of any length share (bench/fidelity.py)."""
        if key not in self._arms and key in other._arms:
            self._arms[key] = other._arms[key]

    @staticmethod
    def arm_keys(exp: Experiment, ablated: bool = False) -> list[tuple]:
        """The two arms an experiment compares, as (role, bot, overrides) keys."""
        overrides = dict(exp.setting)
        if ablated:
            overrides |= dict(exp.ablation)
        ov = tuple(sorted(overrides.items()))
        return [(exp.role, exp.bot, ov), (exp.versus_role or exp.role, exp.versus, ov)]

    def values(self, exp: Experiment, ablated: bool = False) -> np.ndarray:
        a, b = (self.arm(*key) for key in self.arm_keys(exp, ablated))
        return STATISTICS[exp.statistic].fn(a, b)

    def same_games(self, exp: Experiment) -> bool:
        """Whether the two arms played the very same games (every metric equal in every seed): the level offers
        none of the bot's measures (first_steps has no rich district to gate, no militia), so there is nothing
        to compare, rather than an effect of 0."""
        a, b = (self.arm(*key) for key in self.arm_keys(exp))
        return a.keys() == b.keys() and all(np.array_equal(a[k], b[k], equal_nan=True) for k in a)

    def measurable(self, exp: Experiment) -> bool:
        """Whether the experiment's metric exists on this level: one that reads districts of a kind or a starting
        control the level has none of (d2 reads districts with O <= 0.2 at the start) is NaN in every game, which
        says nothing about the claim, rather than that it fails."""
        return not bool(np.all(np.isnan(self.values(exp))))

    def judge(self, exp: Experiment, ablation: bool = True) -> Judgement:
        """The effect, and (when the experiment has one and `ablation`) the effect under its ablation."""
        full = self.values(exp)
        if not (ablation and exp.ablation):
            return Judgement(exp, Effect.of(full), None, None)
        ablated = self.values(exp, ablated=True)
        return Judgement(exp, Effect.of(full), Effect.of(ablated), Effect.of(full - ablated))
