"""The debrief at the end of the term, on four tabs (keys 1–4):

  Districts   — every district at the start and the end of the term: who was protected, who was left exposed,
                well-off against poor districts, and a chart of crime by kind of district;
  Dynamics    — the dynamics of Payan (2015) that showed up in this game (from the events that fired and from the
                end-of-term figures), each with a short explanation and the passage it comes from;
  Comparison  — where this term sits among simulated games of the same level and role played by the built-in
                bots (game.runs.comparison, computed in a background thread while the other tabs are read);
  Questions   — questions to think about, the first ones chosen from what happened.
Buttons: History (H), New game (N), Title screen (T or Esc). The game is over and autosaved, so nothing asks to
confirm leaving. The analysis functions at the top need no pygame and are tested on their own.
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass, field

import pygame
from pygame_gui.elements import UITextBox

from game.content.dynamics import dynamic_of as content_dynamic_of
from game.events.world import placeholder_names, render
from game.runs.comparison import Comparer, place, player_metrics, runs_wanted
from game.session import meaning
from game.ui import classgame
from game.ui.charts import draw_line_chart
from game.ui.scene import Scene, scroll_box
from game.ui.texts import markup

TABS = ("districts", "dynamics", "comparison", "questions")
TAB_KEYS = (pygame.K_1, pygame.K_2, pygame.K_3, pygame.K_4)
KINDS = ("rich", "middle", "poor", "rural")

# The district values the debrief compares; which way is good for residents is declared in content
# (game.session.meaning).
DISTRICT_VALUES = (
    "district.victimisation",
    "district.fear",
    "district.oc_control",
    "district.social_trust",
    "district.gov_trust",
    "district.militia",
)
SAME = 0.005  # changes smaller than half a point read as "about the same"

DYNAMICS = ("retaliation", "exclusion", "distrust", "militia", "fear", "responsibility", "crowding", "pressure")
# The debrief tells the content's nine dynamics (game.content.dynamics: an event's first tag) as the paper's eight:
# betrayal by infiltrated police with retaliation, programmes and costs as responsibility shifted onto citizens —
# except costs to the public budget (the `budget` tag), which are security spending crowding out the rest.
DEBRIEF_DYNAMIC = {
    "retaliation": "retaliation",
    "infiltration": "retaliation",
    "exclusion": "exclusion",
    "distrust": "distrust",
    "militia": "militia",
    "fear": "fear",
    "programmes": "responsibility",
    "costs": "responsibility",
    "pressure": "pressure",
}
MAX_EVENTS = 5  # events listed per dynamic before "and N more"

STRIP = "▁▂▃▄▅▆▇█"
MARK = "┃"

_COMPARERS: dict[tuple, Comparer] = {}  # one comparison per level, role, turns and run count, while the game runs


# --- what happened (no pygame) -----------------------------------------------------------------------------------


def dynamic_of(event) -> str | None:
    """The debrief dynamic of an event: its content dynamic, told as one of the paper's eight (same grouping as the
    class report's)."""
    found = content_dynamic_of(event)
    if found == "costs" and "budget" in (event.tags or ()):
        return "crowding"
    return DEBRIEF_DYNAMIC.get(found)


def city_average(values: list[float], weights: list[float]) -> float:
    total = sum(weights) or 1.0
    return sum(v * w for v, w in zip(values, weights, strict=False)) / total


@dataclass
class DistrictOutcome:
    index: int
    id: str
    name: dict  # {en, es}
    kind: str
    start: dict[str, float]
    end: dict[str, float]

    @property
    def change(self) -> float:
        return self.end["district.victimisation"] - self.start["district.victimisation"]

    @property
    def verdict(self) -> str:
        return "protected" if self.change < -SAME else "exposed" if self.change > SAME else "same"


def district_outcomes(play) -> list[DistrictOutcome]:
    first, last = play.history[0], play.history[-1]
    out = []
    for i, d in enumerate(play.session.level.districts):
        out.append(
            DistrictOutcome(
                i,
                d.id,
                {"en": d.name.en, "es": d.name.es},
                d.kind,
                {name: float(first[name][i]) for name in DISTRICT_VALUES},
                {name: float(last[name][i]) for name in DISTRICT_VALUES},
            )
        )
    return out


def kind_average(play, snapshot: dict, name: str, kind: str) -> float | None:
    districts = play.session.level.districts
    pairs = [(snapshot[name][i], d.households) for i, d in enumerate(districts) if d.kind == kind]
    if not pairs:
        return None
    return city_average([v for v, _ in pairs], [w for _, w in pairs])


def victimisation_gap(play, snapshot: dict) -> float | None:
    poor = kind_average(play, snapshot, "district.victimisation", "poor")
    rich = kind_average(play, snapshot, "district.victimisation", "rich")
    return None if poor is None or rich is None else poor - rich


@dataclass
class Dynamic:
    id: str
    events: list[tuple[int, str, int | None]] = field(default_factory=list)  # (turn, event id, district index)
    evidence: dict[str, float] = field(default_factory=dict)  # numbers for its evidence sentence
    by_figures: bool = False  # the end-of-term figures show it

    @property
    def seen(self) -> bool:
        return bool(self.events) or self.by_figures


def dynamics(play, mine: dict[str, float]) -> list[Dynamic]:
    """Every dynamic, with the events of this game that belong to it and what the figures say."""
    content, session = play.content, play.session
    found = {d: Dynamic(d) for d in DYNAMICS}
    ids = list(session.world.district_ids)
    for record in session.records:
        for e in record.events:
            event = content.events.get(e["event"])
            dynamic = dynamic_of(event) if event is not None else None
            if dynamic is not None:
                district = ids.index(e["district"]) if e.get("district") in ids else None
                found[dynamic].events.append((record.turn, e["event"], district))
    first, last = play.history[0], play.history[-1]
    weights = [d.households for d in session.level.districts]

    def avg(snapshot: dict, name: str) -> float:
        return city_average(list(snapshot[name]), weights)

    def city(snapshot: dict, name: str) -> float:
        return float(snapshot.get(name, 0.0))

    f = found["retaliation"]
    f.evidence = {"count": mine["retaliations"]}
    f.by_figures = mine["retaliations"] >= 1
    gap0, gap1 = victimisation_gap(play, first), victimisation_gap(play, last)
    if gap0 is not None and gap1 is not None:
        found["exclusion"].evidence = {"start": gap0, "end": gap1}
        found["exclusion"].by_figures = gap1 > gap0 + SAME
    t0, t1 = avg(first, "district.social_trust"), avg(last, "district.social_trust")
    found["distrust"].evidence = {"start": t0, "end": t1}
    found["distrust"].by_figures = t1 < t0 - 2 * SAME
    found["militia"].evidence = {"strength": mine["militia_strength"], "capture": mine["militia_capture"]}
    found["militia"].by_figures = mine["militia_strength"] > 0.05 and mine["militia_capture"] > 0.1
    fear0, fear1 = avg(first, "district.fear"), avg(last, "district.fear")
    v0, v1 = avg(first, "district.victimisation"), avg(last, "district.victimisation")
    found["fear"].evidence = {
        "hidden": mine["cifra_negra"],
        "fear_start": fear0,
        "fear_end": fear1,
        "crime_start": v0,
        "crime_end": v1,
    }
    found["fear"].by_figures = (fear1 < fear0 - SAME and v1 > v0 - SAME) or mine["cifra_negra"] > 0.8
    a0, a1 = city(first, "city.attribution"), city(last, "city.attribution")
    found["responsibility"].evidence = {"start": a0, "end": a1}
    found["responsibility"].by_figures = a1 < a0 - 4 * SAME
    s0, s1 = city(first, "city.security_share"), city(last, "city.security_share")
    i0, i1 = city(first, "city.investment_share"), city(last, "city.investment_share")
    found["crowding"].evidence = {"sec_start": s0, "sec_end": s1, "inv_start": i0, "inv_end": i1}
    found["crowding"].by_figures = s1 > s0 + 4 * SAME or i1 < i0 - 4 * SAME
    p0, p1 = city(first, "city.pressure"), city(last, "city.pressure")
    found["pressure"].evidence = {"start": p0, "end": p1}
    found["pressure"].by_figures = abs(p1 - p0) > 10 * SAME
    return [found[d] for d in DYNAMICS]


def questions_html(t, keys: list[str]) -> str:
    """The questions to discuss (string keys), numbered, under the debrief's heading and introduction."""
    items = [f"<b>{i}.</b> {markup(t(k))}" for i, k in enumerate(keys, 1)]
    return f"<b>{markup(t('debrief.discuss'))}</b><br>{markup(t('debrief.q.intro'))}<br><br>" + "<br><br>".join(items)


def question_keys(role: str, seen: list[str]) -> list[str]:
    """Four to six questions: first those about dynamics that showed up, then general ones."""
    keys = [f"debrief.q.{role}.{d}" for d in seen[:4]]
    keys += [f"debrief.q.{role}.general_1", f"debrief.q.{role}.general_2"]
    for d in ("fear", "pressure", "exclusion"):
        if len(keys) >= 4:
            break
        key = f"debrief.q.{role}.{d}"
        if key not in keys:
            keys.append(key)
    return keys[:6]


def pct(value: float, digits: int = 0) -> str:
    return f"{value * 100:.{digits}f}%".replace("-", "−")


def points(value: float) -> str:
    return f"{value * 100:.1f}".replace("-", "−")


# --- the scene ------------------------------------------------------------------------------------------------


class DebriefScene(Scene):
    name = "debrief"

    def __init__(self, app):
        super().__init__(app)
        self.tab = 0
        self.body: UITextBox | None = None
        self.chart_rect: pygame.Rect | None = None
        self.caption_rect: pygame.Rect | None = None
        self.note_rect: pygame.Rect | None = None
        self.subtitle_rect: pygame.Rect | None = None
        self.subtitle = ""
        self.summary = None
        self.progress_rect: pygame.Rect | None = None
        self.comparer: Comparer | None = None
        self.placements = None
        self.shown_progress = -1
        self.outcomes: list[DistrictOutcome] = []
        self.found: list[Dynamic] = []
        self.mine: dict[str, float] = {}

    # --- life --------------------------------------------------------------------------------------------

    def enter(self) -> None:
        play = self.app.play
        if play is None:
            return
        session = play.session
        self.mine = player_metrics(session)
        self.outcomes = district_outcomes(play)
        self.found = dynamics(play, self.mine)
        runs = runs_wanted()
        key = (play.content.content_hash, session.level.id, session.role, session.turns, runs, session.seed)
        comparer = _COMPARERS.get(key)
        if comparer is None or comparer.error:
            comparer = _COMPARERS[key] = Comparer(
                play.content, session.level.id, session.role, session.turns, runs=runs, avoid_seed=session.seed
            ).start()
        self.comparer = comparer
        self._collect()

    def _collect(self) -> bool:
        """Take the comparison's result once it is there; True when it just arrived."""
        c = self.comparer
        if c is None or self.placements is not None or not c.done.is_set() or c.result is None:
            return False
        self.placements = place(c.result, self.mine, meanings=meaning.Meanings.of(self.app.play.content))
        return True

    def update(self, dt: float) -> bool:
        c = self.comparer
        if c is None:
            return False
        if self.placements is None and c.done.is_set():
            self._collect()
            if TABS[self.tab] == "comparison":
                self.rebuild()
            self.app.dirty = True
            return True
        if TABS[self.tab] == "comparison" and not c.done.is_set():
            shown = int(c.progress * 100)
            if shown != self.shown_progress:
                self.shown_progress = shown
                self.app.dirty = True  # App.run asks update() once before frame() asks again
                return True
        return False  # between steps the app may sleep: the simulations need the processor more

    # --- layout ------------------------------------------------------------------------------------------

    def wrapped_height(self, text: str, width: int, kind: str = "body") -> int:
        font = self.app.font(kind)
        return font.render(text, True, (0, 0, 0), None, max(1, width)).get_height()

    def build(self, rect: pygame.Rect) -> None:
        em = self.app.em
        t = self.t
        self.body = None
        self.chart_rect = self.caption_rect = self.note_rect = self.progress_rect = self.subtitle_rect = None
        self.summary = None
        area = rect.inflate(-2 * em, -2 * em)
        play = self.app.play
        y = area.y
        head_h = self.app.font("heading", True).get_linesize() + em // 3
        self.label(pygame.Rect(area.x, y, area.width, head_h), t("debrief.title"), kind="heading")
        y += head_h
        if play is None:
            self.textbox(pygame.Rect(area.x, y + em, area.width, 6 * em), markup(t("debrief.no_game")))
            self._bottom_buttons(area)
            return
        session = play.session
        sub = t(
            "debrief.subtitle",
            city=t.pick(session.level.city.name),
            role=t.pick(session.level.roles.get(session.role).title),
            turns=session.turns,
        )
        self.subtitle = sub
        self.subtitle_rect = pygame.Rect(area.x, y, area.width, self.wrapped_height(sub, area.width))
        y = self.subtitle_rect.bottom + em // 4
        note = t("debrief.tradeoffs")
        self.note_rect = pygame.Rect(area.x, y, area.width, self.wrapped_height(note, area.width))
        y = self.note_rect.bottom + em // 2

        # tabs
        bh = int(em * 2.4)
        labels = [t(f"debrief.tab.{name}", key=str(i + 1)) for i, name in enumerate(TABS)]
        bold = self.app.font("body", True)
        gap = em // 2
        tw = max(bold.size(s)[0] for s in labels) + 2 * em
        tw = min(tw, (area.width - gap * (len(TABS) - 1)) // len(TABS))
        for i, (name, text) in enumerate(zip(TABS, labels, strict=True)):
            self.button(
                pygame.Rect(area.x + i * (tw + gap), y, tw, bh),
                text,
                lambda i=i: self.show(i),
                tooltip=t(f"debrief.tab.{name}_tip"),
                shortcut=TAB_KEYS[i],
                kind="chosen" if i == self.tab else None,
            )
        y += bh + em // 2

        bottom = self._bottom_buttons(area)
        body = pygame.Rect(area.x, y, area.width, bottom - em // 2 - y)
        getattr(self, f"_build_{TABS[self.tab]}")(body)
        if self.focus_index is None:
            self.focus_index = self.tab

    def _bottom_buttons(self, area: pygame.Rect) -> int:
        em = self.app.em
        t = self.t
        bh = int(em * 2.4)
        y = area.bottom - bh
        items = []
        if importlib.util.find_spec("game.ui.scenes.history") is not None and self.app.play is not None:
            items.append(("debrief.history", pygame.K_h, self.history, None))
        items += [
            ("debrief.new_game", pygame.K_n, self.new_game, "primary"),
            ("debrief.to_title", pygame.K_t, self.to_title, None),
        ]
        if self.app.play is not None and self.app.play.classroom is not None:  # a class game (game.ui.classgame)
            items.append(("classroom.export_keyed", pygame.K_x, self.export_class, None))
        bold = self.app.font("body", True)
        x = area.x
        for key, shortcut, action, kind in items:
            text = t(key, key=pygame.key.name(shortcut).upper())
            w = bold.size(text)[0] + 2 * em
            self.button(pygame.Rect(x, y, w, bh), text, action, tooltip=t(f"{key}_tip"), shortcut=shortcut, kind=kind)
            x += w + em // 2
        return y

    def _split(self, body: pygame.Rect) -> tuple[pygame.Rect, pygame.Rect]:
        em = self.app.em
        left_w = int(body.width * (0.58 if body.width >= 70 * em else 0.5))
        return (
            pygame.Rect(body.x, body.y, left_w, body.height),
            pygame.Rect(body.x + left_w + em, body.y, body.width - left_w - em, body.height),
        )

    def _room_for_chart(self, body: pygame.Rect) -> bool:
        """Charts only where they stay readable (very large text leaves the text alone, scrolling)."""
        em = self.app.em
        return body.height >= 14 * em and body.width >= 45 * em

    def _chart_area(self, right: pygame.Rect, caption: str) -> None:
        em = self.app.em
        cap_h = self.wrapped_height(caption, right.width, "small")
        if right.height - cap_h - em // 2 >= 18 * em:  # a caption only where the chart keeps room to read
            self.caption_rect = pygame.Rect(right.x, right.bottom - cap_h, right.width, cap_h)
            self.chart_rect = pygame.Rect(right.x, right.y, right.width, right.height - cap_h - em // 2)
        else:
            self.chart_rect = right

    def _build_districts(self, body: pygame.Rect) -> None:
        if not self._room_for_chart(body):
            self.body = self.textbox(body, self.districts_html(), kind="card")
            return
        left, right = self._split(body)
        self.body = self.textbox(left, self.districts_html(), kind="card")
        self._chart_area(right, self.t("debrief.chart.by_kind_tip"))

    def _build_dynamics(self, body: pygame.Rect) -> None:
        if not self._room_for_chart(body):
            self.body = self.textbox(body, self.dynamics_html(), kind="card")
            return
        left, right = self._split(body)
        self.body = self.textbox(left, self.dynamics_html(), kind="card")
        self._chart_area(right, self.t("debrief.chart.fear_vs_crime_tip"))

    def _build_comparison(self, body: pygame.Rect) -> None:
        em = self.app.em
        width = min(body.width, 72 * em)
        if self.placements is None and self.comparer is not None and not self.comparer.error:
            line_h = self.app.font("body", True).get_linesize()
            self.progress_rect = pygame.Rect(body.x, body.y + em, width, line_h + em + em // 2)
            note = self.t("debrief.cmp.running_note")
            top = self.progress_rect.bottom + em
            self.caption_rect = pygame.Rect(body.x, top, width, self.wrapped_height(note, width))
            return
        if self.placements is not None:
            left, right = self._split(body)
            if self._plan_summary(right):
                self.body = self.textbox(left, self.comparison_html(), kind="card")
                return
        self.body = self.textbox(pygame.Rect(body.x, body.y, width, body.height), self.comparison_html(), kind="card")

    def _plan_summary(self, box: pygame.Rect) -> bool:
        """Lay out the "better than" bars beside the comparison text; False when they would not fit."""
        em = self.app.em
        inner = box.inflate(-2 * em, -2 * em)
        title = self.t("debrief.cmp.summary")
        y = inner.y + self.wrapped_height(title, inner.width, "body") + em // 2
        name_w = int(inner.width * 0.5)
        rows = []
        for p in self.placements:
            name = self.t(f"debrief.metric.{p.metric}.name")
            h = self.wrapped_height(name, name_w, "small")
            rows.append((p, name, pygame.Rect(inner.x, y, name_w, h)))
            y += max(h, em) + em // 2
        legend = self.t("debrief.cmp.summary_legend")
        legend_h = self.wrapped_height(legend, inner.width, "small")
        if y + legend_h > inner.bottom:
            return False
        box = pygame.Rect(box.x, box.y, box.width, y + legend_h + em - box.y)
        self.summary = (box, title, rows, pygame.Rect(inner.x, y, inner.width, legend_h), legend)
        return True

    def draw_summary(self, surface: pygame.Surface) -> None:
        pal = self.app.palette
        em = self.app.em
        box, title, rows, legend_rect, legend = self.summary
        pygame.draw.rect(surface, pal.panel, box, border_radius=8)
        pygame.draw.rect(surface, pal.border, box, width=1, border_radius=8)
        inner = box.inflate(-2 * em, -2 * em)
        self.paint_text(
            surface,
            title,
            pygame.Rect(inner.x, inner.y, inner.width, self.wrapped_height(title, inner.width, "body")),
            bold=True,
            wrap=True,
        )
        small = self.app.font("small")
        number_w = small.size("100%")[0] + em // 2
        for p, name, name_rect in rows:
            self.paint_text(surface, name, name_rect, kind="small", wrap=True)
            bar = pygame.Rect(name_rect.right + em // 2, name_rect.y + 2, 0, max(6, em - 4))
            bar.width = max(10, inner.right - number_w - bar.x)
            pygame.draw.rect(surface, pal.panel_alt, bar)
            filled = bar.copy()
            filled.width = round(bar.width * p.better_than / 100)
            if filled.width:
                pygame.draw.rect(surface, pal.accent, filled)
            pygame.draw.rect(surface, pal.border, bar, width=1)
            mid = bar.x + bar.width // 2
            pygame.draw.line(surface, pal.text, (mid, bar.y - 3), (mid, bar.bottom + 2), 2)
            self.paint_text(
                surface,
                f"{p.better_than:.0f}%",
                pygame.Rect(bar.right + 2, bar.y - 2, number_w - 2, small.get_linesize()),
                kind="small",
                align="right",
            )
        self.paint_text(surface, legend, legend_rect, kind="small", colour=pal.muted, wrap=True)

    def _build_questions(self, body: pygame.Rect) -> None:
        width = min(body.width, 72 * self.app.em)
        self.body = self.textbox(pygame.Rect(body.x, body.y, width, body.height), self.questions_html(), kind="card")

    # --- texts -------------------------------------------------------------------------------------------

    def colour(self, text: str, good: bool | None) -> str:
        pal = self.app.palette
        if good is None:
            return markup(text)
        return f"<font color='{pal.good if good else pal.bad}'>{markup(text)}</font>"

    def muted(self, text: str) -> str:
        return f"<font color='{self.app.palette.muted}'>{markup(text)}</font>"

    def districts_html(self) -> str:
        t = self.t
        play = self.app.play
        state = play.content.state["district"]
        out = []
        ordered = sorted(self.outcomes, key=lambda o: o.change)
        protected = [o for o in ordered if o.verdict == "protected"]
        exposed = [o for o in reversed(ordered) if o.verdict == "exposed"]

        def names(items):
            return ", ".join(
                t("debrief.districts.change", name=t.pick(o.name), change=points_signed(o.change)) for o in items
            )

        if protected:
            out.append(f"<b>{markup(t('debrief.districts.protected'))}</b> {markup(names(protected))}.")
        else:
            out.append(f"<b>{markup(t('debrief.districts.none_protected'))}</b>")
        if exposed:
            out.append(f"<b>{markup(t('debrief.districts.exposed'))}</b> {markup(names(exposed))}.")
        else:
            out.append(f"<b>{markup(t('debrief.districts.none_exposed'))}</b>")
        first, last = play.history[0], play.history[-1]
        kinds = []
        for kind in KINDS:
            a = kind_average(play, first, "district.victimisation", kind)
            b = kind_average(play, last, "district.victimisation", kind)
            if a is not None:
                kinds.append(
                    markup(
                        t("debrief.districts.by_kind", kinds=t(f"debrief.kinds.{kind}"), start=pct(a, 1), end=pct(b, 1))
                    )
                )
        out.append("<br>".join(kinds))
        gap0, gap1 = victimisation_gap(play, first), victimisation_gap(play, last)
        if gap0 is not None:
            which = "grew" if gap1 > gap0 + SAME else "shrank" if gap1 < gap0 - SAME else "same"
            out.append(
                self.colour(
                    t(f"debrief.districts.gap_{which}", start=points(gap0), end=points(gap1)),
                    None if which == "same" else which == "shrank",
                )
            )
        out.append(self.muted(t("debrief.districts.legend")))
        for o in self.outcomes:
            verdict = t(f"debrief.districts.verdict_{o.verdict}")
            head = t(
                "debrief.districts.heading", name=t.pick(o.name), kind=t(f"debrief.kind.{o.kind}"), verdict=verdict
            )
            good = {"protected": True, "exposed": False}.get(o.verdict)
            lines = []
            for name in DISTRICT_VALUES:
                a, b = o.start[name], o.end[name]
                delta = b - a
                arrow = "=" if abs(delta) < SAME else "▲" if delta > 0 else "▼"
                better = None if arrow == "=" else meaning.is_better(play.content, name, delta)
                label = t.pick(state[name.split(".", 1)[1]].label)
                text = t("debrief.districts.value", label=label, start=pct(a, 1), end=pct(b, 1), arrow=arrow)
                lines.append(self.colour(text, better))
            out.append(f"<b>{self.colour(head, good)}</b><br>" + "<br>".join(lines))
        meanings = [
            f"<b>{markup(t.pick(state[n.split('.', 1)[1]].label))}</b>: "
            f"{markup(t.pick(state[n.split('.', 1)[1]].meaning))}"
            for n in DISTRICT_VALUES
        ]
        out.append(f"<b>{markup(t('debrief.districts.meanings'))}</b><br>" + "<br>".join(meanings))
        return "<br><br>".join(out)

    def event_title(self, turn: int, event_id: str, district: int | None) -> str:
        play = self.app.play
        session = play.session
        event = play.content.events[event_id]
        lang = self.t.lang
        return render(event.title, lang, placeholder_names(session.level, session.role, turn, lang, district))

    def dynamics_html(self) -> str:
        t = self.t
        out = [markup(t("debrief.dyn.intro"))]
        seen = [d for d in self.found if d.seen]
        for d in seen:
            key = f"debrief.dyn.{d.id}"
            parts = [f"<b>{markup(t(key + '.name'))}</b>"]
            if d.events:
                items = [
                    t("debrief.dyn.event", turn=turn, title=self.event_title(turn, e, district))
                    for turn, e, district in d.events[:MAX_EVENTS]
                ]
                if len(d.events) > MAX_EVENTS:
                    items.append(t("debrief.dyn.more_events", count=len(d.events) - MAX_EVENTS))
                parts.append(markup(t("debrief.dyn.events")) + " " + markup("; ".join(items)) + ".")
            if d.evidence:
                parts.append(markup(t(key + ".evidence", **self.evidence_values(d))))
            parts.append(markup(t(key + ".explain")))
            parts.append(
                f"{self.muted(t(key + '.passage'))}<br>{markup(t('debrief.dyn.source', section=t(key + '.section')))}"
            )
            out.append("<br>".join(parts))
        unseen = [t(f"debrief.dyn.{d.id}.name") for d in self.found if not d.seen]
        if not seen:
            out.append(markup(t("debrief.dyn.none")))
        if unseen:
            out.append(self.muted(t("debrief.dyn.not_seen", names=", ".join(unseen))))
        return "<br><br>".join(out)

    @staticmethod
    def evidence_values(d: Dynamic) -> dict[str, str]:
        e = d.evidence
        if d.id == "retaliation":
            return {"count": f"{e['count']:.0f}"}
        if d.id == "exclusion":
            return {"start": points(e["start"]), "end": points(e["end"])}
        if d.id == "militia":
            return {"strength": pct(e["strength"]), "capture": pct(e["capture"])}
        return {k: pct(v, 1 if k.startswith("crime") else 0) for k, v in e.items()}

    def format_metric(self, name: str, value: float) -> str:
        """A metric in its declared unit: a percentage, percentage points, a count of cases, or a number."""
        unit = meaning.unit(self.app.play.content, name)
        if unit == "points":
            return self.t("debrief.cmp.points", value=points(value))
        if unit == "count":
            return self.t("debrief.cmp.cases", value=f"{value:.1f}".removesuffix(".0"))
        if unit == "share":
            return pct(value, 1)
        return f"{value:.2f}".replace("-", "−")

    def strip_html(self, p) -> str:
        """A little histogram of the simulated games, from the lowest value to the highest, with a heavy bar ┃ in
        the accent colour just before the bin where the player's game fell."""
        pal = self.app.palette
        top = max(p.histogram) or 1
        bars = "".join(STRIP[min(len(STRIP) - 1, round(count / top * (len(STRIP) - 1)))] for count in p.histogram)
        before, after = bars[: p.player_bin], bars[p.player_bin :]
        return (
            f"{markup(self.format_metric(p.metric, p.lo))} <font color='{pal.muted}'>{before}</font>"
            f"<font color='{pal.accent}'><b>{MARK}</b></font><font color='{pal.muted}'>{after}</font> "
            f"{markup(self.format_metric(p.metric, p.hi))}"
        )

    def comparison_html(self) -> str:
        t = self.t
        c = self.comparer
        if c is not None and c.error:
            return markup(t("debrief.cmp.failed", error=c.error))
        if self.placements is None:
            return ""
        session = self.app.play.session
        sim = c.result
        out = [
            markup(
                t(
                    "debrief.cmp.intro",
                    runs=f"{sim.runs:,}",
                    city=t.pick(session.level.city.name),
                    role=t.pick(session.level.roles.get(session.role).title),
                    turns=sim.turns,
                    bots=len(sim.bots),
                    each=round(sim.runs / max(1, len(sim.bots))),
                )
            ),
            self.muted(t("debrief.cmp.strip_legend")),
        ]
        for p in self.placements:
            direction = t("debrief.cmp.higher_better" if p.good_when == meaning.HIGHER else "debrief.cmp.lower_better")
            name = t(f"debrief.metric.{p.metric}.name")
            lines = [
                f"<b>{markup(name)}</b> ({markup(direction)}): {markup(t(f'debrief.metric.{p.metric}.meaning'))}",
                self.strip_html(p),
                "<b>"
                + markup(
                    t("debrief.cmp.yours", value=self.format_metric(p.metric, p.player), better=f"{p.better_than:.0f}%")
                )
                + "</b>",
                markup(
                    t(
                        "debrief.cmp.range",
                        median=self.format_metric(p.metric, p.median),
                        p10=self.format_metric(p.metric, p.p10),
                        p90=self.format_metric(p.metric, p.p90),
                    )
                ),
                markup(
                    t(
                        "debrief.cmp.best",
                        bot=t(f"debrief.bot.{p.best_bot}"),
                        median=self.format_metric(p.metric, p.best_bot_median),
                    )
                ),
            ]
            out.append("<br>".join(lines))
        return "<br><br>".join(out)

    def questions_html(self) -> str:
        return questions_html(self.t, question_keys(self.app.play.session.role, [d.id for d in self.found if d.seen]))

    # --- drawing -----------------------------------------------------------------------------------------

    def draw(self, surface: pygame.Surface) -> None:
        pal = self.app.palette
        if self.subtitle_rect is not None:
            self.paint_text(surface, self.subtitle, self.subtitle_rect, colour=pal.muted, wrap=True)
        if self.note_rect is not None:
            self.paint_text(surface, self.t("debrief.tradeoffs"), self.note_rect, wrap=True)
        play = self.app.play
        if play is None:
            return
        tab = TABS[self.tab]
        if self.chart_rect is not None and tab == "districts":
            self.draw_by_kind(surface)
        elif self.chart_rect is not None and tab == "dynamics":
            self.draw_fear_vs_crime(surface)
        if self.caption_rect is not None and tab in ("districts", "dynamics"):
            key = "debrief.chart.by_kind_tip" if tab == "districts" else "debrief.chart.fear_vs_crime_tip"
            self.paint_text(surface, self.t(key), self.caption_rect, kind="small", colour=pal.muted, wrap=True)
        if tab == "comparison" and self.progress_rect is not None and self.comparer is not None:
            self.draw_progress(surface)
        if tab == "comparison" and self.summary is not None:
            self.draw_summary(surface)

    def x_labels(self) -> list[str]:
        return [self.t("debrief.chart.start")] + [str(i) for i in range(1, len(self.app.play.history))]

    def draw_by_kind(self, surface: pygame.Surface) -> None:
        play = self.app.play
        series = []
        colours = self.app.palette.series
        for k, kind in enumerate(KINDS):
            values = [kind_average(play, snap, "district.victimisation", kind) for snap in play.history]
            if values and values[0] is not None:
                series.append((self.t(f"debrief.kinds.{kind}"), [v * 100 for v in values], colours[k]))
        draw_line_chart(
            self, surface, self.chart_rect, series, x_labels=self.x_labels(), title=self.t("debrief.chart.by_kind")
        )

    def draw_fear_vs_crime(self, surface: pygame.Surface) -> None:
        play = self.app.play
        state = play.content.state["district"]
        weights = [d.households for d in play.session.level.districts]
        colours = self.app.palette.series
        series = []
        for k, name in enumerate(("district.fear", "district.victimisation")):
            values = [city_average(list(snap[name]), weights) * 100 for snap in play.history]
            series.append((self.t.pick(state[name.split(".", 1)[1]].label), values, colours[k]))
        draw_line_chart(
            self,
            surface,
            self.chart_rect,
            series,
            y_range=(0, 100),
            x_labels=self.x_labels(),
            title=self.t("debrief.chart.fear_vs_crime"),
        )

    def draw_progress(self, surface: pygame.Surface) -> None:
        pal = self.app.palette
        em = self.app.em
        box = self.progress_rect
        c = self.comparer
        text = self.t("debrief.cmp.running", runs=f"{c.runs:,}", percent=f"{int(c.progress * 100)}%")
        line_h = self.app.font("body", True).get_linesize()
        self.paint_text(surface, text, pygame.Rect(box.x, box.y, box.width, line_h), bold=True)
        bar = pygame.Rect(box.x, box.y + line_h + em // 2, box.width, em)
        pygame.draw.rect(surface, pal.panel_alt, bar, border_radius=4)
        filled = bar.copy()
        filled.width = int(bar.width * c.progress)
        if filled.width:
            pygame.draw.rect(surface, pal.accent, filled, border_radius=4)
        pygame.draw.rect(surface, pal.border, bar, width=1, border_radius=4)
        if self.caption_rect is not None:
            self.paint_text(surface, self.t("debrief.cmp.running_note"), self.caption_rect, colour=pal.muted, wrap=True)

    # --- input and actions -----------------------------------------------------------------------------

    def show(self, tab: int) -> None:
        if tab != self.tab:
            self.tab = tab
            self.focus_index = None
            self.rebuild()
            self.focus_index = tab

    # for the screen tour (game/ui/tour.py) and tests: every tab, and whether the comparison is in

    def pages(self) -> list[str]:
        return list(TABS)

    def show_page(self, page: str) -> None:
        self.show(TABS.index(page))

    def comparison_ready(self) -> bool:
        c = self.comparer
        if c is None or c.error:
            return True
        if c.done.is_set() and self.placements is None:
            self.update(0)  # take the result in (and show it, on the comparison tab)
        return self.placements is not None

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_PAGEDOWN, pygame.K_PAGEUP):
            return scroll_box(self.body, 1 if event.key == pygame.K_PAGEDOWN else -1)
        return False

    def history(self) -> None:
        self.app.open("history")

    def new_game(self) -> None:
        self.app.replace("setup")

    def to_title(self) -> None:
        self.app.replace("title")

    def export_class(self) -> None:
        classgame.export_and_tell(self.app, self.app.play.classroom)

    def back(self) -> None:
        self.to_title()


def points_signed(value: float) -> str:
    return f"{value * 100:+.1f}".replace("-", "−")
