"""A class session: the scenario every student or group plays, as a small file and as a short code.

The teacher creates a session (level, role, seed, number of turns, language, group labels, mode) with
`new_session`, saves it with `write_session` and gives the class its **code**, `XXXX-XXXX-XXXX`: twelve characters
of Crockford's base32 (digits and capitals without I, L, O, U) that a student types into the game instead of the
file. Typing is forgiving: case and dashes do not matter, O is read as 0 and I or L as 1.

The code itself (what it packs, its check symbols) is game.classfiles.codes.

The session id (8 hex characters) is derived from the same fields as the code, so everyone who types the code
writes their logs into the same folder as the teacher's session file.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import secrets
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from game.classfiles.codes import ALPHABET as ALPHABET  # re-exported: importers of this module use them
from game.classfiles.codes import CODE_LEVELS, CODE_TURNS, LANGS, SEED_LIMIT, CodeError, pack_code, unpack_code
from game.classfiles.codes import normalize_code as normalize_code
from game.roles import ROLES
from game.session.log import LogError, read_capped

SESSION_FORMAT = "plaza-session"
SESSION_VERSION = 1
MODES = ("groups", "class_vote")
MAX_GROUPS = 60
MAX_LABEL = 24
MAX_SESSION_BYTES = 256 * 1024


class LabelError(ValueError):
    """Group or seat labels a session cannot have: the English message, and the content string
    (`classroom.err.*`, content/ui/classroom.yaml) with its values that says it in the teacher's language."""

    def __init__(self, message: str, key: str, **values: object):
        super().__init__(message)
        self.key = key
        self.values = values


class SessionFileError(ValueError):
    """A session file (or session data) that cannot be used; the message names the file."""


@dataclass
class ClassSession:
    id: str
    level: str
    role: str
    seed: int
    turns: int
    lang: str
    groups: list[str]
    mode: str
    content_hash: str
    created: str
    _code: str = field(default="", repr=False, compare=False)  # "XXXX-XXXX-XXXX" when known

    @property
    def code(self) -> str:
        """The session code, `XXXX-XXXX-XXXX` ("" for a session whose level has no code, see CODE_LEVELS)."""
        return self._code

    def to_dict(self) -> dict:
        data = {
            "format": SESSION_FORMAT,
            "version": SESSION_VERSION,
            "id": self.id,
            "level": self.level,
            "role": self.role,
            "seed": self.seed,
            "turns": self.turns,
            "lang": self.lang,
            "groups": list(self.groups),
            "mode": self.mode,
            "content_hash": self.content_hash,
            "created": self.created,
        }
        if self._code:
            data["code"] = self._code
        return data

    @classmethod
    def from_dict(cls, d: Any, where: str = "session") -> ClassSession:
        """Check every field; raise SessionFileError("<where>: what is wrong") for anything off."""

        def need(ok: bool, message: str) -> None:
            if not ok:
                raise SessionFileError(f"{where}: {message}")

        need(isinstance(d, dict), "not a Plaza session file (expected a JSON object)")
        fmt = d.get("format")
        if fmt in ("plaza-log", "plaza-save"):
            raise SessionFileError(
                f"{where}: this is a Plaza {'decision log' if fmt == 'plaza-log' else 'save'}, not a session file"
            )
        need(fmt == SESSION_FORMAT, f"not a Plaza session file: format is {fmt!r}, expected {SESSION_FORMAT!r}")
        need(
            d.get("version") == SESSION_VERSION and _is_int(d.get("version")),
            f"unsupported session version {d.get('version')!r} (this Plaza reads version {SESSION_VERSION})",
        )
        known = {
            "format",
            "version",
            "id",
            "level",
            "role",
            "seed",
            "turns",
            "lang",
            "groups",
            "mode",
            "content_hash",
            "created",
            "code",
            "export",
        }
        extra = sorted(set(d) - known)
        need(not extra, f"unknown field{'s' if len(extra) > 1 else ''}: {', '.join(map(str, extra))}")
        need(
            isinstance(d.get("id"), str) and re.fullmatch(r"[0-9a-f]{8}", d["id"]) is not None,
            "`id` must be 8 lowercase hexadecimal characters",
        )
        for key in ("level", "content_hash"):
            need(isinstance(d.get(key), str) and d[key] != "", f"`{key}` must be a non-empty string")
        need(d.get("role") in ROLES, f"`role` must be one of {', '.join(ROLES)}, not {d.get('role')!r}")
        need(
            _is_int(d.get("seed")) and 0 <= d["seed"] < SEED_LIMIT,
            f"`seed` must be a whole number from 0 to {SEED_LIMIT - 1}",
        )
        need(
            _is_int(d.get("turns")) and 1 <= d["turns"] <= CODE_TURNS,
            f"`turns` must be a whole number from 1 to {CODE_TURNS}",
        )
        need(d.get("lang") in LANGS, f"`lang` must be one of {', '.join(LANGS)}, not {d.get('lang')!r}")
        need(d.get("mode") in MODES, f"`mode` must be one of {', '.join(MODES)}, not {d.get('mode')!r}")
        groups = d.get("groups")
        need(isinstance(groups, list), "`groups` must be a list of labels")
        try:
            groups = check_groups(groups, allow_empty=True)
        except ValueError as exc:
            raise SessionFileError(f"{where}: {exc}") from None
        created = d.get("created")
        need(
            isinstance(created, str) and (created == "" or _is_iso(created)),
            "`created` must be an ISO 8601 date and time (or empty)",
        )
        code = d.get("code", "")
        need(
            isinstance(code, str)
            and (code == "" or re.fullmatch(r"[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){2}", code) is not None),
            "`code` must look like XXXX-XXXX-XXXX",
        )
        session = cls(
            d["id"],
            d["level"],
            d["role"],
            d["seed"],
            d["turns"],
            d["lang"],
            groups,
            d["mode"],
            d["content_hash"],
            created,
            code,
        )
        need(
            session.id
            == session_id(session.content_hash, session.level, session.role, session.seed, session.turns, session.lang),
            "`id` does not match the session's level, role, seed, turns, language and content (was the file edited?)",
        )
        return session


def _is_int(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def _is_iso(text: str) -> bool:
    try:
        datetime.fromisoformat(text)
    except ValueError:
        return False
    return True


def _shown(text: str) -> str:
    """A label as it may be printed: a control character (a terminal escape, say) is written as its code."""
    return "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in text)


def check_groups(groups, *, allow_empty: bool = False) -> list[str]:
    """Group or seat labels: 1–60 of them (0 allowed for a session joined by code), each 1–24 printable
    characters, no two the same. Raises ValueError naming the bad label."""
    labels = list(groups)
    if not labels and not allow_empty:
        raise LabelError("a session needs at least one group or seat label", "classroom.err.no_groups")
    if len(labels) > MAX_GROUPS:
        raise LabelError(
            f"at most {MAX_GROUPS} groups or seats, not {len(labels)}",
            "classroom.err.too_many",
            count=len(labels),
            max=MAX_GROUPS,
        )
    seen: set[str] = set()
    out = []
    for label in labels:
        if not isinstance(label, str):
            raise ValueError(f"group labels must be text, not {label!r}")
        text = label.strip()
        if not 1 <= len(text) <= MAX_LABEL:
            raise LabelError(
                f"group label {label!r} must have 1 to {MAX_LABEL} characters",
                "classroom.err.label",
                label=_shown(label[: MAX_LABEL + 6]),
                max=MAX_LABEL,
            )
        if not text.isprintable():
            raise LabelError(
                f"group label {label!r} has a character that cannot be shown",
                "classroom.err.label",
                label=_shown(label[: MAX_LABEL + 6]),
                max=MAX_LABEL,
            )
        if text.casefold() in seen:
            raise LabelError(f"group label {text!r} appears twice", "classroom.err.twice", label=text)
        seen.add(text.casefold())
        out.append(text)
    return out


def default_groups(lang: str, mode: str, count: int = 4) -> list[str]:
    if mode == "class_vote":
        return ["Clase" if lang == "es" else "Class"]
    word = "Equipo" if lang == "es" else "Group"
    return [f"{word} {i}" for i in range(1, count + 1)]


def seat_labels(n: int) -> list[str]:
    """S01, S02… for n seats (1–60)."""
    if not 1 <= n <= MAX_GROUPS:
        raise LabelError(
            f"the number of seats must be from 1 to {MAX_GROUPS}, not {n}", "classroom.err.seats", max=MAX_GROUPS
        )
    return [f"S{i:02d}" for i in range(1, n + 1)]


def session_id(content_hash: str, level: str, role: str, seed: int, turns: int, lang: str) -> str:
    """8 hex characters from what the code carries, so a code and its session file name the same folder."""
    key = f"plaza-session|{content_hash}|{level}|{role}|{seed}|{turns}|{lang}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:8]


def new_session(
    content,
    level: str,
    role: str,
    *,
    seed: int | None = None,
    turns: int | None = None,
    lang: str = "es",
    groups=None,
    mode: str = "groups",
    created: datetime | None = None,
) -> ClassSession:
    """A new session for `content`. Raises ValueError with a plain message for a bad level, role, seed, turns,
    language, mode or group list. A random seed (from `secrets`) when `seed` is None; the level's term when
    `turns` is None; a few default group labels when `groups` is None."""
    if level not in content.levels:
        raise ValueError(f"no level called {level!r}; levels: {', '.join(sorted(content.levels))}")
    spec = content.levels[level]
    if role not in ROLES or spec.roles.get(role) is None:
        raise ValueError(f"level {level!r} cannot be played as {role!r}; roles: {', '.join(spec.roles.offered())}")
    if seed is None:
        seed = secrets.randbelow(SEED_LIMIT)
    if not _is_int(seed) or not 0 <= seed < SEED_LIMIT:
        raise ValueError(f"the seed must be a whole number from 0 to {SEED_LIMIT - 1}, not {seed!r}")
    turns = spec.turns if turns is None else turns
    if not _is_int(turns) or not 1 <= turns <= spec.turns:
        raise ValueError(f"turns must be from 1 to {spec.turns} for level {level!r}, not {turns!r}")
    if lang not in LANGS:
        raise ValueError(f"the language must be one of {', '.join(LANGS)}, not {lang!r}")
    if mode not in MODES:
        raise ValueError(f"the mode must be one of {', '.join(MODES)}, not {mode!r}")
    labels = check_groups(default_groups(lang, mode) if groups is None else groups)
    when = (created or datetime.now(UTC)).astimezone(UTC).isoformat(timespec="seconds")
    session = ClassSession(
        session_id(content.content_hash, level, role, seed, turns, lang),
        level,
        role,
        seed,
        turns,
        lang,
        labels,
        mode,
        content.content_hash,
        when,
    )
    try:
        session._code = session_code(session, content)
    except CodeError:
        session._code = ""  # more levels than a code can name: the session file still works
    return session


# --- the session file ---------------------------------------------------------------------------------------


def write_session(session: ClassSession, folder: str | os.PathLike) -> Path:
    """Write `folder/session.json`; never overwrite a different file (then session-2.json, session-3.json…).
    Writing the same session again returns the existing file. Raises OSError when the folder cannot be used."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    text = json.dumps(session.to_dict(), ensure_ascii=False, indent=2) + "\n"
    data = text.encode("utf-8")
    n = 1
    while True:
        target = folder / ("session.json" if n == 1 else f"session-{n}.json")
        try:
            with open(target, "xb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            return target
        except FileExistsError:
            try:
                if target.read_bytes() == data:
                    return target
            except OSError:
                pass
            n += 1


def read_session(path: str | os.PathLike) -> ClassSession:
    """Read and check a session file; SessionFileError naming the file for anything wrong."""
    name = str(path)
    try:
        raw = read_capped(path, "session file", MAX_SESSION_BYTES)
    except LogError as exc:
        raise SessionFileError(str(exc)) from None
    if not raw.strip():
        raise SessionFileError(f"{name}: the file is empty, not a Plaza session file")
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise SessionFileError(f"{name}: not UTF-8 text, not a Plaza session file") from None
    except (ValueError, RecursionError):
        first = raw.lstrip()[:1]
        if first == b"{" and b"\n{" in raw.strip():
            raise SessionFileError(f"{name}: this looks like a decision log (JSON lines), not a session file") from None
        raise SessionFileError(f"{name}: not JSON, not a Plaza session file") from None
    return ClassSession.from_dict(data, name)


# --- the code -----------------------------------------------------------------------------------------------


def _level_ids(content) -> list[str]:
    return sorted(content.levels)


def session_code(session: ClassSession, content) -> str:
    """The session's code, `XXXX-XXXX-XXXX`. CodeError when the session is for other content or its level
    cannot be named in a code."""
    if session.content_hash != content.content_hash:
        raise CodeError(
            "other_content",
            "this session was made with other content; a code for it would not work in this copy of Plaza",
        )
    ids = _level_ids(content)
    if session.level not in ids:
        raise CodeError("unknown_level", f"no level called {session.level!r} in this content")
    index = ids.index(session.level)
    if index >= CODE_LEVELS:
        raise CodeError(
            "no_code", f"a code can name only the first {CODE_LEVELS} levels; hand out the session file instead"
        )
    if not 1 <= session.turns <= CODE_TURNS or not 0 <= session.seed < SEED_LIMIT:
        raise CodeError("no_code", "the session's turns or seed are out of range for a code")
    return pack_code(content.content_hash, index, session.role, session.seed, session.turns, session.lang)


def decode_code(text: str, content) -> ClassSession:
    """The session a code stands for, in `content` (groups [] and mode "groups"). CodeError otherwise."""
    code, index, turns, role, lang, seed = unpack_code(text, content.content_hash)
    ids = _level_ids(content)
    if index >= len(ids) or seed >= SEED_LIMIT:
        raise CodeError("unknown_level", "this code names a level this copy of Plaza does not have")
    level = content.levels[ids[index]]
    if level.roles.get(role) is None or turns > level.turns:
        raise CodeError(
            "unknown_level", f"this code asks for a game level {ids[index]!r} cannot give ({role}, {turns} turns)"
        )
    return ClassSession(
        session_id(content.content_hash, ids[index], role, seed, turns, lang),
        ids[index],
        role,
        seed,
        turns,
        lang,
        [],
        "groups",
        content.content_hash,
        "",
        code,
    )
