"""F5 checks the content in a worker thread (issue 13): the window keeps drawing and answering, says "checking the
content…" in the player's language, and swaps the new content in on its own thread once the check is done."""

from __future__ import annotations

import threading

import pygame
import pytest

from game.content.loader import SHIPPED_CONTENT, SHIPPED_LEVELS, load_content
from game.ui import reload
from game.ui.scenes.overlays import DiagnosticsOverlay
from tests.ui.harness import Driver


def held_loader(monkeypatch, gate: threading.Event, threads: list[str]):
    """load_content as the worker calls it, held until `gate` opens; records the thread it ran on."""
    real = reload.load_content

    def load(paths=None):
        threads.append(threading.current_thread().name)
        assert gate.wait(20), "the test never opened the gate"
        return real(paths)

    monkeypatch.setattr(reload, "load_content", load)


def notices(monkeypatch, app) -> list[str]:
    shown: list[str] = []
    draw = app._draw_notice
    monkeypatch.setattr(app, "_draw_notice", lambda surface, text: (shown.append(text), draw(surface, text))[1])
    return shown


def finish(drv: Driver) -> None:
    drv.app.reloading.join(30)
    drv.frames(2)


@pytest.mark.parametrize(("language", "checking"), [("en", "Checking the content"), ("es", "Revisando el contenido")])
def test_f5_checks_in_a_worker_while_the_window_answers(tmp_path, monkeypatch, language, checking):
    gate, threads = threading.Event(), []
    held_loader(monkeypatch, gate, threads)
    drv = Driver(tmp_path, language=language)
    shown = notices(monkeypatch, drv.app)
    before = drv.app.content

    drv.key(pygame.K_F5)  # returns at once: the frames run while the check is held
    assert drv.app.reloading is not None and drv.app.reloading.is_alive()
    assert threads == ["plaza-content-check"]
    assert shown and checking in shown[-1]
    assert drv.app.texts("reload.checking") == shown[-1]  # from content/ui/core.yaml, not a literal

    drv.key(pygame.K_F1)  # the window still answers: the glossary opens and closes
    assert drv.scene_name == "glossary"
    drv.key(pygame.K_F1)
    assert drv.scene_name == "title"
    drv.key(pygame.K_F5)  # a second F5 during the check starts no second check
    assert len(threads) == 1 and drv.app.content is before

    gate.set()
    drv.app.reloading.join(30)
    assert pygame.event.peek(reload.RELOADED)  # the worker wakes a loop that waits for input
    drv.frames(2)
    assert drv.app.reloading is None
    assert drv.app.content is not before and set(drv.app.content.events) == set(before.events)
    assert drv.app.notice and drv.app.notice[0] == drv.app.texts("notice.reloaded", files=2)
    assert checking not in shown[-1]


@pytest.mark.parametrize(
    ("language", "hint", "unknown"),
    [("en", "hint:", "no event has the id `informer_exposd_0`"), ("es", "sugerencia:", "ningún evento tiene el id")],
)
def test_f5_with_broken_content_lists_the_problems_after_the_check(tmp_path, monkeypatch, language, hint, unknown):
    import shutil

    copy = tmp_path / "content"
    shutil.copytree(SHIPPED_CONTENT, copy)
    content = load_content([copy, SHIPPED_LEVELS]).content
    (copy / "events" / "broken.yaml").write_text(
        "schema_version: 1\nkind: events\nevents:\n"
        + "".join(
            f"  - id: broken_{i}\n    title: {{en: T, es: T}}\n    text: {{en: X, es: X}}\n    paper: P\n"
            f"    options:\n      - id: ok\n        label: {{en: OK, es: Vale}}\n"
            f"        effects:\n          - schedule: {{event: informer_exposd_{i}, delay: 1}}\n"
            for i in range(120)
        ),
        encoding="utf-8",
    )
    drv = Driver(tmp_path, content=content, language=language)
    drv.key(pygame.K_F5)
    finish(drv)
    assert drv.scene_name == "diagnostics"
    # in the player's language, as `plaza validate --lang` says them
    assert all(f"\n  {hint} " in shown for shown in drv.scene.diagnostics if "\n  " in shown)
    assert any(f"\n  {hint} " in shown for shown in drv.scene.diagnostics)
    assert any(unknown in shown for shown in drv.scene.diagnostics)  # the message itself, not only its labels
    assert drv.app.content is content  # the old content stays in use
    text = " ".join(drv.texts()).replace("<br>", "")
    # 50 unknown references (E161) and a count of the other 70 (E199), 50 unreachable events…: 30 laid out
    found = len(drv.scene.diagnostics)
    assert 101 <= found < 240, found  # capped: 120 misspelt references and 120 unreachable events were found
    assert "E161" in text and drv.app.texts("reload.failed_text", count=found) in text
    assert drv.app.texts("reload.more", count=found - DiagnosticsOverlay.shown) in text


def test_a_failing_check_is_reported_on_the_windows_thread(tmp_path, monkeypatch):
    gate = threading.Event()

    def broken(paths=None):
        gate.wait(20)
        raise RuntimeError("checker bug")

    monkeypatch.setattr(reload, "load_content", broken)
    drv = Driver(tmp_path)
    drv.key(pygame.K_F5)
    gate.set()
    drv.app.reloading.join(30)
    with pytest.raises(RuntimeError, match="checker bug"):
        drv.frames(1)  # raised in the loop, which writes its crash report as before
    assert drv.app.reloading is None


def test_the_panel_lays_out_the_first_problems_and_counts_the_rest(tmp_path):
    drv = Driver(tmp_path)
    drv.app.push(DiagnosticsOverlay(drv.app, [f"levels/x.yaml:{i}:1: E161 problem number {i} " for i in range(250)]))
    drv.frames(2)
    text = " ".join(drv.texts())
    assert DiagnosticsOverlay.shown == 30
    assert "problem number 29 " in text and "problem number 30 " not in text
    assert drv.app.texts("reload.more", count=220) in text.replace("<br>", "")


def test_loading_content_in_several_threads_gives_what_one_thread_gives():
    """What lets F5 run in a worker: load_content shares no state between calls."""
    alone = load_content()
    results = [None] * 3

    def load(k):
        results[k] = load_content()

    threads = [threading.Thread(target=load, args=(k,)) for k in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    for r in results:
        assert r is not None and r.content.content_hash == alone.content.content_hash
        assert [str(d) for d in r.diagnostics] == [str(d) for d in alone.diagnostics]
        assert r.content.conditions.keys() == alone.content.conditions.keys()
