"""The class report opened in a real browser: headless Chromium (Debian's `chromium`) takes a screenshot of it.

Skips, saying why, where Chromium is not installed. Checks that a PNG was written at the window's size and that it
is not blank: the page's dark text, the phase numbers and the blue bars are all there.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from game.classfiles.logs import write_bot_class
from game.classfiles.session import new_session
from game.cli import main
from game.content.loader import load_content


def browser() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    return found


def screenshot(exe: str, page: Path, png: Path, size: str = "1280,2000") -> None:
    command = [
        exe,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--hide-scrollbars",
        "--no-first-run",
        f"--user-data-dir={png.parent / 'profile'}",
        f"--screenshot={png}",
        f"--window-size={size}",
        page.resolve().as_uri(),
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert png.is_file(), f"no screenshot written ({result.returncode}): {result.stderr[-2000:]}"


def test_the_report_renders_in_headless_chromium(tmp_path, capsys):
    exe = browser()
    content = load_content().content
    session = new_session(
        content, "border_city", "official", seed=7, groups=[f"S{i:02d}" for i in range(1, 31)], mode="class_vote"
    )
    write_bot_class(content, session, tmp_path / "logs")
    assert main(["report", str(tmp_path / "logs"), "--out", str(tmp_path / "out")]) == 0, capsys.readouterr().err
    png = tmp_path / "report.png"
    screenshot(exe, tmp_path / "out" / "report.html", png)
    assert png.stat().st_size > 20_000  # a blank page compresses to a few kilobytes

    import pygame

    image = pygame.image.load(str(png))
    assert image.get_size() == (1280, 2000)
    dark = sum(1 for x in range(0, 1280, 4) for y in range(0, 2000, 4) if sum(image.get_at((x, y))[:3]) < 200)
    assert dark > 2_000, "the page looks blank: almost no dark text"
    colours = {tuple(image.get_at((x, y))[:3]) for x in range(0, 1280, 8) for y in range(0, 2000, 8)}
    assert len(colours) > 20, "the page has hardly any colours: nothing was drawn"
