"""A class of 30 simulated students in headless Chromium (Debian's `chromium`, driven by Playwright with the system
browser: no browser download). Each student is its own browser context (its own storage, so its own device
token): they open the page from the QR's address, join in English or Spanish, see the card in their language and
vote; in the next round a third of them lose the network (the page says so), come back on a new WebSocket
with the new card, and vote: every vote arrives, once. Loopback only.
Skips, saying why, when there is no chromium or no Playwright."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

import pytest
import yaml

from game.classweb.app import create_app
from game.classweb.room import Room
from game.classweb.server import LOOPBACK, ClassServer
from tests.web.helpers import CODE, GROUPS, ROOMY, card, report

CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
async_api = pytest.importorskip("playwright.async_api", reason="Playwright for Python is not installed")
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
    asyncio.run(a_class(*served))  # the 30 students act at once, as in a room (async Playwright)


async def a_class(room: Room, server: ClassServer) -> None:
    langs = ["es" if i % 2 else "en" for i in range(STUDENTS)]
    lost = set(range(0, STUDENTS, 3))  # these lose the network in the second round
    async with async_api.async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        try:
            contexts = await asyncio.gather(
                *(browser.new_context(viewport={"width": 390, "height": 844}) for _ in range(STUDENTS))
            )
            pages = await asyncio.gather(*(c.new_page() for c in contexts))

            async def join(i: int) -> None:  # each opens the QR's address (the code comes after the #)
                page = pages[i]
                await page.goto(f"{server.url}#code={CODE}")
                await page.wait_for_selector("#join:not([hidden])", timeout=WAIT)
                await page.select_option("#group", GROUPS[i % len(GROUPS)])
                await page.select_option("#lang", langs[i])
                await page.click("#join_go")
                await page.wait_for_selector("body[data-phase=waiting]", timeout=WAIT)

            await asyncio.gather(*(join(i) for i in range(STUDENTS)))
            assert room.presence()[0] == STUDENTS

            # a round: everyone sees the card in their language and votes
            async def first_vote(i: int) -> None:
                page = pages[i]
                await page.wait_for_selector("body[data-phase=voting]", timeout=WAIT)
                title = "Se reúne el cabildo" if langs[i] == "es" else "The council meets"
                assert await page.inner_text("#title") == title
                assert "<b>" in await page.inner_text("#text")  # content text is shown as text, never as HTML
                assert await page.is_disabled("button[data-option=militia]")  # a closed option cannot be voted
                await page.click("button[data-option=audit]" if i % 3 else "button[data-option=patrols]")
                await page.wait_for_selector("button.mine", timeout=WAIT)

            room.open_round(card())
            await asyncio.gather(*(first_vote(i) for i in range(STUDENTS)))
            first = room.drain()
            assert len(first) == STUDENTS and len({b.device for b in first}) == STUDENTS
            assert "Tu voto quedó registrado" in await pages[1].inner_text("#status")
            assert "Your vote is in" in await pages[0].inner_text("#status")

            # between votes: the choice and the last report, in the phone's language
            room.close_round("audit")
            room.show_report(report())
            await pages[1].wait_for_selector("#report:not([hidden])", timeout=WAIT)
            assert "Auditar a la policía" in await pages[1].inner_text("#report")

            # a second round: a third of the class loses the network, votes offline, and comes back
            await asyncio.gather(*(contexts[i].set_offline(True) for i in lost))
            room.open_round(card("second"))

            async def second_vote(i: int) -> None:
                page = pages[i]
                if i in lost:
                    await page.wait_for_selector("#net:not([hidden])", timeout=WAIT)  # it says it has no connection
                    await contexts[i].set_offline(False)
                # back: the new card comes over a new WebSocket, and the vote goes in
                await page.wait_for_selector("body[data-phase=voting]", timeout=WAIT)
                await page.click("button[data-option=audit]" if i in lost else "button[data-option=patrols]")
                await page.wait_for_selector("button.mine", timeout=WAIT)

            await asyncio.gather(*(second_vote(i) for i in range(STUDENTS)))
            second = room.drain()
            assert len(second) == STUDENTS and len({b.device for b in second}) == STUDENTS  # none lost, none twice
            assert sum(b.option == "audit" for b in second) == len(lost)
        finally:
            await browser.close()
