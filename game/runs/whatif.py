"""Replaying a class log turn by turn, and "what if": the same game with one choice made differently.

`replay_trajectory` plays a logged game again (checking every turn against the log, as `plaza replay` does) and
keeps the end-of-game metrics of `game.sim.metrics` after every quarter, so the report can draw each group's
lines and compare where the groups ended. `whatif` replays a log up to one event of one turn, takes another
option there, and plays on with the log's later choices where they still apply: the same measures (the rules
refuse those no longer possible) and, for each later event, the option the log took for that event in that place
when it fires again and the option is still open — otherwise the bot's choice (when a bot played the log) or the
first open option. Both trajectories come back side by side.

Both the class report (game.classroom) and the projector's debrief (game.ui) use it, so it lives here, below both.
Pure Python and numpy: no pygame, no files written.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import numpy as np

from game.bots import BOTS
from game.content.loader import ContentSet
from game.runs import batch
from game.session.commands import AdoptMeasure
from game.session.log import LogError
from game.session.replay import model_version, replay_turns, start_session
from game.session.session import GameSession
from game.sim import MODEL_VERSION
from game.sim.metrics import METRICS, metrics
from game.sim.model import CityModel


class WhatIfError(ValueError):
    """A what-if that cannot be played: no such turn or event in the log, no such option, an option not open then.
    The message says which in English; `kind` and `facts` say it as data, for a reader in another language:

    - "no_turn": file, turn, turns;  - "not_fired": file, event, turn, fired (the events that did, comma-separated);
    - "nothing_fired": as "not_fired", when no event fired that turn;
    - "no_option": file, event, option, options;  - "not_open": file, event, option, turn, open.
    """

    def __init__(self, message: str, kind: str = "", **facts: object):
        super().__init__(message)
        self.kind = kind
        self.facts = facts


@dataclass
class Trajectory:
    """One game, quarter by quarter. Index 0 of `metrics` is the start; index t is after quarter t."""

    metrics: list[dict[str, float]] = field(default_factory=list)
    events: list[list[dict]] = field(default_factory=list)  # per quarter: {event, district, option, hook}
    commands: list[list[dict]] = field(default_factory=list)  # per quarter: the measures taken
    rejected: list[list[dict]] = field(default_factory=list)  # per quarter: measures the rules refused

    @property
    def turns(self) -> int:
        return len(self.events)

    @property
    def end(self) -> dict[str, float]:
        return self.metrics[-1] if self.metrics else {}

    def series(self, name: str) -> list[float]:
        return [m[name] for m in self.metrics]


@dataclass
class WhatIf:
    """A logged game and the same game with `instead` chosen for `event` in quarter `turn`."""

    group: str
    turn: int
    event: str
    district: str | None
    taken: str | None  # what the log chose there
    instead: str  # the other option played
    original: Trajectory
    alternative: Trajectory
    fallbacks: list[dict] = field(default_factory=list)  # later choices the log's option no longer fitted

    @property
    def same(self) -> bool:
        return self.original.metrics == self.alternative.metrics and self.original.events == self.alternative.events

    def first_difference(self) -> int | None:
        """The first quarter where the two games' events or figures differ (None when they never do)."""
        for t in range(1, max(self.original.turns, self.alternative.turns) + 1):
            a = self.original.events[t - 1] if t <= self.original.turns else None
            b = self.alternative.events[t - 1] if t <= self.alternative.turns else None
            if a != b or _at(self.original.metrics, t) != _at(self.alternative.metrics, t):
                return t
        return None

    def events_only_in(self, which: str) -> list[tuple[int, dict]]:
        """(quarter, event) pairs that fired in one game (`original` or `alternative`) and not in the other."""
        mine = self.original if which == "original" else self.alternative
        other = self.alternative if which == "original" else self.original
        out = []
        for t, events in enumerate(mine.events, start=1):
            theirs = [(e["event"], e["district"]) for e in (other.events[t - 1] if t <= other.turns else [])]
            for e in events:
                key = (e["event"], e["district"])
                if key in theirs:
                    theirs.remove(key)
                else:
                    out.append((t, e))
        return out


def _at(values: list, i: int):
    return values[i] if i < len(values) else None


def _snapshot(session: GameSession) -> dict[str, float]:
    return _row(metrics(session.model.state), session.run)


def replay_trajectory(content: ContentSet, header: dict, turns: list[dict], name: str = "log") -> Trajectory:
    """Replay a log's turns exactly; raise LogError naming the file and the first difference when it does not
    reproduce (a hand-edited log, another version of the model)."""
    session = _fresh(content, header, name)
    trajectory = Trajectory([_snapshot(session)])
    for logged in turns:
        _, divergence = replay_turns(session, [logged])
        if divergence is not None:
            raise LogError(f"{name}: does not replay: {divergence.message}")
        record = session.records[-1]
        trajectory.metrics.append(_snapshot(session))
        trajectory.events.append(list(record.events))
        trajectory.commands.append(list(record.commands))
        trajectory.rejected.append(list(record.rejected))
    return trajectory


def replay_class(content: ContentSet, games: list[tuple[str, dict, list[dict]]]) -> list[Trajectory | LogError]:
    """`replay_trajectory` for many logs at once: (name, header, turns) each, a Trajectory or the LogError back.

    Logs of one scenario (level, role, seed, length, overrides, households) share one batched city model and have
    their pool rolls vectorised (game.runs.batch), which is many times faster than one game at a time and
    gives the same numbers. A log whose batched replay differs from it in any way is replayed alone, so its
    LogError names the first difference exactly (and a batched slip could never drop a good log).
    """
    out: dict[int, Trajectory | LogError] = {}
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
        batched = _batched(content, [games[i] for i in members]) if len(members) > 1 else [None]
        for i, trajectory in zip(members, batched, strict=True):
            if trajectory is not None:
                out[i] = trajectory
                continue
            try:
                out[i] = replay_trajectory(content, games[i][1], games[i][2], games[i][0])
            except LogError as exc:
                out[i] = exc
    return [out[i] for i in range(len(games))]


class _LogChooser:
    """Answers each run's events with its log's options, in the log's order; a run whose events differ from its
    log is marked as diverged (and answered with its first open option, its figures no longer used)."""

    def __init__(self, sessions: list[GameSession]):
        self.index = {id(s.bot_rng): r for r, s in enumerate(sessions)}
        self.pending: list[list[dict]] = [[] for _ in sessions]
        self.diverged = [False] * len(sessions)
        self.hook = ""

    def choose(self, occ, rng) -> str | None:
        r = self.index[id(rng)]
        pending = self.pending[r]
        open_ids = [o.id for o in occ.enabled]
        offered = {"event": occ.event.id, "district": occ.district_id, "hook": self.hook}
        if pending and {k: pending[0].get(k) for k in offered} == offered:
            option = pending.pop(0).get("option")
            if option in open_ids or (option is None and not open_ids):
                return option
        self.diverged[r] = True
        return open_ids[0] if open_ids else None

    def end_hook(self, r: int) -> None:
        if self.pending[r] and self.pending[r][0].get("hook") == self.hook:
            self.diverged[r] = True


def _batched(content: ContentSet, games: list[tuple[str, dict, list[dict]]]) -> list[Trajectory | None]:
    """One batch of logs of the same scenario; None for each log the batch did not reproduce."""
    header = games[0][1]
    if (
        header["level"] not in content.levels
        or header["content_hash"] != content.content_hash
        or model_version(header) != MODEL_VERSION
    ):  # replayed alone, for start_session's message
        return [None] * len(games)
    level = content.levels[header["level"]]
    seed, role = int(header["seed"]), header["role"]
    overrides = header.get("overrides") or {}
    turns = None if header["turns"] == level.turns else header["turns"]
    try:
        rngs = [np.random.default_rng(np.random.SeedSequence(seed).spawn(3)[0]) for _ in games]
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
            for r in range(len(games))
        ]
    except (ValueError, KeyError):
        return [None] * len(games)
    chooser = _LogChooser(sessions)
    start = metrics(model.state)
    trajectories = [Trajectory([_row(start, r)]) for r in range(len(games))]
    for turn in range(1, max(len(g[2]) for g in games) + 1):
        active = [r for r, g in enumerate(games) if turn <= len(g[2]) and not chooser.diverged[r]]
        if not active:
            break
        logged = {r: games[r][2][turn - 1] for r in active}
        for r in active:
            chooser.pending[r] = [dict(e) for e in logged[r]["events"]]
        group = [sessions[r] for r in active]
        model.begin_turn(turn)
        for hook in ("turn_start", "after_measures", "turn_end"):
            if hook == "turn_start":
                runs = [s.begin_turn() for s in group]
            elif hook == "after_measures":
                runs = [s.submit([AdoptMeasure.from_dict(c) for c in logged[s.run]["commands"]]) for s in group]
            else:
                model.step()
                runs = [s.advance() for s in group]
            chooser.hook = hook
            batch._play_hook(group, runs, chooser, model, turn)  # the batch runner's own order of play
            for r in active:
                chooser.end_hook(r)
        indicators = model.all_indicators(active)
        now = metrics(model.state)
        for r, values in zip(active, indicators, strict=True):
            record = sessions[r].finish_turn(values)
            same = (
                not chooser.diverged[r]
                and not chooser.pending[r]
                and record.commands == logged[r]["commands"]
                and _as_logged(record.indicators, logged[r]["indicators"])
            )
            if not same:
                chooser.diverged[r] = True
                continue
            t = trajectories[r]
            t.metrics.append(_row(now, r))
            t.events.append(list(record.events))
            t.commands.append(list(record.commands))
            t.rejected.append(list(record.rejected))
    return [None if chooser.diverged[r] else trajectories[r] for r in range(len(games))]


def _as_logged(indicators: dict, logged: dict) -> bool:
    """Are these the indicators the log wrote (compared as JSON gives them back)? Plain numbers and lists that are
    equal are so already (a float's JSON text gives the same float back); only others need the round trip."""
    return indicators == logged or json.loads(json.dumps(indicators)) == logged


def _row(found: dict, run: int) -> dict[str, float]:
    return {name: round(float(np.asarray(found[name])[run]), 6) for name in METRICS}


def _fresh(content: ContentSet, header: dict, name: str) -> GameSession:
    session = start_session(content, header, name, "log")
    session.engine.explain = False  # the report needs the choices and figures, not the engine's prose
    session.explain = False  # nor the quarter's causes and headlines (read from the ledger; they change nothing)
    return session


def whatif(
    content: ContentSet, log, turn: int, event_id: str, option_id: str, original: Trajectory | None = None
) -> WhatIf:
    """Play `log` (a ClassLog: path, header, turns, group) again with `option_id` taken for the first firing of
    `event_id` in quarter `turn`, and return both games. Raises WhatIfError with a plain message when the log has
    no such turn or event, or the option is not one of the event's.

    `original`: the log's own game already replayed (`replay_trajectory` or `replay_class` of the same header and
    turns, which reproduced the log), used as it is instead of being played again."""
    return start_whatif(content, log, turn, event_id, option_id, original).finish()


@dataclass
class PendingWhatIf:
    """A what-if played up to the end of the first quarter, from the changed one on, in which a later choice had to
    fall back (`fell_back`): enough to know that its later quarters are not all the log's own choices. `finish`
    plays the rest and gives the whole WhatIf, as `whatif` would have."""

    _whatif: WhatIf  # its alternative and fallbacks are the player's, filled in as it plays
    _player: _Player

    @property
    def fell_back(self) -> bool:
        return bool(self._player.fallbacks)

    def finish(self) -> WhatIf:
        self._player.play()
        return self._whatif


def start_whatif(
    content: ContentSet, log, turn: int, event_id: str, option_id: str, original: Trajectory | None = None
) -> PendingWhatIf:
    """`whatif`, played only until a later choice had to fall back (see PendingWhatIf). Raises WhatIfError as
    `whatif` does: the option not open then is found in the changed quarter, before any pause."""
    name = str(getattr(log, "path", "log"))
    header, turns = log.header, log.turns
    if not 1 <= turn <= len(turns):
        raise WhatIfError(
            f"{name}: the log has turns 1–{len(turns)}, not turn {turn}",
            "no_turn",
            file=name,
            turn=turn,
            turns=len(turns),
        )
    logged = next((e for e in turns[turn - 1]["events"] if e["event"] == event_id), None)
    if logged is None:
        fired = sorted({e["event"] for e in turns[turn - 1]["events"]})
        raise WhatIfError(
            f"{name}: {event_id!r} did not fire in turn {turn}"
            + (f" (events that did: {', '.join(fired)})" if fired else " (no event fired that turn)"),
            "not_fired" if fired else "nothing_fired",
            file=name,
            event=event_id,
            turn=turn,
            fired=", ".join(fired),
        )
    event = content.events.get(event_id)
    options = [o.id for o in event.options] if event is not None else []
    if option_id not in options:
        raise WhatIfError(
            f"{name}: {event_id!r} has no option {option_id!r} (options: {', '.join(options)})",
            "no_option",
            file=name,
            event=event_id,
            option=option_id,
            options=", ".join(options),
        )
    if original is None:
        original = _play(content, header, turns, name, None)[0]
    player = _Player(content, header, turns, name, (turn, event_id, option_id))
    player.play(pause_at_fallback=True)
    w = WhatIf(
        str(getattr(log, "group", "")),
        turn,
        event_id,
        logged.get("district"),
        logged.get("option"),
        option_id,
        original,
        player.trajectory,
        player.fallbacks,
    )
    return PendingWhatIf(w, player)


def _play(
    content: ContentSet, header: dict, turns: list[dict], name: str, change: tuple[int, str, str] | None
) -> tuple[Trajectory, list[dict]]:
    """Play the log's choices, with `change` = (turn, event, option) made differently. Returns the trajectory
    and the later choices that had to fall back."""
    player = _Player(content, header, turns, name, change)
    player.play()
    return player.trajectory, player.fallbacks


class _Player:
    """The log's choices played again quarter by quarter, with `change` = (turn, event, option) made differently:
    the trajectory so far and the later choices that had to fall back."""

    def __init__(
        self, content: ContentSet, header: dict, turns: list[dict], name: str, change: tuple[int, str, str] | None
    ):
        self.session = _fresh(content, header, name)
        self.bot = BOTS[header["bot"]]() if header.get("bot") in BOTS else None
        self.turns, self.name, self.change = turns, name, change
        self.trajectory = Trajectory([_snapshot(self.session)])
        self.fallbacks: list[dict] = []
        self.changed = change is None
        self.played = 0  # quarters of `turns`

    def play(self, pause_at_fallback: bool = False) -> None:
        """Play on to the end; with `pause_at_fallback`, stop after the first quarter, from the changed one on, in
        which a choice fell back."""
        while self.played < len(self.turns):
            logged = self.turns[self.played]
            self._quarter(logged)
            self.played += 1
            if pause_at_fallback and self.fallbacks and (self.change is None or logged["turn"] >= self.change[0]):
                return

    def _quarter(self, logged: dict) -> None:
        session, t = self.session, logged["turn"]
        pending = [dict(e) for e in logged["events"]]
        self._answer(session.begin_turn(), "turn_start", t, pending)
        self._answer(
            session.submit([AdoptMeasure.from_dict(c) for c in logged["commands"]]), "after_measures", t, pending
        )
        self._answer(session.advance(), "turn_end", t, pending)
        record = session.finish_turn()
        self.trajectory.metrics.append(_snapshot(session))
        self.trajectory.events.append(list(record.events))
        self.trajectory.commands.append(list(record.commands))
        self.trajectory.rejected.append(list(record.rejected))

    def _answer(self, run, hook: str, t: int, pending: list[dict]) -> None:
        change, name = self.change, self.name
        while (occ := run.next()) is not None:
            open_ids = [o.id for o in occ.enabled]
            option = None
            match = next(
                (
                    e
                    for e in pending
                    if e["event"] == occ.event.id and e.get("district") == occ.district_id and e.get("hook") == hook
                ),
                None,
            )
            if match is not None:
                pending.remove(match)
            if change is not None and not self.changed and change[0] == t and occ.event.id == change[1]:
                self.changed = True
                if change[2] not in open_ids:
                    raise WhatIfError(
                        f"{name}: in turn {t} the option {change[2]!r} of {change[1]!r} was "
                        f"not open then (open: {', '.join(open_ids) or 'none'})",
                        "not_open",
                        file=name,
                        event=change[1],
                        option=change[2],
                        turn=t,
                        open=", ".join(open_ids) or "—",
                    )
                option = change[2]
            else:
                if match is not None and (
                    match.get("option") in open_ids or (match.get("option") is None and not open_ids)
                ):
                    option = match.get("option")
                if option is None and open_ids:
                    option = _fallback(self.bot, occ, self.session)
                    self.fallbacks.append(
                        {
                            "turn": t,
                            "event": occ.event.id,
                            "district": occ.district_id,
                            "option": option,
                            "logged": match.get("option") if match else None,
                        }
                    )
            if option is None and open_ids:
                option = open_ids[0]
            run.choose(option, by="replay")


def _fallback(bot, occ, session: GameSession) -> str | None:
    """The bot's choice when a bot played the log, else the first open option."""
    if bot is not None:
        return bot.choose(occ, session.bot_rng)
    return occ.enabled[0].id if occ.enabled else None
