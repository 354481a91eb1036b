"""Saving and loading a game between turns, atomically.

A save holds what a log holds — the session header and every completed turn's record — in one JSON object:
{"format": "plaza-save", "version": 1, "header": …, "turns": […]}. Loading replays those turns (the game is
deterministic), so the loaded session is the very state the player left, random streams included, and a save
can never hold a state the rules could not reach. Only completed turns are saved: saving during a turn keeps
the turns before it, and the turn in progress is lost.

A save is written to a temporary file in the same folder, flushed and fsync'd, then moved over the old save with
`os.replace`, so a crash or a full disk mid-save leaves the previous save intact.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from pathlib import Path

from game.content.loader import ContentSet
from game.session.log import LogError, ModelVersionError, check_header, check_turn, read_capped
from game.session.replay import replay_turns, start_session
from game.session.session import GameSession

SAVE_FORMAT = "plaza-save"
SAVE_VERSION = 1


class SaveError(ValueError):
    """A save that cannot be written or loaded; the message names the file and what is wrong (in English, for logs
    and the command line). `kind` says which problem it is, so the game can say it in the player's language:
    write, unreadable, not_save, is_log, version (of the save's format, or of the model's rules it was played
    under), corrupt or diverged."""

    def __init__(self, message: str, kind: str):
        super().__init__(message)
        self.kind = kind


def save_game(session: GameSession, path: str | os.PathLike, extra_header: dict | None = None) -> Path:
    """Write the session's completed turns to `path`, replacing any earlier save only once the new one is whole.

    `extra_header` adds optional header fields (a class game's `session`, `group` and `mode`), never core ones."""
    target = Path(path)
    header = session.header()
    clash = set(extra_header or {}) & set(header)
    if clash:
        raise ValueError(f"extra header fields may not replace {', '.join(sorted(clash))}")
    data = {
        "format": SAVE_FORMAT,
        "version": SAVE_VERSION,
        "header": {**header, **(extra_header or {})},
        "turns": [record.to_dict() for record in session.records],
    }
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        _write_atomically(target, data)
    except OSError as exc:
        raise SaveError(f"{target}: cannot save the game: {exc.strerror or exc}", "write") from exc
    return target


def _write_atomically(target: Path, data: dict) -> None:
    # same folder, so os.replace is a rename on one file system; closed by the `with` below, named for cleanup
    tmp = tempfile.NamedTemporaryFile(  # noqa: SIM115
        "w",
        encoding="utf-8",
        newline="\n",
        dir=target.parent,
        prefix=f".{target.name}.",
        suffix=".tmp",
        delete=False,
    )
    try:
        with tmp:
            json.dump(data, tmp, ensure_ascii=False)
            tmp.write("\n")
            tmp.flush()
            os.fsync(tmp.fileno())
        os.replace(tmp.name, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp.name)
        raise
    _sync_folder(target.parent)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable where the OS allows it (POSIX; Windows cannot open folders)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def load_game(content: ContentSet, path: str | os.PathLike) -> GameSession:
    """Rebuild the saved session by replaying its turns; SaveError says what is wrong with a bad save."""
    return load_game_and_header(content, path)[0]


def load_game_and_header(content: ContentSet, path: str | os.PathLike) -> tuple[GameSession, dict]:
    """`load_game`, and the save's header with its optional fields (a class game's session, group and mode)."""
    name = str(path)
    try:
        raw = read_capped(path, "save")
    except LogError as exc:
        raise SaveError(str(exc), "unreadable") from None
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise SaveError(f"{name}: not JSON, not a Plaza save", "not_save") from None
    if not isinstance(data, dict):
        raise SaveError(f"{name}: not a Plaza save (expected a JSON object)", "not_save")
    fmt = data.get("format")
    if fmt == "plaza-log":
        raise SaveError(f"{name}: this is a decision log, not a save (`plaza replay` reads logs)", "is_log")
    if fmt != SAVE_FORMAT:
        raise SaveError(f"{name}: not a Plaza save: format is {fmt!r}, expected {SAVE_FORMAT!r}", "not_save")
    version = data.get("version")
    if version != SAVE_VERSION or isinstance(version, bool):
        raise SaveError(
            f"{name}: unsupported save version {version!r} (this Plaza reads version {SAVE_VERSION})", "version"
        )
    turns = data.get("turns")
    try:
        check_header(data.get("header"), f"{name}: header", kind="save")
        if not isinstance(turns, list):
            raise LogError(f"{name}: `turns` must be a list of turn records")
        for i, turn in enumerate(turns, start=1):
            check_turn(turn, f"{name}: turn entry {i}")
            if turn["turn"] != i:
                raise LogError(
                    f"{name}: turn entry {i} is turn {turn['turn']}: corrupt turn data "
                    "(turns must run 1, 2, 3… with no gap or repeat)"
                )
        if len(turns) > data["header"]["turns"]:
            raise LogError(f"{name}: {len(turns)} turns saved but the game has only {data['header']['turns']}")
        session = start_session(content, data["header"], name, "save")
    except ModelVersionError as exc:  # not damaged: saved by a Plaza whose model had other rules
        raise SaveError(str(exc), "version") from None
    except LogError as exc:
        raise SaveError(str(exc), "corrupt") from None
    _, divergence = replay_turns(session, turns, source="save")
    if divergence is not None:
        raise SaveError(f"{name}: the saved game does not replay to the same result — {divergence.message}", "diverged")
    return session, data["header"]
