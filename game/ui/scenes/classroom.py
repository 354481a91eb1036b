"""Class sessions from the title screen (Class session, K): create one, join one with its code, export its logs.

Pages of one scene:
  home     — what a class session is; Create a session (N), Join with a code (J); the sessions on this computer
             (each opens its page);
  create   — for the teacher: level, role, language and mode (each a button that cycles, keys 1–4), number of
             quarters, seed (empty: random) and the group labels (comma-separated, or a number of seats →
             S01…SNN); Create (F2 or Enter in a box) writes the session file into data_dir()/classroom/<id>/;
  session  — the code, very large (XXXX-XXXX-XXXX), what it stands for, where the logs gather; Start the projected
             game (S) for a class-vote session, Export class results (X), Back;
  join     — for a student or group: the code (case, dashes and O/I/L forgiven) and a group label (1–24
             characters) → the briefing of that scenario → a game whose log goes into the class's folder.
While a text box has the focus, typed keys go into it (Tab, Up/Down, Enter and Esc leave it).
"""

from __future__ import annotations

import dataclasses
import re

import pygame
import pygame_gui
from pygame_gui.elements import UITextEntryLine

from game import paths
from game.ui import classgame
from game.ui.flow import show_current
from game.ui.scene import Focusable, Scene
from game.ui.scenes.briefing import BriefingScene
from game.ui.scenes.setup import menu_levels, roles_of
from game.ui.texts import markup
from game.ui.theme import BOLD
from game.ui.widgets import (
    box_text_width,
    button_width,
    fit,
    fitting_label,
    keyed,
    scroll_text_boxes,
    text_box_height,
    text_width,
    wrapped_lines,
)

LANGS = ("es", "en")
MODES = ("groups", "class_vote")
LEAVE_ENTRY = (pygame.K_TAB, pygame.K_UP, pygame.K_DOWN, pygame.K_ESCAPE, pygame.K_RETURN, pygame.K_KP_ENTER)
CYCLE_KEYS = (pygame.K_1, pygame.K_2, pygame.K_3, pygame.K_4)
MAX_LABEL = 24
MAX_GROUPS = 60
SEED_LIMIT = 2**31


def parse_groups(text: str) -> tuple[list[str], str, dict]:
    """Group labels from what the teacher typed: "A, B, C" or a number of seats ("30" → S01…S30).
    Returns (labels, error key, error values); the error key is "" when the labels are good."""
    text = text.strip()
    if re.fullmatch(r"[0-9]{1,3}", text):
        n = int(text)
        if not 1 <= n <= MAX_GROUPS:
            return [], "classroom.err.seats", {"max": MAX_GROUPS}
        return [f"S{i:02d}" for i in range(1, n + 1)], "", {}
    labels = [part.strip() for part in text.split(",") if part.strip()]
    if not labels:
        return [], "classroom.err.no_groups", {}
    if len(labels) > MAX_GROUPS:
        return [], "classroom.err.too_many", {"count": len(labels), "max": MAX_GROUPS}
    seen: set[str] = set()
    for label in labels:
        if len(label) > MAX_LABEL or not label.isprintable():
            return [], "classroom.err.label", {"label": label[: MAX_LABEL + 6], "max": MAX_LABEL}
        if label.casefold() in seen:
            return [], "classroom.err.twice", {"label": label}
        seen.add(label.casefold())
    return labels, "", {}


def group_error(label: str) -> str:
    """The error key for a group label a student typed ("" when it is good)."""
    label = label.strip()
    if not label:
        return "classroom.err.group_empty"
    if len(label) > MAX_LABEL or not label.isprintable():
        return "classroom.err.group_bad"
    return ""


def code_error_key(exc) -> str:
    """The string key for a CodeError, in the player's language."""
    reason = getattr(exc, "reason", "mistyped")
    details = getattr(exc, "details", {}) or {}
    if reason == "mistyped" and "char" in details:
        return "classroom.code.bad_char"
    if reason == "mistyped" and "length" in details:
        return "classroom.code.length"
    return {
        "mistyped": "classroom.code.mistyped",
        "other_content": "classroom.code.other_content",
        "unknown_level": "classroom.code.unknown_level",
    }.get(reason, "classroom.code.mistyped")


def sessions_here() -> list[tuple[object, int]]:
    """The class sessions on this computer (newest first), with how many logs each folder holds."""
    from game.classfiles.session import SessionFileError, read_session

    out = []
    try:
        folders = [f for f in classgame.classroom_dir().iterdir() if f.is_dir()]
    except OSError:
        return []
    for folder in folders:
        files = sorted(folder.glob("session*.json"))
        if not files:
            continue
        try:
            session = read_session(files[0])
            mtime = folder.stat().st_mtime
        except (SessionFileError, OSError):
            continue
        out.append((mtime, session, len(list(folder.glob("*.jsonl")))))
    out.sort(key=lambda x: -x[0])
    return [(s, n) for _, s, n in out]


class ClassroomScene(Scene):
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
        self.values = {"turns": "", "seed": "", "groups": "", "code": "", "group": ""}
        self.groups_default = True  # the groups box still holds the default for the mode and language
        self.error = ""
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
        roles = roles_of(level)
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

    def _heading(self, area: pygame.Rect, text: str) -> int:
        em = self.app.em
        head = fitting_label(self, pygame.Rect(area.x, area.y, area.width, int(em * 2.2)), text, kind="heading")
        return head.bottom + em // 2

    def _bottom(self, area: pygame.Rect, right: list[tuple[str, object, int, str | None, str]], back_tip: str) -> int:
        """Back (Esc) at the left, the other buttons from the right; returns the top of the button row."""
        em, t = self.app.em, self.t
        bh = int(em * 2.4)
        y = area.bottom - bh
        x = area.right
        for text, action, key, kind, tip in right:
            label = keyed(t, text, key)
            w = button_width(self.app, [label])
            x -= w
            self.button(pygame.Rect(x, y, w, bh), label, action, shortcut=key, kind=kind, tooltip=tip)
            x -= em
        back = keyed(t, t("common.back"), pygame.K_ESCAPE)
        self.button(
            pygame.Rect(area.x, y, min(button_width(self.app, [back]), x - area.x), bh),
            back,
            self.back,
            tooltip=back_tip,
        )
        return y

    def _error_line(self, x: int, y: int, width: int) -> int:
        if not self.error:
            return y
        em = self.app.em
        used = fitting_label(
            self, pygame.Rect(x, y, width, int(self.app.font("body").get_linesize() * 1.3)), self.error, kind="bad"
        )
        return used.bottom + em // 2

    # home

    def _build_home(self, area: pygame.Rect) -> None:
        em, t = self.app.em, self.t
        y = self._heading(area, t("classroom.title"))
        bottom = self._bottom(
            area,
            [
                (t("classroom.create"), self.open_create, pygame.K_n, "primary", t("classroom.create_tip")),
                (t("classroom.join"), self.open_join, pygame.K_j, None, t("classroom.join_tip")),
            ],
            t("classroom.back_tip"),
        )
        col_gap = 2 * em
        left_w = (area.width - col_gap) // 2
        right = pygame.Rect(area.x + left_w + col_gap, y, area.width - left_w - col_gap, bottom - em - y)
        classes = classgame.classroom_dir()
        intro = (
            f"<b>{markup(t('classroom.intro_teacher_head'))}</b><br>{markup(t('classroom.intro_teacher'))}"
            f"<br><br><b>{markup(t('classroom.intro_student_head'))}</b><br>{markup(t('classroom.intro_student'))}"
            f"<br><br><font color='{self.app.palette.muted}'>"
            f"{markup(t('classroom.logs_where', logs=str(paths.logs_dir()), classes=str(classes)))}</font>"
        )
        self.textbox(pygame.Rect(area.x, y, left_w, bottom - em - y), intro)
        head = fitting_label(
            self, pygame.Rect(right.x, right.y, right.width, int(em * 2)), t("classroom.here"), kind="heading"
        )
        ry = head.bottom + em // 2
        bh = int(em * 2.4)
        sessions = sessions_here()
        rows = max(0, (right.bottom - ry) // (bh + em // 2))
        self.listed = sessions[:rows]
        if not sessions:
            fitting_label(
                self, pygame.Rect(right.x, ry, right.width, int(em * 1.6)), t("classroom.none_here"), kind="muted"
            )
        for session, logs in self.listed:
            level = self.app.content.levels.get(session.level)
            name = t.pick(level.title) if level is not None else session.level
            text = t("classroom.row", code=session.code or session.id, level=name, logs=logs)
            text = fit(self.app.font("body"), text, right.width - 2 * em)
            self.button(
                pygame.Rect(right.x, ry, right.width, bh),
                text,
                lambda s=session: self.open_session(s),
                tooltip=t("classroom.row_tip"),
                kind="row",
            )
            ry += bh + em // 2

    # create

    def _build_create(self, area: pygame.Rect) -> None:
        em, t = self.app.em, self.t
        y = self._heading(area, t("classroom.create_title"))
        bottom = self._bottom(
            area,
            [(t("classroom.create_go"), self.create, pygame.K_c, "primary", t("classroom.create_go_tip"))],
            t("classroom.back_tip"),
        )
        level = self.level
        if level is None:
            return
        col_gap = 2 * em
        left_w = (area.width - col_gap) * 3 // 5
        right = pygame.Rect(area.x + left_w + col_gap, y, area.width - left_w - col_gap, bottom - em - y)
        names = [t(f"classroom.field.{k}") for k in ("level", "role", "lang", "mode", "turns", "seed", "groups")]
        label_w = max(text_width(self.app, s) for s in names) + em
        field_w = left_w - label_w
        line = self.app.font("body").get_linesize()
        bh = max(int(em * 2.2), line + em // 2)
        gap = max(4, em // 3)
        choices = [
            ("level", t.pick(level.title), self.cycle_level, t("classroom.field.level_tip")),
            ("role", t(f"role.{self.role}"), self.cycle_role, t(f"role.{self.role}_about")),
            ("lang", t(f"classroom.lang.{self.lang}"), self.cycle_lang, t("classroom.field.lang_tip")),
            ("mode", t(f"classroom.mode.{self.mode}"), self.cycle_mode, t(f"classroom.mode.{self.mode}_tip")),
        ]
        for i, (key, value, action, tip) in enumerate(choices):
            self.label(pygame.Rect(area.x, y, label_w, bh), t(f"classroom.field.{key}"), tooltip=tip)
            # the value is shortened when it must be, never the key that changes it
            room = field_w - 2 * em - text_width(self.app, t("classroom.cycle", value="", key=str(i + 1)))
            text = t("classroom.cycle", value=fit(self.app.font("body"), value, room), key=str(i + 1))
            self.button(
                pygame.Rect(area.x + label_w, y, field_w, bh), text, action, shortcut=CYCLE_KEYS[i], tooltip=tip
            )
            y += bh + gap
        for key, limit, width in (("turns", 3, 6 * em), ("seed", 10, 12 * em), ("groups", 1600, field_w)):
            self.label(
                pygame.Rect(area.x, y, label_w, bh),
                t(f"classroom.field.{key}"),
                tooltip=t(f"classroom.field.{key}_tip"),
            )
            self.add_entry(
                key, pygame.Rect(area.x + label_w, y, min(width, field_w), bh), limit, t(f"classroom.field.{key}_tip")
            )
            y += bh + gap
        self._error_line(area.x, y + gap, left_w)
        # right: what the choices mean
        about = [
            f"<b>{markup(t.pick(level.title))}</b><br>{markup(t.pick(level.summary))}",
            f"<b>{markup(t(f'classroom.mode.{self.mode}'))}</b><br>{markup(t(f'classroom.mode.{self.mode}_about'))}",
            f"<b>{markup(t('classroom.field.turns'))}</b>{markup(t('classroom.turns_hint', max=level.turns))}"
            f"<br><b>{markup(t('classroom.field.seed'))}</b>{markup(t('classroom.seed_hint'))}"
            f"<br><b>{markup(t('classroom.field.groups'))}</b>{markup(t('classroom.groups_hint'))}",
        ]
        self.textbox(right, "<br><br>".join(about))

    # session

    def _build_session(self, area: pygame.Rect) -> None:
        em, t = self.app.em, self.t
        s = self.session
        y = self._heading(area, t("classroom.session_title"))
        right = [(t("classroom.export"), self.export, pygame.K_x, None, t("classroom.export_tip"))]
        if s.mode == "class_vote":
            right.insert(
                0,
                (
                    t("classroom.start_projected"),
                    self.start_projected,
                    pygame.K_s,
                    "primary",
                    t("classroom.start_projected_tip"),
                ),
            )
        bottom = self._bottom(area, right, t("classroom.back_tip"))
        sub = fitting_label(
            self, pygame.Rect(area.x, y, area.width, int(em * 1.8)), t("classroom.code_for_class"), kind="muted"
        )
        y = sub.bottom
        # the code itself, as large as the width and half the room left allow
        code = s.code or s.id
        px = self._code_px(code, area.width, min(16 * em, (bottom - y) * 11 // 20))
        self.code_rect = pygame.Rect(area.x, y, area.width, int(px * 1.25))
        y = self.code_rect.bottom + em
        level = self.app.content.levels.get(s.level)
        name = t.pick(level.title) if level is not None else s.level
        facts = t(
            "classroom.facts",
            level=name,
            role=t(f"role.{s.role}"),
            turns=s.turns,
            seed=s.seed,
            lang=t(f"classroom.lang.{s.lang}"),
            mode=t(f"classroom.mode.{s.mode}"),
        )
        groups = ", ".join(s.groups) if s.groups else t("classroom.no_groups")
        folder = classgame.session_folder(s)
        parts = [
            f"<b>{markup(facts)}</b>",
            markup(t("classroom.groups_are", groups=groups)),
            markup(t("classroom.logs_gather", folder=str(folder))),
        ]
        if s.mode == "class_vote":
            parts.append(markup(t("classroom.projected_as", group=s.groups[0] if s.groups else "")))
        else:
            parts.append(markup(t("classroom.tell_students")))
        html = "<br>".join(parts)
        lines = sum(
            wrapped_lines(self.app, p, box_text_width(self.app, area.width))
            for p in (
                facts,
                t("classroom.groups_are", groups=groups),
                t("classroom.logs_gather", folder=str(folder)),
                t("classroom.projected_as", group="") if s.mode == "class_vote" else t("classroom.tell_students"),
            )
        )
        h = min(bottom - em - y, text_box_height(self.app, lines + 1))
        self.textbox(pygame.Rect(area.x, y, area.width, max(3 * em, h)), html)

    def _code_px(self, code: str, width: int, height: int) -> int:
        w, h = _code_font(100).size(code)
        return max(12, int(min(width * 0.95 / w, height / h) * 100))

    def draw(self, surface: pygame.Surface) -> None:
        if self.page != "session" or self.code_rect is None or self.session is None:
            return
        code = self.session.code or self.session.id
        box = self.code_rect
        font = _code_font(self._code_px(code, box.width, box.height / 1.25))
        image = font.render(code, True, self.app.palette.text)
        drawn = image.get_rect(center=box.center)
        pygame.draw.rect(surface, self.app.palette.panel, box, border_radius=10)
        pygame.draw.rect(surface, self.app.palette.border, box, width=1, border_radius=10)
        surface.blit(image, drawn)
        self.text_areas.append((drawn.copy(), box.copy(), code))  # checked by the layout test like paint_text

    # join

    def _build_join(self, area: pygame.Rect) -> None:
        em, t = self.app.em, self.t
        y = self._heading(area, t("classroom.join_title"))
        bottom = self._bottom(
            area,
            [(t("classroom.join_go"), self.join, pygame.K_j, "primary", t("classroom.join_go_tip"))],
            t("classroom.back_tip"),
        )
        width = min(area.width, 60 * em)
        intro = t("classroom.join_intro")
        lines = wrapped_lines(self.app, intro, box_text_width(self.app, width))
        intro_h = min(text_box_height(self.app, lines), (bottom - y) // 3)
        self.textbox(pygame.Rect(area.x, y, width, intro_h), markup(intro), kind="plain")
        y += intro_h + em
        names = [t("classroom.field.code"), t("classroom.field.group")]
        label_w = max(text_width(self.app, s) for s in names) + em
        line = self.app.font("body").get_linesize()
        bh = max(int(em * 2.2), line + em // 2)
        code_w = min(width - label_w, text_width(self.app, "WWWW-WWWW-WWWW-WW") + 2 * em)
        for key, limit, w in (("code", 24, code_w), ("group", MAX_LABEL + 6, width - label_w)):
            self.label(
                pygame.Rect(area.x, y, label_w, bh),
                t(f"classroom.field.{key}"),
                tooltip=t(f"classroom.field.{key}_tip"),
            )
            self.add_entry(key, pygame.Rect(area.x + label_w, y, w, bh), limit, t(f"classroom.field.{key}_tip"))
            y += bh + em // 2
        self._error_line(area.x, y + em // 2, width)
        if self.focus_index is None:
            self.focus_index = 0

    # --- text boxes and the focus ----------------------------------------------------------------------------

    def add_entry(self, key: str, rect: pygame.Rect, limit: int, tooltip: str) -> UITextEntryLine:
        entry = self.keep(UITextEntryLine(rect, self.app.ui, initial_text=self.values[key]))
        entry.set_text_length_limit(limit)
        entry.set_tooltip(markup(tooltip))
        self.entries[key] = entry
        self.focusables.append(Focusable(entry, lambda e=entry: self.focus_entry(e)))
        return entry

    def focused_entry(self) -> UITextEntryLine | None:
        return next((e for e in self.entries.values() if e.alive() and e.is_focused), None)

    def focus_entry(self, entry) -> None:
        for i, f in enumerate(self.focusables):
            if f.element is entry:
                self.focus_index = i
        self._sync_entry_focus(entry)

    def scroll_into_view(self, element) -> None:
        self._sync_entry_focus(element)

    def _sync_entry_focus(self, element=None) -> None:
        if element is None:
            f = self.focused()
            element = f.element if f else None
        if element in self.entries.values():
            self.app.ui.set_focus_set(element)
        elif self.focused_entry() is not None:
            self.app.ui.set_focus_set(None)

    def _read_entries(self) -> None:
        for key, entry in self.entries.items():
            if entry.alive():
                self.values[key] = entry.get_text()

    def key(self, event: pygame.event.Event) -> bool:
        if self.focused_entry() is not None and event.key not in LEAVE_ENTRY:
            return True  # a letter typed into a box must not press a button's shortcut
        return super().key(event)

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame_gui.UI_TEXT_ENTRY_CHANGED and event.ui_element in self.entries.values():
            if event.ui_element is self.entries.get("groups"):
                self.groups_default = False  # the teacher's own labels stay when the mode or language changes
            self._read_entries()
            return True
        if event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED and event.ui_element in self.entries.values():
            self._read_entries()
            if self.page == "create":
                self.create()
            elif self.page == "join":
                self.join()
            return True
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_PAGEUP, pygame.K_PAGEDOWN):
            return scroll_text_boxes(self, 1 if event.key == pygame.K_PAGEDOWN else -1)
        return False

    def update(self, dt: float) -> bool:
        entry = self.focused_entry()  # a click into a box puts the focus ring there too
        if entry is not None:
            f = self.focused()
            if f is None or f.element is not entry:
                self.focus_entry(entry)
                return True
        return False

    def clear(self) -> None:
        if self.focused_entry() is not None:
            self.app.ui.set_focus_set(None)
        super().clear()
        self.entries = {}

    def rebuild(self) -> None:
        keep = self.focus_index
        self.clear()
        self.t = self.app.texts
        self.build(self.rect)
        if keep is not None and keep < len(self.focusables):
            self.focus_index = keep
        self._sync_entry_focus()
        self.app.dirty = True

    # --- actions ---------------------------------------------------------------------------------------------

    def go(self, page: str, session=None) -> None:
        self._read_entries()
        self.page = page
        if session is not None:
            self.session = session
        self.error = ""
        self.focus_index = None
        self.rebuild()

    def open_create(self) -> None:
        self.go("create")

    def open_join(self) -> None:
        self.go("join")
        if "code" in self.entries:
            self.focus_entry(self.entries["code"])

    def open_session(self, session) -> None:
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
        self._cycle("role", roles_of(level) if level is not None else [])

    def cycle_lang(self) -> None:
        self._cycle("lang", list(LANGS))

    def cycle_mode(self) -> None:
        self._cycle("mode", list(MODES))

    def _fail(self, key: str, **values) -> None:
        self.error = self.t(key, **values)
        self.rebuild()

    def create(self) -> None:
        from game.classfiles.session import new_session, write_session

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
        from game.classfiles.session import CodeError, decode_code, write_session

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

    def export(self) -> None:
        classgame.export_and_tell(self.app, self.session)

    def back(self) -> None:
        if self.page == "home":
            self.app.replace("title")
        else:
            self.go("home")


def use_language(app, lang: str) -> None:
    """A class plays in the session's language."""
    if lang in LANGS and app.settings.language != lang:
        app.apply_settings(dataclasses.replace(app.settings, language=lang))


_CODE_FONTS: dict[int, pygame.font.Font] = {}


def _code_font(px: int) -> pygame.font.Font:
    if px not in _CODE_FONTS:
        _CODE_FONTS[px] = pygame.font.Font(str(BOLD), px)
    return _CODE_FONTS[px]


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
