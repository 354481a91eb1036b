"""The city model: one quarter at a time, for R runs side by side.

Order of a step (each line one mechanism module):
  levers fade → extortion → petty crime and displacement → reporting, leaks, retaliation and beliefs → militias
  → organized control → violence → corruption → fear → social trust → trust in government → households decide →
  wealth → budget → statistics → attribution → pressure → offender pool → the role's resources → reporting
  campaigns end (a campaign pushes only in the quarters it runs).

There is no calibration step and no term that cancels the rules at the start: the level's starting values are
where the game begins, and everything that moves after that is the mechanisms' doing. A level whose start is a
stable state of the rules (docs/model.md, "The status quo") stays near it when nobody acts.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterable, Mapping
from operator import itemgetter
from types import MappingProxyType

import numpy as np

from game.content.loader import ContentSet
from game.content.schemas import Level
from game.sim import (
    corruption,
    crime,
    economy,
    fear,
    households,
    levers,
    militia,
    militia_members,
    organized,
    politics,
    reporting,
    resources,
    statistics,
    trust,
)
from game.sim.changes import Change, apply_verb, placeholder_names
from game.sim.households import seat_retreat
from game.sim.ledger import Ledger
from game.sim.randomness import RunRandom
from game.sim.scratch import Turn
from game.sim.state import Params, State, initial_state

# District values that are shares of household states, and which households change first when an event moves them:
# (household field, ordered by this household attribute, sign: -1 puts the largest first).
SYNCED = MappingProxyType(
    {
        "district.watch": ("watch", "wealth", -1.0),
        "district.hardened": ("lock", "wealth", -1.0),
        "district.gated": ("gated", "wealth", -1.0),
        "district.fear": ("fear", "risk", -1.0),
        "district.report_oc": ("willing", "theta", 1.0),
        "district.displaced": ("present", "wealth", -1.0),  # those who can afford it leave first (and come back)
    }
)
WARM_UP = 8  # quarters of beliefs settling in the starting city before the game begins (reporting.warm_up)
DRAWS = 20  # uniform draws per household per quarter, one block per run (see _mechanisms)


class CityModel:
    def __init__(
        self,
        content: ContentSet,
        level: Level,
        role: str,
        rngs: list[np.random.Generator],
        overrides: dict[str, float] | None = None,
        households: int | None = None,
        explain: bool = True,
    ):
        """One run per generator in `rngs`; each run draws only from its own generator. Without `explain` the
        ledger keeps each change's terms but not the finer causes only the report reads (Ledger.detail)."""
        self.content = content
        self.level = level
        self.role = role
        self.runs = len(rngs)
        self.rng = RunRandom(list(rngs))
        self.params = Params(content, level, overrides)
        # Runs whose generators are in the same state (one seed played by several bots) start from the same city:
        # it is built once for each distinct generator and copied, and the copies' generators are set to where the
        # build left the original's, so every run meets the draws it would have met building its own city.
        rows, distinct = _distinct_generators(rngs)
        built = RunRandom(distinct) if len(distinct) < len(rngs) else self.rng
        state = initial_state(content, level, role, households, built, self.params)
        reporting.warm_up(state, self.params, built, WARM_UP)
        militia.warm_start(state, self.params)
        seat_retreat(state, self.params)
        if explain:
            reporting.seat_reasons(state, self.params)
        if built is not self.rng:
            state = state.take(rows)
            for g, row in zip(rngs, rows, strict=True):
                if g is not distinct[row]:
                    g.bit_generator.state = distinct[row].bit_generator.state
        self.state = state
        self.ledger = Ledger(detail=explain)
        self.turn = 1
        self.last = Turn()

    @property
    def district_ids(self) -> list[str]:
        return self.state.district_ids

    # --- the step --------------------------------------------------------------------------------------

    def begin_turn(self, turn: int) -> None:
        """A new quarter: clear the ledger, so events, measures and mechanisms all record into this turn."""
        self.turn = turn
        self.ledger.clear()

    def step(self) -> Turn:
        """Advance one quarter. The ledger keeps every term; returns the quarter's flows."""
        t = Turn()
        self._mechanisms(self.state, t, self.rng)
        self.last = t
        return t

    def _mechanisms(self, s: State, t: Turn, rng: RunRandom) -> None:
        p, ledger = self.params, self.ledger
        d, h = s.households.wealth.shape[1:]
        u = rng.draws((DRAWS, d, h))  # (R, DRAWS, D, H): every household's draws for the quarter
        draw = [u[:, i] for i in range(DRAWS)]
        levers.update(s, p, ledger)
        before = s["district.extortion"]
        organized.extortion(s, p, t, draw[0])
        ledger.record("district.extortion", "term.group_reach", s["district.extortion"] - before)
        crime.update(s, p, ledger, t, draw[1])
        reporting.update(s, p, ledger, t, draw[2:10])
        trust.watch_reprisals(s, p, t, draw[10], draw[16], draw[17])
        militia.update(s, p, ledger, t, draw[18], draw[19])
        organized.update_control(s, p, ledger, t)
        organized.update_violence(s, p, ledger, t)
        corruption.update(s, p, ledger, t)
        fear.update(s, p, ledger, t, draw[11:13])
        trust.update_social(s, p, ledger, t)
        trust.update_government(s, p, ledger, t)
        households.update(s, p, ledger, t, draw[13], draw[15])
        militia_members.moved_away(s, ledger)
        economy.update_wealth(s, p, ledger, t)
        economy.update_budget(s, p, ledger, t)
        statistics.update(s, p, ledger, t, draw[14][:, 0, 0])
        politics.update_attribution(s, p, ledger, t)
        politics.update_pressure(s, p, ledger, t)
        crime.update_offenders(s, p, ledger, t)
        resources.update(s, p, ledger, self.role)
        # Last: a measure acts at full strength in the quarters it runs, and its push fades after.
        levers.end_campaigns(s, p, ledger)

    # --- reading and writing for events, measures and the UI -------------------------------------------

    def world(self, run: int = 0) -> RunWorld:
        return RunWorld(self, run)

    def indicators(self, run: int = 0) -> dict[str, float | list[float]]:
        """Every declared value of one run, rounded to 6 decimals: city and player values as numbers, district
        values as lists (one per district). The decision log records these, and replay compares them."""
        return self.all_indicators([run])[0]

    def all_indicators(self, runs: list[int]) -> list[dict[str, float | list[float]]]:
        """`indicators` for many runs at once (the same numbers: one rounding rule for logs and replays)."""
        # The lists and dicts made here hold only numbers, so they can form no cycle for the garbage collector to
        # find: it is paused while they are made instead of walking every object of a thousand games again and again.
        collecting = gc.isenabled()
        gc.disable()
        try:
            return _rounded_rows(self.state.values, np.asarray(runs))
        finally:
            if collecting:
                gc.enable()


def _distinct_generators(rngs: list[np.random.Generator]) -> tuple[np.ndarray, list[np.random.Generator]]:
    """For each generator, the row of the first one in the same state; and those first ones, in order."""
    first: dict[str, int] = {}
    distinct: list[np.random.Generator] = []
    rows = []
    for g in rngs:
        key = repr(g.bit_generator.state)
        if key not in first:
            first[key] = len(distinct)
            distinct.append(g)
        rows.append(first[key])
    return np.array(rows, dtype=np.intp), distinct


def _rounded_rows(values: dict[str, np.ndarray], rows: np.ndarray) -> list[dict[str, float | list[float]]]:
    """Each run's values rounded to 6 decimals as Python numbers, in the declared order. Values of one shape are
    stacked, rounded and converted at once (the same rounding, number by number), then put back in order."""
    names = list(values)
    if not names:
        return [{} for _ in rows]
    groups: dict[tuple, list[str]] = {}
    for name in names:
        groups.setdefault((values[name].shape[1:], values[name].dtype.str), []).append(name)
    stacked = [np.round(np.stack([values[n][rows] for n in group], axis=1), 6).tolist() for group in groups.values()]
    place = {name: i for i, name in enumerate(n for group in groups.values() for n in group)}
    at = [place[name] for name in names]
    pick = itemgetter(*at) if len(at) > 1 else lambda row: (row[at[0]],)
    return [
        dict(zip(names, pick([x for part in parts for x in part]), strict=True)) for parts in zip(*stacked, strict=True)
    ]


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
        model = self.model
        s, r = model.state, self.run
        arr = s.values[target]
        local = target.startswith("district.")
        index = (r, district) if local else (r,)
        kind = s.types[target]
        before = _typed(arr[index], kind)
        lo, hi = s.bounds[target]
        after = apply_verb(verb, before, value, lo, hi, kind)
        arr[index] = float(after)
        where = None
        if local and district is not None:
            if target in SYNCED:  # keep households in step with shares that events set directly
                _sync_households(model, target, r, district)
                after = _typed(arr[index], kind)  # (the share of whole families who moved: _sync_present)
            where = s.district_ids[district]
        model.ledger.record_at(target, cause, arr.shape, index, float(after) - float(before))
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

    def remember(self, names: Iterable[str]) -> None:
        """Read these values now, if not yet read, so later readings see this moment (unknown names are skipped)."""
        seen = self._seen
        for name in names:
            if name not in seen:
                with contextlib.suppress(KeyError):
                    seen[name] = self._read(name)

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


def read_value(s: State, name: str, runs, district: int | np.ndarray | None, turn: int, role: str):
    """A value as conditions see it, for one run (`runs` an int: a plain number) or many (an index array: an
    array; with `district` an index array too, every run and district at once, for district values). The one
    place that says how `turn`, `role`, `district.id`/`kind` and typed values are read."""
    if name == "turn":
        return turn
    if name == "role":
        return role
    if name in ("district.id", "district.kind"):
        assert district is not None, name  # the checker refuses district values in city-scope conditions
        labels = s.district_ids if name == "district.id" else s.district_kinds
        return labels[district] if isinstance(district, int) else np.asarray(labels)[district]
    values = s.values[name][runs, district] if name.startswith("district.") else s.values[name][runs]
    return _typed(values, s.types[name])


def _typed(x, kind: str):
    """Stored floats as their declared type: true/false at 0.5, whole numbers rounded half to even."""
    if type(x) is not np.float64 and np.ndim(x):  # (a number read from an array is the usual case)
        return x >= 0.5 if kind == "bool" else np.round(x) if kind == "int" else x
    if kind == "bool":
        return bool(x >= 0.5)
    if kind == "int":
        return round(float(x))
    return float(x)


def _sync_households(model: CityModel, target: str, run: int, district: int) -> None:
    """Shares that are household states follow an event's direct change: the households nearest to changing
    change (the better-off harden and gate first; the most risk-averse grow fearful first and calm last; the
    boldest become willing to report first)."""
    field_name, order_name, sign = SYNCED[target]
    hh = model.state.households
    if field_name == "present":
        return _sync_present(model, run, district)
    current = getattr(hh, field_name)[run, district]
    present = hh.present_mask()[run, district]
    goal = model.state[target][run, district]
    if field_name == "willing":
        goal = goal / max(model.params.w_max, 1e-9)
    count = np.count_nonzero(present)
    k = min(round(goal * count), count)
    have = np.count_nonzero(current[present])  # (household states are 0 or 1)
    if k > have:  # the households nearest to changing change first
        idle = np.flatnonzero(present & (current == 0))
        key = sign * getattr(hh, order_name)[run, district, idle]
        current[idle[np.argsort(key, kind="stable")[: k - have]]] = 1.0
    elif k < have:  # and the farthest stop first
        busy = np.flatnonzero(present & (current == 1))
        key = sign * getattr(hh, order_name)[run, district, busy]
        current[busy[np.argsort(-key, kind="stable")[: have - k]]] = 0.0


def _sync_present(model: CityModel, run: int, district: int) -> None:
    """An event that says families left (or came back) moves households out of (or into) the district: the
    better-off first, since they can afford the move (households.update lets only those above the poverty line
    leave). Only the district's own households (the level's count) ever live there."""
    s = model.state
    hh = s.households
    homes = s.homes[district]
    wealth = hh.wealth[run, district]
    present = hh.present_mask()[run, district]
    n = np.count_nonzero(homes)
    goal = n - min(round(s["district.displaced"][run, district] * n), n)
    have = np.count_nonzero(present)
    row = hh.present[run, district]
    if goal < have:
        here = np.flatnonzero(present)
        row[here[np.argsort(-wealth[here], kind="stable")[: have - goal]]] = 0.0
    elif goal > have:
        away = np.flatnonzero(homes & ~present)
        row[away[np.argsort(-wealth[away], kind="stable")[: goal - have]]] = 1.0
    hh.moved(run, district)
    # Whole families move: the share is the households gone, as households.update counts it, so a screen that
    # weighs the district by it weighs the households living there.
    s["district.displaced"][run, district] = 1 - goal / n
