"""A class of 30 simulated students in headless Chromium (Debian's `chromium`, driven by Playwright with the system
browser: no browser download). Each student is its own browser context (its own storage, so its own device
token): they open the page from the QR's address, join in English or Spanish, see the card in their language and
vote; a third of them lose the network, vote while offline, come back, and their votes arrive once. Loopback only.
Skips, saying why, when there is no chromium or no Playwright."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from game.classweb.app import create_app
from game.classweb.room import Room
from game.classweb.server import LOOPBACK, ClassServer
from tests.web.helpers import CODE, GROUPS, ROOMY, card, report

CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no chromium here (.ci/run installs Debian's chromium)")

STUDENTS = 30
ROOT = Path(__file__).resolve().parents[2]
WAIT = 15_000  # ms: a generous ceiling for one page to show something, not a timing check


def page_strings() -> dict[str, dict[str, str]]:
    """The page's real strings, from content/ui/students.yaml (read directly: no need to load all the content)."""
    data = yaml.safe_load((ROOT / "content" / "ui" / "students.yaml").read_text(encoding="utf-8"))
    return {k: v for k, v in data["strings"].items() if k.startswith("students.page.")}


@pytest.fixture
def served():
    room = Room(CODE, GROUPS, ROOMY)
    server = ClassServer(create_app(room, page_strings(), "es"), LOOPBACK)
    assert server.start()
    yield room, server
    server.stop()


def test_a_class_of_30_joins_votes_in_both_languages_and_survives_losing_the_network(served):
    room, server = served
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        try:
            contexts = [browser.new_context(viewport={"width": 390, "height": 844}) for _ in range(STUDENTS)]
            pages = [c.new_page() for c in contexts]
            langs = ["es" if i % 2 else "en" for i in range(STUDENTS)]
            for i, page in enumerate(pages):  # each opens the QR's address (the code comes after the #)
                page.goto(f"{server.url}#code={CODE}")
                page.wait_for_selector("#join:not([hidden])", timeout=WAIT)
                page.select_option("#group", GROUPS[i % len(GROUPS)])
                page.select_option("#lang", langs[i])
                page.click("#join_go")
            for page in pages:
                page.wait_for_selector("body[data-phase=waiting]", timeout=WAIT)
            assert room.presence()[0] == STUDENTS

            # a round: everyone sees the card in their language and votes
            room.open_round(card())
            for i, page in enumerate(pages):
                page.wait_for_selector("body[data-phase=voting]", timeout=WAIT)
                title = "Se reúne el cabildo" if langs[i] == "es" else "The council meets"
                assert page.inner_text("#title") == title
                assert "<b>" in page.inner_text("#text")  # content text is shown as text, never as HTML
                assert page.is_disabled("button[data-option=militia]")  # a closed option cannot be voted
                page.click("button[data-option=audit]" if i % 3 else "button[data-option=patrols]")
            for page in pages:
                page.wait_for_selector("button.mine", timeout=WAIT)
            first = room.drain()
            assert len(first) == STUDENTS and len({b.device for b in first}) == STUDENTS
            assert "Tu voto quedó registrado" in pages[1].inner_text("#status")
            assert "Your vote is in" in pages[0].inner_text("#status")

            # a second round: a third of the class loses the network, votes offline, and comes back
            room.close_round("audit")
            room.show_report(report())
            pages[1].wait_for_selector("#report:not([hidden])", timeout=WAIT)
            assert "Auditar a la policía" in pages[1].inner_text("#report")
            lost = range(0, STUDENTS, 3)
            for i in lost:
                contexts[i].set_offline(True)
            room.open_round(card("second"))
            for i, page in enumerate(pages):
                if i in lost:
                    continue
                page.wait_for_selector("body[data-phase=voting]", timeout=WAIT)
                page.click("button[data-option=patrols]")
            for i in lost:
                page = pages[i]
                page.wait_for_selector("#net:not([hidden])", timeout=WAIT)  # it says it has no connection
            for i in lost:
                contexts[i].set_offline(False)
            for i in lost:  # back: the new card came over the new WebSocket, and the vote goes in
                pages[i].wait_for_selector("body[data-phase=voting]", timeout=WAIT)
                pages[i].click("button[data-option=audit]")
            for page in pages:
                page.wait_for_selector("button.mine", timeout=WAIT)
            second = room.drain()
            assert len(second) == STUDENTS and len({b.device for b in second}) == STUDENTS  # none lost, none twice
            assert sum(b.option == "audit" for b in second) == len(lost)
        finally:
            browser.close()
