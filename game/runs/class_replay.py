"""A class's logs replayed together, one batch per scenario (game.runs.batch), and what-ifs of them played in the
same batch.

The class report replays every group's game, then plays a few what-ifs of some of them (game.runs.whatif). Each
what-if alone is a whole game played again from its first quarter, with a city model of its own; played as one
more run of the class's batch, it costs a fraction of that. A what-if's run in the batch answers its events
exactly as `game.runs.whatif`'s player does (`Answers`), and every run of a batch plays as it would alone, so the
result is the same game.

Pure Python and numpy: no pygame, no files written.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from game.content.loader import ContentSet
from game.runs import batch
from game.runs.whatif import Answers, Played, Trajectory, WhatIfError, can_change, metrics_row, replay_trajectory
from game.session.commands import AdoptMeasure
from game.session.log import LogError
from game.session.replay import model_version
from game.session.session import GameSession
from game.sim import MODEL_VERSION
from game.sim.metrics import metrics
from game.sim.model import CityModel

Log = tuple[str, dict, list[dict]]  # (name, header, turns)


@dataclass(frozen=True)
class Try:
    """A what-if to play beside the class: log `game` (its index) with `option` taken for the first firing of
    `event` in quarter `turn`."""

    game: int
    turn: int
    event: str
    option: str


def replay_class(content: ContentSet, games: list[Log]) -> list[Trajectory | LogError]:
    """`replay_trajectory` for many logs at once: (name, header, turns) each, a Trajectory or the LogError back."""
    return replay_with_whatifs(content, games)[0]


def replay_with_whatifs(
    content: ContentSet, games: list[Log], tries: Sequence[Try] = ()
) -> tuple[list[Trajectory | LogError], dict[Try, Played]]:
    """`replay_class`, and the what-ifs `tries` played in the same batches: each as `start_whatif` would play it
    to its end, given its log's replayed game. A try is missing from the answer when it could not be played so
    (its log alone in its scenario, or not reproduced by the batch, or the change not in the log): play it alone.

    Logs of one scenario (level, role, seed, length, overrides, households) share one batched city model and have
    their pool rolls vectorised (game.runs.batch), which is many times faster than one game at a time and
    gives the same numbers. A log whose batched replay differs from it in any way is replayed alone, so its
    LogError names the first difference exactly (and a batched slip could never drop a good log).
    """
    out: dict[int, Trajectory | LogError] = {}
    played: dict[Try, Played] = {}
    scenarios: dict[str, list[int]] = {}
    for i, (_, header, _) in enumerate(games):
        key = json.dumps(
            [
                header.get(k)
                for k in ("level", "role", "seed", "turns", "overrides", "households", "content_hash", "model")
            ],
            sort_keys=True,
        )
        scenarios.setdefault(key, []).append(i)
    for members in scenarios.values():
        batched: list[Trajectory | None] = [None]
        if len(members) > 1:
            mine = [w for w in tries if w.game in members and _can(content, games[w.game], w)]
            batched, found = _batched(content, [games[i] for i in members], [members.index(w.game) for w in mine], mine)
            played.update(found)
        for i, trajectory in zip(members, batched, strict=True):
            if trajectory is not None:
                out[i] = trajectory
                continue
            try:
                out[i] = replay_trajectory(content, games[i][1], games[i][2], games[i][0])
            except LogError as exc:
                out[i] = exc
    return [out[i] for i in range(len(games))], played


def _change(w: Try) -> tuple[int, str, str]:
    return w.turn, w.event, w.option


def _can(content: ContentSet, game: Log, w: Try) -> bool:
    name, _, turns = game
    return can_change(content, name, turns, w.turn, w.event, w.option)


class _Chooser:
    """Answers each run's events. A log's run takes its log's options, in the log's order; a run whose events differ
    from its log is marked as diverged (and answered with its first open option, its figures no longer used). A
    what-if's run answers as game.runs.whatif's player does; one that meets its WhatIfError keeps it and plays on
    with first open options, its figures no longer used."""

    def __init__(self, sessions: list[GameSession], answers: dict[int, Answers]):
        self.sessions = sessions
        self.index = {id(s.bot_rng): r for r, s in enumerate(sessions)}
        self.pending: list[list[dict]] = [[] for _ in sessions]
        self.diverged = [False] * len(sessions)
        self.answers = answers  # run -> how a what-if's run answers
        self.errors: dict[int, WhatIfError] = {}
        self.hook = ""
        self.turn = 0

    def choose(self, occ, rng) -> str | None:
        r = self.index[id(rng)]
        pending = self.pending[r]
        open_ids = [o.id for o in occ.enabled]
        if r in self.answers:
            if r not in self.errors:
                try:
                    return self.answers[r].pick(occ, self.sessions[r], self.hook, self.turn, pending)
                except WhatIfError as exc:
                    self.errors[r] = exc
            return open_ids[0] if open_ids else None
        offered = {"event": occ.event.id, "district": occ.district_id, "hook": self.hook}
        if pending and {k: pending[0].get(k) for k in offered} == offered:
            option = pending.pop(0).get("option")
            if option in open_ids or (option is None and not open_ids):
                return option
        self.diverged[r] = True
        return open_ids[0] if open_ids else None

    def end_hook(self, r: int) -> None:
        if r not in self.answers and self.pending[r] and self.pending[r][0].get("hook") == self.hook:
            self.diverged[r] = True

    def playing(self, r: int) -> bool:
        return not self.diverged[r] and r not in self.errors


def _batched(
    content: ContentSet, games: list[Log], of: list[int], tries: list[Try]
) -> tuple[list[Trajectory | None], dict[Try, Played]]:
    """One batch of logs of the same scenario, and the what-ifs `tries` of its logs `of` (indices into `games`),
    each one more run after the logs'. None for each log the batch did not reproduce; only the tries of the logs it
    did."""
    header = games[0][1]
    if (
        header["level"] not in content.levels
        or header["content_hash"] != content.content_hash
        or model_version(header) != MODEL_VERSION
    ):  # replayed alone, for start_session's message
        return [None] * len(games), {}
    level = content.levels[header["level"]]
    seed, role = int(header["seed"]), header["role"]
    overrides = header.get("overrides") or {}
    turns = None if header["turns"] == level.turns else header["turns"]
    logs = [g[2] for g in games] + [games[g][2] for g in of]  # each run's log: the logs', then the tries'
    try:
        rngs = [np.random.default_rng(np.random.SeedSequence(seed).spawn(3)[0]) for _ in logs]
        model = CityModel(content, level, role, rngs, overrides=overrides, households=header.get("households"))
        sessions = [
            GameSession(
                content,
                level.id,
                role,
                seed,
                explain=False,
                overrides=overrides,
                model=model,
                run=r,
                shared=True,
                turns=turns,
                households=header.get("households"),
            )
            for r in range(len(logs))
        ]
    except (ValueError, KeyError):
        return [None] * len(games), {}
    answers = {
        len(games) + k: Answers(games[g][1], games[g][0], _change(w))
        for k, (g, w) in enumerate(zip(of, tries, strict=True))
    }
    chooser = _Chooser(sessions, answers)
    start = metrics(model.state)
    trajectories = [Trajectory([metrics_row(start, r)]) for r in range(len(logs))]
    for turn in range(1, max(len(log) for log in logs) + 1):
        active = [r for r, log in enumerate(logs) if turn <= len(log) and chooser.playing(r)]
        if not active:
            break
        logged = {r: logs[r][turn - 1] for r in active}
        for r in active:
            chooser.pending[r] = [dict(e) for e in logged[r]["events"]]
        group = [sessions[r] for r in active]
        model.begin_turn(turn)
        chooser.turn = turn
        for hook in ("turn_start", "after_measures", "turn_end"):
            if hook == "turn_start":
                runs = [s.begin_turn() for s in group]
            elif hook == "after_measures":
                runs = [s.submit([AdoptMeasure.from_dict(c) for c in logged[s.run]["commands"]]) for s in group]
            else:
                model.step()
                runs = [s.advance() for s in group]
            chooser.hook = hook
            batch._play_hook(group, runs, [chooser] * len(group), model, turn)  # the batch runner's own order of play
            for r in active:
                chooser.end_hook(r)
        indicators = model.all_indicators(active)
        now = metrics(model.state)
        for r, values in zip(active, indicators, strict=True):
            record = sessions[r].finish_turn(values)
            same = r in answers or (
                not chooser.diverged[r]
                and not chooser.pending[r]
                and record.commands == logged[r]["commands"]
                and _as_logged(record.indicators, logged[r]["indicators"])
            )
            if not same:
                chooser.diverged[r] = True
                continue
            t = trajectories[r]
            t.metrics.append(metrics_row(now, r))
            t.events.append(list(record.events))
            t.commands.append(list(record.commands))
            t.rejected.append(list(record.rejected))
    played = {
        w: Played(trajectories[r], answers[r].fallbacks, chooser.errors.get(r))
        for r, g, w in zip(answers, of, tries, strict=True)
        if not chooser.diverged[g]
    }
    return [None if chooser.diverged[r] else trajectories[r] for r in range(len(games))], played


def _as_logged(indicators: dict, logged: dict) -> bool:
    """Are these the indicators the log wrote (compared as JSON gives them back)? Plain numbers and lists that are
    equal are so already (a float's JSON text gives the same float back); only others need the round trip."""
    return indicators == logged or json.loads(json.dumps(indicators)) == logged
