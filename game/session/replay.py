"""Replay: play a logged game again from its seed and choices, and say whether it comes out the same.

A game is deterministic given its content, level, role, seed, overrides, commands and event choices, so a log is
a complete recipe. Replay rebuilds the session and drives it through the same public phases a player uses
(begin_turn → submit → advance → finish_turn, answering each HookRun), giving every event the option the log
recorded, in order. It stops at the first thing that differs — an event the log did not expect, a command now
refused, an indicator off by any amount — and names it, because "your log does not replay" is useless to a
teacher without "turn 3, district.oc_control in riberas: logged 0.41, replayed 0.43".

Saves are loaded the same way (see game.session.saves), so this is also how a saved game's state is rebuilt.
"""

from __future__ import annotations

import json
import math
import os
from dataclasses import dataclass, field
from typing import Any

from game import __version__
from game.content.loader import ContentSet
from game.events.occurrence import OptionState
from game.session.commands import AdoptMeasure
from game.session.log import LogError, ModelVersionError, read_log
from game.session.refusals import Refusal
from game.session.session import GameSession, RecordingRun, SessionError
from game.sim import MODEL_VERSION


@dataclass
class Divergence:
    """The first difference between a logged turn and its replay."""

    turn: int
    what: str  # an indicator's name, or "event" or "command"
    logged: Any
    replayed: Any
    message: str  # one sentence naming all of the above
    place: str = ""  # the district of a per-district indicator
    reason: str = ""  # why the session refused the logged command or option, in its words
    # the same, typed, for a reader in another language: the measure's refusal, or the refused option's state
    # (None when the option does not exist at all)
    refusal: Refusal | None = field(default=None, compare=False)
    option: OptionState | None = field(default=None, compare=False)


@dataclass
class ReplayResult:
    header: dict
    turns_checked: int  # turns replayed, the diverging one included
    first_divergence: Divergence | None = None
    truncated: str | None = None  # the log's last line was cut off (see read_log)
    session: GameSession | None = field(default=None, repr=False)

    @property
    def ok(self) -> bool:
        return self.first_divergence is None

    def report(self) -> str:
        """What `plaza replay` prints: one line for a match, the first difference otherwise."""
        h = self.header
        game = f"{h['level']} ({h['role']}, seed {h['seed']})"
        lines = [f"note: {self.truncated}"] if self.truncated else []
        n = self.turns_checked
        d = self.first_divergence
        if d is None:  # self.ok
            stop = "" if n >= h["turns"] else f"; the log stops after turn {n} of {h['turns']}"
            nothing = ": nothing to compare, the log has no finished turn" if n == 0 else ": identical"
            lines.append(f"replayed {n} turn{'s' if n != 1 else ''} of {game}{nothing}{stop}")
            return "\n".join(lines)
        same = (
            f"turns 1–{d.turn - 1} identical"
            if d.turn > 2
            else ("turn 1 identical" if d.turn == 2 else "the very first turn differs")
        )
        lines.append(f"replayed {game}: DIFFERENT at turn {d.turn} ({same})")
        lines.append(f"  {d.message}")
        if h.get("plaza") != __version__:
            lines.append(f"  the log was made with Plaza {h.get('plaza')}, this is Plaza {__version__}")
        return "\n".join(lines)


def replay(content: ContentSet, path: str | os.PathLike) -> ReplayResult:
    """Replay the log at `path` against `content`. Raises LogError when the log cannot be replayed at all."""
    log = read_log(path)
    if log.truncated and not log.turns:
        raise LogError(f"truncated log: {log.truncated}: nothing to replay")
    session = start_session(content, log.header, log.path, "log")
    checked, divergence = replay_turns(session, log.turns)
    return ReplayResult(log.header, checked, divergence, log.truncated, session)


def model_version(header: dict) -> int:
    """The version of the model's rules a header's game was played under; logs from before it was recorded: 1."""
    return header.get("model", 1)


def check_model(header: dict, name: str, kind: str) -> None:
    """Refuse a game played under other model rules (ModelVersionError): replaying it here cannot give its
    numbers back, and saying so beats a divergence at turn 1 that looks like a hand-edited file."""
    version = model_version(header)
    if version != MODEL_VERSION:
        raise ModelVersionError(
            f"{name}: this {kind} was made with model version {version} (Plaza {header.get('plaza', '?')}); this "
            f"Plaza plays model version {MODEL_VERSION}, so its numbers cannot be reproduced; play the game again "
            "or use the Plaza version that made it"
        )


def start_session(content: ContentSet, header: dict, name: str, kind: str) -> GameSession:
    """A fresh session for a checked header, once its model version, level and content hash match this Plaza's."""
    check_model(header, name, kind)
    level = header["level"]
    if level not in content.levels:
        raise LogError(
            f"{name}: this {kind} is for level {level!r}, which this Plaza does not have "
            f"(levels: {', '.join(sorted(content.levels))})"
        )
    if header["content_hash"] != content.content_hash:
        raise LogError(
            f"{name}: this {kind} was made with different content (hash {header['content_hash']}, "
            f"this Plaza has {content.content_hash})"
        )
    extra = {} if header["turns"] == content.levels[level].turns else {"turns": header["turns"]}
    households = header.get("households")
    if households is not None:
        if not isinstance(households, int) or isinstance(households, bool) or not 10 <= households <= 5000:
            raise LogError(f"{name}: `households` must be a whole number from 10 to 5000")
        extra["households"] = households
    try:
        session = GameSession(
            content, level, header["role"], header["seed"], overrides=header.get("overrides") or {}, **extra
        )
    except (SessionError, KeyError, ValueError) as exc:
        reason = exc.args[0] if exc.args else exc
        raise LogError(f"{name}: cannot start the {kind}'s game: {reason}") from None
    if header.get("game"):  # a resumed game keeps its identity (older logs and saves have none: a new one)
        session.game_id = header["game"]
    return session


def replay_turns(session: GameSession, turns: list[dict], source: str = "log") -> tuple[int, Divergence | None]:
    """Play the logged turns on `session`; stop at the first divergence. Returns (turns played, divergence).

    `source` ("log" or "save") is the word the divergence message uses for where the expected values came from.
    """
    for n, logged in enumerate(turns, start=1):
        divergence = _replay_turn(session, logged, source)
        if divergence is not None:
            return n, divergence
    return len(turns), None


class _Diverged(Exception):
    def __init__(self, divergence: Divergence):
        self.divergence = divergence


def _replay_turn(session: GameSession, logged: dict, source: str) -> Divergence | None:
    turn = logged["turn"]
    pending = list(logged["events"])
    commands = [AdoptMeasure.from_dict(c) for c in logged["commands"]]
    try:
        _answer(session.begin_turn(), "turn_start", pending, turn, source)
        _answer(session.submit(commands), "after_measures", pending, turn, source)
        _answer(session.advance(), "turn_end", pending, turn, source)
    except _Diverged as exc:
        return exc.divergence
    if pending:
        return _event(turn, pending[0], None, "did not fire on replay", source)
    record = session.finish_turn()
    if record.commands != logged["commands"]:
        refused = record.rejected[0] if record.rejected else None
        why = f"{refused['measure']} was refused ({refused['reason']})" if refused else ""
        message = f"turn {turn}: the measures taken differ{': ' + why if why else ''}"
        typed = record.refusals[0] if record.refusals else None
        return Divergence(turn, "command", logged["commands"], record.commands, message, reason=why, refusal=typed)
    return _compare_indicators(turn, logged["indicators"], record.indicators, session.world.district_ids, source)


def _answer(run: RecordingRun, hook: str, pending: list[dict], turn: int, source: str) -> None:
    """Answer each event the hook fires with the option logged for it, checking it is the event the log has."""
    while (occ := run.next()) is not None:
        offered = {"event": occ.event.id, "district": occ.district_id, "hook": hook}
        if not pending or {k: pending[0].get(k) for k in offered} != offered:
            raise _Diverged(_event(turn, pending[0] if pending else None, offered, "fired instead", source))
        entry = pending.pop(0)
        state = next((s for s in occ.options if s.option.id == entry["option"]), None)
        try:
            run.choose(entry["option"], by="replay")
        except ValueError as exc:
            divergence = Divergence(turn, "event", entry, None, f"turn {turn}: {exc}", reason=str(exc), option=state)
            raise _Diverged(divergence) from None
    if pending and pending[0].get("hook") == hook:
        raise _Diverged(_event(turn, pending[0], None, "did not fire on replay", source))


def _describe(event: dict | None) -> str:
    if event is None:
        return "no event"
    where = f" in {event['district']}" if event.get("district") else ""
    return f"{event['event']}{where} ({event['hook']})"


def _event(turn: int, logged: dict | None, replayed: dict | None, verb: str, source: str) -> Divergence:
    if replayed is None:
        message = f"turn {turn}: the {source}'s event {_describe(logged)} {verb}"
    else:
        message = f"turn {turn}: the event {_describe(replayed)} {verb}; the {source} has {_describe(logged)}"
    return Divergence(turn, "event", logged, replayed, message)


def _same(a: object, b: object) -> bool:
    if isinstance(a, list) or isinstance(b, list):
        return isinstance(a, list) and isinstance(b, list) and len(a) == len(b) and all(map(_same, a, b))
    return a == b or (isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b))


def _compare_indicators(turn: int, logged: dict, fresh: dict, districts: list[str], source: str) -> Divergence | None:
    """Exact comparison of the values as they would be written to the log (JSON round trip)."""
    replayed = json.loads(json.dumps(fresh))
    was = {"log": "logged", "save": "saved"}.get(source, source)
    for name in [*logged, *(k for k in replayed if k not in logged)]:
        old, new = logged.get(name), replayed.get(name)
        if old is None or new is None:
            missing = f"the {source} has no" if old is None else "this Plaza has no"
            return Divergence(turn, name, old, new, f"turn {turn}: {missing} indicator {name}")
        if _same(old, new):
            continue
        if isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
            i = next(i for i, (a, b) in enumerate(zip(old, new, strict=True)) if not _same(a, b))
            place = districts[i] if i < len(districts) else f"district {i + 1}"
            message = f"turn {turn}: {name} in {place}: {was} {old[i]!r}, replayed {new[i]!r}"
            return Divergence(turn, name, old[i], new[i], message, place=place)
        return Divergence(turn, name, old, new, f"turn {turn}: {name}: {was} {old!r}, replayed {new!r}")
    return None
