"""What the class report reports: the class's logs replayed and grouped by scenario, and the names the report
gives to events, options, measures, districts, metrics and the paper's sections.

`gather(logs, content, problems)` replays every log (game.runs.class_replay) and returns the
scenarios, largest first, each with its games in the groups' natural order; logs that do not replay are left out
and named in the problems. `Texts` gives the strings of content/ui/class_report.yaml as plain text (rendered with
game.content.templates.render, never str.format); the templates escape them.

Pure Python: no pygame.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from markupsafe import escape

from game.classfiles.logs import vote_source
from game.classfiles.plurals import plural_key
from game.classfiles.problems import Problem
from game.content import templates
from game.content.loader import ContentSet
from game.events.world import placeholder_names, render
from game.runs.class_replay import Try, replay_with_whatifs
from game.runs.whatif import Played, Trajectory
from game.session.log import LogError, ModelVersionError

__all__ = ["Decision", "Game", "Names", "Scenario", "Split", "Texts", "gather", "natural_key"]

LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
# the value a string's plural forms follow, the first one given ("{played} of {turns} quarters": the noun is the
# session's count of quarters)
PLURAL_BY = ("count", "games", "groups", "turns")


class Texts:
    """Strings from content/ui/class_report.yaml in one language, as plain text (the templates escape them)."""

    def __init__(self, content: ContentSet, lang: str):
        self.content = content
        self.lang = lang

    def __call__(self, key: str, /, **values) -> str:
        count = next((values[k] for k in PLURAL_BY if isinstance(values.get(k), int | float)), None)
        if count is not None:  # a string with plural forms: the form for this count, by the language's rules
            key = plural_key(self.content.strings, key, self.lang, count)
        text = self.content.strings.get(key)
        if text is None:
            return f"⟨{key}⟩"
        return templates.render(text.get(self.lang), values)  # never str.format (see game.content.templates)

    def h(self, key: str, /, **values) -> str:
        """The string HTML-escaped (values may be group labels students typed)."""
        return str(escape(self(key, **values)))


def natural_key(label: str) -> list:
    return [int(p) if p.isdigit() else p.lower() for p in re.split(r"(\d+)", label)]


# --- what the logs hold -------------------------------------------------------------------------------------------


@dataclass
class Game:
    """One group's game, replayed."""

    group: str
    path: str
    header: dict
    turns: list[dict]
    trajectory: Trajectory
    truncated: bool = False
    whatifs: dict[tuple[int, str, str], Played] = field(default_factory=dict)  # (turn, event, option): played

    @property
    def played(self) -> int:
        return len(self.turns)


@dataclass
class Decision:
    group: str
    turn: int
    district: str | None
    option: str | None


@dataclass
class Split:
    """Every decision the class made on one event, and the ballots cast on it."""

    event: str
    decisions: list[Decision] = field(default_factory=list)
    ballots: Counter = field(default_factory=Counter)
    sources: Counter = field(default_factory=Counter)

    @property
    def counts(self) -> Counter:
        return Counter(d.option for d in self.decisions)

    @property
    def groups(self) -> list[str]:
        return sorted({d.group for d in self.decisions}, key=natural_key)

    @property
    def top_share(self) -> float:
        counts = self.counts
        return max(counts.values()) / len(self.decisions) if self.decisions else 1.0

    def chosen_by(self, option: str | None) -> list[str]:
        return sorted({d.group for d in self.decisions if d.option == option}, key=natural_key)


@dataclass
class Scenario:
    level: str
    role: str
    seed: int
    turns: int
    games: list[Game] = field(default_factory=list)
    codes: dict[str, str] = field(default_factory=dict)  # event id -> E1, E2… in order of first appearance

    @property
    def key(self) -> tuple:
        return (self.level, self.role, self.seed, self.turns)

    def splits(self) -> dict[str, Split]:
        found: dict[str, Split] = {}
        for game in self.games:
            for turn in game.turns:
                for e in turn["events"]:
                    found.setdefault(e["event"], Split(e["event"])).decisions.append(
                        Decision(game.group, turn["turn"], e.get("district"), e.get("option"))
                    )
                for vote in turn.get("votes") or []:
                    split = found.setdefault(vote.get("event"), Split(vote.get("event")))
                    for option, count in (vote.get("tally") or {}).items():
                        split.ballots[option] += count
                    split.sources[vote_source(vote)] += 1
        return found

    def assign_codes(self) -> None:
        """E1, E2… by the quarter each event was first met, then by id."""
        first_turn: dict[str, int] = {}
        for game in self.games:
            for turn in game.turns:
                for e in turn["events"]:
                    first_turn.setdefault(e["event"], turn["turn"])
        ranked = sorted(first_turn, key=lambda e: (first_turn[e], e))
        self.codes = {event: f"E{i}" for i, event in enumerate(ranked, start=1)}


def gather(logs, content: ContentSet, problems: list, tries_for=None) -> tuple[list[Scenario], int]:
    """The scenarios (largest first, games in natural order) and the number of games; appends to `problems`.

    `tries_for(scenarios)`: the what-ifs (game, turn, event, option) the report will likely play, given the
    scenarios as they would be if every log replays; they are played in the class's batch (game.runs.class_replay)
    and kept in each game's `whatifs`."""
    usable = []
    for log in logs:
        if log.turns:
            usable.append(log)
        else:
            problems.append(
                Problem("no_quarter", f"{log.path}: no finished quarter in this log; nothing to report", file=log.path)
            )
    tries = []
    if tries_for is not None:
        every = [_game(log, Trajectory()) for log in usable]
        index = {id(game): i for i, game in enumerate(every)}
        tries = [Try(index[id(game)], *change) for game, *change in tries_for(_scenarios(every))]
    replayed, played = replay_with_whatifs(content, [(str(log.path), log.header, log.turns) for log in usable], tries)
    games: list[Game] = []
    for i, (log, trajectory) in enumerate(zip(usable, replayed, strict=True)):
        if isinstance(trajectory, LogError):
            problems.append(_not_replayed(trajectory, log.path))
            continue
        games.append(_game(log, trajectory))
        games[-1].whatifs = {(w.turn, w.event, w.option): p for w, p in played.items() if w.game == i}
    return _scenarios(games), len(games)


def _game(log, trajectory: Trajectory) -> Game:
    return Game(_label(log), str(log.path), log.header, log.turns, trajectory, bool(getattr(log, "truncated", None)))


def _scenarios(games: list[Game]) -> list[Scenario]:
    """The games (labels made unique) by scenario, largest first, each in the groups' natural order."""
    _unique_labels(games)
    scenarios: dict[tuple, Scenario] = {}
    for game in games:
        h = game.header
        key = (h["level"], h["role"], h["seed"], h["turns"])
        scenarios.setdefault(key, Scenario(*key)).games.append(game)
    ordered = sorted(scenarios.values(), key=lambda s: (-len(s.games), s.key))
    for s in ordered:
        s.games.sort(key=lambda g: natural_key(g.group))
    return ordered


def _not_replayed(exc: LogError, path) -> Problem:
    """A log the what-if replay refused: made under another model's rules, or not usable (the reason in the log
    reader's words as `detail`)."""
    kind = "other_model_report" if isinstance(exc, ModelVersionError) else "not_replayed"
    where = re.match(rf"{re.escape(str(path))}(:\d+)?:\s*", str(exc))  # the file, and its line when named
    detail = str(exc)[where.end() :] if where else str(exc)
    path = f"{path}{where.group(1) or ''}" if where else path
    return Problem(kind, f"{exc}; left out of the report", file=path, detail=detail)


def _label(log) -> str:
    """The group's label; for a `plaza simulate --log-dir` log (no group, named level-role-bot-seedN), the bot."""
    h = log.header
    if (
        not h.get("group")
        and h.get("bot")
        and Path(str(log.path)).stem == f"{h['level']}-{h['role']}-{h['bot']}-seed{h['seed']}"
    ):
        return str(h["bot"])
    return str(log.group)


def _unique_labels(games: list[Game]) -> None:
    """Two logs with the same group label (a restarted game) get "(2)", "(3)"… so the report can tell them apart."""
    seen: Counter = Counter()
    for game in games:
        seen[game.group] += 1
        if seen[game.group] > 1:
            game.group = f"{game.group} ({seen[game.group]})"


# --- names --------------------------------------------------------------------------------------------------------


class Names:
    """What the report calls things, in one language, as plain text."""

    def __init__(self, content: ContentSet, lang: str):
        self.content = content
        self.lang = lang
        self.t = Texts(content, lang)
        self.sections = self._sections()

    def _sections(self) -> dict[str, str]:
        """The paper's section titles (as events cite them) -> the slug of their strings."""
        out = {}
        for key, text in self.content.strings.items():
            m = re.fullmatch(r"class_report\.section\.([a-z0-9_]+)\.title", key)
            if m:
                out[text.en] = m.group(1)
        return out

    def level(self, s: Scenario):
        return self.content.levels[s.level]

    def city(self, s: Scenario) -> str:
        return self.level(s).city.name.get(self.lang)

    def role(self, s: Scenario) -> str:
        return self.level(s).roles.get(s.role).title.get(self.lang)

    def event_title(self, s: Scenario, event_id: str, district: str | None = None) -> str:
        event = self.content.events.get(event_id)
        if event is None:
            return event_id
        level = self.level(s)
        ids = [d.id for d in level.districts]
        names = placeholder_names(level, s.role, 1, self.lang, ids.index(district) if district in ids else None)
        names.setdefault("district", self.t("class_report.some_district"))
        return render(event.title, self.lang, names)

    def event_place(self, s: Scenario, event_id: str, district: str | None) -> str:
        """The event's title, and its district when the title does not already name it."""
        title = self.event_title(s, event_id, district)
        if district is None:
            return title
        place = self.district_name(s, district)
        return title if place in title else self.t("class_report.in_district", title=title, district=place)

    def option_label(self, s: Scenario, event_id: str, option: str | None) -> str:
        event = self.content.events.get(event_id)
        if option is None:
            return self.t("class_report.no_option")
        if event is None:
            return option
        for i, o in enumerate(event.options):
            if o.id == option:
                names = placeholder_names(self.level(s), s.role, 1, self.lang, None)
                names.setdefault("district", self.t("class_report.some_district"))
                return f"{LETTERS[i % 26]} · {render(o.label, self.lang, names)}"
        return option

    def letter(self, event_id: str, option: str | None) -> str:
        event = self.content.events.get(event_id)
        if option is None or event is None:
            return "–"
        ids = [o.id for o in event.options]
        return LETTERS[ids.index(option) % 26] if option in ids else "?"

    def measure_name(self, measure_id: str) -> str:
        measure = self.content.measures.get(measure_id)
        return measure.name.get(self.lang) if measure is not None else measure_id

    def district_name(self, s: Scenario, district: str | None) -> str:
        if district is None:
            return self.t("class_report.city_wide")
        for d in self.level(s).districts:
            if d.id == district:
                return d.name.get(self.lang)
        return district

    def section_of(self, event_id: str) -> str | None:
        event = self.content.events.get(event_id)
        return self.sections.get(event.paper) if event is not None else None

    def section_title(self, slug: str) -> str:
        return self.t(f"class_report.section.{slug}.title")

    def metric_name(self, name: str) -> str:
        return self.t(f"class_report.metric.{name}")
