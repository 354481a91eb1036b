"""What a teacher does with a session from the window, each saying in the window what came of it: collect the
groups' logs from a folder (a USB stick), make the class report and open it in the browser, open the session's
folder in the file manager, export the class's results.

ClassActions is mixed into ClassroomScene (before TextEntries, whose update it extends). Its `status` is
(kind, text): the line shown under the session's facts ("good", "bad" or "muted"). Paths are said short: relative
to the game's data folder (PLAZA_HOME), or only their last name.

The class report is made by game.classroom, which the window may not import (the two are peers); `plaza` hands
its maker in with `provide_report_maker` when it opens the window, and the report is made in a thread so the
window keeps drawing.
"""

from __future__ import annotations

import contextlib
import threading
from pathlib import Path

from game import paths
from game.classfiles.collect import Collected, CollectError, collect_logs
from game.classfiles.plurals import plural_key
from game.classfiles.problems import Problem, say
from game.classfiles.report_made import ReportMade, ReportMaker
from game.ui import classgame, open_external
from game.ui.scenes.classroom.places import remember_place
from game.ui.widgets import letter

_makers: list[ReportMaker] = []  # the one maker `plaza` provides (a list: set once, no `global` needed)


def provide_report_maker(maker: ReportMaker | None) -> None:
    """Hand the window the function that makes a class report (None: the window cannot make one)."""
    _makers.clear()
    if maker is not None:
        _makers.append(maker)


def reports_dir() -> Path:
    return paths.data_dir() / "reports"


def short_path(path: Path) -> str:
    """`path` as the teacher needs to read it: from the data folder down, else only its name."""
    try:
        return Path(path).relative_to(paths.data_dir()).as_posix()
    except ValueError:
        return Path(path).name or str(path)


def short_problem(problem: str, strings, lang: str) -> str:
    """A problem with a file said in `lang`, naming files by their names only."""
    if isinstance(problem, Problem):
        values = {k: Path(str(v)).name if k in ("file", "other") else v for k, v in problem.values.items()}
        problem = Problem(problem.kind, str(problem), **values)
    return say(problem, strings, lang)


class _ReportJob:
    """The class report being made in a thread; `made` or `error` once it is done."""

    def __init__(self, maker: ReportMaker, content, folder: Path, out: Path, lang: str):
        self.made: ReportMade | None = None
        self.error = ""
        self.thread = threading.Thread(target=self._run, args=(maker, content, folder, out, lang), daemon=True)
        self.thread.start()

    def _run(self, maker: ReportMaker, content, folder: Path, out: Path, lang: str) -> None:
        try:
            self.made = maker(content, folder, out, lang)
        except OSError as exc:
            self.error = exc.strerror or type(exc).__name__
        except Exception as exc:  # a bug in the report: said in the window, not a crash in the middle of a class
            self.error = type(exc).__name__

    @property
    def done(self) -> bool:
        return not self.thread.is_alive()


class ClassActions:
    """The actions' part of ClassroomScene (it uses the scene's session, values, t, go and rebuild)."""

    status: tuple[str, str] = ("", "")
    report_job: _ReportJob | None = None

    def tell(self, kind: str, key: str, **values) -> None:
        count = next((values[k] for k in ("count", "games") if isinstance(values.get(k), int)), None)
        if count is not None:
            key = plural_key(self.t.content.strings, key, self.t.lang, count)
        # a message that sends the teacher to another button names its letter, as the button shows it
        keys = {"folder_key": letter(self.t, "class_open_folder"), "collect_key": letter(self.t, "class_collect")}
        self.status = (kind, self.t(key, **keys, **values))
        self.rebuild()

    def _folder(self) -> Path:
        return classgame.session_folder(self.session)

    # --- open the folder ------------------------------------------------------------------------------------

    def open_folder(self) -> None:
        folder = self._folder()
        with contextlib.suppress(OSError):  # said below: the opener finds no folder
            folder.mkdir(parents=True, exist_ok=True)
        why = open_external.open_folder(folder)
        if why:
            return self.tell("bad", "classroom.folder.failed", folder=short_path(folder))
        self.tell("good", "classroom.folder.opened", folder=short_path(folder))

    # --- the class report -----------------------------------------------------------------------------------

    def make_report(self) -> None:
        if self.report_job is not None:
            return
        if not _makers:
            return self.tell("bad", "classroom.report.unavailable")
        folder = self._folder()
        if not folder.is_dir() or not any(folder.glob("*.jsonl")):
            return self.tell("bad", "classroom.report.no_logs")
        out = reports_dir() / self.session.id
        self.report_job = _ReportJob(_makers[0], self.app.content, folder, out, self.t.lang)
        self.tell("muted", "classroom.report.making")

    def _report_done(self, job: _ReportJob) -> None:
        self.report_job = None
        made = job.made
        if job.error or made is None:
            return self.tell("bad", "classroom.report.failed", error=job.error or "?")
        if made.path is None:
            return self.tell("bad", "classroom.report.no_logs")
        why = open_external.open_page(made.path)
        key = "classroom.report.no_browser" if why else "classroom.report.opened"
        kind = "bad" if why else "good"
        self.tell(kind, key, games=made.games, file=short_path(made.path))
        if made.problems:
            extra = self.t(
                plural_key(self.t.content.strings, "classroom.report.problems", self.t.lang, made.problems),
                count=made.problems,
            )
            self.status = (kind, f"{self.status[1]} {extra}")
            self.rebuild()

    def update(self, dt: float) -> bool:
        moved = super().update(dt)  # type: ignore[misc]  # TextEntries.update, next in the scene's classes
        job = self.report_job
        if job is not None and job.done:
            self._report_done(job)
            return True
        return bool(moved) or job is not None

    # --- collect logs from a folder -------------------------------------------------------------------------

    def open_collect(self) -> None:
        self.status = ("", "")
        self.go("collect")
        if "source" in self.entries:
            self.focus_entry(self.entries["source"])

    def choose_place(self, place: Path) -> None:
        self.values["source"] = str(place)
        self.status = ("", "")
        self.rebuild()

    def collect(self) -> None:
        self._read_entries()
        typed = self.values["source"].strip().strip('"')
        if not typed:
            return self.tell("bad", "classroom.collect.err.empty")
        source = Path(typed).expanduser()
        try:
            done = collect_logs(source, self.session.id, self._folder())
        except CollectError as exc:
            return self.tell("bad", f"classroom.collect.err.{exc.kind}", name=exc.detail)
        except OSError as exc:
            return self.tell("bad", "classroom.collect.err.unreadable", name=exc.strerror or "")
        remember_place(classgame.classroom_dir(), source)
        self.go("session")
        key, values = self._collected_message(done, source)
        self.tell("good" if done.copied else "muted", key, **values)

    def _collected_message(self, done: Collected, source: Path) -> tuple[str, dict]:
        t = self.t
        extra = []
        for key, count in (
            ("already", done.already),
            ("other_sessions", done.other_sessions),
            ("not_logs", done.not_logs),
            ("failed", len(done.failed)),
        ):
            if count:
                extra.append(t(plural_key(t.content.strings, f"classroom.collected.{key}", t.lang, count), count=count))
        if done.cut_short:
            extra.append(t("classroom.collected.cut_short"))
        values = {"folder": source.name or str(source), "extra": " ".join(extra)}
        if done.copied:
            return "classroom.collected.copied", {"count": len(done.copied), **values}
        return "classroom.collected.nothing", values

    # --- export ---------------------------------------------------------------------------------------------

    def export(self) -> None:
        t = self.t
        done = classgame.export_class(self.app.content, self.session)
        skipped = [short_problem(p, t.content.strings, t.lang) for p in done.skipped]
        if done.out is None:
            self.tell("bad", "classroom.exported.nothing")
        else:
            self.tell("good", "classroom.exported.done", count=done.logs, folder=short_path(done.out))
        if skipped:
            key = plural_key(t.content.strings, "classroom.exported.skipped", t.lang, len(skipped))
            head = t(key, count=len(skipped))
            text = "\n".join([self.status[1], "", head, *(f"• {s}" for s in skipped)])
            self.app.open("message", t("classroom.export.title"), text)
