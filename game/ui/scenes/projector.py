"""Projector mode: a class-vote game on one projected screen (the session's mode "class_vote").

Text is the largest the window fits (App.projector). Screens:
  VoteCardScene   — the event card with lettered options (A, B, C…) and the class's vote: the teacher selects an
                    option by its letter (or ←/→), enters its count (digits, + / − or ↑/↓, Backspace), may Lock (L)
                    the tally and Reveal (R) the bars and percentages (hidden until then, so the class is not
                    swayed); Adopt (Enter) takes the majority — on a tie the teacher picks — or Pick (K) adopts the
                    selected option directly (hands counted). The adopted option is shown; Enter goes on. The ballot
                    goes into the decision log (`votes`) with the adopted option. Pause (P) blanks the screen;
                    Debrief (D) ends the game for the debrief, after a confirmation.
  PauseScene      — a blank "paused" card; P, Esc or Enter resumes.
  ConfirmDebriefScene — "end the game now and go to the debrief?"
  ProjectorDebriefScene — the debrief in six phases, one per page (keys 1–6, ←/→): what happened (the class's
                    choices as a timeline), how the class split on each vote, outcomes, the paper's dynamics, what
                    if (one voted turn replayed with the runner-up option), questions for discussion.
The vote state lives in game.ui.vote (pure, tested without pygame).
"""

from __future__ import annotations

import threading

import pygame

from game.events.world import placeholder_names, render
from game.runs.whatif import whatif
from game.session import meaning
from game.ui import classgame, refusal_text
from game.ui.flow import show_current
from game.ui.scene import Scene, scroll_box
from game.ui.scenes.debrief import (
    DebriefScene,
    district_outcomes,
    dynamics,
    pct,
    question_keys,
    questions_html,
)
from game.ui.texts import markup
from game.ui.vote import LETTERS, Vote, letter
from game.ui.widgets import button_width, fit, fitting_label, keyed

DIGIT_KEYS = {pygame.K_0 + i: i for i in range(10)} | {pygame.K_KP0 + i: i for i in range(10)}
PLUS_KEYS = (pygame.K_PLUS, pygame.K_EQUALS, pygame.K_KP_PLUS, pygame.K_UP)
MINUS_KEYS = (pygame.K_MINUS, pygame.K_KP_MINUS, pygame.K_DOWN)
ENTER_KEYS = (pygame.K_RETURN, pygame.K_KP_ENTER)
BAR_CELLS = 20  # the text bars of the debrief's split page


def flow_buttons(scene: Scene, area: pygame.Rect, items: list[tuple], bh: int) -> int:
    """Lay buttons (label, action, key, kind, tip, enabled) left to right, wrapping to more rows from the bottom
    of `area` up; returns the top of the first row."""
    em = scene.app.em
    widths = [min(area.width, button_width(scene.app, [it[0]])) for it in items]
    rows, row, used = [], [], 0
    for it, w in zip(items, widths, strict=True):
        if row and used + em // 2 + w > area.width:
            rows.append(row)
            row, used = [], 0
        row.append((it, w))
        used += (em // 2 if used else 0) + w
    if row:
        rows.append(row)
    top = area.bottom - len(rows) * bh - (len(rows) - 1) * (em // 3)
    y = top
    for row in rows:
        x = area.x
        for (label, action, key, kind, tip, enabled), w in row:
            scene.button(pygame.Rect(x, y, w, bh), label, action, shortcut=key, kind=kind, tooltip=tip, enabled=enabled)
            x += w + em // 2
        y += bh + em // 3
    return top


# --- the vote card ------------------------------------------------------------------------------------------------


class VoteCardScene(Scene):
    modal = True
    name = "vote_card"

    def __init__(self, app):
        super().__init__(app)
        self.vote: Vote | None = None
        self.occ = None
        self.card = pygame.Rect(0, 0, 0, 0)
        self.painted: list[tuple[str, pygame.Rect, str, bool, str, str]] = []  # text, box, kind, bold, colour, align
        self.bars: list[tuple[pygame.Rect, str]] = []  # the count area of each option row, and its option id
        self.body = None
        self._make_vote()

    def _make_vote(self) -> None:
        play = self.app.play
        occ = play.pending if play is not None else None
        if occ is not None and occ is not self.occ:
            self.occ = occ
            self.vote = Vote(
                occ.event.id, occ.district, [s.option.id for s in occ.options], [s.enabled for s in occ.options]
            )

    @property
    def debrief_key(self) -> tuple[int, int]:
        """D ends the game for the debrief; Shift+D when a fourth option already takes the letter D."""
        many = self.vote is not None and len(self.vote.options) > LETTERS.index("D")
        return pygame.K_d, (pygame.KMOD_SHIFT if many else 0)

    # layout

    def build(self, rect: pygame.Rect) -> None:
        self.painted, self.bars = [], []
        self._make_vote()
        play = self.app.play
        occ, vote = self.occ, self.vote
        if occ is None or vote is None:
            return
        em, t = self.app.em, self.t
        lang = t.lang
        pal = self.app.palette
        self.card = rect.inflate(-em, -em)
        inner = self.card.inflate(-2 * em, -2 * em)
        level = play.session.level
        place = level.districts[occ.district].name.get(lang) if occ.district is not None else level.city.name.get(lang)
        meta = t("projector.meta", place=place, turn=play.turn, turns=play.session.turns)
        title = occ.title(lang, play.world)
        small, title_font = self.app.font("small"), self.app.font("card_title", True)
        meta_h = _wrapped(small, meta, inner.width)
        title_h = _wrapped(title_font, title, inner.width)
        y = inner.y
        self.painted.append((meta, pygame.Rect(inner.x, y, inner.width, meta_h), "small", False, pal.muted, "left"))
        y += meta_h + 2
        self.painted.append(
            (title, pygame.Rect(inner.x, y, inner.width, title_h), "card_title", True, pal.text, "left")
        )
        y += title_h + em // 2

        bh = int(em * 2.2)
        buttons_top = flow_buttons(self, inner, self.controls(), bh)
        # the status line over the buttons, then the options, then the text takes what is left
        status, status_colour = self.status()
        status_h = _wrapped(self.app.font("body", True), status, inner.width)
        status_rect = pygame.Rect(inner.x, buttons_top - em // 2 - status_h, inner.width, status_h)
        self.painted.append((status, status_rect, "body", True, status_colour, "left"))
        row_h = bh + max(4, em // 4)
        help_text = t("projector.keys", last=letter(len(vote.options) - 1))
        help_h = _wrapped(small, help_text, inner.width)
        options_h = len(vote.options) * row_h + help_h + em // 3
        options_top = status_rect.y - em // 2 - options_h
        text_h = max(int(em * 3), options_top - em // 2 - y)
        self.body = self.textbox(pygame.Rect(inner.x, y, inner.width, text_h), self.body_html(), kind="card")
        oy = y + text_h + em // 2
        self.painted.append(
            (help_text, pygame.Rect(inner.x, oy, inner.width, help_h), "small", False, pal.muted, "left")
        )
        oy += help_h + em // 3
        label_w = int(inner.width * 0.6)
        body = self.app.font("body", True)
        for i, state in enumerate(occ.options[: len(LETTERS)]):
            oid = state.option.id
            label = t.pick(state.option.label)
            key = "projector.option_adopted" if vote.adopted == oid else "projector.option"
            text = fit(body, t(key, letter=letter(i), label=label), label_w - 2 * em)
            chosen = (i == vote.selected and not vote.done) or vote.adopted == oid
            tip = label
            if state.option.stakes is not None:
                tip += "\n" + t("event.stakes", stakes=t.pick(state.option.stakes))
            if not state.enabled and (reason := refusal_text.option_closed(play.content, t, state)):
                tip += "\n" + t("event.unavailable", reason=reason)
            self.button(
                pygame.Rect(inner.x, oy, label_w, bh),
                text,
                lambda i=i: self.select(i),
                kind="chosen" if chosen else "row",
                enabled=state.enabled,
                tooltip=tip,
            )
            self.bars.append((pygame.Rect(inner.x + label_w + em, oy, inner.width - label_w - em, bh), oid))
            oy += row_h
        if self.focus_index is None:
            self.focus_index = 0

    def controls(self) -> list[tuple]:
        """The teacher's buttons: (label, action, key, kind, tooltip, enabled)."""
        t, vote = self.t, self.vote
        items = []
        if vote.done or not vote.any_open:
            items.append(
                (
                    t("projector.continue", key="Enter"),
                    self.go_on,
                    pygame.K_RETURN,
                    "primary",
                    t("projector.continue_tip"),
                    True,
                )
            )
        else:
            items += [
                (t("projector.adopt", key="Enter"), self.adopt, None, "primary", t("projector.adopt_tip"), True),
                (
                    t("projector.pick", key="K", letter=letter(vote.selected)),
                    self.pick,
                    pygame.K_k,
                    None,
                    t("projector.pick_tip"),
                    True,
                ),
                (
                    t("projector.unlock" if vote.locked else "projector.lock", key="L"),
                    self.lock,
                    pygame.K_l,
                    "chosen" if vote.locked else None,
                    t("projector.lock_tip"),
                    True,
                ),
                (
                    t("projector.hide" if vote.revealed else "projector.reveal", key="R"),
                    self.reveal,
                    pygame.K_r,
                    "chosen" if vote.revealed else None,
                    t("projector.reveal_tip"),
                    True,
                ),
            ]
        key, mod = self.debrief_key
        items += [
            (t("projector.pause", key="P"), self.pause, pygame.K_p, None, t("projector.pause_tip"), True),
            (
                t("projector.debrief", key="Shift+D" if mod else "D"),
                self.debrief,
                None if mod else key,
                None,
                t("projector.debrief_tip"),
                True,
            ),
        ]
        return items

    def status(self) -> tuple[str, str]:
        t, vote, pal = self.t, self.vote, self.app.palette
        if not vote.any_open:
            return t("projector.no_choice"), pal.text
        if vote.done:
            i = vote.index_of(vote.adopted)
            label = t.pick(self.occ.options[i].option.label)
            return (
                t(
                    f"projector.adopted.{vote.source}",
                    letter=letter(i),
                    label=label,
                    votes=vote.tally[vote.adopted],
                    total=vote.total,
                ),
                pal.good,
            )
        if vote.tied:
            tied = ", ".join(letter(vote.index_of(o)) for o in vote.tied)
            key = "projector.tie_none" if vote.total == 0 else "projector.tie"
            return t(key, options=tied), pal.bad
        parts = [t("projector.shown" if vote.revealed else "projector.hidden", total=vote.total)]
        if vote.locked:
            parts.append(t("projector.locked"))
        return " · ".join(parts), pal.text

    def body_html(self) -> str:
        play, t, pal = self.app.play, self.t, self.app.palette
        occ = self.occ
        parts = [markup(occ.text(t.lang, play.world))]
        if occ.event.paper:
            cite = t("ecard.paper", section=t.paper(occ.event.paper))
            parts.append(f"<font color='{pal.muted}'>{markup(cite)}</font>")
        lines = []
        for i, state in enumerate(occ.options[: len(LETTERS)]):
            line = f"<b>{markup(t('projector.option', letter=letter(i), label=t.pick(state.option.label)))}</b>"
            if state.option.stakes is not None:
                line += f"<br>{markup(t('event.stakes', stakes=t.pick(state.option.stakes)))}"
            if not state.enabled:
                reason = refusal_text.option_closed(play.content, t, state)
                line += (
                    f"<br><font color='{pal.bad}'>"
                    f"{markup(t('event.unavailable', reason=reason or t('ecard.no_reason')))}</font>"
                )
            lines.append(line)
        parts.append("<br>".join(lines))
        return "<br><br>".join(parts)

    # drawing

    def draw(self, surface: pygame.Surface) -> None:
        if not self.card.width or self.vote is None:
            return
        pal, em = self.app.palette, self.app.em
        pygame.draw.rect(surface, pal.panel, self.card, border_radius=10)
        pygame.draw.rect(surface, pal.border, self.card, width=2, border_radius=10)
        band = pygame.Rect(self.card.x, self.card.y, 8, self.card.height).inflate(0, -16)
        pygame.draw.rect(surface, pal.accent, band, border_radius=3)
        for text, box, kind, bold, colour, align in self.painted:
            self.paint_text(surface, text, box, kind=kind, bold=bold, colour=colour, align=align, wrap=True)
        vote = self.vote
        body = self.app.font("body", True)
        t = self.t
        # one width for every row's count, so the bars line up
        samples = (
            t("projector.count_shown", count=888, percent="100%"),
            t("projector.count_typing", count=888),
            t("projector.count_hidden"),
        )
        widest = max(body.size(x)[0] for x in samples) + em // 2
        for box, oid in self.bars:
            i = vote.index_of(oid)
            if not vote.open[i]:
                continue
            count = vote.tally[oid]
            if vote.revealed:
                text = self.t("projector.count_shown", count=count, percent=pct(vote.share(oid)))
            elif i == vote.selected and not vote.done:
                text = self.t("projector.count_typing", count=count)
            else:
                text = self.t("projector.count_hidden")
            text_w = min(box.width, max(widest, body.size(text)[0] + em // 2))
            bar = pygame.Rect(box.x, box.y + box.height // 4, box.width - text_w - em // 2, box.height // 2)
            if vote.revealed and bar.width > 2 * em:
                pygame.draw.rect(surface, pal.panel_alt, bar)
                filled = bar.copy()
                filled.width = round(bar.width * vote.share(oid))
                if filled.width:
                    pygame.draw.rect(surface, pal.good if vote.adopted == oid else pal.accent, filled)
                pygame.draw.rect(surface, pal.border, bar, width=1)
            self.paint_text(
                surface, text, pygame.Rect(box.right - text_w, box.y, text_w, box.height), bold=True, align="right"
            )

    # input

    def key(self, event: pygame.event.Event) -> bool:
        vote = self.vote
        if vote is None:
            return super().key(event)
        k, mod = event.key, event.mod
        name = pygame.key.name(k).upper() if pygame.K_a <= k <= pygame.K_z else ""
        debrief_key, debrief_mod = self.debrief_key
        if k == debrief_key and (not debrief_mod or mod & pygame.KMOD_SHIFT):
            self.debrief()
            return True
        if name and name in LETTERS and LETTERS.index(name) < len(vote.options) and not mod & pygame.KMOD_CTRL:
            return self._changed(vote.select_letter(name), rebuild=True)
        if k in DIGIT_KEYS:
            return self._changed(vote.type_digit(DIGIT_KEYS[k]))
        if k == pygame.K_BACKSPACE:
            return self._changed(vote.erase_digit())
        if k in PLUS_KEYS or (k == pygame.K_EQUALS and mod & pygame.KMOD_SHIFT):
            return self._changed(vote.bump(1))
        if k in MINUS_KEYS:
            return self._changed(vote.bump(-1))
        if k in (pygame.K_LEFT, pygame.K_RIGHT):
            return self._changed(vote.move(1 if k == pygame.K_RIGHT else -1), rebuild=True)
        if k in ENTER_KEYS:
            if vote.done or not vote.any_open:
                self.go_on()
            else:
                self.adopt()
            return True
        if k in (pygame.K_PAGEUP, pygame.K_PAGEDOWN):
            scroll_box(self.body, 1 if k == pygame.K_PAGEDOWN else -1)
            self.app.dirty = True
            return True
        return super().key(event)

    def _changed(self, changed: bool, rebuild: bool = False) -> bool:
        if changed:
            if rebuild:
                self.rebuild()
            self.app.dirty = True
        return True

    def select(self, index: int) -> None:
        self._changed(self.vote.select(index), rebuild=True)

    def adopt(self) -> None:
        self.vote.adopt_majority()
        self.rebuild()

    def pick(self) -> None:
        self.vote.pick()
        self.rebuild()

    def lock(self) -> None:
        self._changed(self.vote.toggle_lock(), rebuild=True)

    def reveal(self) -> None:
        self._changed(self.vote.toggle_reveal(), rebuild=True)

    def go_on(self) -> None:
        play, vote = self.app.play, self.vote
        if play is None or play.pending is None:
            return
        if vote is not None and vote.done:
            play.answer(vote.adopted, ballot=vote.record())
        elif vote is None or not vote.any_open:
            play.answer(None)
        else:
            return
        show_current(self.app)

    def pause(self) -> None:
        self.app.push(PauseScene(self.app))

    def debrief(self) -> None:
        self.app.push(ConfirmDebriefScene(self.app))

    def back(self) -> None:
        self.pause()


def _wrapped(font: pygame.font.Font, text: str, width: int) -> int:
    if not text:
        return 0
    return font.render(text, True, (0, 0, 0), None, max(8, width)).get_height()


# --- pause and the confirmation ---------------------------------------------------------------------------------


class PauseScene(Scene):
    """The screen blanked to a "paused" card, so the class looks up from the projection."""

    name = "pause"

    def build(self, rect: pygame.Rect) -> None:
        em, t = self.app.em, self.t
        text = keyed(t, t("projector.resume"), pygame.K_p)
        w = button_width(self.app, [text], 14 * em)
        bh = int(em * 2.6)
        self.button(
            pygame.Rect(rect.centerx - w // 2, rect.centery + 3 * em, w, bh),
            text,
            self.resume,
            kind="primary",
            shortcut=pygame.K_p,
            tooltip=t("projector.resume_tip"),
        )
        self.focus_index = 0

    def draw(self, surface: pygame.Surface) -> None:
        rect, em = self.rect, self.app.em
        title = self.t("projector.paused")
        h = self.app.font("title", True).get_linesize()
        self.paint_text(
            surface,
            title,
            pygame.Rect(rect.x + em, rect.centery - 3 * em - h // 2, rect.width - 2 * em, h),
            kind="title",
            bold=True,
            align="center",
        )
        note = self.t("projector.paused_note")
        nh = _wrapped(self.app.font("body"), note, rect.width - 4 * em)
        self.paint_text(
            surface,
            note,
            pygame.Rect(rect.x + 2 * em, rect.centery - em, rect.width - 4 * em, nh),
            colour=self.app.palette.muted,
            align="center",
            wrap=True,
        )

    def resume(self) -> None:
        self.app.pop()

    def back(self) -> None:
        self.resume()

    def key(self, event: pygame.event.Event) -> bool:
        if event.key in ENTER_KEYS:
            self.resume()
            return True
        return super().key(event)


class ConfirmDebriefScene(Scene):
    modal = True
    name = "confirm_debrief"

    def build(self, rect: pygame.Rect) -> None:
        em, t = self.app.em, self.t
        yes = keyed(t, t("projector.confirm_yes"), pygame.K_y)
        no = keyed(t, t("projector.confirm_no"), pygame.K_ESCAPE)
        bh = int(em * 2.4)
        w = min(rect.width - 4 * em, 50 * em)
        text = t("projector.confirm_text", done=len(self.app.play.session.records), turns=self.app.play.session.turns)
        body_h = _wrapped(self.app.font("body"), text, w - 4 * em) + em
        box = pygame.Rect(0, 0, w, 2 * em + int(em * 2.4) + body_h + bh + 2 * em)
        box.center = rect.center
        self.panel(box)
        inner = box.inflate(-2 * em, -2 * em)
        head = fitting_label(
            self,
            pygame.Rect(inner.x, inner.y, inner.width, int(em * 2.2)),
            t("projector.confirm_title"),
            kind="heading",
        )
        self.textbox(
            pygame.Rect(inner.x, head.bottom, inner.width, inner.bottom - bh - em // 2 - head.bottom),
            markup(text),
            kind="plain",
        )
        yw, nw = button_width(self.app, [yes]), button_width(self.app, [no])
        self.button(
            pygame.Rect(inner.right - yw, inner.bottom - bh, yw, bh),
            yes,
            self.confirm,
            kind="primary",
            shortcut=pygame.K_y,
        )
        self.button(
            pygame.Rect(inner.right - yw - em - nw, inner.bottom - bh, nw, bh), no, self.back, shortcut=pygame.K_n
        )
        self.focus_index = 1

    def confirm(self) -> None:
        self.app.play.stop()
        show_current(self.app)

    def back(self) -> None:
        self.app.pop()


# --- the projector debrief -----------------------------------------------------------------------------------------

PHASES = ("happened", "split", "outcomes", "dynamics", "whatif", "questions")
PHASE_KEYS = tuple(pygame.K_1 + i for i in range(len(PHASES)))


def closest_vote(ballots: dict[int, list[dict]], turns: int) -> tuple[int, dict, str] | None:
    """The vote the class was most divided on (the smallest lead of the adopted option over the runner-up, the
    latest such vote on a tie), and the runner-up option: (turn, vote, runner-up option id)."""
    best = None
    for turn in sorted(ballots):
        if turn > turns:
            continue
        for vote in ballots[turn]:
            adopted = vote.get("adopted")
            others = sorted(((n, o) for o, n in vote["tally"].items() if o != adopted), reverse=True)
            if adopted is None or not others:
                continue
            lead = vote["tally"].get(adopted, 0) - others[0][0]
            if best is None or lead <= best[0]:
                best = (lead, turn, vote, others[0][1])
    return None if best is None else best[1:]


class ProjectorDebriefScene(DebriefScene):
    name = "projector_debrief"

    def __init__(self, app):
        super().__init__(app)
        self.phase = 0
        self.whatif_state: dict = {}  # "thread", "result", "error", "target"
        self.chart_kind = ""

    def enter(self) -> None:
        play = self.app.play
        if play is None:
            return
        from game.runs.comparison import player_metrics

        self.mine = player_metrics(play.session)
        self.outcomes = district_outcomes(play)
        self.found = dynamics(play, self.mine)
        self.comparer = None  # the projector debrief does not compare with simulated games

    @property
    def played(self) -> int:
        return len(self.app.play.session.records) if self.app.play else 0

    def update(self, dt: float) -> bool:
        thread = self.whatif_state.get("thread")
        if thread is not None and not thread.is_alive():
            self.whatif_state["thread"] = None
            if PHASES[self.phase] == "whatif":
                self.rebuild()
            return True
        return False

    # layout

    def build(self, rect: pygame.Rect) -> None:
        em, t = self.app.em, self.t
        self.body = None
        self.chart_rect = self.caption_rect = self.note_rect = self.progress_rect = self.subtitle_rect = None
        self.summary = None
        self.chart_kind = ""
        area = rect.inflate(-2 * em, -2 * em)
        play = self.app.play
        y = area.y
        head_h = self.app.font("heading", True).get_linesize() + em // 3
        self.label(pygame.Rect(area.x, y, area.width, head_h), t("projector.debrief_title"), kind="heading")
        y += head_h
        bh = int(em * 2.2)
        bottom = flow_buttons(self, area, self.bottom_items(), bh)
        if play is None:
            return
        session = play.session
        sub = t(
            "projector.debrief_subtitle",
            city=t.pick(session.level.city.name),
            role=t.pick(session.level.roles.get(session.role).title),
            played=self.played,
            turns=session.turns,
        )
        self.subtitle = sub
        self.subtitle_rect = pygame.Rect(area.x, y, area.width, self.wrapped_height(sub, area.width))
        y = self.subtitle_rect.bottom + em // 2
        labels = [t(f"projector.phase.{name}", key=str(i + 1)) for i, name in enumerate(PHASES)]
        bold = self.app.font("body", True)
        gap = em // 3
        per_row = len(PHASES)
        tw = max(bold.size(s)[0] for s in labels) + 2 * em
        while per_row > 1 and per_row * tw + (per_row - 1) * gap > area.width:
            per_row = (per_row + 1) // 2 if per_row > 3 else per_row - 1
        tw = min(tw, (area.width - gap * (per_row - 1)) // per_row)
        for i, (name, text) in enumerate(zip(PHASES, labels, strict=True)):
            row, col = divmod(i, per_row)
            self.button(
                pygame.Rect(area.x + col * (tw + gap), y + row * (bh + gap), tw, bh),
                text,
                lambda i=i: self.show(i),
                tooltip=t(f"projector.phase.{name}_tip"),
                shortcut=PHASE_KEYS[i],
                kind="chosen" if i == self.phase else None,
            )
        rows = -(-len(PHASES) // per_row)
        y += rows * (bh + gap) + em // 2
        body = pygame.Rect(area.x, y, area.width, bottom - em // 2 - y)
        getattr(self, f"_phase_{PHASES[self.phase]}")(body)
        if self.focus_index is None:
            self.focus_index = len(self.focusables) - len(PHASES) + self.phase

    def bottom_items(self) -> list[tuple]:
        t = self.t
        items = [
            (
                keyed(t, t("classroom.export"), pygame.K_x),
                self.export,
                pygame.K_x,
                None,
                t("classroom.export_tip"),
                self.app.play is not None and self.app.play.classroom is not None,
            ),
            (
                t("debrief.history", key="H"),
                self.history,
                pygame.K_h,
                None,
                t("debrief.history_tip"),
                self.app.play is not None,
            ),
            (t("debrief.to_title", key="T"), self.to_title, pygame.K_t, "primary", t("debrief.to_title_tip"), True),
        ]
        return items

    def _text_and_chart(self, body: pygame.Rect, html: str, chart: str) -> None:
        if chart and self._room_for_chart(body):
            left, right = self._split(body)
            self.body = self.textbox(left, html, kind="card")
            self.chart_rect = right
            self.chart_kind = chart
        else:
            width = min(body.width, 80 * self.app.em)
            self.body = self.textbox(pygame.Rect(body.x, body.y, width, body.height), html, kind="card")

    def _phase_happened(self, body: pygame.Rect) -> None:
        self._text_and_chart(body, self.timeline_html(), "fear_vs_crime")

    def _phase_split(self, body: pygame.Rect) -> None:
        self._text_and_chart(body, self.split_html(), "")

    def _phase_outcomes(self, body: pygame.Rect) -> None:
        self._text_and_chart(body, self.districts_html(), "by_kind")

    def _phase_dynamics(self, body: pygame.Rect) -> None:
        self._text_and_chart(body, self.dynamics_html(), "")

    def _phase_whatif(self, body: pygame.Rect) -> None:
        self._text_and_chart(body, self.whatif_html(), "")

    def _phase_questions(self, body: pygame.Rect) -> None:
        self._text_and_chart(body, self.class_questions_html(), "")

    # texts

    def option_label(self, event_id: str, option_id: str | None) -> tuple[str, str]:
        """(letter, label) of an option of an event."""
        event = self.app.play.content.events.get(event_id)
        if event is None or option_id is None:
            return "", option_id or ""
        for i, option in enumerate(event.options):
            if option.id == option_id:
                return letter(i), self.t.pick(option.label)
        return "", option_id

    def title_of(self, turn: int, event_id: str, district) -> str:
        play = self.app.play
        session = play.session
        event = play.content.events.get(event_id)
        if event is None:
            return event_id
        if isinstance(district, str):
            ids = list(session.world.district_ids)
            district = ids.index(district) if district in ids else None
        lang = self.t.lang
        return render(event.title, lang, placeholder_names(session.level, session.role, turn, lang, district))

    def votes_of(self, turn: int) -> list[dict]:
        return self.app.play.ballots.get(turn, [])

    def timeline_html(self) -> str:
        t, play = self.t, self.app.play
        content = play.content
        out = [markup(t("projector.timeline_intro"))]
        if not play.session.records:
            out.append(markup(t("projector.nothing_played")))
        for record in play.session.records:
            lines = [f"<b>{markup(t('projector.quarter', turn=record.turn))}</b>"]
            votes = {(v["event"], v["district"]): v for v in self.votes_of(record.turn)}
            ids = list(play.session.world.district_ids)
            for e in record.events:
                title = self.title_of(record.turn, e["event"], e.get("district"))
                if e.get("option") is None:
                    lines.append(f"• {markup(t('projector.event_no_choice', title=title))}")
                    continue
                mark, label = self.option_label(e["event"], e["option"])
                district = ids.index(e["district"]) if e.get("district") in ids else None
                vote = votes.get((e["event"], district))
                how = (
                    t(
                        f"projector.how.{vote['source']}",
                        votes=vote["tally"].get(e["option"], 0),
                        total=sum(vote["tally"].values()),
                    )
                    if vote
                    else ""
                )
                lines.append(f"• {markup(t('projector.event_choice', title=title, letter=mark, label=label, how=how))}")
            measures = []
            for c in record.commands:
                m = content.measures.get(c["measure"])
                name = t.pick(m.name) if m is not None else c["measure"]
                if c.get("district"):
                    d = next((x for x in play.session.level.districts if x.id == c["district"]), None)
                    name = t("projector.measure_in", measure=name, district=t.pick(d.name) if d else c["district"])
                measures.append(name)
            lines.append(
                markup(
                    t("projector.measures", measures="; ".join(measures) if measures else t("projector.no_measures"))
                )
            )
            out.append("<br>".join(lines))
        return "<br><br>".join(out)

    def split_html(self) -> str:
        t, pal = self.t, self.app.palette
        out = [markup(t("projector.split_intro"))]
        closest = closest_vote(self.app.play.ballots, self.played)
        any_vote = False
        for turn in range(1, self.played + 1):
            for vote in self.votes_of(turn):
                any_vote = True
                total = sum(vote["tally"].values())
                head = t(
                    "projector.split_head",
                    turn=turn,
                    title=self.title_of(turn, vote["event"], vote["district"]),
                    total=total,
                )
                lines = [f"<b>{markup(head)}</b>"]
                for option, count in vote["tally"].items():
                    mark, label = self.option_label(vote["event"], option)
                    share = count / total if total else 0.0
                    cells = round(share * BAR_CELLS)
                    bar = "█" * cells + "░" * (BAR_CELLS - cells)
                    text = t("projector.split_row", letter=mark, label=label, count=count, percent=pct(share))
                    row = f"<font color='{pal.accent}'>{bar}</font> {markup(text)}"
                    if option == vote.get("adopted"):
                        adopted = t(f"projector.split_adopted.{vote['source']}")
                        row = f"<b>{row} {markup(adopted)}</b>"
                    lines.append(row)
                if closest is not None and closest[0] == turn and closest[1] is vote:
                    lines.append(f"<font color='{pal.muted}'>{markup(t('projector.split_closest'))}</font>")
                out.append("<br>".join(lines))
        if not any_vote:
            out.append(markup(t("projector.no_votes")))
        return "<br><br>".join(out)

    def whatif_html(self) -> str:
        t, pal = self.t, self.app.palette
        target = closest_vote(self.app.play.ballots, self.played)
        prompt = markup(t("projector.whatif_prompt"))
        if target is None:
            return f"{markup(t('projector.whatif_intro'))}<br><br>{prompt}<br><br>{markup(t('projector.no_votes'))}"
        turn, vote, other = target
        title = self.title_of(turn, vote["event"], vote["district"])
        a_mark, a_label = self.option_label(vote["event"], vote["adopted"])
        b_mark, b_label = self.option_label(vote["event"], other)
        head = t(
            "projector.whatif_head",
            turn=turn,
            title=title,
            letter=a_mark,
            label=a_label,
            other=b_mark,
            other_label=b_label,
        )
        out = [markup(t("projector.whatif_intro")), f"<b>{markup(head)}</b>"]
        state = self.whatif_state
        if state.get("target") != (turn, vote["event"], other):
            self.start_whatif(turn, vote["event"], other)
        if state.get("thread") is not None:
            out.append(f"<font color='{pal.muted}'>{markup(t('projector.whatif_running'))}</font>")
        elif state.get("error"):
            out.append(f"<font color='{pal.muted}'>{markup(t('projector.whatif_unavailable'))}</font>")
        elif state.get("result") is not None:
            out.append(self.whatif_table(state["result"], b_mark))
        out.append(prompt)
        return "<br><br>".join(out)

    def whatif_table(self, result, other: str) -> str:
        t = self.t
        played = result.original.end
        instead = result.alternative.end
        rows = [markup(t("projector.whatif_columns", other=other))]
        for name in meaning.key_metrics(self.app.content):  # the debrief's key metrics, as content declares
            if name not in played or name not in instead:
                continue
            a, b = played[name], instead[name]
            shown_a, shown_b = self.format_metric(name, a), self.format_metric(name, b)
            arrow = "=" if shown_a == shown_b else "▲" if b > a else "▼"
            rows.append(
                markup(
                    t(
                        "projector.whatif_row",
                        name=t(f"debrief.metric.{name}.name"),
                        played=shown_a,
                        instead=shown_b,
                        arrow=arrow,
                    )
                )
            )
        first = result.first_difference()
        rows.append(markup(t("projector.whatif_same") if first is None else t("projector.whatif_first", turn=first)))
        return "<br>".join(rows)

    def start_whatif(self, turn: int, event_id: str, option_id: str) -> None:
        """Replay this game with the other option, in the background (two games of the model)."""
        state = self.whatif_state
        state.update(target=(turn, event_id, option_id), result=None, error="")
        play, app = self.app.play, self.app
        log_path = app.log.path if app.log is not None else None
        if log_path is None:
            state["error"] = "no log"
            return

        def run() -> None:
            from types import SimpleNamespace

            from game.session.log import read_log

            try:
                found = read_log(log_path)
                log = SimpleNamespace(path=log_path, header=found.header, turns=found.turns, group=play.group or "")
                state["result"] = whatif(play.content, log, turn, event_id, option_id)
            except Exception as exc:  # shown as "not available": never a crash of the debrief
                state["error"] = str(exc) or type(exc).__name__
            app.dirty = True

        thread = threading.Thread(target=run, daemon=True)
        state["thread"] = thread
        thread.start()

    def whatif_ready(self) -> bool:
        thread = self.whatif_state.get("thread")
        return thread is None or not thread.is_alive()

    def class_questions_html(self) -> str:
        seen = [d.id for d in self.found if d.seen]
        keys = ["projector.q.minority", "projector.q.take_back", *question_keys(self.app.play.session.role, seen)[:4]]
        return questions_html(self.t, keys)

    # drawing

    def draw(self, surface: pygame.Surface) -> None:
        pal = self.app.palette
        if self.subtitle_rect is not None:
            self.paint_text(surface, self.subtitle, self.subtitle_rect, colour=pal.muted, wrap=True)
        if self.app.play is None or self.chart_rect is None:
            return
        if self.chart_kind == "by_kind":
            self.draw_by_kind(surface)
        elif self.chart_kind == "fear_vs_crime":
            self.draw_fear_vs_crime(surface)

    # input and actions

    def show(self, phase: int) -> None:
        if phase != self.phase:
            self.phase = phase
            self.focus_index = None
            self.rebuild()

    def pages(self) -> list[str]:
        return list(PHASES)

    def show_page(self, page: str) -> None:
        self.show(PHASES.index(page))

    def comparison_ready(self) -> bool:
        if not self.whatif_ready():
            return False
        self.update(0)
        return True

    def key(self, event: pygame.event.Event) -> bool:
        if event.key in (pygame.K_LEFT, pygame.K_RIGHT):
            self.show((self.phase + (1 if event.key == pygame.K_RIGHT else -1)) % len(PHASES))
            return True
        return super().key(event)

    def export(self) -> None:
        play = self.app.play
        if play is not None and play.classroom is not None:
            classgame.export_and_tell(self.app, play.classroom)

    def to_title(self) -> None:
        self.app.replace("title")
