"""The briefing before a game: the role's task and objectives, the city and its districts, where the case comes
from, and how to play in three lines. Begin starts the game; Back (Esc) returns to the setup with its choices."""

from __future__ import annotations

import pygame

from game.events.world import placeholder_names, render
from game.ui.flow import show_current
from game.ui.scene import Scene
from game.ui.texts import markup
from game.ui.widgets import (
    box_text_width,
    button_width,
    fitting_label,
    keyed,
    keyed_action,
    scroll_text_boxes,
    text_box_height,
    text_width,
    wrapped_lines,
)


class BriefingScene(Scene):
    name = "briefing"

    def __init__(self, app, level_id: str, role: str, seed: int, turns: int | None = None):
        super().__init__(app)
        self.level_id = level_id
        self.role = role
        self.seed = seed
        self.turns = turns  # a class session may play fewer quarters than the level's term

    def build(self, rect: pygame.Rect) -> None:
        em = self.app.em
        t = self.t
        lang = self.app.settings.language
        level = self.app.content.levels.get(self.level_id)
        bh = int(em * 2.4)
        if level is None or level.roles.get(self.role) is None:  # the content was reloaded without this level
            back_text = keyed(t, t("setup.back"), pygame.K_ESCAPE)
            self.button(
                pygame.Rect(2 * em, rect.bottom - 2 * em - bh, button_width(self.app, [back_text]), bh),
                back_text,
                self.back,
            )
            return
        setup = level.roles.get(self.role)
        names = placeholder_names(level, self.role, 1, lang, None)
        city = self.t.pick(level.city.name)

        margin = 2 * em
        area = rect.inflate(-2 * margin, -2 * margin)
        if area.width > 100 * em:  # long lines are hard to read on wide screens
            area.inflate_ip(100 * em - area.width, 0)
        head = fitting_label(
            self,
            pygame.Rect(area.x, area.y, area.width, int(em * 2.2)),
            t("menus.briefing_heading", role=self.t.pick(setup.title), city=city),
            kind="heading",
        )
        turns = self.turns or level.turns
        years = self.t.number(turns / 4, 0 if turns % 4 == 0 else 1)
        facts = t("menus.briefing_facts", length=t("setup.turns", turns=turns, years=years), seed=self.seed)
        facts_rect = fitting_label(
            self,
            pygame.Rect(area.x, head.bottom, area.width, int(em * 1.8)),
            facts,
            kind="muted",
            tooltip=t("menus.seed_tip"),
        )
        top = facts_rect.bottom + em // 2
        bottom = area.bottom - bh - em
        col_gap = 2 * em
        left_w = (area.width - col_gap) * 11 // 20
        right_x = area.x + left_w + col_gap
        right_w = area.right - right_x

        # left: the task and objectives (scrolls), then how to play (always in view)
        how = "<br>".join(markup(t(f"menus.how_{i}")) for i in (1, 2, 3))
        how_html = f"<b>{markup(t('menus.how_to_play'))}</b><br>{how}"
        wrap = box_text_width(self.app, left_w)
        how_lines = 1 + sum(wrapped_lines(self.app, t(f"menus.how_{i}"), wrap) for i in (1, 2, 3))
        how_h = min((bottom - top) // 2, text_box_height(self.app, how_lines))
        task_h = bottom - top - how_h - em
        objectives = "".join(f"• {markup(render(o, lang, names))}<br>" for o in setup.objectives)
        task = (
            f"<b>{markup(t('menus.your_task'))}</b><br>{markup(render(setup.briefing, lang, names))}<br><br>"
            f"<b>{markup(t('menus.objectives'))}</b><br>{objectives}"
            f"<font color='{self.app.palette.muted}'>{markup(t('menus.objectives_note'))}</font>"
        )
        self.textbox(pygame.Rect(area.x, top, left_w, task_h), task)
        self.textbox(pygame.Rect(area.x, top + task_h + em, left_w, how_h), how_html)

        # right: the city, its districts, and where the case comes from
        districts = []
        for d in level.districts:
            kind_key = f"menus.kind.{d.kind}"
            kind = t(kind_key) if self.t.has(kind_key) else d.kind
            districts.append(
                f"<b>{markup(t('menus.district_heading', name=self.t.pick(d.name), kind=kind))}</b>"
                f"<br>{markup(render(d.description, lang, names))}"
            )
        city_html = (
            f"<b>{markup(t('menus.the_city', city=city))}</b><br>{markup(render(level.summary, lang, names))}"
            f"<br><br>" + "<br><br>".join(districts) + f"<br><br><b>{markup(t('menus.sources'))}</b><br>"
            f"<font color='{self.app.palette.muted}'>{markup(self.t.pick(level.inspired_by))}</font>"
        )
        self.textbox(pygame.Rect(right_x, top, right_w, bottom - top), city_html)

        back_text = keyed(t, t("setup.back"), pygame.K_ESCAPE)
        begin_text, begin_key = keyed_action(t, t("menus.begin"), "begin")
        begin_w = button_width(self.app, [begin_text], 12 * em)
        back_w = button_width(self.app, [back_text], 10 * em)
        self.button(
            pygame.Rect(area.right - begin_w, area.bottom - bh, begin_w, bh),
            begin_text,
            self.begin,
            kind="primary",
            shortcut=begin_key,
            tooltip=t("menus.begin_tip"),
        )
        self.button(
            pygame.Rect(area.x, area.bottom - bh, back_w, bh), back_text, self.back, tooltip=t("menus.back_tip")
        )
        terms_text = keyed(t, t("glossary.title"), pygame.K_F1)
        terms_w = button_width(self.app, [terms_text])
        self.button(
            pygame.Rect(area.x + back_w + em, area.bottom - bh, terms_w, bh),
            terms_text,
            self.app.toggle_glossary,
            tooltip=t("glossary.open_tip"),
        )
        hint = t("menus.scroll_hint")
        left = back_w + em + terms_w
        room = pygame.Rect(area.x + left + em, area.bottom - bh, area.width - left - begin_w - 2 * em, bh)
        if text_width(self.app, hint, "small") < room.width:
            self.label(room, hint, kind="small")
        if self.focus_index is None:
            self.focus_index = 0

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_PAGEUP, pygame.K_PAGEDOWN):
            return scroll_text_boxes(self, 1 if event.key == pygame.K_PAGEDOWN else -1)
        return False

    def begin(self) -> None:
        self.app.new_game(self.level_id, self.role, self.seed)
        show_current(self.app)

    def back(self) -> None:
        if len(self.app.stack) > 1 and self.app.stack[-2].name == "setup":
            self.app.pop()
        else:
            self.app.replace("setup", self.level_id, self.role, str(self.seed))
