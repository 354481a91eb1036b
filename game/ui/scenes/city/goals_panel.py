"""The city screen's goals strip: the role's measurable objectives always in sight, under the top bar.

For each objective the level tracks (game.session.objectives.progress), a card: the objective as the level words
it (two lines at most, one in a short window; the whole of it on hover, or on Enter once Tab has reached the
card), the value's declared name with where it stands now and where it started, and last quarter's change as an
arrow, a signed figure and ✓ or ✗ in the colour of its meaning (never colour alone). In front of the cards, how
far the term has run: "Quarter 3 of 12" over one segment per quarter. Objectives without `track:` stay in the
briefing.

`goals` reads the game into plain `Goal`s (no pygame); GoalsPanel is mixed into CityScene: `build_goals` lays the
strip out into `goals_rect`, `goal_cards` and `term_rect`, and `paint_goals` paints it.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from game.session import meaning
from game.session.objectives import ObjectiveProgress, progress
from game.ui import indicators as ind
from game.ui.scenes.city.fitting import shorten, wrap
from game.ui.texts import Texts


@dataclass(frozen=True)
class Goal:
    text: str  # the objective as the level states it, in the player's language
    name: str  # the tracked value's declared name ("Criminal control")
    now: str  # where it stands, as the indicators write it
    start: str  # where it stood before the first quarter
    trend: str  # last quarter's change: "▼ −3 ✓", "= same", or "—" before any quarter is played
    verdict: str  # "good", "bad" or "neutral": the colour of the change
    tooltip: str  # everything, in words


def _shows_change(text: str) -> bool:
    """Whether a change, as written at the value's precision, is more than zero."""
    return any(c in "123456789" for c in text)


def _verdict(good_when: str, delta: float) -> str:
    return {True: "good", False: "bad", None: "neutral"}[meaning.judge(good_when, delta)]


def _where(play, t: Texts, p: ObjectiveProgress) -> str:
    if not p.districts or p.value.startswith("city."):
        return t("city.goal_where_city")
    names = {d.id: t.pick(d.name) for d in play.session.level.districts}
    return t("city.goal_where", districts=", ".join(names.get(d, d) for d in p.districts))


def goal(play, t: Texts, p: ObjectiveProgress) -> Goal:
    content = play.content
    unit = p.unit
    name = ind.label(content, p.value, t)
    now, start = ind.fmt(t, unit, p.now), ind.fmt(t, unit, p.start)
    words = {"good": t("city.trend_better"), "bad": t("city.trend_worse"), "neutral": ""}
    if p.played == 0:
        trend, verdict, last = "—", "neutral", t("city.trend_first")
    elif not _shows_change(ind.fmt_change(t, unit, p.trend)):
        trend, verdict = t("city.no_change"), "neutral"
        last = t("city.trend_same", old=ind.fmt(t, unit, p.previous))
    else:
        verdict = _verdict(p.good_when, p.trend)
        mark = {"good": " ✓", "bad": " ✗", "neutral": ""}[verdict]
        trend = f"{'▲' if p.trend > 0 else '▼'} {ind.fmt_change(t, unit, p.trend)}{mark}"
        last = t("city.trend_moved", old=ind.fmt(t, unit, p.previous), new=now, verdict=words[verdict]).rstrip()
    term = _verdict(p.good_when, p.change) if _shows_change(ind.fmt_change(t, unit, p.change)) else "neutral"
    direction = {meaning.HIGHER: "city.higher_better", meaning.LOWER: "city.higher_worse"}.get(
        p.good_when, "city.higher_mixed"
    )
    text = t.pick(p.text)
    lines = [
        text,
        "",
        t("city.goal_measured", name=name, where=_where(play, t, p)) + " " + ind.meaning(content, p.value, t),
        t(direction),
        t("city.goal_since", start=start, now=now, verdict=words[term]).rstrip(),
        last,
        t("city.goals_term_tip", played=p.played, turns=p.turns, left=ind.quarters(t, max(0, p.turns - p.played))),
    ]
    # the strip names the objective by its short form where the level gives one; the tooltip says it whole
    shown = t.pick(p.text.short) if p.text.short is not None else text
    return Goal(shown, name, now, start, trend, verdict, "\n".join(lines))


def goals(play, t: Texts) -> list[Goal]:
    """The role's tracked objectives as the strip shows them, in the level's order."""
    return [goal(play, t, p) for p in progress(play.session)]


class GoalsPanel:
    """The goals strip's part of CityScene (it uses the scene's `play`, `pad` and widget methods)."""

    def build_goals(self, rect: pygame.Rect) -> int:
        """The strip from `rect`'s top across its width; returns its bottom (`rect.y` when nothing is tracked)."""
        self.goal_cards: list[tuple[pygame.Rect, Goal]] = []
        self.goal_lines = 2
        self.goals_rect = pygame.Rect(rect.x, rect.y, rect.width, 0)
        self.term_rect = pygame.Rect(0, 0, 0, 0)
        shown = goals(self.play, self.t)
        if not shown:
            return rect.y
        em, pad = self.app.em, self.pad
        small, body, bold = self.app.font("small"), self.app.font("body"), self.app.font("body", True)
        # the objective's text in two lines when the window is tall for the text size, else one (the map needs room)
        self.goal_lines = 2 if self.rect.height >= 36 * body.get_linesize() else 1
        card_h = max(
            self.goal_lines * small.get_linesize() + body.get_linesize() + pad // 2 + 4,
            bold.get_linesize() + small.get_linesize() + 12,  # the term: title, quarter and its bar
        )
        session = self.play.session
        quarter = self.t("city.goals_term", turn=session.turn, turns=session.turns)
        title = self.t("city.goals_title")
        term_w = max(bold.size(title)[0], small.size(quarter)[0], 5 * em) + em
        inner = rect.inflate(-pad, 0)
        room = inner.width - term_w - pad
        cols = max(1, min(len(shown), room // (14 * em)))
        rows = -(-len(shown) // cols)
        card_w = (room - pad * (cols - 1)) // cols
        top = rect.y + pad // 2
        self.goals_rect = pygame.Rect(rect.x, rect.y, rect.width, rows * card_h + (rows - 1) * (pad // 2) + pad)
        self.term_rect = pygame.Rect(inner.x, top, term_w, card_h)
        for i, g in enumerate(shown):
            r, c = divmod(i, cols)
            card = pygame.Rect(
                inner.x + term_w + pad + c * (card_w + pad), top + r * (card_h + pad // 2), card_w, card_h
            )
            self.goal_cards.append((card, g))
            self.button(card, "", lambda g=g: self.app.say(g.tooltip, seconds=14.0), tooltip=g.tooltip, kind="tile")
        return self.goals_rect.bottom

    def paint_goals(self, surface: pygame.Surface) -> None:
        if not self.goal_cards:
            return
        p, em = self.app.palette, self.app.em
        pygame.draw.rect(surface, p.panel, self.goals_rect, border_radius=8)
        pygame.draw.rect(surface, p.border, self.goals_rect, width=1, border_radius=8)
        small, body, bold = self.app.font("small"), self.app.font("body"), self.app.font("body", True)
        self._paint_term(surface)
        for card, g in self.goal_cards:
            pygame.draw.line(
                surface, p.panel_alt, (card.x - self.pad // 2, card.y), (card.x - self.pad // 2, card.bottom)
            )
            x, width = card.x + em // 3, card.width - 2 * (em // 3)
            y = card.y + 2
            line_h = small.get_linesize()
            for line in wrap(small, g.text, width, self.goal_lines):
                self.paint_text(surface, line, pygame.Rect(x, y, width, line_h), kind="small")
                y += line_h
            row = pygame.Rect(x, card.bottom - body.get_linesize() - 4, width, body.get_linesize() + 2)
            colour = {"good": p.good, "bad": p.bad}.get(g.verdict, p.muted)
            trend_w = bold.size(g.trend)[0]
            self.paint_text(
                surface,
                g.trend,
                pygame.Rect(row.right - trend_w, row.y, trend_w, row.height),
                bold=True,
                colour=colour,
                align="right",
            )
            room = row.width - trend_w - em // 2
            text = self._goal_line(g, room)
            self.paint_text(surface, shorten(body, text, room), pygame.Rect(row.x, row.y, room, row.height))

    def _goal_line(self, g: Goal, room: int) -> str:
        """The value's name, where it stands and where it started; without the name when the card is too narrow
        (a name cut short reads worse than none; the objective's text and the card's tooltip say it)."""
        body = self.app.font("body")
        text = self.t("city.goal_now", name=g.name, now=g.now, start=g.start)
        if body.size(text)[0] <= room:
            return text
        return self.t("city.goal_now_short", now=g.now, start=g.start)

    def _paint_term(self, surface: pygame.Surface) -> None:
        """Under the strip's title: the quarter, and a segment per quarter of the term (played ones filled)."""
        p = self.app.palette
        small = self.app.font("small")
        session = self.play.session
        box = self.term_rect
        bold = self.app.font("body", True)
        self.paint_text(
            surface,
            self.t("city.goals_title"),
            pygame.Rect(box.x, box.y, box.width, bold.get_linesize() + 2),
            bold=True,
        )
        y = box.y + bold.get_linesize() + 4
        quarter = self.t("city.goals_term", turn=session.turn, turns=session.turns)
        self.paint_text(
            surface, quarter, pygame.Rect(box.x, y, box.width, small.get_linesize()), kind="small", colour=p.muted
        )
        y += small.get_linesize() + 2
        bar = pygame.Rect(box.x, y, box.width - self.app.em, max(6, min(box.bottom - y, self.app.em // 2)))
        played = len(session.records)
        turns = max(1, session.turns)
        gap = 2 if bar.width // turns >= 6 else 0
        for q in range(turns):
            seg = pygame.Rect(bar.x + bar.width * q // turns, bar.y, bar.width // turns - gap, bar.height)
            colour = p.accent if q < played else p.panel_alt
            pygame.draw.rect(surface, colour, seg, border_radius=2)
            if q == played:  # the quarter being planned
                pygame.draw.rect(surface, p.accent, seg, width=1, border_radius=2)
