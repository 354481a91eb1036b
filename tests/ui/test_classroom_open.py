"""Opening the session's folder and the class report from the window (game.ui.open_external): a short reason when
nothing can open them, never an exception. The system's openers are replaced: nothing opens during the test."""

from __future__ import annotations

import subprocess
import sys
import webbrowser

import pytest

from game.ui import open_external


@pytest.mark.skipif(sys.platform == "win32", reason="Windows opens folders with os.startfile")
def test_a_folder_opens_with_the_systems_opener_or_says_why_not(tmp_path, monkeypatch):
    ran: list[list[str]] = []

    def run(command, **kwargs):
        ran.append(command)
        return subprocess.CompletedProcess(command, 0)

    monkeypatch.setattr(subprocess, "run", run)
    assert open_external.open_folder(tmp_path) == ""
    assert ran == [["open" if sys.platform == "darwin" else "xdg-open", str(tmp_path)]]
    assert open_external.open_folder(tmp_path / "nowhere") == "missing"

    def missing(command, **kwargs):
        raise FileNotFoundError(command[0])

    monkeypatch.setattr(subprocess, "run", missing)
    assert open_external.open_folder(tmp_path) == "no_opener"
    monkeypatch.setattr(subprocess, "run", lambda command, **kwargs: subprocess.CompletedProcess(command, 4))
    assert open_external.open_folder(tmp_path) == "failed"


def test_a_page_opens_in_the_browser_or_says_why_not(tmp_path, monkeypatch):
    page = tmp_path / "report.html"
    page.write_text("<p>x</p>", encoding="utf-8")
    asked: list[str] = []
    monkeypatch.setattr(webbrowser, "open", lambda uri: asked.append(uri) or True)
    assert open_external.open_page(page) == "" and asked == [page.resolve().as_uri()]
    monkeypatch.setattr(webbrowser, "open", lambda uri: False)
    assert open_external.open_page(page) == "no_browser"
    assert open_external.open_page(tmp_path / "none.html") == "missing"
