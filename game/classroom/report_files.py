"""Writing the class report to a file: never over a different report (`report-2.html`, `report-3.html`…), and the
one call the game window uses to make a session's report (handed to it by `plaza`, see
game.classfiles.report_made). Pure Python, no pygame.
"""

from __future__ import annotations

from pathlib import Path

from game.classfiles.logs import read_class_logs
from game.classfiles.report_made import ReportMade
from game.classroom.report import make_report
from game.content.loader import ContentSet


def write_new(path: Path, text: str) -> tuple[Path, bool]:
    """Write `text` to `path`, or to `name-2.ext`, `name-3.ext`… when a different file is there. A file with the
    same text already there is kept as it is. Returns (the file, whether it was written now)."""
    data = text.encode("utf-8")
    n = 1
    while True:
        candidate = path if n == 1 else path.with_name(f"{path.stem}-{n}{path.suffix}")
        try:
            with open(candidate, "xb") as f:
                f.write(data)
            return candidate, True
        except FileExistsError:
            try:
                if candidate.is_file() and candidate.read_bytes() == data:
                    return candidate, False
            except OSError:
                pass
            n += 1


def write_class_report(content: ContentSet, folder: Path, out: Path, lang: str) -> ReportMade:
    """The report of the logs in `folder`, written into `out` (created if needed). OSError when it cannot be
    written; a ReportMade with no path when no log can be used."""
    logs, problems = read_class_logs([folder], content)
    if not logs:
        return ReportMade(None, 0, len(problems))
    report = make_report(logs, content, lang, problems)
    if report.games == 0:
        return ReportMade(None, 0, len(report.problems))
    out.mkdir(parents=True, exist_ok=True)
    path, fresh = write_new(out / "report.html", report.html)
    return ReportMade(path, report.games, len(report.problems), fresh)
