"""The decision log: one JSON line per finished turn, so a teacher can replay any student's game.

A log is UTF-8 JSON lines. Line 1 is the session header (format "plaza-log", version, level, role, seed, turns,
content hash, the model's version, overrides, and optionally the bot's name, when the game started, and a class
session's id, group label and mode); every later line is one finished turn's record, optionally with the class's
`votes`. Each line is written, flushed and fsync'd as its turn finishes, so a crash loses at most the turn in
progress, and an existing file is never overwritten: students' logs are evidence.

Logs come back from other machines, so `read_log` trusts nothing: it parses with `json.loads` only, caps the size,
and checks every field, reporting `file:line: what is wrong` as a `LogError`. A last line cut off mid-write (the
crash case) is not an error: the complete turns before it come back with `truncated` set.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from game.session.commands import AdoptMeasure

if TYPE_CHECKING:
    from game.session.session import GameSession, TurnRecord

LOG_FORMAT = "plaza-log"
LOG_VERSION = 1
CLASS_MODES = ("groups", "class_vote")
VOTE_SOURCES = ("majority", "teacher", "tie_break")
MAX_LOG_BYTES = 64 * 1024 * 1024  # a 12-turn game is a few tens of kilobytes; this only stops hostile files


class LogError(ValueError):
    """A log (or save) that cannot be used; the message names the file and, where it can, the line."""


class ModelVersionError(LogError):
    """A log (or save) made under another version of the model's rules: its numbers cannot be reproduced."""


@dataclass
class LogContents:
    """What `read_log` found. Unpacks as `header, turns = read_log(path)`."""

    header: dict
    turns: list[dict]
    truncated: str | None = None  # why the last line was dropped, when it was cut off mid-write
    path: str = ""

    def __iter__(self) -> Iterator[Any]:
        return iter((self.header, self.turns))


@dataclass
class DecisionLog:
    """An open log file. Use `DecisionLog.open(path, session)`, then `write_turn(record)` after each turn."""

    path: Path
    _file: Any = field(repr=False)
    last_turn: int = 0

    @classmethod
    def open(
        cls,
        path: str | os.PathLike,
        session: GameSession,
        bot: str | None = None,
        started: datetime | None = None,
        extra_header: dict | None = None,
    ) -> DecisionLog:
        """Create a new log for `session` (never overwriting: `name-2.jsonl`, `name-3.jsonl`… when taken).

        The header is written at once; turns the session has already finished (a loaded game) follow it, so the
        log always replays from the first quarter. `extra_header` adds the optional class-session fields
        (`session`, `group`, `mode`; see docs/logs.md); it cannot replace the fields a replay needs.
        """
        header = dict(session.header())
        if bot is not None:
            header["bot"] = bot
        header["started"] = (started or datetime.now(UTC)).isoformat(timespec="seconds")
        if extra_header:
            clash = sorted(set(extra_header) & set(header))
            if clash:
                raise ValueError(f"extra_header cannot replace the header's {', '.join(clash)}")
            header.update(extra_header)
            check_header(header, f"{path}: header", kind="log")
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        target, handle = _create_new(Path(path))
        log = cls(target, handle)
        try:
            log._write_line(header)
            for record in session.records:
                log.write_turn(record)
        except BaseException:
            log.close()
            raise
        return log

    def write_turn(self, record: TurnRecord | dict, votes: list[dict] | None = None) -> None:
        """Append one finished turn (a TurnRecord or its dict) and push it to the disk before returning.

        `votes` adds the turn's class votes (see docs/logs.md, "Class sessions"); replay ignores them.
        """
        data = record.to_dict() if hasattr(record, "to_dict") else dict(record)
        if data.get("turn") != self.last_turn + 1:
            raise ValueError(f"{self.path}: turn {data.get('turn')} written after turn {self.last_turn}")
        if votes is not None:
            data["votes"] = [dict(v) if isinstance(v, dict) else v for v in votes]
            check_votes(data["votes"], f"{self.path}: turn {data['turn']}")
        self._write_line(data)
        self.last_turn = data["turn"]

    def close(self) -> None:
        if not self._file.closed:
            self._file.close()

    def __enter__(self) -> DecisionLog:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _write_line(self, data: dict) -> None:
        if self._file.closed:
            raise ValueError(f"{self.path}: the log is closed")
        # binary, "\n" only: the same bytes on every OS; ensure_ascii=False keeps Spanish names readable
        self._file.write((json.dumps(data, ensure_ascii=False) + "\n").encode("utf-8"))
        self._file.flush()
        os.fsync(self._file.fileno())


def _create_new(path: Path) -> tuple[Path, BinaryIO]:
    """Open a file that did not exist (exclusive create, so two games can never share one name)."""
    stem, suffix = path.stem, path.suffix
    n = 1
    while True:
        candidate = path if n == 1 else path.with_name(f"{stem}-{n}{suffix}")
        try:
            return candidate, open(candidate, "xb")
        except FileExistsError:
            n += 1


# --- reading ----------------------------------------------------------------------------------------------


def read_log(path: str | os.PathLike) -> LogContents:
    """Read and check a log; raise LogError naming the file and line for anything that is not a valid log."""
    name = str(path)
    raw = read_capped(path, "log")
    if not raw.strip():
        raise LogError(f"{name}: the file is empty, not a Plaza log")
    lines = raw.split(b"\n")
    numbered = [(i + 1, ln.rstrip(b"\r")) for i, ln in enumerate(lines) if ln.strip()]
    header_line, header_bytes = numbered[0]
    header = _parse(name, header_line, header_bytes, "the header")
    check_header(header, f"{name}:{header_line}", kind="log")
    turns: list[dict] = []
    truncated = None
    line_of: dict[int, int] = {}
    for index, (number, text) in enumerate(numbered[1:], start=1):
        where = f"{name}:{number}"
        try:
            data = json.loads(text.decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError):
            if index == len(numbered) - 1:  # the last line: a write cut off by a crash or a full disk
                truncated = (
                    f"{where}: the last line is incomplete (the game probably stopped while writing it); "
                    f"{len(turns)} complete turn{'s' if len(turns) != 1 else ''} before it"
                )
                break
            raise LogError(f"{where}: not a JSON line") from None
        check_turn(data, where)
        expected = len(turns) + 1
        if data["turn"] < expected:  # turns run 1, 2, 3…: a smaller number was already seen
            raise LogError(f"{where}: turn {data['turn']} appears twice (first on line {line_of[data['turn']]})")
        if data["turn"] > expected:
            raise LogError(f"{where}: turns out of order: turn {data['turn']}, expected turn {expected}")
        line_of[data["turn"]] = number
        turns.append(data)
    if len(turns) > header["turns"]:
        raise LogError(f"{name}: {len(turns)} turns logged but the game has only {header['turns']}")
    return LogContents(header, turns, truncated, name)


def read_capped(path: str | os.PathLike, kind: str, limit: int = MAX_LOG_BYTES) -> bytes:
    """A log's, save's or session file's bytes, refusing files too big to be one (so a hostile file cannot exhaust
    memory)."""
    name = str(path)
    try:
        with open(path, "rb") as f:
            raw = f.read(limit + 1)
    except FileNotFoundError:
        raise LogError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise LogError(f"{name}: is a folder, not a {kind} file") from None
    except OSError as exc:
        raise LogError(f"{name}: cannot read the {kind}: {exc.strerror or exc}") from None
    if len(raw) > limit:
        size = f"{limit // (1024 * 1024)} MB" if limit >= 1024 * 1024 else f"{limit // 1024} KB"
        raise LogError(f"{name}: larger than {size}, not a Plaza {kind}")
    return raw


def _parse(name: str, number: int, text: bytes, what: str) -> Any:
    try:
        return json.loads(text.decode("utf-8"))
    except UnicodeDecodeError:
        raise LogError(f"{name}:{number}: not UTF-8 text, not a Plaza log") from None
    except (ValueError, RecursionError):
        raise LogError(f"{name}:{number}: {what} is not JSON, not a Plaza log") from None


# --- shape checks, shared with saves ------------------------------------------------------------------------


def _is_int(v: object) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def _is_number(v: object) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool)


def _all_numbers(values: list) -> bool:
    """`_is_number` for every item; plain ints and floats (all JSON gives) are told at once by their types."""
    return set(map(type, values)) <= _PLAIN_NUMBERS or all(_is_number(v) for v in values)


_PLAIN_NUMBERS = frozenset({int, float})


def _need(ok: bool, where: str, message: str) -> None:
    if not ok:
        raise LogError(f"{where}: {message}")


def check_header(header: Any, where: str, kind: str = "log") -> None:
    """The session header: format, version and the fields a replay needs, each of the right type."""
    _need(isinstance(header, dict), where, f"the header must be a JSON object, not a Plaza {kind}")
    fmt = header.get("format")
    if fmt == "plaza-save" and kind == "log":
        raise LogError(f"{where}: this is a Plaza save, not a decision log")
    _need(
        fmt == LOG_FORMAT,
        where,
        f"not a Plaza {kind}: format is {fmt!r}, expected {LOG_FORMAT!r}"
        if fmt is not None
        else f"not a Plaza {kind}: the header has no `format`",
    )
    version = header.get("version")
    _need(
        version == LOG_VERSION and _is_int(version),
        where,
        f"unsupported log version {version!r} (this Plaza reads version {LOG_VERSION})",
    )
    for key in ("plaza", "level", "role", "content_hash"):
        _need(isinstance(header.get(key), str), where, f"the header's `{key}` must be a string")
    _need(
        _is_int(header.get("seed")) and header["seed"] >= 0,
        where,
        "the header's `seed` must be a whole number, 0 or more",
    )
    _need(
        _is_int(header.get("turns")) and header["turns"] >= 1,
        where,
        "the header's `turns` must be a whole number, 1 or more",
    )
    # the version of the model's rules (game.sim.MODEL_VERSION); logs from before it was recorded have none (1).
    # Any version is read here; replay refuses one that is not this Plaza's (game.session.replay.check_model).
    _need(
        "model" not in header or (_is_int(header["model"]) and header["model"] >= 1),
        where,
        "the header's `model` must be a whole number, 1 or more",
    )
    overrides = header.get("overrides", {})
    _need(
        isinstance(overrides, dict) and all(isinstance(k, str) and _is_number(v) for k, v in overrides.items()),
        where,
        "the header's `overrides` must map parameter names to numbers",
    )
    for key in ("bot", "started"):
        _need(header.get(key) is None or isinstance(header[key], str), where, f"the header's `{key}` must be a string")
    # the game's identity (game.session.session.GameSession.game_id), kept across saves and resumes; older logs
    # have none
    if "game" in header:
        game = header["game"]
        _need(
            isinstance(game, str) and 8 <= len(game) <= 64 and all(c in "0123456789abcdef-" for c in game),
            where,
            "the header's `game` must be a game id (lowercase hexadecimal characters)",
        )
    # optional class-session fields (game.classfiles): the session id, the group or seat label, the mode
    if "session" in header:
        session = header["session"]
        _need(
            isinstance(session, str) and len(session) == 8 and all(c in "0123456789abcdef" for c in session),
            where,
            "the header's `session` must be a session id (8 lowercase hexadecimal characters)",
        )
    if "group" in header:
        group = header["group"]
        _need(
            isinstance(group, str) and 1 <= len(group) <= 24 and group.isprintable() and group == group.strip(),
            where,
            "the header's `group` must be a label of 1 to 24 printable characters",
        )
    if "mode" in header:
        _need(
            header["mode"] in CLASS_MODES,
            where,
            f"the header's `mode` must be one of {', '.join(CLASS_MODES)}, not {header['mode']!r}",
        )


def check_turn(data: Any, where: str) -> None:
    """One turn record: turn number, commands, events and indicators, each of the right type."""
    _need(isinstance(data, dict), where, "a turn line must be a JSON object")
    _need(_is_int(data.get("turn")) and data["turn"] >= 1, where, "`turn` must be a whole number, 1 or more")
    for key in ("commands", "rejected", "events", "ended"):
        items = data.get(key)
        _need(
            isinstance(items, list) and all(isinstance(x, dict) for x in items),
            where,
            f"`{key}` must be a list of objects",
        )
    for i, command in enumerate(data["commands"], start=1):
        try:
            AdoptMeasure.from_dict(command)
        except ValueError as exc:
            raise LogError(f"{where}: command {i}: {exc}") from None
    for i, event in enumerate(data["events"], start=1):
        _need(
            isinstance(event.get("event"), str) and isinstance(event.get("hook"), str),
            where,
            f"event {i} needs an `event` id and a `hook`",
        )
        for key in ("district", "option"):
            _need(
                event.get(key) is None or isinstance(event[key], str),
                where,
                f"event {i}: `{key}` must be an id or null",
            )
    indicators = data.get("indicators")
    _need(isinstance(indicators, dict), where, "`indicators` must be an object")
    for key, value in indicators.items():
        ok = _is_number(value) or (isinstance(value, list) and _all_numbers(value))
        _need(ok, where, f"indicator `{key}` must be a number or a list of numbers")
    if "votes" in data:
        check_votes(data["votes"], where)


def check_votes(votes: Any, where: str) -> None:
    """A turn's optional `votes`: the class votes on its events (tallies entered by the teacher)."""
    _need(isinstance(votes, list), where, "`votes` must be a list of objects")
    for i, vote in enumerate(votes, start=1):
        _need(isinstance(vote, dict), where, f"vote {i} must be an object")
        _need(isinstance(vote.get("event"), str), where, f"vote {i} needs an `event` id")
        district = vote.get("district")
        _need(
            district is None or (_is_int(district) and district >= 0),
            where,
            f"vote {i}: `district` must be a district's index (0, 1, …) or null",
        )
        tally = vote.get("tally")
        _need(
            isinstance(tally, dict) and all(isinstance(k, str) and _is_int(n) and n >= 0 for k, n in tally.items()),
            where,
            f"vote {i}: `tally` must map option ids to whole numbers, 0 or more",
        )
        _need(
            vote.get("adopted") is None or isinstance(vote["adopted"], str),
            where,
            f"vote {i}: `adopted` must be an option id or null",
        )
        _need(
            vote.get("source") in VOTE_SOURCES,
            where,
            f"vote {i}: `source` must be one of {', '.join(VOTE_SOURCES)}, not {vote.get('source')!r}",
        )
        _need(isinstance(vote.get("locked"), bool), where, f"vote {i}: `locked` must be true or false")
