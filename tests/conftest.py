"""Shared test set-up: headless pygame, paths to the repository's content."""

import os
import tempfile
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
# Caches (validate verdicts, simulate fire counts) go to a folder of this test run, never the user's own.
os.environ["PLAZA_CACHE_DIR"] = tempfile.mkdtemp(prefix="plaza-test-cache-")

REPO = Path(__file__).resolve().parent.parent
