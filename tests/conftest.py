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
