"""Shared test set-up: headless pygame, paths to the repository's content, and a home of each test's own."""

import os
import tempfile
from pathlib import Path

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
# Caches (validate verdicts, simulate fire counts) go to a folder of this test run, never the user's own.
os.environ["PLAZA_CACHE_DIR"] = tempfile.mkdtemp(prefix="plaza-test-cache-")
# The command line speaks English here whatever the machine's locale (an es_MX developer would otherwise get every
# `plaza` message in Spanish); tests of the Spanish command line ask for it (tests/test_cli_language.py).
os.environ["PLAZA_LANG"] = "en"
# The debrief's comparison is not started in the background as a game's first quarter ends (game.ui.comparisons):
# tests that play through the city screen would each start worker processes; tests of it turn it on.
os.environ["PLAZA_COMPARISON_PREFETCH"] = "0"

REPO = Path(__file__).resolve().parent.parent

# The files that take longest, longest first. The run gives each of its two workers a whole file at a time
# (`--dist loadfile`), by default the files with most tests first: the browser test (one test, the slowest of all)
# came last, alone on one worker while the other had nothing left, and files of a minute or more came mid-run.
# Started first, the many small files fill in around them. Only the order changes; a file not listed here (or no
# longer there) runs where it would anyway.
LONGEST_FIRST = (
    "tests/ui/test_layout.py",
    "tests/ui/test_full_game.py",
    "tests/web/test_browser.py",
    "tests/ui/test_projector_objective.py",
    "tests/classroom/test_whatif.py",
    "tests/ui/test_projector_zero_votes.py",
    "tests/classroom/test_report_chromium.py",
)


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """`--dist loadfile` as pytest-xdist does it, with the files of LONGEST_FIRST handed out before the others."""
    if config.getvalue("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadFileScheduling

    class LongestFirst(LoadFileScheduling):
        def _assign_work_unit(self, node):
            for scope in reversed(LONGEST_FIRST):
                if scope in self.workqueue:
                    self.workqueue.move_to_end(scope, last=False)
            super()._assign_work_unit(node)

    return LongestFirst(config, log)


@pytest.fixture(autouse=True)
def _own_home(tmp_path_factory, monkeypatch):
    """Every test gets its own PLAZA_HOME (saves, logs, settings, screenshots), and whatever a test or the UI
    driver sets in these variables is put back when it ends, so no test sees another's files or settings."""
    monkeypatch.setenv("PLAZA_HOME", str(tmp_path_factory.mktemp("home")))
    asked = os.environ.get("PLAZA_SCREENSHOTS")  # the person running the tests asked for screenshots there
    if asked:
        monkeypatch.setenv("PLAZA_SCREENSHOTS", asked)
    else:
        monkeypatch.delenv("PLAZA_SCREENSHOTS", raising=False)
