"""What making a class report from the game window tells the window: the page written and what it covers.

The report is made by game.classroom (game.classroom.report_files.write_class_report), which the window may not
import (the class tools and the desktop game are peers); `plaza` hands that function to the window when it opens
it, and both sides share this record. Pure Python, no pygame.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from game.content.loader import ContentSet


@dataclass
class ReportMade:
    path: Path | None  # the report's page; None when there was no usable log
    games: int = 0  # the games the report covers
    problems: int = 0  # files left out or noted (each is named at the top of the report)
    fresh: bool = True  # False: the same report was already there and was kept as it was


# (the content, the session's folder of logs, the folder for report.html, the report's language) -> what was made
ReportMaker = Callable[[ContentSet, Path, Path, str], ReportMade]
