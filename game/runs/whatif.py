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

from dataclasses import dataclass, field

import numpy as np

from game.bots import BOTS
from game.content.loader import ContentSet
from game.session.commands import AdoptMeasure
from game.session.log import LogError
from game.session.replay import replay_turns, start_session
from game.session.session import GameSession
from game.sim.metrics import METRICS, metrics


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
    return metrics_row(metrics(session.model.state), session.run)


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


def metrics_row(found: dict, run: int) -> dict[str, float]:
    """Run `run`'s end-of-game metrics in `found` (game.sim.metrics of a model's state), as a trajectory keeps them."""
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
class Played:
    """A what-if already played to its end, in the class's batch (game.runs.class_replay): its game, the later
    choices that had to fall back, or the WhatIfError met on the way (the option not open then)."""

    trajectory: Trajectory
    fallbacks: list[dict] = field(default_factory=list)
    error: WhatIfError | None = None


@dataclass
class PendingWhatIf:
    """A what-if played up to the end of the first quarter, from the changed one on, in which a later choice had to
    fall back (`fell_back`): enough to know that its later quarters are not all the log's own choices. `finish`
    plays the rest and gives the whole WhatIf, as `whatif` would have."""

    _whatif: WhatIf  # its alternative and fallbacks are the player's, filled in as it plays
    _player: _Player | None  # None: already played to its end (Played)

    @property
    def fell_back(self) -> bool:
        return bool(self._whatif.fallbacks)

    def finish(self) -> WhatIf:
        if self._player is not None:
            self._player.play()
        return self._whatif


def start_whatif(
    content: ContentSet,
    log,
    turn: int,
    event_id: str,
    option_id: str,
    original: Trajectory | None = None,
    played: Played | None = None,
) -> PendingWhatIf:
    """`whatif`, played only until a later choice had to fall back (see PendingWhatIf). Raises WhatIfError as
    `whatif` does: the option not open then is found in the changed quarter, before any pause.

    `played`: this very what-if already played (with `original` as the log's game), used as it is."""
    name = str(getattr(log, "path", "log"))
    header, turns = log.header, log.turns
    logged = checked_change(content, name, turns, turn, event_id, option_id)
    player = None
    if played is None:
        if original is None:
            original = _play(content, header, turns, name, None)[0]
        player = _Player(content, header, turns, name, (turn, event_id, option_id))
        player.play(pause_at_fallback=True)
        played = Played(player.trajectory, player.fallbacks)
    elif played.error is not None:
        raise played.error
    assert original is not None  # given with `played`
    w = WhatIf(
        str(getattr(log, "group", "")),
        turn,
        event_id,
        logged.get("district"),
        logged.get("option"),
        option_id,
        original,
        played.trajectory,
        played.fallbacks,
    )
    return PendingWhatIf(w, player)


def checked_change(content: ContentSet, name: str, turns: list[dict], turn: int, event_id: str, option_id: str) -> dict:
    """The logged firing of `event_id` in quarter `turn` that a what-if changes to `option_id`; WhatIfError when the
    log has no such quarter or firing, or the event no such option."""
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
    return logged


def can_change(content: ContentSet, name: str, turns: list[dict], turn: int, event_id: str, option_id: str) -> bool:
    """Does `checked_change` find the firing and the option (start_whatif's checks before it plays)?"""
    try:
        checked_change(content, name, turns, turn, event_id, option_id)
    except WhatIfError:
        return False
    return True


def _play(
    content: ContentSet, header: dict, turns: list[dict], name: str, change: tuple[int, str, str] | None
) -> tuple[Trajectory, list[dict]]:
    """Play the log's choices, with `change` = (turn, event, option) made differently. Returns the trajectory
    and the later choices that had to fall back."""
    player = _Player(content, header, turns, name, change)
    player.play()
    return player.trajectory, player.fallbacks


class Answers:
    """How a what-if answers each event: with `change` = (turn, event, option) at the first firing of that event in
    that quarter, else the log's option for the same event, place and hook when it is still open, else (a
    fallback, noted) the bot's choice when a bot played the log, or the first open option."""

    def __init__(self, header: dict, name: str, change: tuple[int, str, str] | None):
        self.bot = BOTS[header["bot"]]() if header.get("bot") in BOTS else None
        self.name, self.change = name, change
        self.fallbacks: list[dict] = []
        self.changed = change is None

    def pick(self, occ, session: GameSession, hook: str, t: int, pending: list[dict]) -> str | None:
        """The option for `occ`, fired at `hook` of quarter `t`; `pending` holds the quarter's logged firings not
        met yet. Raises WhatIfError when the changed option is not open then."""
        change = self.change
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
                    f"{self.name}: in turn {t} the option {change[2]!r} of {change[1]!r} was "
                    f"not open then (open: {', '.join(open_ids) or 'none'})",
                    "not_open",
                    file=self.name,
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
                option = _fallback(self.bot, occ, session)
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
        return option


class _Player:
    """The log's choices played again quarter by quarter, with `change` = (turn, event, option) made differently:
    the trajectory so far and the later choices that had to fall back."""

    def __init__(
        self, content: ContentSet, header: dict, turns: list[dict], name: str, change: tuple[int, str, str] | None
    ):
        self.session = _fresh(content, header, name)
        self.answers = Answers(header, name, change)
        self.fallbacks = self.answers.fallbacks
        self.turns, self.change = turns, change
        self.trajectory = Trajectory([_snapshot(self.session)])
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
        self.trajectory.metrics.append(_snapshot(self.session))
        self.trajectory.events.append(list(record.events))
        self.trajectory.commands.append(list(record.commands))
        self.trajectory.rejected.append(list(record.rejected))

    def _answer(self, run, hook: str, t: int, pending: list[dict]) -> None:
        while (occ := run.next()) is not None:
            run.choose(self.answers.pick(occ, self.session, hook, t, pending), by="replay")


def _fallback(bot, occ, session: GameSession) -> str | None:
    """The bot's choice when a bot played the log, else the first open option."""
    if bot is not None:
        return bot.choose(occ, session.bot_rng)
    return occ.enabled[0].id if occ.enabled else None
