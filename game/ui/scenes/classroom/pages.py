"""The class screens' pages laid out: home (what a class session is, the sessions on this computer), create (the
teacher's form and what its choices mean), session (the code painted very large, the session's facts) and join
(the code and the group label).

ClassroomPages is mixed into ClassroomScene: `_build_<page>` lays a page out, `draw` paints the session's code.
"""

from __future__ import annotations

import pygame

from game import paths
from game.classfiles.names import role_title
from game.classfiles.plurals import plural_key
from game.classfiles.session import MAX_LABEL, SessionFileError, read_session
from game.ui import classgame
from game.ui.scenes.classroom.actions import short_path
from game.ui.scenes.classroom.places import suggested_places
from game.ui.scenes.projector.layout import flow_buttons
from game.ui.texts import markup
from game.ui.theme import BOLD
from game.ui.widgets import (
    box_text_width,
    button_width,
    fit,
    fitting_label,
    keyed,
    keyed_action,
    letter,
    letter_key,
    text_box_height,
    text_width,
    wrapped_lines,
)

CYCLE_KEYS = (pygame.K_1, pygame.K_2, pygame.K_3, pygame.K_4)


def sessions_here() -> list[tuple[object, int]]:
    """The class sessions on this computer (newest first), with how many logs each folder holds."""
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


_CODE_FONTS: dict[int, pygame.font.Font] = {}


def _code_font(px: int) -> pygame.font.Font:
    if px not in _CODE_FONTS:
        _CODE_FONTS[px] = pygame.font.Font(str(BOLD), px)
    return _CODE_FONTS[px]


class ClassroomPages:
    """The pages' part of ClassroomScene (it uses the scene's form state, its actions and widget methods)."""

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
                (
                    t("classroom.create"),
                    self.open_create,
                    letter_key(t, "class_create"),
                    "primary",
                    t("classroom.create_tip"),
                ),
                (t("classroom.join"), self.open_join, letter_key(t, "class_join"), None, t("classroom.join_tip")),
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
            counts = {
                "code": session.code or session.id,
                "groups": t(
                    plural_key(t.content.strings, "classroom.n_groups", t.lang, len(session.groups)),
                    count=len(session.groups),
                ),
                "logs": t(plural_key(t.content.strings, "classroom.n_logs", t.lang, logs), count=logs),
            }
            # the code and the counts are what the teacher looks for: only the city's name is shortened to fit
            font, room = self.app.font("body"), right.width - 2 * em
            room_for_name = room - font.size(t("classroom.row", level="", **counts))[0]
            text = t("classroom.row", level=fit(font, name, max(room_for_name, 0)), **counts)
            self.button(
                pygame.Rect(right.x, ry, right.width, bh),
                text,
                lambda s=session: self.open_session(s),
                tooltip=t("classroom.row_tip", groups=", ".join(session.groups) or t("classroom.no_groups")),
                kind="row",
            )
            ry += bh + em // 2

    # create

    def _build_create(self, area: pygame.Rect) -> None:
        em, t = self.app.em, self.t
        y = self._heading(area, t("classroom.create_title"))
        bottom = self._bottom(
            area,
            [
                (
                    t("classroom.create_go"),
                    self.create,
                    letter_key(t, "class_create_go"),
                    "primary",
                    t("classroom.create_go_tip"),
                )
            ],
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
            (
                "role",
                role_title(self.app.content, level.id, self.role, t.lang),
                self.cycle_role,
                t(f"role.{self.role}_about"),
            ),
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
        turns_hint = t("classroom.turns_hint", max=level.turns, minutes=t("classroom.minutes_per_quarter"))
        about = [
            f"<b>{markup(t.pick(level.title))}</b><br>{markup(t.pick(level.summary))}",
            f"<b>{markup(t(f'classroom.mode.{self.mode}'))}</b><br>{markup(t(f'classroom.mode.{self.mode}_about'))}",
            f"<b>{markup(t('classroom.field.turns'))}</b>{markup(turns_hint)}"
            f"<br><b>{markup(t('classroom.field.seed'))}</b>{markup(t('classroom.seed_hint'))}"
            f"<br><b>{markup(t('classroom.field.groups'))}</b>{markup(t('classroom.groups_hint'))}",
        ]
        self.textbox(right, "<br><br>".join(about))

    # session

    def _build_session(self, area: pygame.Rect) -> None:
        em, t = self.app.em, self.t
        s = self.session
        y = self._heading(area, t("classroom.session_title"))
        actions = [
            (keyed(t, t("common.back"), pygame.K_ESCAPE), self.back, pygame.K_ESCAPE, None, t("classroom.back_tip"))
        ]
        if s.mode == "class_vote":
            actions.append(
                (
                    keyed(t, t("classroom.start_projected"), letter_key(t, "class_start_projected")),
                    self.start_projected,
                    letter_key(t, "class_start_projected"),
                    "primary",
                    t("classroom.start_projected_tip"),
                )
            )
        for key, action in (
            ("collect", self.open_collect),
            ("report", self.make_report),
            ("open_folder", self.open_folder),
            ("export", self.export),
        ):
            label, shortcut = keyed_action(t, t(f"classroom.{key}"), f"class_{key}")
            actions.append((label, action, shortcut, None, t(f"classroom.{key}_tip")))
        line = self.app.font("body").get_linesize()
        bh = max(int(em * 2.4), line + em // 2)
        bottom = flow_buttons(self, area, [(*a, True) for a in actions], bh)
        if self.focus_index is None:
            self.focus_index = 1  # Enter presses the first action (Start, or Collect logs), never Back
        kind, said = self.status
        if said:
            # what the last action came to, just above the buttons that did it
            h = int(wrapped_lines(self.app, said, area.width, bold=True) * line * 1.3)
            top = bottom - em // 2 - h
            fitting_label(self, pygame.Rect(area.x, top, area.width, h), said, kind=kind)
            bottom = top
        sub = fitting_label(
            self, pygame.Rect(area.x, y, area.width, int(em * 1.8)), t("classroom.code_for_class"), kind="muted"
        )
        y = sub.bottom
        # the code itself, as large as the width and half the room left allow
        code = s.code or s.id
        px = self._code_px(code, area.width, min(16 * em, (bottom - y) * 9 // 20))
        self.code_rect = pygame.Rect(area.x, y, area.width, int(px * 1.25))
        y = self.code_rect.bottom + em
        level = self.app.content.levels.get(s.level)
        name = t.pick(level.title) if level is not None else s.level
        facts = t(
            plural_key(t.content.strings, "classroom.facts", t.lang, s.turns),
            level=name,
            role=role_title(self.app.content, s.level, s.role, t.lang),
            turns=s.turns,
            seed=s.seed,
            lang=t(f"classroom.lang.{s.lang}"),
            mode=t(f"classroom.mode.{s.mode}"),
        )
        groups = ", ".join(s.groups) if s.groups else t("classroom.no_groups")
        folder = classgame.session_folder(s)
        logs = len(list(folder.glob("*.jsonl"))) if folder.is_dir() else 0
        texts = [
            facts,
            t("classroom.groups_are", groups=groups),
            t(
                plural_key(t.content.strings, "classroom.logs_gather", t.lang, logs),
                folder=short_path(folder),
                count=logs,
            ),
            t("classroom.projected_as", group=s.groups[0] if s.groups else "")
            if s.mode == "class_vote"
            else t("classroom.tell_students"),
        ]
        html = "<br>".join([f"<b>{markup(texts[0])}</b>", *(markup(x) for x in texts[1:])])
        lines = sum(wrapped_lines(self.app, x, box_text_width(self.app, area.width)) for x in texts)
        h = min(bottom - em - y, text_box_height(self.app, lines + 1))
        self.textbox(pygame.Rect(area.x, y, area.width, max(3 * em, h)), html)

    # collect

    def _build_collect(self, area: pygame.Rect) -> None:
        em, t = self.app.em, self.t
        y = self._heading(area, t("classroom.collect_title"))
        bottom = self._bottom(
            area,
            [
                (
                    t("classroom.collect_go"),
                    self.collect,
                    letter_key(t, "class_collect_go"),
                    "primary",
                    t("classroom.collect_go_tip"),
                )
            ],
            t("classroom.collect_back_tip"),
        )
        width = min(area.width, 70 * em)
        intro = t("classroom.collect_intro", code=self.session.code or self.session.id)
        lines = wrapped_lines(self.app, intro, box_text_width(self.app, width))
        intro_h = min(text_box_height(self.app, lines), (bottom - y) // 3)
        self.textbox(pygame.Rect(area.x, y, width, intro_h), markup(intro), kind="plain")
        y += intro_h + em // 2
        label = t("classroom.field.source")
        label_w = text_width(self.app, label) + em
        line = self.app.font("body").get_linesize()
        bh = max(int(em * 2.2), line + em // 2)
        self.label(pygame.Rect(area.x, y, label_w, bh), label, tooltip=t("classroom.field.source_tip"))
        self.add_entry(
            "source", pygame.Rect(area.x + label_w, y, width - label_w, bh), 1000, t("classroom.field.source_tip")
        )
        y += bh + em // 2
        kind, said = self.status
        if said:
            used = fitting_label(self, pygame.Rect(area.x, y, width, int(line * 1.3)), said, kind=kind)
            y = used.bottom + em // 2
        head = fitting_label(self, pygame.Rect(area.x, y, width, int(em * 2)), t("classroom.places"), kind="heading")
        y = head.bottom + em // 3
        places = suggested_places(classgame.classroom_dir())
        if not places:
            fitting_label(
                self, pygame.Rect(area.x, y, width, int(line * 1.3)), t("classroom.places_none"), kind="muted"
            )
        rows = max(0, (bottom - em - y) // (bh + em // 3))
        for place in places[:rows]:
            text = fit(self.app.font("body"), str(place), width - 2 * em)
            self.button(
                pygame.Rect(area.x, y, width, bh),
                text,
                lambda p=place: self.choose_place(p),
                tooltip=t("classroom.place_tip", key=letter(t, "class_collect_go")),
                kind="row",
            )
            y += bh + em // 3

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
            [
                (
                    t("classroom.join_go"),
                    self.join,
                    letter_key(t, "class_join_go"),
                    "primary",
                    t("classroom.join_go_tip"),
                )
            ],
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
