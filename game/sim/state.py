"""The model's state: declared values as numpy arrays with a leading run axis, plus household agents.

`values["district.fear"]` has shape (R, D); `values["city.corruption"]` and `values["player.budget"]` have shape
(R,). Households are arrays of shape (R, D, H). Running R games side by side costs little more than one,
which is how `plaza simulate` plays a thousand games in seconds.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType

import numpy as np

from game.content.loader import ContentSet
from game.content.schemas import Level
from game.sim.randomness import RunRandom


class Params:
    """Model parameters by name (`p.e_h`), from content/model.yaml, then the level's, then explicit overrides."""

    def __init__(self, content: ContentSet, level: Level | None = None, overrides: dict[str, float] | None = None):
        values = {name: p.value for name, p in content.parameters.items()}
        if level is not None:
            values |= dict(level.parameters)
        unknown = set(overrides or {}) - set(values)
        if unknown:
            raise KeyError(f"unknown model parameters: {', '.join(sorted(unknown))}")
        values |= dict(overrides or {})
        self._values = MappingProxyType(values)

    def __getattr__(self, name: str) -> float:
        try:
            return self._values[name]
        except KeyError:
            raise AttributeError(f"no model parameter {name!r} (declare it in content/model.yaml)") from None


@dataclass
class Households:
    """Household agents of every district, shape (R, D, H). Booleans are stored as 0/1 floats."""

    wealth: np.ndarray
    risk: np.ndarray          # risk aversion, U(0, 1)
    watch_tau: np.ndarray     # share of watching neighbours needed before joining
    protest_tau: np.ndarray   # share of mobilised households needed before joining
    lock: np.ndarray          # hardened home
    watch: np.ndarray         # takes part in the watch
    protest: np.ndarray       # mobilised: petitions, marches
    att: np.ndarray           # responsibility placed on the state (1) rather than oneself (0)
    gated: np.ndarray         # lives on a gated street with guards
    present: np.ndarray       # still living in the district (1) or gone (0)


@dataclass
class State:
    values: dict[str, np.ndarray]
    households: Households
    bounds: dict[str, tuple[float, float]]
    types: dict[str, str]
    district_ids: list[str]
    district_kinds: list[str]
    runs: int
    baseline: dict[str, np.ndarray] = field(default_factory=dict)  # quantities fixed at the start (normalisers)

    def __getitem__(self, name: str) -> np.ndarray:
        return self.values[name]


def initial_state(content: ContentSet, level: Level, role: str, households: int | None, rng: RunRandom,
                  p: Params) -> State:
    """Declared defaults, then the level's starting values; households drawn around each district's wealth."""
    d = len(level.districts)
    runs = len(rng)
    values: dict[str, np.ndarray] = {}
    bounds: dict[str, tuple[float, float]] = {}
    types: dict[str, str] = {}
    setup = level.roles.get(role)
    for scope, decls in content.state.items():
        for name, decl in decls.items():
            key = f"{scope}.{name}"
            types[key] = decl.type
            bounds[key] = (0.0, 1.0) if decl.type == "bool" else (float(decl.min), float(decl.max))
            default = float(decl.default)
            if scope == "district":
                column = [float(dist.initial.get(name, default)) for dist in level.districts]
                values[key] = np.tile(np.array(column), (runs, 1))
            else:
                start = level.city.initial.get(name, default) if scope == "city" else (
                    setup.resources.get(name, default) if setup else default)
                values[key] = np.full(runs, float(start))
    n = households or max(dist.households for dist in level.districts)
    hh = _households(values, runs, d, n, rng, p)
    return State(values, hh, bounds, types, [x.id for x in level.districts], [x.kind for x in level.districts], runs)


def _households(values: dict[str, np.ndarray], runs: int, d: int, n: int, rng: RunRandom,
                p: Params) -> Households:
    shape = (runs, d, n)
    per_run = (d, n)
    mean_w = values["district.wealth"][:, :, None]
    # Lognormal wealth with the district's mean; sigma chosen for a Gini near the city's inequality.
    sigma = p.wealth_sigma
    wealth = mean_w * rng.lognormal(-sigma * sigma / 2, sigma, per_run)
    risk = rng.uniform(per_run)
    watch_tau = np.clip(rng.normal(p.watch_tau_mean, p.threshold_sd, per_run), 0, 1)
    protest_tau = np.clip(rng.normal(p.protest_tau_mean, p.protest_sd, per_run), 0, 1)
    # Starting shares: the richest households are the hardened ones; watchers and the mobilised at random.
    rank = np.argsort(np.argsort(wealth, axis=-1), axis=-1) / max(n - 1, 1)
    lock = (rank >= 1 - values["district.hardened"][:, :, None]).astype(float)
    gated = (rank >= 1 - values["district.gated"][:, :, None]).astype(float)
    watch = (rng.uniform(per_run) < values["district.watch"][:, :, None]).astype(float)
    protest = (rng.uniform(per_run) < values["city.pressure"][:, None, None]).astype(float)
    att = np.clip(rng.normal(values["city.attribution"][:, None, None], 0.1, per_run), 0, 1)
    present = np.ones(shape)
    return Households(wealth, risk, watch_tau, protest_tau, lock, watch, protest, att, gated, present)
