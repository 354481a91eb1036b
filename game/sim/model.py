"""The city model: one quarter at a time, for R runs side by side.

Order of a step (each line one mechanism module):
  levers fade → extortion and rents → petty crime and displacement → reporting and retaliation → organized
  control → violence → corruption → militias → fear → social trust → trust in government → households decide →
  wealth → budget → statistics → attribution → pressure → offender pool → the role's resources.

Calibration: the level's starting values are taken as the status quo, and the quantities the rules are measured
against (the starting rents, crime, pressure…) are stored as baselines. The stocks whose rules have no natural
resting point at those values (criminal control, corruption, fear, social trust, trust in government) get a
constant "balance" term — everything the model leaves out, held at its starting level — computed once so that
the status quo is a steady state. Everything that moves after that is the mechanisms' doing.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping

import numpy as np

from game.content.loader import ContentSet
from game.content.schemas import Level
from game.events.world import Change, apply_verb, placeholder_names
from game.sim import (
    corruption,
    crime,
    economy,
    fear,
    households,
    levers,
    militia,
    organized,
    politics,
    reporting,
    resources,
    statistics,
    trust,
)
from game.sim.common import per_run_sum, share
from game.sim.ledger import Ledger
from game.sim.randomness import RunRandom
from game.sim.scratch import Turn
from game.sim.state import Params, State, initial_state

BALANCED = ("district.oc_control", "city.corruption", "district.fear", "district.social_trust",
            "district.gov_trust")
REFORM_LEVERS = ("city.vetting", "city.transparency", "city.protection")


class CityModel:
    def __init__(self, content: ContentSet, level: Level, role: str, rngs: list[np.random.Generator],
                 overrides: dict[str, float] | None = None, households: int | None = None):
        """One run per generator in `rngs`; each run draws only from its own generator."""
        self.content = content
        self.level = level
        self.role = role
        self.runs = len(rngs)
        self.rng = RunRandom(list(rngs))
        self.params = Params(content, level, overrides)
        self.state = initial_state(content, level, role, households, self.rng, self.params)
        self.ledger = Ledger()
        self.turn = 1
        self.last = Turn()
        self._calibrate()

    @property
    def district_ids(self) -> list[str]:
        return self.state.district_ids

    # --- the step --------------------------------------------------------------------------------------

    def begin_turn(self, turn: int) -> None:
        """A new quarter: clear the ledger, so events, measures and mechanisms all record into this turn."""
        self.turn = turn
        self.ledger.clear()
        self._levers_before = {name: self.state[name].copy() for name in REFORM_LEVERS}

    def step(self) -> Turn:
        """Advance one quarter. The ledger keeps every term; returns the quarter's flows."""
        t = Turn()
        reform = sum(np.clip(self.state[n] - self._levers_before.get(n, self.state[n]), 0, None)
                     for n in REFORM_LEVERS)
        t.extras["reform"] = reform
        self._mechanisms(self.state, t, self.rng)
        self.last = t
        return t

    def _mechanisms(self, s: State, t: Turn, rng: RunRandom) -> None:
        p, ledger = self.params, self.ledger
        levers.update(s, p, ledger)
        organized.extortion(s, p, t)
        crime.update(s, p, ledger, t)
        reporting.update(s, p, ledger, t, rng)
        organized.update_control(s, p, ledger, t)
        organized.update_violence(s, p, ledger, t)
        corruption.update(s, p, ledger, t)
        militia.update(s, p, ledger, t)
        fear.update(s, p, ledger, t)
        trust.update_social(s, p, ledger, t)
        trust.update_government(s, p, ledger, t)
        households.update(s, p, ledger, t, rng)
        economy.update_wealth(s, p, ledger, t)
        economy.update_budget(s, p, ledger, t)
        statistics.update(s, p, ledger, t, rng)
        politics.update_attribution(s, p, ledger, t)
        politics.update_pressure(s, p, ledger, t)
        crime.update_offenders(s, p, ledger, t)
        resources.update(s, p, ledger, self.role)

    # --- calibration -----------------------------------------------------------------------------------

    def _calibrate(self) -> None:
        s, p = self.state, self.params
        hh = s.households
        b = s.baseline
        n = hh.present.sum(axis=-1)
        for name in levers.FAST + levers.SLOW:
            b[name] = s[name].copy()
        b["petty_attr_total"] = (crime.attractiveness(s, p) * n).sum(axis=-1)
        b["petty_crimes_total"] = (s["district.petty_crime"] * n).sum(axis=-1)
        b["offender_pool"] = s["city.offender_pool"].copy()
        b["poverty"] = s["district.poverty"].mean(axis=-1)
        b["sanction"] = s["district.report_petty"].mean(axis=-1) * p.q_clear * (1 - s["city.corruption"]) * p.conv
        b["security_share"] = s["city.security_share"].copy()
        b["investment_share"] = s["city.investment_share"].copy()
        b["fear"] = s["district.fear"][..., None].copy()
        b["pressure"] = s["city.pressure"].copy()
        b["manipulation"] = s["city.manipulation"].copy()
        b["households_scale"] = s["city.budget"] / np.maximum(p.tau * per_run_sum(hh.wealth * hh.present), 1e-9)
        t = Turn(expected=True)
        organized.extortion(s, p, t)
        b["rents"] = np.maximum(t.rents, 1e-6)
        reported = ((s["district.petty_crime"] * s["district.report_petty"]
                     + s["district.extortion"] * s["district.report_oc"]) * n).sum(axis=-1) / n.sum(axis=-1) * 100
        b["official_scale"] = s["city.official_crime"] / np.maximum(reported, 1e-9)
        effort = (share(hh, hh.watch) + 0.5 * share(hh, hh.lock) + share(hh, hh.gated)
                  + s["district.protection_spending"] * 5)
        b["effort"] = (effort * n).sum(axis=-1) / n.sum(axis=-1)
        b["messaging"] = ((s["district.programmes"] + 0.5 * s["district.public_space"]) * n).sum(axis=-1) / n.sum(-1)
        for name in BALANCED:
            b[f"balance.{name}"] = np.zeros_like(s[name])
        # One dry quarter on a copy, with expectations instead of draws: the balance terms cancel what the
        # mechanisms would move at the status quo.
        dry = copy.deepcopy(s)
        saved_ledger, self.ledger = self.ledger, Ledger()
        self._levers_before = {name: dry[name].copy() for name in REFORM_LEVERS}
        self._mechanisms(dry, Turn(expected=True, extras={"reform": np.zeros(self.runs)}), self.rng)
        for name in BALANCED:
            moved = sum(self.ledger.terms[name].values())
            b[f"balance.{name}"] = -moved
            saved_ledger.usual[name] = dict(self.ledger.terms[name])
        self.ledger = saved_ledger
        self._levers_before = {}

    # --- reading and writing for events, measures and the UI -------------------------------------------

    def world(self, run: int = 0) -> RunWorld:
        return RunWorld(self, run)

    def indicators(self, run: int = 0) -> dict[str, float | list[float]]:
        """Every declared value of one run, rounded to 6 decimals: city and player values as numbers, district
        values as lists (one per district). The decision log records these, and replay compares them."""
        return self.all_indicators([run])[0]

    def all_indicators(self, runs: list[int]) -> list[dict[str, float | list[float]]]:
        """`indicators` for many runs at once (the same numbers: one rounding rule for logs and replays)."""
        rows = np.asarray(runs)
        rounded = {name: np.round(values[rows], 6).tolist() for name, values in self.state.values.items()}
        return [{name: column[i] for name, column in rounded.items()} for i in range(len(runs))]


class RunWorld:
    """The event engine's view of one run: plain values in, declared changes out (see game.events.world)."""

    def __init__(self, model: CityModel, run: int):
        self.model = model
        self.run = run
        self.role = model.role
        self.district_ids = model.state.district_ids

    @property
    def turn(self) -> int:
        return self.model.turn

    def values(self, district: int | None) -> Mapping[str, float | int | bool | str]:
        """Read lazily: a condition reads a handful of names, so only those are looked up and converted."""
        return _RunValues(self.model, self.run, district)

    def change(self, target: str, verb: str, value: float | bool, district: int | None, cause: str) -> Change:
        s, r = self.model.state, self.run
        arr = s.values[target]
        index = (r, district) if target.startswith("district.") else (r,)
        before = _typed(arr[index], s.types[target])
        lo, hi = s.bounds[target]
        after = apply_verb(verb, before, value, lo, hi, s.types[target])
        arr[index] = float(after)
        self.model.ledger.record_at(target, cause, arr.shape, index, float(after) - float(before))
        if target.startswith("district."):  # keep households in step with shares events set directly
            _sync_households(self.model, target, r, district)
        where = s.district_ids[district] if target.startswith("district.") and district is not None else None
        return Change(target, where, verb, value, before, after, cause)

    def names(self, lang: str, district: int | None) -> dict[str, str]:
        return placeholder_names(self.model.level, self.role, self.model.turn, lang, district)


class _RunValues(Mapping):
    """Plain values of one run (and district), converted on access; never exposes the arrays themselves."""

    def __init__(self, model: CityModel, run: int, district: int | None):
        self._s = model.state
        self._run = run
        self._district = district
        self._turn = model.turn
        self._role = model.role
        self._seen: dict[str, float | int | bool | str] = {}  # a snapshot is read within one moment of the turn

    def __getitem__(self, name: str) -> float | int | bool | str:
        if name in self._seen:
            return self._seen[name]
        value = self._read(name)
        self._seen[name] = value
        return value

    def _read(self, name: str) -> float | int | bool | str:
        if name.startswith("district.") and self._district is None:
            raise KeyError(name)
        return read_value(self._s, name, self._run, self._district, self._turn, self._role)

    def _names(self) -> list[str]:
        names = ["turn", "role"]
        for name in self._s.values:
            if not name.startswith("district.") or self._district is not None:
                names.append(name)
        if self._district is not None:
            names += ["district.id", "district.kind"]
        return names

    def __iter__(self):
        return iter(self._names())

    def __len__(self) -> int:
        return len(self._names())


def read_value(s: State, name: str, runs, district: int | None, turn: int, role: str):
    """A value as conditions see it, for one run (`runs` an int: a plain number) or many (an index array: an
    array). The one place that says how `turn`, `role`, `district.id`/`kind` and typed values are read."""
    if name == "turn":
        return turn
    if name == "role":
        return role
    if name == "district.id":
        return s.district_ids[district]
    if name == "district.kind":
        return s.district_kinds[district]
    values = s.values[name][runs, district] if name.startswith("district.") else s.values[name][runs]
    return _typed(values, s.types[name])


def _typed(x, kind: str):
    """Stored floats as their declared type: true/false at 0.5, whole numbers rounded half to even."""
    if np.ndim(x):
        return x >= 0.5 if kind == "bool" else np.round(x) if kind == "int" else x
    if kind == "bool":
        return bool(x >= 0.5)
    if kind == "int":
        return round(float(x))
    return float(x)


def _sync_households(model: CityModel, target: str, run: int, district: int) -> None:
    """Shares that are household decisions (watch, hardened, gated) follow an event's direct change."""
    field_name = {"district.watch": "watch", "district.hardened": "lock", "district.gated": "gated"}.get(target)
    if field_name is None:
        return
    hh = model.state.households
    current = getattr(hh, field_name)[run, district]
    goal = model.state[target][run, district]
    n = current.size
    k = round(goal * n)
    order = np.argsort(-model.state.households.wealth[run, district])  # the better-off act first
    new = np.zeros(n)
    new[order[:k]] = 1.0
    current[:] = new
