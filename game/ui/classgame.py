"""Class games in the desktop game: where each game's decision log goes, the class folders, and the export
(`export_and_tell` exports and says so in a message).

No pygame here. Every game writes its decision log as it goes (one line per finished quarter, synced to the disk,
by game.session.storage): an ordinary game into `data_dir()/logs/<level>-<role>-<seed>.jsonl`, a class game into
`data_dir()/classroom/<session id>/<group>.jsonl` with the header fields `session`, `group` and `mode`, and a
projected class-vote game with the class's ballots (`votes`) in each turn's line. Nothing is overwritten: a taken
name becomes `name-2.jsonl`. The export of a class goes to `data_dir()/exports/<session id>/` (`-2`, `-3`… when
that folder is already there), so a teacher's earlier export is never touched.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from pathlib import Path

from game import paths


def classroom_dir() -> Path:
    return paths.data_dir() / "classroom"


def exports_dir() -> Path:
    return paths.data_dir() / "exports"


def session_folder(session) -> Path:
    return classroom_dir() / session.id


def log_target(play) -> tuple[Path, dict]:
    """Where this game's log goes and the header fields it adds."""
    session = play.session
    if play.classroom is None:
        return paths.logs_dir() / f"{session.level.id}-{session.role}-{session.seed}.jsonl", {}
    from game.classfiles.logs import class_header, class_log_path

    return class_log_path(classroom_dir(), play.classroom, play.group), class_header(play.classroom, play.group)


def session_of_save(path: Path, header: dict):
    """The class session a saved game belongs to (None for an ordinary game): the session file in its class folder
    when it is there, else the session rebuilt from the save's header."""
    if not (header.get("session") and header.get("group")):
        return None
    from game.classfiles.export import session_from_logs
    from game.classfiles.logs import ClassLog
    from game.classfiles.session import SessionFileError, read_session

    with contextlib.suppress(OSError, SessionFileError):
        found = read_session(classroom_dir() / header["session"] / "session.json")
        if found.id == header["session"]:
            return found
    return session_from_logs([ClassLog(Path(path), header, [], header["group"])])


# --- the export ---------------------------------------------------------------------------------------------------


@dataclass
class Exported:
    out: Path | None = None
    logs: int = 0
    skipped: list[str] = field(default_factory=list)  # one message per file left out, naming it
    error: str = ""  # nothing could be exported, and why


def free_folder(base: Path) -> Path:
    """`base`, or `base-2`, `base-3`… the first name not taken."""
    n = 1
    while True:
        candidate = base if n == 1 else base.with_name(f"{base.name}-{n}")
        if not candidate.exists():
            return candidate
        n += 1


def export_class(content, session) -> Exported:
    """Export every log of the class session `session` gathered on this machine."""
    from game.classfiles.export import export_session
    from game.classfiles.logs import match_session, read_class_logs

    folder = session_folder(session)
    if not folder.is_dir() or not any(folder.glob("*.jsonl")):
        return Exported(error=str(folder))
    good, problems = read_class_logs([folder], content)
    good, others = match_session(good, session)
    problems += others
    if not good:
        return Exported(skipped=list(problems), error=str(folder))
    out = free_folder(exports_dir() / session.id)
    out.parent.mkdir(parents=True, exist_ok=True)
    try:
        export_session(good, session, content, out, problems=problems)
    except (OSError, ValueError) as exc:
        return Exported(skipped=list(problems), error=f"{out}: {exc}")
    return Exported(out, len(good), list(problems))


def export_and_tell(app, session) -> None:
    """Export a class session's logs and say where, how many, and which files were left out."""
    t = app.texts
    done = export_class(app.content, session)
    skipped = "\n".join(f"• {p}" for p in done.skipped)
    if done.out is None:
        text = t("classroom.export.nothing", folder=done.error)
        if skipped:
            text += "\n\n" + t("classroom.export.skipped", count=len(done.skipped)) + "\n" + skipped
        app.open("message", t("classroom.export.title"), text)
        return
    text = t("classroom.export.done", count=done.logs, folder=str(done.out))
    if skipped:
        text += "\n\n" + t("classroom.export.skipped", count=len(done.skipped)) + "\n" + skipped
        app.open("message", t("classroom.export.title"), text)
    else:
        app.say(text, 10)
