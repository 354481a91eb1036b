"""Drive the game as a player would: real pygame key and mouse events, posted and processed frame by frame.

Tests read GIVEN / WHEN / THEN:
    drv = Driver(tmp_path)                      # GIVEN a fresh game in a private home folder
    drv.click(drv.find_button("New game"))      # WHEN the player clicks a button
    assert drv.scene_name == "setup"            # THEN the setup screen shows
Screenshots go to PLAZA_SCREENSHOTS (default: the home's screenshots folder) when `drv.shot(name)` is called.
The driver points PLAZA_HOME at its home; tests/conftest.py puts the variable back after each test.
"""

from __future__ import annotations

import os
from pathlib import Path

import pygame
from pygame_gui.elements import UIButton

from game.content.loader import load_content
from game.ui.app import App
from game.ui.flow import show_current
from game.ui.settings import Settings
from game.ui.widgets import letter_key

_CONTENT = []


def shipped_content():
    if not _CONTENT:
        _CONTENT.append(load_content().content)
    return _CONTENT[0]


class Driver:
    def __init__(
        self,
        home: Path,
        *,
        size=(1280, 720),
        language="en",
        scale=100,
        palette="standard",
        settings: Settings | None = None,
        content=None,
        start_title: bool = True,
        saved_settings: bool = False,
    ):
        os.environ["PLAZA_HOME"] = str(home)  # restored after the test by the autouse fixture in tests/conftest.py
        if not saved_settings:  # saved_settings=True: read them from the settings file, as a real start does
            settings = settings or Settings(language=language, text_scale=scale, palette=palette, window=size)
        self.app = App(content or shipped_content(), size=size, settings=settings)
        if start_title:
            self.app.replace("title")
        self.frames(2)

    # --- time and input --------------------------------------------------------------------------------

    def frames(self, n: int = 1, dt: float = 0.05) -> None:
        for _ in range(n):
            self.app.frame(pygame.event.get(), dt)

    def post(self, event_type: int, **attrs) -> None:
        pygame.event.post(pygame.event.Event(event_type, **attrs))

    def key(self, key: int, mod: int = 0, frames: int = 2) -> None:
        self.post(pygame.KEYDOWN, key=key, mod=mod, unicode=_unicode(key, mod), scancode=0)
        self.post(pygame.KEYUP, key=key, mod=mod, unicode="", scancode=0)
        self.frames(frames)

    def press(self, action: str, mod: int = 0, frames: int = 2) -> None:
        """The key of `action` in the game's language (`keys.<action>`, content/ui/keys.yaml): "end_quarter" is E in
        English and C in Spanish."""
        self.key(letter_key(self.app.texts, action), mod, frames)

    def type_text(self, text: str) -> None:
        for ch in text:
            self.post(pygame.TEXTINPUT, text=ch)
        self.frames(2)

    def move_mouse(self, pos: tuple[int, int], frames: int = 1) -> None:
        pygame.mouse.set_pos(pos)
        self.post(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0), touch=False)
        self.frames(frames)

    def click_at(self, pos: tuple[int, int], button: int = 1) -> None:
        self.move_mouse(pos)
        self.post(pygame.MOUSEBUTTONDOWN, pos=pos, button=button, touch=False)
        self.frames(1)
        self.post(pygame.MOUSEBUTTONUP, pos=pos, button=button, touch=False)
        self.frames(2)

    def click(self, element) -> None:
        rect = element.get_abs_rect() if hasattr(element, "get_abs_rect") else element.rect
        self.click_at(rect.center)

    # --- reading the screen ----------------------------------------------------------------------------

    @property
    def scene(self):
        return self.app.top

    @property
    def scene_name(self) -> str:
        return self.app.top.name if self.app.top else ""

    def buttons(self) -> list[UIButton]:
        return [f.element for f in self.scene.focusables if f.element.alive() and f.element.visible]

    def find_button(self, text: str) -> UIButton:
        """The visible button whose label contains `text` (the first one, in focus order)."""
        for b in self.buttons():
            if text in b.text:
                return b
        raise AssertionError(f"no button with {text!r} on {self.scene_name}: {[b.text for b in self.buttons()]}")

    def texts(self) -> list[str]:
        """Every label's and text box's text in the top scene, and the text it painted itself."""
        out = []
        for element in self.scene.elements:
            for attr in ("text", "html_text"):
                value = getattr(element, attr, None)
                if isinstance(value, str):
                    out.append(value)
        out += [t for _, _, t in self.scene.text_areas]
        return out

    def shot(self, name: str) -> Path:
        return self.app.screenshot(name)


def _unicode(key: int, mod: int) -> str:
    name = pygame.key.name(key)
    if len(name) == 1:
        return name.upper() if mod & pygame.KMOD_SHIFT else name
    return {"return": "\r", "space": " ", "tab": "\t"}.get(name, "")


def city_screen(tmp_path, role: str = "official", **kw) -> Driver:
    """GIVEN a new game in the border city, past any opening event card, on the city screen."""
    drv = Driver(tmp_path, **kw)
    play = drv.app.new_game("border_city", role, 3)
    show_current(drv.app)
    while play.stage == "events":
        enabled = [o.option.id for o in play.pending.options if o.enabled]
        play.answer(enabled[0] if enabled else None)
        show_current(drv.app)
    drv.frames(2)
    assert drv.scene_name == "city"
    return drv


def answer_first_open(play) -> None:
    """Answer the card on show with its first open option (none when every option is closed)."""
    play.answer(next((o.option.id for o in play.pending.options if o.enabled), None))


def play_until(play, done, plan=None) -> None:
    """Play on until `done(play)`: the first open option on every card, `plan(play)` (if given) before each quarter
    ends, the next quarter after each report."""
    if play.stage == "idle":
        play.start()
    while not done(play):
        if play.stage == "events":
            answer_first_open(play)
        elif play.stage == "plan":
            if plan is not None:
                plan(play)
            play.end_turn()
        elif play.stage == "report":
            play.next_turn()
        else:
            raise AssertionError("the game ended first")
