"""Many games at once: one batched city model, one session per run, all in lockstep.

Each run is an ordinary GameSession sharing the batch's model (run r is row r of every array), with its own
seed-derived generators, so any run replays alone, from its log, to the same result. The runner begins and steps
the shared model once per quarter, between the sessions' phases, exactly where a lone session would.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from game.bots import BOTS
from game.content.loader import ContentSet
from game.session.session import GameSession, SessionError
from game.sim.metrics import metrics
from game.sim.model import CityModel


@dataclass
class BatchResult:
    metrics: dict[str, np.ndarray]                              # metric -> (runs,)
    fired: dict[str, list[int]] = field(default_factory=dict)   # event id -> first turn it fired, per run where it did
    sessions: list[GameSession] = field(default_factory=list)


def run_batch(content: ContentSet, level_id: str, role: str, bot_name: str, seeds: list[int], *,
              turns: int | None = None, overrides: dict[str, float] | None = None, keep_sessions: bool = False,
              on_turn: Callable[[int], None] | None = None,
              on_record: Callable[[GameSession, object], None] | None = None,
              on_start: Callable[[GameSession], None] | None = None) -> BatchResult:
    if bot_name not in BOTS:
        raise SessionError(f"no bot called {bot_name!r}; bots: {', '.join(BOTS)}")
    if level_id not in content.levels:
        raise SessionError(f"no level called {level_id!r}; levels: {', '.join(sorted(content.levels))}")
    level = content.levels[level_id]
    if level.roles.get(role) is None:
        raise SessionError(f"level {level_id!r} cannot be played as {role!r}")
    bot = BOTS[bot_name]()
    model_rngs = [np.random.default_rng(np.random.SeedSequence(int(s)).spawn(3)[0]) for s in seeds]
    model = CityModel(content, level, role, model_rngs, overrides=overrides)
    sessions = [GameSession(content, level_id, role, s, explain=False, overrides=overrides, model=model, run=r,
                            shared=True, turns=turns) for r, s in enumerate(seeds)]
    if on_start:
        for session in sessions:
            on_start(session)
    first: dict[str, dict[int, int]] = {}
    total = sessions[0].turns
    for turn in range(1, total + 1):
        model.begin_turn(turn)
        for session in sessions:
            _answer(session, session.begin_turn(), bot)
        for session in sessions:
            _answer(session, session.submit(bot.decide(session, session.bot_rng)), bot)
        model.step()
        for r, session in enumerate(sessions):
            _answer(session, session.advance(), bot)
            record = session.finish_turn()
            for e in record.events:
                first.setdefault(e["event"], {}).setdefault(r, turn)
            if on_record:
                on_record(session, record)
        if on_turn:
            on_turn(turn)
    result = BatchResult(metrics(model.state), {k: list(v.values()) for k, v in first.items()})
    if keep_sessions:
        result.sessions = sessions
    return result


def _answer(session: GameSession, run, bot) -> None:
    while (occ := run.next()) is not None:
        run.choose(bot.choose(occ, session.bot_rng), by="auto")
