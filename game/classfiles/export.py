"""Export a class's logs for a spreadsheet, a research tool or a learning record store.

`export_session` writes four files into a new (or empty) folder — it never overwrites anything:

- `decisions.csv` — one row per decision (an event's option taken in a group's game) plus one row per ballot (a
  class vote's tally), UTF-8 with BOM so spreadsheet programs show accents;
- `turns.csv` — one row per group per turn: measures, choices, ballots, and every indicator after the turn;
- `statements.jsonl` — one xAPI 1.0.3 `answered` statement per decision and per ballot, actors identified only by
  their group or seat label;
- `session.json` — the session (as `write_session` writes it) with a summary of what was exported.

The rows and statements themselves are built in game.classfiles.export_rows. Every column and field is described
in docs/logs.md ("Exports").
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

from game import __version__
from game.classfiles.export_rows import DECISION_COLUMNS, decision_rows, turn_rows
from game.classfiles.export_rows import TURN_COLUMNS as TURN_COLUMNS  # re-exported, as is registration
from game.classfiles.export_rows import registration as registration
from game.classfiles.logs import ClassLog
from game.classfiles.session import LANGS, ClassSession, CodeError, check_groups, session_code, session_id


class ExportError(ValueError):
    """The export cannot be written (the folder is taken, or there is nothing to export)."""


def export_session(
    logs: list[ClassLog],
    session: ClassSession | None,
    content,
    out: str | os.PathLike,
    problems: list[str] | None = None,
) -> list[Path]:
    """Write decisions.csv, turns.csv, statements.jsonl and session.json into `out` (absent or empty).

    `session` None: the session is rebuilt from the logs (level, role, seed, turns, mode, group labels).
    `problems` (messages about skipped files) are recorded in session.json. Raises ExportError when `out` is
    not empty or there is no log; OSError when the folder cannot be written.
    """
    out = Path(out)
    if not logs:
        raise ExportError("nothing to export: no usable log")
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise ExportError(f"{out}: already exists and is not empty; exports never overwrite, choose a new folder")
    if session is None:
        session = session_from_logs(logs)
        with contextlib.suppress(CodeError):  # other content, or a level a code cannot name: no code
            session._code = session_code(session, content)
    logs = sorted(logs, key=lambda g: (g.group.casefold(), str(g.path)))
    decisions, statements = decision_rows(logs, session, content)
    turns, columns = turn_rows(logs, session, content)
    summary = session.to_dict()
    base = _logs_folder(logs)
    summary["export"] = {
        "plaza": __version__,
        "exported": datetime.now(UTC).isoformat(timespec="seconds"),
        "content_hash": content.content_hash,
        "logs": [
            {
                "file": _relative(g.path, base),
                "group": g.group,
                "turns": len(g.turns),
                "of": g.header["turns"],
                "truncated": bool(g.truncated),
            }
            for g in logs
        ],
        "problems": [_private(p, base) for p in problems or []],
        "rows": {"decisions.csv": len(decisions), "turns.csv": len(turns), "statements.jsonl": len(statements)},
    }
    out.mkdir(parents=True, exist_ok=True)
    written = [
        _write(out / "decisions.csv", _csv(DECISION_COLUMNS, decisions).encode("utf-8-sig")),
        _write(out / "turns.csv", _csv(columns, turns).encode("utf-8-sig")),
        _write(
            out / "statements.jsonl",
            "".join(json.dumps(s, ensure_ascii=False) + "\n" for s in statements).encode("utf-8"),
        ),
        _write(out / "session.json", (json.dumps(summary, ensure_ascii=False, indent=2) + "\n").encode("utf-8")),
    ]
    return written


def _logs_folder(logs: list[ClassLog]) -> Path:
    """The folder holding every log (the session's folder, usually): session.json names files relative to it."""
    try:
        return Path(os.path.commonpath([g.path.resolve().parent for g in logs]))
    except ValueError:  # logs on different drives (Windows)
        return logs[0].path.resolve().parent


def _relative(path: Path, base: Path) -> str:
    """`path` relative to `base` with `/` (never the teacher's own folders): `3B.jsonl`, `usb/3C.jsonl`."""
    try:
        return path.resolve().relative_to(base).as_posix()
    except ValueError:
        return path.name


def _private(message: str, base: Path) -> str:
    """A problem's message without the teacher's folders: paths relative to the logs' folder (`3B.jsonl`,
    `../../empty`)."""
    message = message.replace(str(base) + os.sep, "")
    for up, folder in enumerate(base.parents, start=1):
        if folder.parent != folder:  # not the root
            message = message.replace(str(folder) + os.sep, "../" * up)
    return message


def _write(path: Path, data: bytes) -> Path:
    with open(path, "xb") as f:  # exclusive: never replace a file
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    return path


def _csv(columns: list[str], rows: list[dict]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, columns, lineterminator="\r\n", extrasaction="raise")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def session_from_logs(logs: list[ClassLog]) -> ClassSession:
    """The session the logs were played in, rebuilt from their headers (the most common values)."""

    def common(values):
        return Counter(values).most_common(1)[0][0]

    level, role = common(g.header["level"] for g in logs), common(g.header["role"] for g in logs)
    seed, turns = common(g.header["seed"] for g in logs), common(g.header["turns"] for g in logs)
    mode = common(g.header.get("mode", "groups") for g in logs)
    content_hash = common(g.header["content_hash"] for g in logs)
    ids = [g.header["session"] for g in logs if g.header.get("session")]
    lang = "es"
    if ids:  # the session id also fixes the language (see session_id)
        lang = next((x for x in LANGS if session_id(content_hash, level, role, seed, turns, x) == common(ids)), "es")
    labels: list[str] = []
    for g in logs:
        label = g.group.strip()[:24] or "group"
        if label.casefold() not in {x.casefold() for x in labels} and label.isprintable() and len(labels) < 60:
            labels.append(label)
    started = sorted(g.header["started"] for g in logs if g.header.get("started"))
    created = started[0] if started else ""
    return ClassSession(
        session_id(content_hash, level, role, seed, turns, lang),
        level,
        role,
        seed,
        turns,
        lang,
        check_groups(labels),
        mode if mode in ("groups", "class_vote") else "groups",
        content_hash,
        created if _iso(created) else "",
    )


def _iso(text: str) -> bool:
    try:
        datetime.fromisoformat(text)
    except ValueError:
        return False
    return True
