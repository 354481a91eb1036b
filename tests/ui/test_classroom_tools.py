"""A teacher runs the class from the window, no terminal (issue 16): the sessions listed with their groups and logs,
the groups' logs collected from a folder (a USB stick), the class report made and opened in the browser, the
session's folder opened, and the export — each saying in the window what came of it, with short paths and no
traceback. The browser and the file manager are replaced (nothing opens during the tests)."""

from __future__ import annotations

import threading

import pygame
import pytest

from game import paths
from game.classfiles.logs import write_bot_class
from game.classfiles.session import new_session, write_session
from game.classroom.report_files import write_class_report
from game.ui import open_external
from game.ui.layout_check import problems
from game.ui.scenes.classroom.actions import provide_report_maker
from tests.ui.harness import Driver, shipped_content


@pytest.fixture
def opened(monkeypatch):
    """What the window asked to open: ("folder"|"page", path). Both openers succeed unless told to fail."""
    calls: list[tuple[str, object]] = []
    fail = {"folder": "", "page": ""}

    def folder(path):
        calls.append(("folder", path))
        return fail["folder"]

    def page(path):
        calls.append(("page", path))
        return fail["page"]

    def gated_maker(*args):
        # the report waits for the test to look at its job: a fast report cannot end unseen within press()'s frames
        assert _report_gate.wait(120), "the test never let the report go"
        return write_class_report(*args)

    monkeypatch.setattr(open_external, "open_folder", folder)
    monkeypatch.setattr(open_external, "open_page", page)
    _report_gate.clear()
    provide_report_maker(gated_maker)
    yield calls, fail
    _report_gate.set()
    provide_report_maker(None)


_report_gate = threading.Event()


def a_session(groups=("3A", "3B", "3C"), lang="en"):
    content = shipped_content()
    return new_session(content, "border_city", "official", seed=11, turns=2, lang=lang, groups=list(groups))


def open_session_page(drv: Driver, session) -> None:
    drv.press("classroom")  # title: Class session (K)
    drv.click(next(b for b in drv.buttons() if session.code in b.text))
    assert drv.scene.page == "session"


def wait_for_report(drv: Driver) -> None:
    """Let the report's thread finish (no time limit asserted), then the frame that tells its end."""
    job = drv.scene.report_job
    assert job is not None, drv.scene.status
    _report_gate.set()
    job.thread.join(120)
    _report_gate.clear()  # the next report waits again
    drv.frames(2)
    assert drv.scene.report_job is None


def status(drv: Driver) -> str:
    return drv.scene.status[1]


def test_the_sessions_list_shows_groups_and_logs_with_plural_rules(tmp_path):
    drv = Driver(tmp_path)
    one = a_session(groups=["Solo"])
    write_session(one, paths.data_dir() / "classroom" / one.id)
    many = new_session(shipped_content(), "border_city", "official", seed=12, turns=2, lang="en", groups=["A", "B"])
    write_session(many, paths.data_dir() / "classroom" / many.id)
    write_bot_class(shipped_content(), many, paths.data_dir() / "classroom")
    drv.press("classroom")
    rows = {b.text for b in drv.buttons() if "·" in b.text}
    assert any(one.code in r and r.endswith("1 group · 0 logs") for r in rows), rows
    assert any(many.code in r and r.endswith("2 groups · 2 logs") for r in rows), rows


def test_collect_logs_from_a_usb_stick_then_make_and_open_the_class_report(tmp_path, opened):
    calls, _ = opened
    content = shipped_content()
    session = a_session()
    drv = Driver(tmp_path / "home")
    write_session(session, paths.data_dir() / "classroom" / session.id)
    # GIVEN a stick with the three groups' logs in a copied classroom folder, a log of another session, a stray file
    stick = tmp_path / "STICK"
    write_bot_class(content, session, stick / "classroom")
    other = new_session(content, "border_city", "official", seed=99, turns=2, lang="en", groups=["Z"])
    write_bot_class(content, other, stick / "old")
    (stick / "notes.jsonl").write_text("not a log\n", encoding="utf-8")
    open_session_page(drv, session)
    # WHEN the teacher makes the report before collecting: told to collect first, nothing opens
    drv.press("class_report")
    assert "Collect the groups' logs first" in status(drv) and not calls
    # WHEN the teacher opens Collect logs (L) and types the stick's folder, then Enter
    drv.press("class_collect")
    assert drv.scene.page == "collect" and drv.scene.entries["source"].is_focused
    drv.type_text(str(stick))
    drv.key(pygame.K_RETURN)
    # THEN the three logs are in the session's folder, and the session page says so, naming the stick only
    folder = paths.data_dir() / "classroom" / session.id
    assert len(list(folder.glob("*.jsonl"))) == 3
    assert drv.scene.page == "session"
    said = status(drv)
    assert said.startswith("3 logs of this session copied from “STICK”"), said
    assert "1 log of another session" in said and "1 file was not a class log" in said
    assert str(tmp_path) not in said
    assert problems(drv.app) == []
    # AND collecting again copies nothing (the same bytes are already there)
    drv.press("class_collect")
    assert drv.scene.entries["source"].get_text() == str(stick)  # the box keeps the last folder
    drv.key(pygame.K_RETURN)
    assert "No new log" in status(drv) and "3 were already here" in status(drv)
    assert len(list(folder.glob("*.jsonl"))) == 3
    # WHEN the teacher makes the class report (R)
    drv.press("class_report")
    assert "Making the class report" in status(drv)
    wait_for_report(drv)
    # THEN it is written under reports/, opened in the browser, and the window says so briefly
    page = paths.data_dir() / "reports" / session.id / "report.html"
    assert page.is_file() and ("page", page) in calls
    assert status(drv).startswith("The class report of 3 games is open in your web browser (reports/"), status(drv)
    assert problems(drv.app) == []


def test_open_folder_and_what_the_window_says_when_nothing_can_open(tmp_path, opened):
    calls, fail = opened
    session = a_session()
    drv = Driver(tmp_path, language="es")
    folder = paths.data_dir() / "classroom" / session.id
    write_session(session, folder)
    write_bot_class(shipped_content(), session, folder.parent)
    open_session_page(drv, session)
    drv.press("class_open_folder")
    assert calls == [("folder", folder)]
    assert status(drv) == f"La carpeta de la sesión (classroom/{session.id}) está abierta en tu explorador de archivos."
    fail["folder"] = "no_opener"
    drv.press("class_open_folder")
    assert drv.scene.status[0] == "bad" and "No se pudo abrir el explorador" in status(drv)
    # a report with no browser to show it: where it is, and how to reach it
    fail["page"] = "no_browser"
    drv.press("class_report")
    wait_for_report(drv)
    assert "pero aquí no se abrió ningún navegador" in status(drv) and "3 partidas" in status(drv)
    assert problems(drv.app) == []


def test_collect_refuses_bad_folders_plainly(tmp_path, opened):
    session = a_session()
    drv = Driver(tmp_path / "home")
    write_session(session, paths.data_dir() / "classroom" / session.id)
    open_session_page(drv, session)
    drv.press("class_collect")
    drv.key(pygame.K_RETURN)
    assert "Type a folder" in status(drv) and drv.scene.page == "collect"
    drv.type_text(str(tmp_path / "nowhere"))
    drv.key(pygame.K_RETURN)
    assert status(drv).startswith("There is no folder “nowhere”"), status(drv)
    assert problems(drv.app) == []


def test_export_says_how_many_and_where_in_short(tmp_path, opened):
    session = a_session(groups=["Solo"])
    drv = Driver(tmp_path)
    folder = paths.data_dir() / "classroom" / session.id
    write_session(session, folder)
    open_session_page(drv, session)
    assert drv.scene.focused().element.text == "Collect logs (L)"  # Enter on the page is an action, never Back
    drv.press("class_export")
    assert "Nothing was exported" in status(drv)
    write_bot_class(shipped_content(), session, folder.parent)
    drv.press("class_export")
    assert status(drv) == f"1 log exported to exports/{session.id}, inside Plaza's data folder."


def test_without_a_report_maker_the_window_says_to_use_plaza(tmp_path):
    session = a_session()
    drv = Driver(tmp_path)
    folder = paths.data_dir() / "classroom" / session.id
    write_session(session, folder)
    write_bot_class(shipped_content(), session, folder.parent)
    provide_report_maker(None)
    open_session_page(drv, session)
    drv.press("class_report")
    assert "cannot be made from this window" in status(drv)
