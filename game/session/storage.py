"""The player's files, kept for the desktop game: saves and the autosave, the decision log written as turns finish,
the marker that tells the next start the game did not end cleanly, and the crash report.

No pygame here and no words for the player: a file that cannot be written or read comes back as a `Problem` (its
kind, the file, the English detail), and the game says it in the player's language. Where each file lives is
game/paths.py's answer (PLAZA_HOME, else the usual per-user folders), asked each time a file is used. The formats are
those of game/session/saves.py and game/session/log.py.

Crash recovery: `start()` leaves the running marker, and finds the one left behind by a run that was killed or
stopped on an internal error; while its autosave is there, `recovery_pending` offers it until the player answers
(`recovery_answered`). `end()`, when the player quits, removes the marker.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from game import paths
from game.session.log import DecisionLog

if TYPE_CHECKING:
    from game.content.loader import ContentSet
    from game.session.session import GameSession, TurnRecord


@dataclass(frozen=True)
class Problem:
    """A file the game could not write or read. `kind` is a save's problem (write, unreadable, not_save, is_log,
    version, corrupt, diverged, or level when the save names a level or role this game does not have) or `log` for
    the decision log; `detail` names the file and says what is wrong, in English, for the error stream."""

    kind: str
    path: Path
    detail: str


class Storage:
    """One run's files. Saving and loading import the session modules (and numpy) on first use, so the title opens
    without them."""

    def __init__(self) -> None:
        self.log: DecisionLog | None = None  # the game's decision log, while one is open
        self.crashed = False  # start() found the marker of a run that did not end cleanly

    # --- crash recovery ---------------------------------------------------------------------------------------

    def start(self) -> bool:
        """Leave the running marker (this process's id); True when the last run left its own behind and there is
        an autosave to recover."""
        marker = paths.running_marker()
        try:
            self.crashed = marker.exists()
            marker.parent.mkdir(parents=True, exist_ok=True)
            marker.write_text(str(os.getpid()), encoding="utf-8")
        except OSError:
            pass  # a home that cannot be written: the game still runs, without recovery after a crash
        return self.recovery_pending

    @property
    def recovery_pending(self) -> bool:
        """The last run did not end cleanly and its autosave is there: offer to continue from it."""
        return self.crashed and self.has_autosave()

    def recovery_answered(self) -> None:
        """The player continued from the autosave or declined: not offered again in this run."""
        self.crashed = False

    def end(self) -> None:
        """The player quit: close the log and remove the marker, so the next start finds a clean end."""
        self.close_log()
        with contextlib.suppress(OSError):
            paths.running_marker().unlink()

    def crash_report(self, text: str) -> Path:
        """Write what went wrong (a traceback) where the player can find it; the marker stays, for recovery."""
        path = paths.crash_report_file()
        with contextlib.suppress(OSError):
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        return path

    # --- saves ------------------------------------------------------------------------------------------------

    @staticmethod
    def autosave_path() -> Path:
        return paths.autosave_file()

    @staticmethod
    def save_path(session: GameSession) -> Path:
        """Where "save now" puts a game: one file a level and role, in the saves folder."""
        return paths.saves_dir() / f"{session.level.id}-{session.role}.json"

    def has_autosave(self) -> bool:
        try:
            return paths.autosave_file().is_file()
        except OSError:
            return False

    def save(self, session: GameSession, path: Path | None = None, extra: dict | None = None) -> Path | Problem:
        """Save the completed turns (to the game's own save when `path` is None), replacing the old file only once
        the new one is whole; `extra` adds a class game's header fields. Returns where, or the problem."""
        from game.session.saves import SaveError, save_game

        target = path or self.save_path(session)
        try:
            return save_game(session, target, extra)
        except SaveError as exc:
            return Problem(exc.kind, target, str(exc))

    def autosave(self, session: GameSession, extra: dict | None = None) -> Problem | None:
        done = self.save(session, paths.autosave_file(), extra)
        return done if isinstance(done, Problem) else None

    def load(self, content: ContentSet, path: Path) -> tuple[GameSession, dict] | Problem:
        """The saved game, replayed, and its header (with a class game's fields); or why it cannot be: a damaged,
        cut-off or foreign file is a Problem, never an exception."""
        from game.session.saves import SaveError, load_game_and_header
        from game.session.session import SessionError

        try:
            return load_game_and_header(content, path)
        except SaveError as exc:
            return Problem(exc.kind, Path(path), str(exc))
        except SessionError as exc:  # the save names a level or role this game does not have
            return Problem("level", Path(path), str(exc))

    # --- the decision log -------------------------------------------------------------------------------------

    def open_log(self, session: GameSession, path: Path, extra: dict | None = None) -> Problem | None:
        """Start the game's decision log at `path` (closing any other), with a class game's header fields `extra`.
        Never overwrites: a taken name becomes `name-2.jsonl`."""
        self.close_log()
        try:
            self.log = DecisionLog.open(path, session, extra_header=extra or None)
        except (OSError, ValueError) as exc:
            return Problem("log", Path(path), str(exc))
        return None

    def write_turn(self, record: TurnRecord, votes: list[dict] | None = None) -> Problem | None:
        """One finished turn, on the disk before this returns (a class-vote game's turns carry `votes`). When the
        disk refuses, the log is closed and the game goes on without it."""
        if self.log is None:
            return None
        try:
            self.log.write_turn(record, votes=votes)
        except (OSError, ValueError) as exc:
            problem = Problem("log", self.log.path, str(exc))
            self.close_log()
            return problem
        return None

    def close_log(self) -> None:
        if self.log is not None:
            with contextlib.suppress(OSError):
                self.log.close()
            self.log = None
