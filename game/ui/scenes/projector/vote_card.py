"""VoteCardScene: the event card on the projector with the class's vote on its lettered options (the package's
docstring says how the teacher runs it; the vote itself is game.ui.vote's Vote).
"""

from __future__ import annotations

from collections.abc import Callable

import pygame

from game.ui import refusal_text
from game.ui.flow import show_current
from game.ui.scene import Scene, scroll_box
from game.ui.scenes.debrief.analysis import pct
from game.ui.scenes.projector import look, students, students_panel
from game.ui.scenes.projector.layout import ENTER_KEYS, flow_buttons, text_height
from game.ui.texts import markup
from game.ui.vote import LETTERS, Vote, letter
from game.ui.widgets import key_name, letter_key

DIGIT_KEYS = {pygame.K_0 + i: i for i in range(10)} | {pygame.K_KP0 + i: i for i in range(10)}
PLUS_KEYS = (pygame.K_PLUS, pygame.K_EQUALS, pygame.K_KP_PLUS, pygame.K_UP)
MINUS_KEYS = (pygame.K_MINUS, pygame.K_KP_MINUS, pygame.K_DOWN)


class VoteCardScene(look.Projected, Scene):
    modal = True
    name = "vote_card"

    def __init__(self, app):
        super().__init__(app)
        self.vote: Vote | None = None
        self.occ = None
        self.card = pygame.Rect(0, 0, 0, 0)
        self.painted: list[tuple[str, pygame.Rect, str, bool, str, str]] = []  # text, box, kind, bold, colour, align
        self.bars: list[tuple[pygame.Rect, str]] = []  # the count area of each option row, and its option id
        self.rows: list[tuple[pygame.Rect, str]] = []  # each option's row, and its option id
        self.status_rect = pygame.Rect(0, 0, 0, 0)
        self.painted_px: list[tuple[int, str]] = []
        self.body = None
        self.nobody = False  # Enter found no votes at all: the teacher decides (K) or the vote reopens (V)
        self.shifted: dict[
            int, Callable[[], None]
        ] = {}  # a button's letter that is also an option's: Shift+letter presses it
        self.showing_students = False  # the Students join panel (QR, address, code) in place of the card
        self._make_vote()

    def _make_vote(self) -> None:
        play = self.app.play
        occ = play.pending if play is not None else None
        if occ is not None and occ is not self.occ:
            self.occ = occ
            self.nobody = False
            self.vote = Vote(
                occ.event.id, occ.district, [s.option.id for s in occ.options], [s.enabled for s in occ.options]
            )

    # layout

    def build(self, rect: pygame.Rect) -> None:
        self.painted, self.bars, self.rows, self.painted_px = [], [], [], []
        self._make_vote()
        play = self.app.play
        occ, vote = self.occ, self.vote
        if occ is None or vote is None:
            return
        if self.showing_students and students.of(self.app) is not None:
            students_panel.build(self, rect)
            return
        look.use(self.app)
        em, t, app = look.px(self.app), self.t, self.app
        lang = t.lang
        pal = self.app.palette
        self.card = rect.inflate(-em // 2, -em // 2)
        inner = self.card.inflate(-em, -em // 2)
        inner.x += 4  # clear of the accent band
        inner.width -= 4
        level = play.session.level
        place = level.districts[occ.district].name.get(lang) if occ.district is not None else level.city.name.get(lang)
        meta = t("projector.meta", place=place, turn=play.turn, turns=play.session.turns)
        title = occ.title(lang, play.world)
        small, title_font = look.font(app, "small"), look.font(app, "card_title", True)
        meta_h = text_height(small, meta, inner.width)
        title_h = text_height(title_font, title, inner.width)
        y = inner.y
        self.painted.append((meta, pygame.Rect(inner.x, y, inner.width, meta_h), "small", False, pal.muted, "left"))
        y += meta_h
        self.painted.append(
            (title, pygame.Rect(inner.x, y, inner.width, title_h), "card_title", True, pal.text, "left")
        )
        y += title_h + em // 4

        bh = int(em * 1.8)
        buttons_top = flow_buttons(self, inner, self.controls(), bh, big=True)
        # the status line over the buttons (painted again each frame: the total is live), then the options, then
        # the keys' help when there is room, and the card's text takes what is left
        body = look.font(app, "body", True)
        status_h = max(text_height(body, s, inner.width) for s in self.status_samples())
        self.status_rect = pygame.Rect(inner.x, buttons_top - em // 4 - status_h, inner.width, status_h)
        count_w = self.count_width() + em // 2
        label_w = inner.width - count_w - em
        heights = []
        for i, state in enumerate(occ.options[: len(LETTERS)]):
            key = "projector.option_adopted" if vote.adopted == state.option.id else "projector.option"
            text = t(key, letter=letter(i), label=t.pick(state.option.label))
            heights.append((text, max(bh, text_height(body, text, label_w - em) + em // 2)))
        gap = max(4, em // 6)
        options_h = sum(h for _, h in heights) + gap * len(heights)
        options_top = self.status_rect.y - em // 4 - options_h
        help_text = t("projector.keys", last=letter(len(vote.options) - 1))
        help_h = text_height(small, help_text, inner.width)
        one_line = small.get_linesize() + em  # the card's text shows at least a line (and scrolls)
        # the keys' help only while the card's text keeps seven lines (not at 1024×768, where the text would show
        # five): without it, the keys are on the buttons and in their tips
        if options_top - help_h - y < max(one_line, 7 * look.font(app, "card").get_linesize()):
            help_h = 0
        text_h = max(one_line, options_top - help_h - y)
        self.body = self.textbox(pygame.Rect(inner.x, y, inner.width, text_h), self.body_html(), kind="proj_card")
        oy = y + text_h
        if help_h:
            self.painted.append(
                (help_text, pygame.Rect(inner.x, oy, inner.width, help_h), "small", False, pal.muted, "left")
            )
            oy += help_h
        for i, state in enumerate(occ.options[: len(LETTERS)]):
            oid = state.option.id
            label = t.pick(state.option.label)
            text, row_h = heights[i]
            tip = label
            if state.option.stakes is not None:
                tip += "\n" + t("event.stakes", stakes=t.pick(state.option.stakes))
            if not state.enabled and (reason := refusal_text.option_closed(play.content, t, state)):
                tip += "\n" + t("event.unavailable", reason=reason)
            row = pygame.Rect(inner.x, oy, label_w, row_h)
            self.button(row, "", lambda i=i: self.select(i), kind="proj_row", enabled=state.enabled, tooltip=tip)
            colour = pal.text if state.enabled else pal.muted
            self.rows.append((row, oid))
            self.painted.append((text, row.inflate(-em, -em // 2), "body", True, colour, "left"))
            self.bars.append((pygame.Rect(row.right + em, oy, inner.width - label_w - em, row_h), oid))
            oy += row_h + gap
        if self.focus_index is None:
            self.focus_index = 0

    def count_width(self) -> int:
        """One width for every row's count, so the bars line up."""
        t, body = self.t, look.font(self.app, "body", True)
        samples = (
            t("projector.count_shown", count=888, percent="100%"),
            t("projector.count_typing", count=888),
            t("projector.count_hidden"),
        )
        return max(body.size(x)[0] for x in samples)

    def status_samples(self) -> list[str]:
        """The status now and as it may read while the teacher types (a three-digit total)."""
        t, vote = self.t, self.vote
        now = self.status()[0]
        if vote.done or not vote.any_open or self.nobody_voted or vote.tied:
            return [now]
        reveal = self.shown_key("vote_reveal")
        parts = [t("projector.shown" if vote.revealed else "projector.hidden", total=888, key=reveal)]
        if vote.locked:
            parts.append(t("projector.locked"))
        if students.of(self.app) is not None:
            parts.append(t("students.projector.phones", voted=888, joined=888))
        return [now, " · ".join(parts)]

    def controls(self) -> list[tuple]:
        """The teacher's buttons: (label, action, key, kind, tooltip, enabled)."""
        t, vote = self.t, self.vote
        self.shifted = {}
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
        elif self.nobody_voted:
            chosen = letter(vote.selected)
            items += [
                self.control(
                    "projector.decide", "vote_decide", self.pick, "primary", "projector.decide_tip", letter=chosen
                ),
                self.control("projector.reopen", "vote_reopen", self.reopen, None, "projector.reopen_tip"),
            ]
        else:
            items += [
                (t("projector.adopt", key="Enter"), self.adopt, None, "primary", t("projector.adopt_tip"), True),
                self.control(
                    "projector.pick", "vote_pick", self.pick, None, "projector.pick_tip", letter=letter(vote.selected)
                ),
                self.control(
                    "projector.unlock" if vote.locked else "projector.lock",
                    "vote_lock",
                    self.lock,
                    "chosen" if vote.locked else None,
                    "projector.lock_tip",
                ),
                self.control(
                    "projector.hide" if vote.revealed else "projector.reveal",
                    "vote_reveal",
                    self.reveal,
                    "chosen" if vote.revealed else None,
                    "projector.reveal_tip",
                ),
            ]
        on = students.of(self.app) is not None
        items += [
            self.control(
                "students.projector.show_qr" if on else "students.projector.switch_on",
                "vote_students",
                self.show_students,
                "chosen" if on else None,
                "students.projector.show_qr_tip" if on else "students.projector.switch_tip",
            ),
            self.control("projector.pause", "vote_pause", self.pause, None, "projector.pause_tip"),
            self.control("projector.debrief", "vote_debrief", self.debrief, None, "projector.debrief_tip"),
        ]
        return items

    def vote_key(self, action: str) -> tuple[int, int]:
        """`action`'s letter (keys.<action>), with Shift when it is also one of this vote's options' letters (the
        letter alone selects that option): Debrief is D, or Shift+D when a fourth option takes the letter D."""
        key = letter_key(self.t, action)
        taken = self.vote is not None and pygame.key.name(key).upper() in LETTERS[: len(self.vote.options)]
        return key, (pygame.KMOD_SHIFT if taken else 0)

    def control(self, label: str, action: str, do, kind: str | None, tip: str, **values) -> tuple:
        """A button of `controls` whose letter is `action`'s; a shifted one is pressed through `shifted` (key)."""
        key, mod = self.vote_key(action)
        if mod:
            self.shifted[key] = do
        return (self.t(label, key=self.shown_key(action), **values), do, None if mod else key, kind, self.t(tip), True)

    def shown_key(self, action: str) -> str:
        """`action`'s key as its button shows it: "K", or "Shift+D" when D is an option's letter."""
        key, mod = self.vote_key(action)
        return ("Shift+" if mod else "") + key_name(self.t, key)

    def status(self) -> tuple[str, str]:
        t, vote, pal = self.t, self.vote, self.app.palette
        if not vote.any_open:
            return t("projector.no_choice"), pal.text
        if vote.done:
            i = vote.index_of(vote.adopted)
            label = t.pick(self.occ.options[i].option.label)
            source = "nobody" if vote.total == 0 else vote.source
            return (
                t(
                    f"projector.adopted.{source}",
                    letter=letter(i),
                    label=label,
                    votes=vote.tally[vote.adopted],
                    total=vote.total,
                ),
                pal.good,
            )
        if self.nobody_voted:
            return t(
                "projector.nobody", key=self.shown_key("vote_decide"), again=self.shown_key("vote_reopen")
            ), pal.bad
        if vote.tied:
            tied = ", ".join(letter(vote.index_of(o)) for o in vote.tied)
            return t("projector.tie", options=tied, key=self.shown_key("vote_pick")), pal.bad
        reveal = self.shown_key("vote_reveal")
        parts = [t("projector.shown" if vote.revealed else "projector.hidden", total=vote.total, key=reveal)]
        if vote.locked:
            parts.append(t("projector.locked"))
        if phones := students.presence_line(self.app):
            parts.append(phones)
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

    def update(self, dt: float) -> bool:
        """Each frame (a phone's vote wakes the window): its new votes into the tally, the teacher's state out."""
        return students.sync(self.app, self.occ, self.vote)

    def draw(self, surface: pygame.Surface) -> None:
        if not self.card.width or self.vote is None:
            return
        self.painted_px = []
        if self.showing_students and students.of(self.app) is not None:
            students_panel.draw(self, surface)
            return
        pal, em = self.app.palette, look.px(self.app)
        pygame.draw.rect(surface, pal.panel, self.card, border_radius=10)
        pygame.draw.rect(surface, pal.border, self.card, width=2, border_radius=10)
        band = pygame.Rect(self.card.x, self.card.y, 8, self.card.height).inflate(0, -16)
        pygame.draw.rect(surface, pal.accent, band, border_radius=3)
        vote = self.vote
        for row, oid in self.rows:
            i = vote.index_of(oid)
            chosen = (i == vote.selected and not vote.done) or vote.adopted == oid
            pygame.draw.rect(surface, pal.panel_alt if chosen else pal.button, row, border_radius=6)
            edge = pal.accent if chosen else pal.border
            pygame.draw.rect(surface, edge, row, width=3 if chosen else 1, border_radius=6)
        for text, box, kind, bold, colour, align in self.painted:
            self.paint_text(surface, text, box, kind=kind, bold=bold, colour=colour, align=align, wrap=True)
        status, status_colour = self.status()  # live: the total follows every digit typed
        self.paint_text(surface, status, self.status_rect, bold=True, colour=status_colour, wrap=True)
        body = look.font(self.app, "body", True)
        widest = self.count_width() + em // 2
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

    def letter_keys(self) -> dict[int, str]:
        if self.vote is None:
            return {}
        if self.showing_students and students.of(self.app) is not None:
            return {letter_key(self.t, "vote_students"): "back to the card"}
        return {pygame.key.key_code(letter(i).lower()): f"option {letter(i)}" for i in range(len(self.vote.options))}

    def key(self, event: pygame.event.Event) -> bool:
        vote = self.vote
        if vote is None:
            return super().key(event)
        k, mod = event.key, event.mod
        if self.showing_students and students_panel.key(self, event):
            return True
        if mod & pygame.KMOD_SHIFT and k in self.shifted and not mod & pygame.KMOD_CTRL:
            self.shifted[k]()  # a button whose letter is also an option's
            return True
        if k == letter_key(self.t, "vote_students") and not mod & pygame.KMOD_CTRL:
            self.show_students()
            return True
        name = pygame.key.name(k).upper() if pygame.K_a <= k <= pygame.K_z else ""
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

    @property
    def nobody_voted(self) -> bool:
        """Enter was pressed with no vote entered, and no vote has been entered since."""
        return self.nobody and self.vote is not None and self.vote.total == 0 and not self.vote.done

    def adopt(self) -> None:
        if self.vote.total == 0:  # nobody voted: not a tie of every option, the teacher decides or reopens
            self.nobody = True
        else:
            self.vote.adopt_majority()
        self.rebuild()

    def pick(self) -> None:
        vote = self.vote
        if vote.pick() is not None and vote.total == 0:
            vote.source, vote.tied = "teacher", []  # a vote nobody voted in is the teacher's decision, so logged
        self.rebuild()

    def reopen(self) -> None:
        """Nobody voted: open the round again, the tally unlocked and hidden, as at the start."""
        vote = self.vote
        self.nobody, vote.tied, vote.locked, vote.revealed = False, [], False, False
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
            students.sync(self.app, self.occ, vote)  # the last votes and the adoption reach the phones first
            play.answer(vote.adopted, ballot=vote.record())
        elif vote is None or not vote.any_open:
            play.answer(None)
        else:
            return
        students.answered(self.app)
        show_current(self.app)

    # Students join: S turns the server on and shows the panel (again, once on); the panel hides or turns it off

    def show_students(self) -> None:
        running = students.turn_on(self.app)
        if isinstance(running, str):
            self.app.say(running, 10)
            return
        self.showing_students = True
        self.rebuild()

    def hide_students(self) -> None:
        self.showing_students = False
        self.rebuild()

    def students_off(self) -> None:
        students.turn_off(self.app)
        self.hide_students()

    def pause(self) -> None:
        self.app.open("pause")

    def debrief(self) -> None:
        self.app.open("confirm_debrief")

    def back(self) -> None:
        self.pause()
