"""The quarter's biggest consequences, told first: one to three headlines, each tied to the choice behind it.

A headline is typed data the turn report only draws (content/ui/report.yaml says it in words): what kind of story
it is, where, which indicator moved and by how much (in the value's own scale; its declared unit says how to show
it), and the chain of causes from the player's choice to the consequence — cause keys as the model's ledger and the
event engine record them (`measure:<id>`, `event:<id>[/<option>]`, `term.*`), never read back from any text.

Kinds, in the order a story outranks another:
  * RETALIATION — an event whose effects add to `district.retaliations` fired (someone was punished for speaking),
                  or the known retaliations of a district rose where one of the player's measures the content tags
                  `reporting` acts (this quarter or the last: a leaked report is punished a quarter later) — then
                  the measure is the choice, the story is what reporting there did, and `protected` says whether a
                  measure tagged `protection` acted this quarter (the report says "without protection");
  * MILITIA     — an event the content tags `militia` fired (a self-defense group formed, turned or was captured);
  * TIPPING     — the quarter's largest move of a district value, when it is large (no threshold is declared in
                  the content yet, so "large" is TIPPING_SIZE of the value's range);
  * MEASURE     — what one of the player's measures did where it acts (its own part of the change);
  * EVENT       — what an event and the option taken did (its own part of the change).
Retaliation and militia stories lead whenever they happen, and the biggest story comes first; the rest rank by
size (the change over the value's range) weighted by what the player is judged on: a value the role's objectives
track counts double, a value with no good direction half. A quarter where nothing moved by NOTABLE of a value's
range has no headline at all.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from game.content.content_set import ContentSet
from game.content.schemas import Effect, Event
from game.session import meaning
from game.session.readings import OTHER, Causes, explained

RETALIATION, MILITIA, TIPPING, MEASURE, EVENT = "retaliation", "militia", "tipping", "measure", "event"
STORIES = (RETALIATION, MILITIA, TIPPING)  # kinds big enough for a card of their own
LEADING = (RETALIATION, MILITIA)  # rank first when they happen
RETALIATIONS = "district.retaliations"  # the count a retaliation event adds to
REPORTING = "district.report_oc"  # what a retaliation silences: reporting of organized crime
MILITIA_TAG = "militia"
REPORTING_TAG = "reporting"  # measures that ask people to report (content/measures: `tags`)
PROTECTION_TAG = "protection"  # measures that protect those who report
PUNISHED = "term.retaliation"  # the model's term for the retaliations it makes (game/sim/reporting.py)
NOTABLE = 0.01  # a change under 1% of a value's range is no headline (one point of a share)
TIPPING_SIZE = 0.05  # the content declares no tipping threshold yet: a move of 5% of the range tips a district
LIMIT = 3


class Fired(Protocol):
    """One event of the quarter as the session or the screens record it."""

    @property
    def event(self) -> str: ...

    @property
    def district(self) -> str | None: ...

    @property
    def option(self) -> str | None: ...


@dataclass(frozen=True)
class Happened:
    """One event of the quarter as the session records it for headlines."""

    event: str
    district: str | None
    option: str | None
    follow_up_of: str | None = None  # the cause that scheduled it: `measure:<id>`, `event:<id>/<option>`


@dataclass(frozen=True)
class Headline:
    kind: str  # RETALIATION, MILITIA, TIPPING, MEASURE or EVENT
    district: int | None  # index into the level's districts; None for a city value
    value: str  # the indicator, `district.report_oc`
    change: float  # the signed change the headline tells, in the value's own scale
    before: float  # the value in that place at the start of the quarter
    after: float  # and at its end
    unit: str  # meaning.UNITS: how the screens show `change`
    good: bool | None  # whether `change` is good news (meaning.is_better)
    choice: str | None  # the player's choice behind it: `measure:<id>` or `event:<id>/<option>`; None: no choice
    chain: tuple[str, ...]  # cause keys from the choice to the consequence, in that order
    event: str | None = None  # the event the story is about
    option: str | None = None  # the option taken on it
    count: int = 0  # retaliations this quarter in that district (RETALIATION)
    protected: bool | None = None  # RETALIATION: whether a protection measure acted this quarter; None: not told
    small: bool = False  # the change is under NOTABLE of its range: the story is the count, not the change
    score: float = 0.0  # the rank: size over the range, weighted by the player's objective

    @property
    def story(self) -> bool:
        """Big enough for a card of its own."""
        return self.kind in STORIES


def make(
    content: ContentSet,
    level,
    role: str,
    before: Mapping,
    after: Mapping,
    causes: Causes,
    events: Sequence[Fired],
    limit: int = LIMIT,
    acting: Sequence[tuple[str, str | None]] = (),
    acted_before: Sequence[tuple[str, str | None]] = (),
    explained_names: Sequence[str] | None = None,
) -> list[Headline]:
    """The quarter's headlines, the biggest story first, then biggest first (at most `limit`): `before`/`after` are
    the indicators at the start and end of the quarter, `causes` the ledger's readings (game.session.readings),
    `events` what fired, `acting` the player's measures that acted this quarter and `acted_before` those that
    acted the quarter before (measure id, district id or None for the whole city). A report is punished the quarter
    after it leaks, so a reporting measure of either quarter can be behind this quarter's retaliations; protection
    counts only if it acted this quarter. `explained_names`: `readings.explained(content)`, when the caller keeps
    it."""
    names = explained(content) if explained_names is None else explained_names
    quarter = _Quarter(content, level, role, before, after, causes, names)
    quarter.acting = [(m, d) for m, d in dict.fromkeys([*acting, *acted_before]) if m in content.measures]
    quarter.acting_now = [(m, d) for m, d in dict.fromkeys(acting) if m in content.measures]
    found = [h for fired in events if (h := quarter.from_event(fired)) is not None]
    found = quarter.exposures(found)
    found += quarter.from_measures()
    tip = quarter.tipping()
    if tip is not None:
        found.append(tip)
    found.sort(key=lambda h: (h.kind not in LEADING, -h.score))
    out: list[Headline] = []
    told: set[tuple[str, int | None]] = set()
    for headline in found:
        where = (headline.value, headline.district)
        if where in told:  # one story per value and place: the bigger one tells it
            continue
        told.add(where)
        out.append(headline)
    out = out[:limit]
    story = next((h for h in out if h.story), None)  # the quarter's biggest story leads, on its card
    return ([story] if story else []) + [h for h in out if h is not story]


def adds_retaliation(effects: Sequence[Effect]) -> bool:
    return any((e.add or {}).get(RETALIATIONS, 0) > 0 for e in effects)


def kind_of(event: Event, option: str | None) -> str:
    """The story an event tells, from its declared effects and tags."""
    chosen = next((o for o in event.options if o.id == option), None)
    if adds_retaliation(event.on_fire) or (chosen is not None and adds_retaliation(chosen.effects)):
        return RETALIATION
    return MILITIA if MILITIA_TAG in event.tags else EVENT


def is_choice(key: str | None) -> bool:
    """A cause key the player chose: a measure, or an option taken on an event."""
    return key is not None and (key.startswith("measure:") or (key.startswith("event:") and "/" in key))


class _Quarter:
    """One quarter's numbers, read for headlines."""

    def __init__(
        self,
        content: ContentSet,
        level,
        role: str,
        before: Mapping,
        after: Mapping,
        causes: Causes,
        names: Sequence[str],
    ):
        self.content, self.before, self.after, self.causes = content, before, after, causes
        self.acting: list[tuple[str, str | None]] = []  # measures acting this quarter or the last (id, district)
        self.acting_now: list[tuple[str, str | None]] = []  # measures acting this quarter
        self.ids = [d.id for d in level.districts]
        setup = level.roles.get(role)
        objectives = setup.objectives if setup is not None else []
        self.tracked = {o.track.value for o in objectives if o.track is not None}
        self.names = [n for n in names if n in before and n in after]  # the values the report explains
        self._spans: dict[str, float] = {}  # each value's range and worth, asked many times a quarter
        self._weights: dict[str, float] = {}

    # --- numbers ---------------------------------------------------------------------------------------------

    def at(self, values: Mapping, name: str, district: int | None) -> float:
        raw = values[name]
        return float(raw[district]) if district is not None else float(raw)

    def change(self, name: str, district: int | None) -> tuple[float, float]:
        return self.at(self.before, name, district), self.at(self.after, name, district)

    def span(self, name: str) -> float:
        if name not in self._spans:
            lo, hi = meaning.bounds(self.content, name)
            self._spans[name] = (hi - lo) if lo is not None and hi is not None and hi > lo else 1.0
        return self._spans[name]

    def weight(self, name: str) -> float:
        """What a change of this value is worth to the player: double when an objective tracks it."""
        if name not in self._weights:
            neither = meaning.good_when(self.content, name) == meaning.NEITHER
            self._weights[name] = 0.5 if neither else 2.0 if name in self.tracked else 1.0
        return self._weights[name]

    def score(self, name: str, amount: float) -> float:
        return abs(amount) / self.span(name) * self.weight(name)

    def places(self, district: int | None) -> list[tuple[str, int | None]]:
        """The explained values of a district (or the city's own values)."""
        if district is None:
            return [(n, None) for n in self.names if not n.startswith("district.")]
        return [(n, district) for n in self.names if n.startswith("district.")]

    def part(self, where: tuple[str, int | None], prefix: str) -> float:
        """How much the causes starting with `prefix` (`event:x` counts `event:x` and `event:x/option`) moved it."""
        return sum(
            amount for key, amount in self.causes.get(where, []) if key == prefix or key.startswith(prefix + "/")
        )

    def headline(self, kind: str, where: tuple[str, int | None], change: float, score: float, **more) -> Headline:
        name, district = where
        before, after = self.change(name, district)
        return Headline(
            kind=kind,
            district=district,
            value=name,
            change=change,
            before=before,
            after=after,
            unit=meaning.unit(self.content, name),
            good=meaning.is_better(self.content, name, change),
            score=score,
            **more,
        )

    # --- the kinds of story ----------------------------------------------------------------------------------

    def from_event(self, fired: Fired) -> Headline | None:
        event = self.content.events.get(fired.event)
        if event is None:
            return None
        district = self.ids.index(fired.district) if fired.district in self.ids else None
        kind = kind_of(event, fired.option)
        key = f"event:{event.id}"
        places = self.places(district)
        if not places:
            return None
        parts = {where: self.part(where, key) for where in places}
        if kind == EVENT:  # its own part of the change, and only when that part is notable
            where = max(places, key=lambda w: self.score(w[0], parts[w]))
            amount = parts[where]
            if abs(amount) < NOTABLE * self.span(where[0]):
                return None
            score = self.score(where[0], amount)
        else:  # a story: the largest move it pushed the way it went (the mechanisms it sets off included)
            touched = [w for w in places if parts[w] * self.delta(w) > 0] or [w for w in places if parts[w]] or places
            where = max(touched, key=lambda w: self.score(w[0], self.delta(w)))
            amount = self.delta(where)
            score = self.score(where[0], amount)
        source = getattr(fired, "follow_up_of", None)
        taken = f"{key}/{fired.option}" if fired.option else key
        choice = source if is_choice(source) else taken if fired.option else None
        chain = tuple(k for k in (source, taken) if k)
        count = 1 if kind == RETALIATION else 0  # at least the one the event tells of
        if kind == RETALIATION and district is not None and RETALIATIONS in self.after and RETALIATIONS in self.before:
            was, now = self.change(RETALIATIONS, district)
            count = max(1, round(now - was))
        protected = self.protected(district) if kind == RETALIATION else None
        return self.headline(
            kind,
            where,
            amount,
            score,
            choice=choice,
            chain=chain,
            event=event.id,
            option=fired.option,
            count=count,
            protected=protected,
        )

    def delta(self, where: tuple[str, int | None]) -> float:
        was, now = self.change(*where)
        return now - was

    def tagged(self, tag: str, district: int | None, now: bool = False) -> list[str]:
        """The acting measures with this tag that act in `district` (or the whole city), as cause keys: of this
        quarter or the last, or (`now`) of this quarter only."""
        where = self.ids[district] if district is not None else None
        acting = self.acting_now if now else self.acting
        return [f"measure:{m}" for m, d in acting if tag in self.content.measures[m].tags and (d is None or d == where)]

    def protected(self, district: int | None) -> bool:
        """Whether a protection measure acted there this quarter (one that ended last quarter protects no one)."""
        return bool(self.tagged(PROTECTION_TAG, district, now=True))

    def exposures(self, found: list[Headline]) -> list[Headline]:
        """Where known retaliations rose and a reporting measure of the player's acts: that measure's story (what
        reporting there did, how many were punished, with or without protection), told once per measure, where
        most were punished. It replaces a retaliation story there that names no choice; one that does (an event
        the measure scheduled) already tells it."""
        if RETALIATIONS not in self.before or RETALIATIONS not in self.after or REPORTING not in self.names:
            return found
        best: dict[str, tuple[tuple[float, float], int]] = {}  # measure -> ((punished, reporting's move), district)
        for district in range(len(self.ids)):
            was, now = self.change(RETALIATIONS, district)
            measures = self.tagged(REPORTING_TAG, district)
            if now - was < 0.5 or not measures:
                continue
            if any(h.kind == RETALIATION and h.district == district and h.choice is not None for h in found):
                continue
            rank = (now - was, abs(self.delta((REPORTING, district))))
            if measures[0] not in best or rank > best[measures[0]][0]:
                best[measures[0]] = (rank, district)
        out = list(found)
        for measure, ((punished, _), district) in best.items():
            told = [h for h in out if h.kind == RETALIATION and h.district == district]
            out = [h for h in out if h not in told]
            where = (REPORTING, district)
            amount = self.delta(where)
            # what punished them: a retaliation event that fired there, else the model's own retaliations
            cause = next((f"event:{h.event}" for h in told if h.event), PUNISHED)
            out.append(
                self.headline(
                    RETALIATION,
                    where,
                    amount,
                    self.score(REPORTING, amount),
                    choice=measure,
                    chain=(measure, cause),
                    count=max(1, round(punished)),
                    protected=self.protected(district),
                    small=abs(amount) < NOTABLE * self.span(REPORTING),
                )
            )
        return out

    def from_measures(self) -> list[Headline]:
        """For each measure in each place it acts: the value it moved most, by its own part, when notable."""
        best: dict[tuple[str, int | None], tuple[float, tuple[str, int | None], float]] = {}
        for where, terms in self.causes.items():
            if where[0] not in self.names:
                continue
            for key, amount in terms:
                if not key.startswith("measure:") or abs(amount) < NOTABLE * self.span(where[0]):
                    continue
                score = self.score(where[0], amount)
                slot = (key, where[1])
                if slot not in best or score > best[slot][0]:
                    best[slot] = (score, where, amount)
        return [
            self.headline(MEASURE, where, amount, score, choice=key, chain=(key,))
            for (key, _), (score, where, amount) in best.items()
        ]

    def tipping(self) -> Headline | None:
        """The quarter's largest district move, when it tips the district (TIPPING_SIZE of the value's range)."""
        moved = [
            (self.score(name, self.delta((name, d))), (name, d))
            for name in self.names
            if name.startswith("district.")
            for d in range(len(self.ids))
            if abs(self.delta((name, d))) >= TIPPING_SIZE * self.span(name)
        ]
        if not moved:
            return None
        score, where = max(moved, key=lambda m: m[0])
        amount = self.delta(where)
        # its causes, largest first, that push the way it went (the rest together is no cause to name)
        pushing = [k for k, a in sorted(self.causes.get(where, []), key=lambda t: -abs(t[1])) if a * amount > 0]
        chain = tuple(k for k in pushing if k != OTHER)[:2]
        choice = next((k for k in chain if is_choice(k)), None)
        if choice is not None:  # told from the choice to the consequence
            chain = (choice, *(k for k in chain if k != choice))
        return self.headline(TIPPING, where, amount, score, choice=choice, chain=chain)
