"""The class screens' scene: ClassroomScene (the form's state, which page shows, and the actions: create a
session, join one, start the projected game, export) and ClassBriefingScene, the briefing a class game starts from.

The pages are laid out by ClassroomPages (pages.py) and the text boxes kept by TextEntries (entries.py).
"""

from __future__ import annotations

import dataclasses

import pygame
from pygame_gui.elements import UITextEntryLine

from game.classfiles.session import MAX_LABEL, MODES, CodeError, decode_code, new_session, write_session
from game.ui import classgame
from game.ui.flow import show_current
from game.ui.scene import Scene
from game.ui.scenes.briefing import BriefingScene
from game.ui.scenes.classroom.actions import ClassActions
from game.ui.scenes.classroom.checks import (
    LANGS,
    SEED_LIMIT,
    code_error_key,
    group_error,
    parse_groups,
)
from game.ui.scenes.classroom.entries import TextEntries
from game.ui.scenes.classroom.pages import ClassroomPages
from game.ui.scenes.setup import menu_levels


class ClassroomScene(ClassroomPages, ClassActions, TextEntries, Scene):
    name = "classroom"

    def __init__(self, app, page: str = "home", session=None):
        super().__init__(app)
        self.page = page
        self.session = session  # the ClassSession shown on the session page
        self.level_ids = menu_levels(app.content)
        self.level_id = self.level_ids[0] if self.level_ids else None
        self.role = "official"
        self.lang = app.settings.language if app.settings.language in LANGS else "es"
        self.mode = "groups"
        self.values = {"turns": "", "seed": "", "groups": "", "code": "", "group": "", "source": ""}
        self.groups_default = True  # the groups box still holds the default for the mode and language
        self.error = ""
        self.status = ("", "")  # what the last action on the session page came to (ClassActions)
        self.entries: dict[str, UITextEntryLine] = {}
        self.listed: list = []
        self.code_rect: pygame.Rect | None = None
        self._fix()

    # --- the form's state ----------------------------------------------------------------------------------

    @property
    def level(self):
        return self.app.content.levels.get(self.level_id) if self.level_id else None

    def _fix(self) -> None:
        level = self.level
        if level is None:
            return
        roles = level.roles.offered()
        if self.role not in roles and roles:
            self.role = roles[0]
        if (
            not self.values["turns"]
            or not self.values["turns"].strip().isdigit()
            or int(self.values["turns"]) > level.turns
        ):
            self.values["turns"] = str(level.turns)
        if self.groups_default:
            self.values["groups"] = self.default_groups()

    def default_groups(self) -> str:
        key = "classroom.default_class" if self.mode == "class_vote" else "classroom.default_groups"
        return self.app.content.strings[key].es if self.lang == "es" else self.app.content.strings[key].en

    # --- layout ----------------------------------------------------------------------------------------------

    def build(self, rect: pygame.Rect) -> None:
        self.entries = {}
        self.code_rect = None
        em = self.app.em
        area = rect.inflate(-4 * em, -3 * em)
        if area.width > 100 * em:
            area.inflate_ip(100 * em - area.width, 0)
        getattr(self, f"_build_{self.page}")(area)
        if self.focus_index is None and self.focusables:
            self.focus_index = 0
        self._sync_entry_focus()

    # --- actions ---------------------------------------------------------------------------------------------

    def go(self, page: str, session=None) -> None:
        self._read_entries()
        self.page = page
        if session is not None:
            self.session = session
        self.error = ""
        if page != "session":
            self.status = ("", "")
        self.focus_index = None
        self.rebuild()

    def open_create(self) -> None:
        self.go("create")

    def open_join(self) -> None:
        self.go("join")
        if "code" in self.entries:
            self.focus_entry(self.entries["code"])

    def open_session(self, session) -> None:
        self.status = ("", "")
        self.go("session", session)

    def _cycle(self, attr: str, values: list, step: int = 1) -> None:
        self._read_entries()
        current = getattr(self, attr)
        i = values.index(current) if current in values else -1
        setattr(self, attr, values[(i + step) % len(values)])
        if attr == "level_id" and self.level is not None:
            self.values["turns"] = str(self.level.turns)
        self._fix()
        self.error = ""
        self.rebuild()

    def cycle_level(self) -> None:
        self._cycle("level_id", self.level_ids)

    def cycle_role(self) -> None:
        level = self.level
        self._cycle("role", level.roles.offered() if level is not None else [])

    def cycle_lang(self) -> None:
        self._cycle("lang", list(LANGS))

    def cycle_mode(self) -> None:
        self._cycle("mode", list(MODES))

    def _fail(self, key: str, **values) -> None:
        self.error = self.t(key, **values)
        self.rebuild()

    def create(self) -> None:
        self._read_entries()
        level = self.level
        if level is None:
            return
        turns_text = self.values["turns"].strip()
        if not turns_text.isdigit() or not 1 <= int(turns_text) <= level.turns:
            return self._fail("classroom.err.turns", max=level.turns)
        seed_text = self.values["seed"].strip()
        if seed_text and (not seed_text.isdigit() or int(seed_text) >= SEED_LIMIT):
            return self._fail("classroom.err.seed", max=SEED_LIMIT - 1)
        groups, key, values = parse_groups(self.values["groups"])
        if key:
            return self._fail(key, **values)
        try:
            session = new_session(
                self.app.content,
                level.id,
                self.role,
                seed=int(seed_text) if seed_text else None,
                turns=int(turns_text),
                lang=self.lang,
                groups=groups,
                mode=self.mode,
            )
            classgame.session_folder(session).mkdir(parents=True, exist_ok=True)
            write_session(session, classgame.session_folder(session))
        except (ValueError, OSError) as exc:
            return self._fail("classroom.err.create", error=str(exc))
        self.go("session", session)

    def join(self) -> None:
        self._read_entries()
        code, group = self.values["code"], self.values["group"].strip()
        if not code.strip():
            return self._fail("classroom.code.empty")
        try:
            session = decode_code(code, self.app.content)
        except CodeError as exc:
            return self._fail(
                code_error_key(exc), char=exc.details.get("char", ""), length=exc.details.get("length", "")
            )
        bad = group_error(group)
        if bad:
            return self._fail(bad, max=MAX_LABEL)
        folder = classgame.session_folder(session)
        try:
            if not any(folder.glob("session*.json")):
                write_session(session, folder)
        except OSError:
            pass  # the log still goes there; the session file is only a convenience on a student's computer
        self.error = ""
        use_language(self.app, session.lang)
        self.app.push(ClassBriefingScene(self.app, session, group))

    def start_projected(self) -> None:
        s = self.session
        use_language(self.app, s.lang)
        self.app.push(ClassBriefingScene(self.app, s, s.groups[0] if s.groups else self.t("classroom.class")))

    def back(self) -> None:
        if self.page == "home":
            self.app.replace("title")
        elif self.page == "collect":
            self.go("session")
        else:
            self.go("home")


def use_language(app, lang: str) -> None:
    """A class plays in the session's language."""
    if lang in LANGS and app.settings.language != lang:
        app.apply_settings(dataclasses.replace(app.settings, language=lang))


class ClassBriefingScene(BriefingScene):
    """The briefing of a class session's scenario; Begin starts the class game (its log in the class folder)."""

    name = "briefing"

    def __init__(self, app, session, group: str):
        super().__init__(app, session.level, session.role, session.seed, session.turns)
        self.class_session = session
        self.group = group

    def begin(self) -> None:
        s = self.class_session
        self.app.new_game(s.level, s.role, s.seed, turns=s.turns, classroom=s, group=self.group)
        show_current(self.app)

    def back(self) -> None:
        if len(self.app.stack) > 1 and isinstance(self.app.stack[-2], ClassroomScene):
            self.app.pop()
        else:
            self.app.replace(ClassroomScene(self.app))
