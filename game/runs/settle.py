"""Settle a level: play its status quo until the model's own rules hold it, and read where they hold it.

A level's starting values are an author's first guess; left alone, the model moves them toward the state its rules
keep (an unsettled level drifts for the whole game, which a player would read as the effect of whatever they did).
Settling plays the status quo — the rules alone: no events, no player — for `quarters` quarters on `seeds` games
and takes, for each stock the rules move, the median game's value: a median, not a mean, since a stock with two
stable states (a district's watch holds or unravels) has a mean no game visits. The structure an author declares —
wealth, police presence, lighting, public space, programmes, households, borders — is left as written.

`tools/calibrate.py settle` (the shipped levels) and `plaza settle` (any level, an author's own included) use it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from game.content.level_writer import Sections  # section ("initial" or "computed_start") -> name -> value
from game.content.loader import ContentSet
from game.content.schema_levels import Level
from game.sim.metrics import metrics
from game.sim.model import CityModel
from game.sim.state import State

# Stocks the rules move, district first, then city. Extortion is not among them: the warm-up works it out before
# the first quarter, so a start would never be seen.
SETTLED_DISTRICT = (
    "oc_control",
    "petty_crime",
    "violence",
    "fear",
    "social_trust",
    "gov_trust",
    "report_petty",
    "report_oc",
    "hardened",
    "watch",
    "gated",
    "militia",
    "militia_capture",
    "levy",
    "victimisation",
    "poverty",
    "visible",
    "protection_spending",
)
SETTLED_CITY = (
    "corruption",
    "pressure",
    "manipulation",
    "offender_pool",
    "official_crime",
    "survey_crime",
    "attribution",
)
SETTLE_SEEDS = 64  # the mean over them is what the level starts from: 16 moved some claims across an interval's edge
SETTLE_QUARTERS = 64
# The city's figures a settle reports before and after (a subset of game.sim.metrics.METRICS, in this order).
DRIFT_METRICS = (
    "organized_crime",
    "fear",
    "social_trust",
    "trust_in_government",
    "reporting_rate_organized",
    "corruption",
    "militia_capture",
    "victimisation",
)


@dataclass(frozen=True)
class SettledStart:
    """Where a level's rules hold it: for each district (by id) and for the city, the value of each settled stock,
    under `initial:` or, for a value the model computes every quarter, `computed_start:` (content/state.yaml)."""

    districts: dict[str, Sections] = field(default_factory=dict)
    city: Sections = field(default_factory=dict)


def status_quo_model(
    content: ContentSet,
    level: Level,
    seeds: list[int],
    quarters: int,
    overrides: dict[str, float] | None = None,
    on_quarter: Callable[[CityModel], None] | None = None,
) -> CityModel:
    """The level's status quo under the rules alone (no events, no player) after `quarters` quarters, one game per
    seed; `on_quarter(model)` is called after each quarter."""
    model = CityModel(content, level, "official", [np.random.default_rng(s) for s in seeds], overrides=overrides)
    _play(model, quarters, on_quarter)
    return model


def _play(model: CityModel, quarters: int, on_quarter: Callable[[CityModel], None] | None = None) -> None:
    for turn in range(1, quarters + 1):
        model.begin_turn(turn)
        model.step()
        if on_quarter is not None:
            on_quarter(model)


def settled_start(content: ContentSet, level: Level, state: State) -> SettledStart:
    """The median game's value of every settled stock in `state` (one game per run), rounded as a level writes
    it (three decimals)."""
    districts: dict[str, Sections] = {}
    for i, district in enumerate(level.districts):
        sections: Sections = {}
        for name in SETTLED_DISTRICT:
            key = "computed_start" if content.state["district"][name].computed else "initial"
            sections.setdefault(key, {})[name] = _median(state[f"district.{name}"][:, i])
        districts[district.id] = sections
    city: Sections = {}
    for name in SETTLED_CITY:
        key = "computed_start" if content.state["city"][name].computed else "initial"
        city.setdefault(key, {})[name] = _median(state[f"city.{name}"])
    return SettledStart(districts, city)


def settle(
    content: ContentSet,
    level: Level,
    seeds: int = SETTLE_SEEDS,
    quarters: int = SETTLE_QUARTERS,
    rounds: int = 1,
) -> SettledStart:
    """Play the level's status quo for `quarters` quarters on seeds 0..`seeds`-1; where its rules hold it. With
    `rounds` > 1, each further round plays again from the previous round's settled start: the households, their
    ties and beliefs are drawn anew from the settled shares at each start, and slow stocks (criminal control, a
    militia's capture) keep moving from there for a while, so a second round comes closer to rest."""
    start = SettledStart()
    for _ in range(rounds):
        model = status_quo_model(content, level, list(range(seeds)), quarters)
        start = settled_start(content, level, model.state)
        level = with_start(level, start)
    return start


def with_start(level: Level, start: SettledStart) -> Level:
    """`level` with its starting values replaced by `start`'s (a copy; the level itself is left as it was)."""
    districts = [
        d.model_copy(update=_merged(d.initial, d.computed_start, start.districts.get(d.id, {})))
        for d in level.districts
    ]
    city = level.city.model_copy(update=_merged(level.city.initial, level.city.computed_start, start.city))
    return level.model_copy(update={"districts": districts, "city": city})


def _merged(initial: dict, computed_start: dict, sections: Sections) -> dict:
    return {
        "initial": {**initial, **sections.get("initial", {})},
        "computed_start": {**computed_start, **sections.get("computed_start", {})},
    }


def drift(content: ContentSet, level: Level, seeds: int, quarters: int) -> dict[str, tuple[float, float]]:
    """How far the status quo moves the city from the level's start: for each of DRIFT_METRICS, its mean over
    `seeds` games at the start and after `quarters` quarters (seeds 1000 on, apart from the settle's own)."""
    model = CityModel(content, level, "official", [np.random.default_rng(1000 + s) for s in range(seeds)])
    start = metrics(model.state)
    _play(model, quarters)
    end = metrics(model.state)
    return {name: (float(np.mean(start[name])), float(np.mean(end[name]))) for name in DRIFT_METRICS}


def _median(values: np.ndarray) -> float:
    return round(float(np.median(values)), 3)
