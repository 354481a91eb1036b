"""Replaying a class log turn by turn, and "what if": the same game with one choice made differently.

`replay_trajectory` plays a logged game again (checking every turn against the log, as `plaza replay` does) and
keeps the end-of-game metrics of `game.sim.metrics` after every quarter, so the report can draw each group's
lines and compare where the groups ended. `whatif` replays a log up to one event of one turn, takes another
option there, and plays on with the log's later choices where they still apply: the same measures (the rules
refuse those no longer possible) and, for each later event, the option the log took for that event in that place
when it fires again and the option is still open — otherwise the bot's choice (when a bot played the log) or the
first open option. Both trajectories come back side by side.

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
    """A what-if that cannot be played: no such turn or event in the log, no such option; the message says which."""


@dataclass
class Trajectory:
    """One game, quarter by quarter. Index 0 of `metrics` is the start; index t is after quarter t."""

    metrics: list[dict[str, float]] = field(default_factory=list)
    events: list[list[dict]] = field(default_factory=list)      # per quarter: {event, district, option, hook}
    commands: list[list[dict]] = field(default_factory=list)    # per quarter: the measures taken
    rejected: list[list[dict]] = field(default_factory=list)    # per quarter: measures the rules refused

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
    taken: str | None              # what the log chose there
    instead: str                   # the other option played
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
    found = metrics(session.model.state)
    return {name: round(float(np.asarray(found[name])[session.run]), 6) for name in METRICS}


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


def _fresh(content: ContentSet, header: dict, name: str) -> GameSession:
    session = start_session(content, header, name, "log")
    session.engine.explain = False  # the report needs the choices and figures, not the engine's prose
    return session


def whatif(content: ContentSet, log, turn: int, event_id: str, option_id: str) -> WhatIf:
    """Play `log` (a ClassLog: path, header, turns, group) again with `option_id` taken for the first firing of
    `event_id` in quarter `turn`, and return both games. Raises WhatIfError with a plain message when the log has
    no such turn or event, or the option is not one of the event's."""
    name = str(getattr(log, "path", "log"))
    header, turns = log.header, log.turns
    if not 1 <= turn <= len(turns):
        raise WhatIfError(f"{name}: the log has turns 1–{len(turns)}, not turn {turn}")
    logged = next((e for e in turns[turn - 1]["events"] if e["event"] == event_id), None)
    if logged is None:
        fired = sorted({e["event"] for e in turns[turn - 1]["events"]})
        raise WhatIfError(f"{name}: {event_id!r} did not fire in turn {turn}"
                          + (f" (events that did: {', '.join(fired)})" if fired else " (no event fired that turn)"))
    event = content.events.get(event_id)
    options = [o.id for o in event.options] if event is not None else []
    if option_id not in options:
        raise WhatIfError(f"{name}: {event_id!r} has no option {option_id!r} (options: {', '.join(options)})")
    original = _play(content, header, turns, name, None)[0]
    alternative, fallbacks = _play(content, header, turns, name, (turn, event_id, option_id))
    return WhatIf(str(getattr(log, "group", "")), turn, event_id, logged.get("district"), logged.get("option"),
                  option_id, original, alternative, fallbacks)


def _play(content: ContentSet, header: dict, turns: list[dict], name: str,
          change: tuple[int, str, str] | None) -> tuple[Trajectory, list[dict]]:
    """Play the log's choices, with `change` = (turn, event, option) made differently. Returns the trajectory
    and the later choices that had to fall back."""
    session = _fresh(content, header, name)
    bot = BOTS[header["bot"]]() if header.get("bot") in BOTS else None
    trajectory = Trajectory([_snapshot(session)])
    fallbacks: list[dict] = []
    state = {"changed": change is None}
    for logged in turns:
        t = logged["turn"]
        pending = [dict(e) for e in logged["events"]]

        def answer(run, hook: str, t: int = t, pending: list[dict] = pending) -> None:
            while (occ := run.next()) is not None:
                open_ids = [o.id for o in occ.enabled]
                option = None
                match = next((e for e in pending if e["event"] == occ.event.id
                              and e.get("district") == occ.district_id and e.get("hook") == hook), None)
                if match is not None:
                    pending.remove(match)
                if not state["changed"] and change[0] == t and occ.event.id == change[1]:
                    state["changed"] = True
                    if change[2] not in open_ids:
                        raise WhatIfError(f"{name}: in turn {t} the option {change[2]!r} of {change[1]!r} was "
                                          f"not open then (open: {', '.join(open_ids) or 'none'})")
                    option = change[2]
                else:
                    if match is not None and (match.get("option") in open_ids
                                              or (match.get("option") is None and not open_ids)):
                        option = match.get("option")
                    if option is None and open_ids:
                        option = _fallback(bot, occ, session)
                        fallbacks.append({"turn": t, "event": occ.event.id, "district": occ.district_id,
                                          "option": option, "logged": match.get("option") if match else None})
                if option is None and open_ids:
                    option = open_ids[0]
                run.choose(option, by="replay")

        answer(session.begin_turn(), "turn_start")
        answer(session.submit([AdoptMeasure.from_dict(c) for c in logged["commands"]]), "after_measures")
        answer(session.advance(), "turn_end")
        record = session.finish_turn()
        trajectory.metrics.append(_snapshot(session))
        trajectory.events.append(list(record.events))
        trajectory.commands.append(list(record.commands))
        trajectory.rejected.append(list(record.rejected))
    return trajectory, fallbacks


def _fallback(bot, occ, session: GameSession) -> str | None:
    """The bot's choice when a bot played the log, else the first open option."""
    if bot is not None:
        return bot.choose(occ, session.bot_rng)
    return occ.enabled[0].id if occ.enabled else None
