"""Many games at once: one batched city model, one session per run, all in lockstep.

Each run is an ordinary GameSession sharing the batch's model (run r is row r of every array), with its own
seed-derived generators, so any run replays alone, from its log, to the same result. The runner begins and steps
the shared model once per quarter, between the sessions' phases, exactly where a lone session would.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Protocol

import numpy as np

from game.bots import BOTS
from game.bots.base import Bot
from game.content.loader import ContentSet
from game.content.schemas import Event, EventWeight, Pool
from game.events.engine import Occurrence, binding
from game.events.rules import RepeatRuns
from game.events.vector import Vectors, holds, run_refs
from game.session.session import GameSession, RecordingRun, SessionError, TurnRecord
from game.sim.metrics import metrics
from game.sim.model import CityModel, read_value


@dataclass
class BatchResult:
    metrics: dict[str, np.ndarray]  # metric -> (runs,), at the end of the game
    fired: dict[str, list[int]] = field(default_factory=dict)  # event id -> first turn it fired, per run where it did
    sessions: list[GameSession] = field(default_factory=list)
    trajectory: dict[str, np.ndarray] = field(default_factory=dict)  # metric -> (turns + 1, runs): t = 0 the start


def run_batch(
    content: ContentSet,
    level_id: str,
    role: str,
    bot_name: str | Bot | Sequence[str | Bot],
    seeds: list[int],
    *,
    turns: int | None = None,
    overrides: dict[str, float] | None = None,
    keep_sessions: bool = False,
    on_turn: Callable[[int], None] | None = None,
    on_record: Callable[[GameSession, TurnRecord], None] | None = None,
    on_start: Callable[[GameSession], None] | None = None,
    acts_until: int | None = None,
    explain: bool = False,
) -> BatchResult:
    """Play the bot's games of the level together. `bot_name` may instead name each run's bot (one per seed): the
    arms of an experiment in one batch, each game the one its bot plays alone. A bot may also be given itself,
    not by name: a policy of an experiment's own that the built-in bots do not have (bench/militia_test.py). With
    `acts_until`, the bot adopts measures through that quarter only and none after it (it still answers events):
    where the city goes once a player stops (bench/tipping.py). The games' ledger keeps each change's terms; with
    `explain` also the finer causes only a turn report reads (the games are the same either way)."""
    names = [bot_name] * len(seeds) if isinstance(bot_name, str | Bot) else list(bot_name)
    if len(names) != len(seeds):
        raise ValueError(f"{len(names)} bots for {len(seeds)} seeds")
    named = list(dict.fromkeys(name for name in names if isinstance(name, str)))
    for name in named:
        if name not in BOTS:
            raise SessionError(f"no bot called {name!r}; bots: {', '.join(BOTS)}")
    if level_id not in content.levels:
        raise SessionError(f"no level called {level_id!r}; levels: {', '.join(sorted(content.levels))}")
    level = content.levels[level_id]
    if level.roles.get(role) is None:
        raise SessionError(f"level {level_id!r} cannot be played as {role!r}")
    made = {name: BOTS[name]() for name in named}
    bots = [name if isinstance(name, Bot) else made[name] for name in names]
    model_rngs = [np.random.default_rng(np.random.SeedSequence(int(s)).spawn(3)[0]) for s in seeds]
    model = CityModel(content, level, role, model_rngs, overrides=overrides, explain=explain)
    sessions = [
        GameSession(
            content, level_id, role, s, explain=False, overrides=overrides, model=model, run=r, shared=True, turns=turns
        )
        for r, s in enumerate(seeds)
    ]
    if on_start:
        for session in sessions:
            on_start(session)
    watched = keep_sessions or on_record is not None or on_start is not None
    first: dict[str, dict[int, int]] = {}
    total = sessions[0].turns
    now = metrics(model.state)  # once a quarter for the whole batch: one value per run (row) of each metric
    trajectory = {name: np.empty((total + 1, len(seeds))) for name in now}
    for name, values in now.items():
        trajectory[name][0] = values
    for turn in range(1, total + 1):
        model.begin_turn(turn)
        _play_hook(sessions, [s.begin_turn() for s in sessions], bots, model, turn)
        acting = acts_until is None or turn <= acts_until
        decided = [s.submit(b.decide(s, s.bot_rng) if acting else []) for s, b in zip(sessions, bots, strict=True)]
        _play_hook(sessions, decided, bots, model, turn)
        model.step()
        _play_hook(sessions, [s.advance() for s in sessions], bots, model, turn)
        # The records' indicators (a dict per run and quarter) cost more than the rest of a quarter's bookkeeping;
        # they are made only when a caller can reach the sessions. Nothing in a batched game reads them.
        indicators = model.all_indicators([s.run for s in sessions]) if watched else [{} for _ in sessions]
        for r, session in enumerate(sessions):
            record = session.finish_turn(indicators[r])
            for e in record.events:
                first.setdefault(e["event"], {}).setdefault(r, turn)
            if on_record:
                on_record(session, record)
        now = metrics(model.state)
        for name, values in now.items():
            trajectory[name][turn] = values
        if on_turn:
            on_turn(turn)
    result = BatchResult(now, {k: list(v.values()) for k, v in first.items()}, trajectory=trajectory)
    if keep_sessions:
        result.sessions = sessions
    return result


# Up to this many runs, each rolls its pools itself, as a lone game does (the same draws: see roll_pools); the
# vectorised rolls cost about a fixed 1 ms a pool however few runs share them.
ALONE = 4


class Answerer(Protocol):
    """What answers a batch's events: a bot, or a log's own choices (game.runs.whatif)."""

    def choose(self, occ: Occurrence, rng: np.random.Generator) -> str | None: ...


def _play_hook(
    sessions: list[GameSession], runs: list[RecordingRun], bots: Sequence[Answerer], model: CityModel, turn: int
) -> None:
    """One hook for every run, as each run's own HookRun would play it, with the pool rolls vectorised; `bots[i]`
    answers run i's events.

    Per run the order is the engine's: due follow-ups, then each pool's picks, each pick answered and followed
    by any follow-ups it made due at once; a run that reached its cap on events skips the remaining pools.
    """
    if len(sessions) <= ALONE:  # each run's own HookRun rolls its pools: cheaper than arrays of a few rows
        for session, run, bot in zip(sessions, runs, bots, strict=True):
            while (occ := run.next()) is not None:
                run.choose(bot.choose(occ, session.bot_rng), by="auto")
        return
    engines = [s.engine for s in sessions]
    pools = engines[0].pools(runs[0].hook)
    for run in runs:
        run.hook_run.take_over_pools()  # the pools are rolled here, for all runs at once
    for i, run in enumerate(runs):
        _drain(sessions[i], run, bots[i])
    for pool, members in pools:
        for _ in range(pool.picks):
            active = [i for i, e in enumerate(engines) if not e.cap_reached]
            if not active:
                break
            for i, pick in zip(active, roll_pools(pool, members, sessions, active, model, turn), strict=True):
                if pick is None:
                    continue
                event, district = pick
                session, run = sessions[i], runs[i]
                occ = run.hook_run.fire(event, district, f"pool:{pool.id}")
                run.choose(bots[i].choose(occ, session.bot_rng), by="auto")
                _drain(session, run, bots[i])


def _drain(session: GameSession, run: RecordingRun, bot: Answerer) -> None:
    """Fire and answer the follow-ups that are due now."""
    while (occ := run.hook_run.next_follow_up()) is not None:
        run.choose(bot.choose(occ, session.bot_rng), by="auto")


def roll_pools(
    pool: Pool, members: list[str], sessions: list[GameSession], active: list[int], model: CityModel, turn: int
) -> list[tuple[Event, int | None] | None]:
    """One weighted draw per active run among the pool's eligible (event, district) pairs, or None.

    Eligibility and weights are those of EventEngine.roll_pool; conditions are evaluated for all runs at once
    (game.events.vector), then each run draws from its own generator exactly as its engine would.
    """
    content = sessions[0].content
    state = model.state
    rows = np.array([sessions[i].run for i in active])
    memories = [sessions[i].engine.memory for i in active]
    refs = run_refs(memories, turn)
    role = sessions[0].role
    # Values as conditions read them (fetched lazily, once per call): the city's, and every district's at once
    city = Vectors(len(active), partial(read_value, state, runs=rows, district=None, turn=turn, role=role), refs)
    every = _every_district(state, rows, turn, role, refs)
    districts = len(state.district_ids)
    columns: list[np.ndarray] = []
    pairs: list[tuple[Event, int | None]] = []
    engines = [sessions[i].engine for i in active]
    for event_id in members:
        event = content.events[event_id]
        if (
            role not in event.roles
            or turn < event.earliest_turn
            or (event.latest_turn is not None and turn > event.latest_turn)
        ):
            continue
        repeats = RepeatRuns(engines, event)
        # A district event is judged in every district at once, one row per run and district (conditions and
        # weights are pure and element by element, so each row is what that district's own evaluation gives).
        places: list[int | None] = list(range(districts)) if event.scope == "district" else [None]
        v = every if event.scope == "district" else city
        holding, weight = _judged(content, event, v, (len(active), len(places)))
        if repeats.fired:  # repeat rules, where the conditions hold
            for column, district in enumerate(places):
                key = binding(event.id, state.district_ids[district] if district is not None else None)
                ok = holding[:, column]
                ok[repeats.blocked(key, ok)] = False
        chances = np.zeros(holding.shape) if weight is None else np.where(holding & (weight > 0), weight, 0.0)
        columns += list(chances.T)
        pairs += [(event, district) for district in places]
    weights = np.stack(columns, axis=1) if columns else np.zeros((len(active), 0))
    acc = np.cumsum(weights, axis=1)[:, -1] if columns else np.zeros(len(active))
    totals = pool.none_weight + acc
    steps = np.cumsum(np.concatenate([np.full((len(active), 1), pool.none_weight), weights], axis=1), axis=1)
    drawn = np.flatnonzero(totals > 0).tolist()  # a run with nothing to draw from does not draw
    rolls = np.zeros(len(active))
    rolls[drawn] = [sessions[active[j]].event_rng.random() for j in drawn]
    rolls *= totals  # each run's roll, as its engine scales it
    if not columns:  # nothing in the pool may fire: every roll (still drawn) lands on "nothing"
        return [None] * len(active)
    eligible = weights > 0
    hit = (rolls[:, None] < steps[:, 1:]) & eligible
    # the first column the roll falls below, else (rounding at the top) the last eligible one
    column = np.where(hit.any(axis=1), hit.argmax(axis=1), eligible.shape[1] - 1 - eligible[:, ::-1].argmax(axis=1))
    missed = rolls < steps[:, 0]
    picks: list[tuple[Event, int | None] | None] = [None] * len(active)
    for j in drawn:
        if not missed[j]:
            picks[j] = pairs[column[j]]
    return picks


def _judged(
    content: ContentSet, event: Event, v: Vectors, shape: tuple[int, ...]
) -> tuple[np.ndarray, np.ndarray | None]:
    """Where the event's conditions hold (a writable array of `shape`), and its weights there (None where they
    hold nowhere: weighed only where it may fire)."""
    ok = np.ones(v.runs, dtype=bool)
    for source in event.when:
        ok &= holds(content.condition(source, event.scope)._tree, v)
        if not ok.any():  # conditions are pure: the rest cannot make it hold again
            return ok.reshape(shape), None
    return ok.reshape(shape), _weights(content, event, v).reshape(shape) if ok.any() else None


def _every_district(state, rows: np.ndarray, turn: int, role: str, refs: Callable) -> Vectors:
    """Values for every (run, district) pair at once, run by run (row r * districts + d), as conditions see them."""
    districts = len(state.district_ids)
    runs = len(rows)
    every = np.arange(districts)[None, :]

    def lookup(name: str):
        value = read_value(state, name, rows[:, None], every if name.startswith("district.") else None, turn, role)
        return value if np.ndim(value) == 0 else np.broadcast_to(value, (runs, districts)).reshape(-1)

    return Vectors(runs * districts, lookup, lambda func, arg: np.repeat(refs(func, arg), districts))


def _weights(content: ContentSet, event: Event, v: Vectors) -> np.ndarray:
    """base, plus every `add` whose condition holds, times every `factor` whose condition holds; never below 0."""
    if not isinstance(event.weight, EventWeight):  # a bare number: no modifiers (weight_spec would build a model)
        return np.maximum(0.0, np.full(v.runs, float(event.weight)))
    spec = event.weight
    base = np.full(v.runs, float(spec.base))
    factor = np.ones(v.runs)
    for mod in spec.modifiers:
        on = holds(content.condition(mod.when, event.scope)._tree, v)
        if mod.add is not None:
            base = np.where(on, base + mod.add, base)
        else:
            assert mod.factor is not None  # a modifier has exactly one of `add`, `factor` (WeightModifier)
            factor = np.where(on, factor * mod.factor, factor)
    return np.maximum(0.0, base * factor)
