"""The class report: one self-contained, printable HTML page that debriefs a class's games.

`build_report(logs, content, lang)` takes the class's logs (ClassLog: path, header, turns, group — read with
`game.classroom.logs.read_class_logs`) and returns a whole HTML document: inline CSS and inline SVG charts, no
scripts, no network, one phase per printed page, readable on a projector. It follows the debriefing phases
(Thiagarajan; anchors-classroom §2, §4):

  1. what happened   — the scenario, the groups, each group's quarters (events met, options chosen, measures);
  2. how choices split — for each event several groups met, the share of each option (minority views shown, and
                       the class's ballots when the logs carry votes), and the measures the groups took;
  3. outcomes        — the spread of the debrief's key metrics (game.sim.metrics) at the end, and each group's line
                       over the quarters;
  4. the paper's dynamics — the events the groups met, grouped by `game.content.dynamics.dynamic_of`, each with the
                       section of Payan (2015) it rests on and a short quotation from that section;
  5. what if         — the most split event replayed for one group with the other option (game.classroom.whatif);
  6. discussion prompts tied to the sections met, and an exit ticket.

Every figure comes from replaying the logs (so a hand-edited log that no longer replays is left out and named),
and the same logs always give the same bytes. Games are compared only within a scenario — the same level, role,
seed and number of quarters; logs of other scenarios are reported separately, each with its own six phases,
largest scenario first. `make_report` also returns the problems (each naming its file) for the command line.

Pure Python: no pygame.
"""

from __future__ import annotations

import html
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from statistics import median

from game import __version__
from game.classroom.whatif import Trajectory, WhatIf, WhatIfError, replay_class, whatif
from game.content import templates
from game.content.dynamics import DYNAMICS, dynamic_of
from game.content.loader import ContentSet
from game.events.world import placeholder_names, render
from game.session.log import LogError
from game.ui.comparison import HIGHER_IS_BETTER, KEY_METRICS

__all__ = ["Report", "WhatIf", "WhatIfError", "build_report", "make_report", "whatif", "whatif_page"]

PHASES = ("happened", "split", "outcomes", "dynamics", "whatif", "discuss")
LINE_METRICS = ("organized_crime", "fear", "victimisation", "trust_in_government", "social_trust")
WHATIF_METRICS = ("organized_crime", "fear", "victimisation", "trust_in_government")
METRIC_FORMAT = {"victimisation_gap": "points", "retaliations": "count"}  # the rest are shares, shown as %
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
WHATIF_TRIES = 4  # what-ifs played to find one that changes something (each is two replays)
# Colour-blind-safe (Okabe–Ito) for up to eight groups; more groups are drawn in grey with the class median.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442")


# --- the text ---------------------------------------------------------------------------------------------------


class _Texts:
    """Strings from content/ui/class_report.yaml in one language, HTML-escaped by `h`."""

    def __init__(self, content: ContentSet, lang: str):
        self.content = content
        self.lang = lang

    def __call__(self, key: str, /, **values) -> str:
        text = self.content.strings.get(key)
        if text is None:
            return f"⟨{key}⟩"
        return templates.render(text.get(self.lang), values)  # never str.format (see game.content.templates)

    def h(self, key: str, /, **values) -> str:
        """The string with every value escaped (values may be group labels students typed)."""
        return (
            self(key, **{k: v if isinstance(v, _Html) else esc(v) for k, v in values.items()})
            if values
            else esc(self(key))
        )


class _Html(str):
    """Markup already escaped, passed into a string unchanged."""


def esc(value) -> str:
    return html.escape(str(value), quote=True)


def fmt_metric(name: str, value: float, t: _Texts | None = None, digits: int | None = None) -> str:
    """A metric as the debrief writes it: a percentage, percentage points, or a count of cases."""
    kind = METRIC_FORMAT.get(name, "pct")
    if kind == "count":
        text = f"{value:.{digits or 0}f}"
    elif kind == "points":
        text = f"{value * 100:.{1 if digits is None else digits}f}"
        if t is not None:
            text = t("class_report.points", value=text)
    else:
        text = f"{value * 100:.{digits or 0}f}%"
    return text.replace("-", "−")


def tick_digits(name: str, lo: float, hi: float) -> int:
    """Decimals that keep five ticks from `lo` to `hi` apart."""
    step = (hi - lo) / 4 * (1 if METRIC_FORMAT.get(name) == "count" else 100)
    return 0 if step >= 1 else 1 if step >= 0.1 else 2


def signed_metric(name: str, value: float) -> str:
    """A difference: cases, or percentage points with enough decimals to show it is not zero."""
    if METRIC_FORMAT.get(name, "pct") == "count":
        return f"{value:+.0f}".replace("-", "−")
    points = value * 100
    digits = 1 if abs(points) >= 0.1 or points == 0 else 2 if abs(points) >= 0.01 else 3
    return f"{points:+.{digits}f}".replace("-", "−") + " pts"


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
                    split.sources[vote.get("source")] += 1
        return found


@dataclass
class Report:
    html: str
    problems: list[str]
    games: int
    scenarios: int
    whatifs: list[WhatIf] = field(default_factory=list)


# --- building -----------------------------------------------------------------------------------------------------


def build_report(logs, content: ContentSet, lang: str = "es", problems=()) -> str:
    """The class report as one HTML document (see the module's docstring)."""
    return make_report(logs, content, lang, problems).html


def make_report(logs, content: ContentSet, lang: str = "es", problems=()) -> Report:
    """The report and every problem met (those given, and logs that no longer replay), each naming its file."""
    lang = lang if lang in ("en", "es") else "es"
    problems = list(problems)
    games: list[Game] = []
    usable = []
    for log in logs:
        if log.turns:
            usable.append(log)
        else:
            problems.append(f"{log.path}: no finished quarter in this log; nothing to report")
    replayed = replay_class(content, [(str(log.path), log.header, log.turns) for log in usable])
    for log, trajectory in zip(usable, replayed, strict=True):
        if isinstance(trajectory, LogError):
            problems.append(f"{trajectory}; left out of the report")
            continue
        games.append(
            Game(_label(log), str(log.path), log.header, log.turns, trajectory, bool(getattr(log, "truncated", None)))
        )
    _unique_labels(games)
    scenarios: dict[tuple, Scenario] = {}
    for game in games:
        h = game.header
        key = (h["level"], h["role"], h["seed"], h["turns"])
        scenarios.setdefault(key, Scenario(*key)).games.append(game)
    ordered = sorted(scenarios.values(), key=lambda s: (-len(s.games), s.key))
    for s in ordered:
        s.games.sort(key=lambda g: natural_key(g.group))
    page = _Page(content, lang)
    body = page.render(ordered, problems)
    return Report(body, problems, len(games), len(ordered), page.whatifs)


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


class _Page:
    def __init__(self, content: ContentSet, lang: str):
        self.content = content
        self.lang = lang
        self.t = _Texts(content, lang)
        self.whatifs: list[WhatIf] = []
        self.sections = self._sections()

    # --- content helpers --------------------------------------------------------------------------------------

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

    # --- the page ---------------------------------------------------------------------------------------------

    def render(self, scenarios: list[Scenario], problems: list[str]) -> str:
        t = self.t
        total = sum(len(s.games) for s in scenarios)
        first = scenarios[0] if scenarios else None
        city = self.level(first).city.name.get(self.lang) if first else "Plaza"
        out = [
            f'<!DOCTYPE html>\n<html lang="{self.lang}">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{t.h('class_report.title', city=city)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        ]
        out.append(
            f'<header class="cover">\n<h1>{t.h("class_report.title", city=city)}</h1>\n'
            f'<p class="subtitle">{t.h("class_report.subtitle", groups=total)}</p>\n'
            f'<p class="lead">{t.h("class_report.lead")}</p>\n'
        )
        if problems:
            out.append(
                f'<div class="problems" role="alert"><h2>{t.h("class_report.problems", count=len(problems))}'
                f"</h2><ul>"
                + "".join(f"<li><code>{esc(p)}</code></li>" for p in problems)
                + f"</ul><p>{t.h('class_report.problems_note')}</p></div>\n"
            )
        if not scenarios:
            out.append(f'<p class="empty">{t.h("class_report.no_games")}</p>\n</header>\n')
            out.append(self._footer(0))
            return "".join(out)
        if len(scenarios) > 1:
            out.append(f'<p class="note">{t.h("class_report.scenarios_note", count=len(scenarios))}</p>\n')
        out.append(self._contents(scenarios))
        out.append("</header>\n")
        for n, s in enumerate(scenarios, start=1):
            prefix = f"s{n}-"
            if len(scenarios) > 1:
                cls = "scenario first" if n == 1 else "scenario"
                out.append(
                    f'<h2 class="{cls}" id="{prefix}top">'
                    + t.h(
                        "class_report.scenario_heading",
                        n=n,
                        city=self.level(s).city.name.get(self.lang),
                        role=self.level(s).roles.get(s.role).title.get(self.lang),
                        seed=s.seed,
                        groups=len(s.games),
                    )
                    + "</h2>\n"
                )
            self._assign_codes(s)
            splits = s.splits()
            out.append(self._phase(prefix, 1, self._happened(s)))
            out.append(self._phase(prefix, 2, self._split(s, splits)))
            out.append(self._phase(prefix, 3, self._outcomes(s)))
            out.append(self._phase(prefix, 4, self._dynamics(s, splits)))
            chosen = self._whatif(s, splits)
            out.append(self._phase(prefix, 5, chosen[0]))
            out.append(self._phase(prefix, 6, self._discuss(s, splits, chosen[1])))
        out.append(self._footer(total))
        return "".join(out)

    def _contents(self, scenarios: list[Scenario]) -> str:
        t = self.t
        items = []
        for n, _ in enumerate(scenarios, start=1):
            prefix = f"s{n}-"
            links = "".join(
                f'<li><a href="#{prefix}{p}">{i}. {t.h("class_report.phase." + p)}</a></li>'
                for i, p in enumerate(PHASES, start=1)
            )
            head = f"{t.h('class_report.scenario')} {n}: " if len(scenarios) > 1 else ""
            items.append(f"<li>{head}<ol class='phases'>{links}</ol></li>" if head else links)
        tag = "ol" if len(scenarios) > 1 else "ul"
        return f'<nav class="contents"><h2>{t.h("class_report.contents")}</h2><{tag}>{"".join(items)}</{tag}></nav>\n'

    def _phase(self, prefix: str, n: int, body: str) -> str:
        name = PHASES[n - 1]
        t = self.t
        cls = "phase first" if n == 1 else "phase"  # phase 1 follows the cover or its scenario's heading
        return (
            f'<section class="{cls}" id="{prefix}{name}">\n<h2><span class="num">{n}</span> '
            f'{t.h("class_report.phase." + name)}</h2>\n<p class="intro">{t.h(f"class_report.phase.{name}_intro")}'
            f"</p>\n{body}</section>\n"
        )

    def _footer(self, games: int) -> str:
        footer = self.t.h("class_report.footer", version=__version__, games=games, hash=self.content.content_hash)
        return f"<footer>{footer}</footer>\n</body>\n</html>\n"

    def _assign_codes(self, s: Scenario) -> None:
        order: list[tuple[int, str]] = []
        seen = set()
        for game in s.games:
            for turn in game.turns:
                for e in turn["events"]:
                    if e["event"] not in seen:
                        seen.add(e["event"])
                        order.append((turn["turn"], e["event"]))
        first_turn = {}
        for turn, event in order:
            first_turn.setdefault(event, turn)
        ranked = sorted(first_turn, key=lambda e: (first_turn[e], e))
        s.codes = {event: f"E{i}" for i, event in enumerate(ranked, start=1)}

    # --- 1. what happened -------------------------------------------------------------------------------------

    def _happened(self, s: Scenario) -> str:
        t = self.t
        level = self.level(s)
        sessions = sorted({g.header.get("session") for g in s.games if g.header.get("session")})
        modes = sorted({g.header.get("mode") for g in s.games if g.header.get("mode")})
        mode = ", ".join(t(f"class_report.mode.{m}") for m in modes) if modes else t("class_report.mode.none")
        rows = [
            ("class_report.field.city", level.city.name.get(self.lang)),
            ("class_report.field.role", level.roles.get(s.role).title.get(self.lang)),
            ("class_report.field.seed", str(s.seed)),
            ("class_report.field.quarters", str(s.turns)),
            ("class_report.field.groups", str(len(s.games))),
            ("class_report.field.mode", mode),
        ]
        if sessions:
            rows.append(("class_report.field.session", ", ".join(sessions)))
        out = [f'<h3>{t.h("class_report.scenario")}</h3>\n<table class="facts">']
        out += [f"<tr><th>{t.h(k)}</th><td>{esc(v)}</td></tr>" for k, v in rows]
        out.append("</table>\n")
        out.append(f'<h3>{t.h("class_report.groups")}</h3>\n<ul class="groups">')
        for g in s.games:
            notes = []
            if g.played < s.turns:
                notes.append(t("class_report.group_stopped"))
            if g.truncated:
                notes.append(t("class_report.group_cut"))
            extra = f' <span class="flag">({esc(", ".join(notes))})</span>' if notes else ""
            out.append(
                f"<li>{t.h('class_report.group_turns', group=g.group, played=g.played, turns=s.turns)}{extra}</li>"
            )
        out.append("</ul>\n")
        out.append(
            f'<h3>{t.h("class_report.timeline")}</h3>\n<p class="small">{t.h("class_report.timeline_note")}</p>\n'
        )
        out.append(
            f'<div class="scroll"><table class="timeline"><thead><tr><th scope="col">{t.h("class_report.group")}</th>'
        )
        out += [f'<th scope="col">{t.h("class_report.quarter_short", n=q)}</th>' for q in range(1, s.turns + 1)]
        out.append("</tr></thead><tbody>")
        for g in s.games:
            out.append(f'<tr><th scope="row">{esc(g.group)}</th>')
            for q in range(1, s.turns + 1):
                if q > g.played:
                    out.append('<td class="none"></td>')
                    continue
                turn = g.turns[q - 1]
                chips = []
                for e in turn["events"]:
                    tip = (
                        f"{self.event_title(s, e['event'], e.get('district'))}: "
                        f"{self.option_label(s, e['event'], e.get('option'))}"
                    )
                    chips.append(
                        f'<span class="chip" title="{esc(tip)}">{s.codes[e["event"]]}·'
                        f"{self.letter(e['event'], e.get('option'))}</span>"
                    )
                if turn["commands"]:
                    tip = "; ".join(
                        f"{self.measure_name(c['measure'])} ({self.district_name(s, c.get('district'))})"
                        for c in turn["commands"]
                    )
                    chips.append(
                        f'<span class="chip m" title="{esc(tip)}">'
                        f"{t.h('class_report.measures_short', count=len(turn['commands']))}</span>"
                    )
                out.append(f"<td>{' '.join(chips)}</td>")
            out.append("</tr>")
        out.append("</tbody></table></div>\n")
        out.append(f'<h3>{t.h("class_report.event_legend")}</h3>\n<ol class="legend">')
        for event, code in s.codes.items():
            out.append(f"<li><b>{code}</b> {esc(self.event_title(s, event))}</li>")
        out.append("</ol>\n")
        return "".join(out)

    # --- 2. how the choices split -----------------------------------------------------------------------------

    def _split(self, s: Scenario, splits: dict[str, Split]) -> str:
        t = self.t
        total = len(s.games)
        shared = [sp for sp in splits.values() if len(sp.groups) >= 2 or sp.ballots]
        shared.sort(key=lambda sp: (-len(sp.groups), sp.top_share, s.codes.get(sp.event, "")))
        out = []
        if not shared:
            out.append(f"<p>{t.h('class_report.no_shared_events')}</p>\n")
        for sp in shared:
            out.append(self._split_block(s, sp, total))
        singles = [sp for sp in splits.values() if sp not in shared and sp.decisions]
        if singles:
            out.append(f'<h3>{t.h("class_report.single_events")}</h3>\n<ul class="singles">')
            for sp in sorted(singles, key=lambda sp: natural_key(s.codes.get(sp.event, sp.event))):
                d = sp.decisions[0]
                out.append(
                    "<li>"
                    + t.h(
                        "class_report.single_event",
                        code=s.codes.get(sp.event, ""),
                        title=self.event_title(s, sp.event, d.district),
                        group=d.group,
                        turn=d.turn,
                        option=self.option_label(s, sp.event, d.option),
                    )
                    + "</li>"
                )
            out.append("</ul>\n")
        out.append(self._measures(s))
        return "".join(out)

    def _split_block(self, s: Scenario, sp: Split, total: int) -> str:
        t = self.t
        event = self.content.events.get(sp.event)
        options = [o.id for o in event.options] if event is not None else sorted({str(k) for k in sp.counts})
        counts = sp.counts
        if None in counts:
            options = [*options, None]
        n = len(sp.decisions)
        nonzero = [counts[o] for o in options if counts[o] > 0]
        minority = min(nonzero) if len(nonzero) > 1 else None
        section = self.section_of(sp.event)
        out = [
            f'<article class="event" id="ev-{esc(sp.event)}">'
            f'<h3><span class="code">{s.codes.get(sp.event, "")}</span> {esc(self.event_title(s, sp.event))}</h3>'
        ]
        meta = t.h("class_report.met_by", groups=len(sp.groups), total=total, decisions=n)
        if section:
            meta += " · " + t.h("class_report.rests_on", section=self.section_title(section))
        out.append(f'<p class="meta">{meta}</p>')
        rows = []
        for o in options:
            c = counts[o]
            who = sp.chosen_by(o)
            note = ""
            if c and c == minority:
                note = f' <span class="tag">{t.h("class_report.minority")}</span>'
            value = t("class_report.share", count=c, percent=f"{c / n * 100:.0f}%") if c else t("class_report.nobody")
            detail = t("class_report.chosen_by", groups=", ".join(who)) if who and len(who) <= 12 else ""
            rows.append((self.option_label(s, sp.event, o), c / n if n else 0.0, value, note, detail))
        out.append(f'<p class="chart-label">{t.h("class_report.decisions")}</p>')
        out.append(bar_chart(rows))
        if sp.ballots:
            cast = sum(sp.ballots.values())
            brows = []
            for o in options:
                c = sp.ballots.get(o, 0) if o is not None else 0
                value = (
                    t("class_report.share", count=c, percent=f"{c / cast * 100:.0f}%")
                    if c
                    else t("class_report.nobody")
                )
                brows.append((self.option_label(s, sp.event, o), c / cast if cast else 0.0, value, "", ""))
            out.append(f'<p class="chart-label">{t.h("class_report.ballots", count=cast)}</p>')
            out.append(bar_chart(brows, ballot=True))
            how = t.h(
                "class_report.ballot_sources",
                majority=sp.sources.get("majority", 0),
                teacher=sp.sources.get("teacher", 0),
                tie=sp.sources.get("tie_break", 0),
            )
            out.append(f'<p class="small">{how}</p>')
        out.append("</article>\n")
        return "".join(out)

    def _measures(self, s: Scenario) -> str:
        t = self.t
        total = len(s.games)
        groups: dict[str, set] = {}
        times: Counter = Counter()
        for g in s.games:
            for turn in g.turns:
                for c in turn["commands"]:
                    groups.setdefault(c["measure"], set()).add(g.group)
                    times[c["measure"]] += 1
        out = [f"<h3>{t.h('class_report.measures')}</h3>\n"]
        if not groups:
            return out[0] + f"<p>{t.h('class_report.no_measures')}</p>\n"
        rows = []
        for m in sorted(groups, key=lambda m: (-len(groups[m]), self.measure_name(m))):
            rows.append(
                (
                    self.measure_name(m),
                    len(groups[m]) / total,
                    t("class_report.measure_row", groups=len(groups[m]), total=total, times=times[m]),
                    "",
                    "",
                )
            )
        out.append(bar_chart(rows))
        return "".join(out)

    # --- 3. outcomes ------------------------------------------------------------------------------------------

    def _outcomes(self, s: Scenario) -> str:
        t = self.t
        out = ['<div class="spreads">']
        for name in KEY_METRICS:
            values = [(g.group, g.trajectory.end[name]) for g in s.games]
            nums = [v for _, v in values]
            low = min(values, key=lambda gv: gv[1])
            high = max(values, key=lambda gv: gv[1])
            better = t.h("class_report.higher_better" if name in HIGHER_IS_BETTER else "class_report.lower_better")
            out.append(
                f'<div class="spread"><h4>{esc(self.metric_name(name))} <span class="dir">({better})</span></h4>'
            )
            out.append(dot_plot(name, values, self.t))
            out.append(
                '<p class="small">'
                + t.h(
                    "class_report.spread",
                    low=fmt_metric(name, low[1], t),
                    low_group=low[0],
                    median=fmt_metric(name, median(nums), t),
                    high=fmt_metric(name, high[1], t),
                    high_group=high[0],
                )
                + "</p></div>"
            )
        out.append("</div>\n")
        out.append(
            f'<h3>{t.h("class_report.end_table")}</h3>\n<div class="scroll"><table class="ends"><thead><tr>'
            f'<th scope="col">{t.h("class_report.group")}</th>'
        )
        out += [f'<th scope="col">{esc(self.metric_name(m))}</th>' for m in KEY_METRICS]
        out.append("</tr></thead><tbody>")
        lows = {m: min(g.trajectory.end[m] for g in s.games) for m in KEY_METRICS}
        highs = {m: max(g.trajectory.end[m] for g in s.games) for m in KEY_METRICS}
        for g in s.games:
            out.append(f'<tr><th scope="row">{esc(g.group)}</th>')
            for m in KEY_METRICS:
                v = g.trajectory.end[m]
                best = highs[m] if m in HIGHER_IS_BETTER else lows[m]
                worst = lows[m] if m in HIGHER_IS_BETTER else highs[m]
                cls = (
                    ' class="best"'
                    if v == best and best != worst
                    else (' class="worst"' if v == worst and best != worst else "")
                )
                out.append(f"<td{cls}>{esc(fmt_metric(m, v, t))}</td>")
            out.append("</tr>")
        out.append("</tbody></table></div>\n")
        out.append(
            f'<h3>{t.h("class_report.over_time")}</h3>\n<p class="small">{t.h("class_report.over_time_note")}</p>\n'
        )
        out.append('<div class="lines">')
        for name in LINE_METRICS:
            series = [(g.group, g.trajectory.series(name)) for g in s.games]
            out.append(
                f"<figure><figcaption>{esc(self.metric_name(name))}</figcaption>"
                f"{line_chart(name, series, s.turns, self.t)}</figure>"
            )
        out.append("</div>\n")
        if len(s.games) <= len(PALETTE):
            out.append(
                '<p class="key">'
                + " ".join(
                    f'<span class="swatch" style="background:{PALETTE[i]}"></span>{esc(g.group)}'
                    for i, g in enumerate(s.games)
                )
                + "</p>\n"
            )
        return "".join(out)

    # --- 4. the paper's dynamics ------------------------------------------------------------------------------

    def _dynamics(self, s: Scenario, splits: dict[str, Split]) -> str:
        t = self.t
        total = len(s.games)
        by_dynamic: dict[str | None, list[Split]] = {}
        for sp in splits.values():
            if not sp.decisions:
                continue
            event = self.content.events.get(sp.event)
            by_dynamic.setdefault(dynamic_of(event) if event is not None else None, []).append(sp)
        out = []
        quoted: set[str] = set()
        for dyn in [*DYNAMICS, None]:
            found = by_dynamic.get(dyn)
            if not found:
                continue
            found.sort(key=lambda sp: (-len(sp.groups), s.codes.get(sp.event, "")))
            groups = sorted({g for sp in found for g in sp.groups}, key=natural_key)
            name = t(f"class_report.dynamic.{dyn}") if dyn else t("class_report.dyn_other")
            out.append(f'<article class="dynamic"><h3>{esc(name)}</h3>')
            shown = ", ".join(groups) if len(groups) <= 15 else ", ".join(groups[:15]) + ", …"
            met = t.h("class_report.dyn_groups", count=len(groups), total=total, groups=shown)
            out.append(f'<p class="meta">{met}</p>')
            out.append('<ul class="dyn-events">')
            for sp in found:
                out.append(
                    "<li>"
                    + t.h(
                        "class_report.dyn_event",
                        code=s.codes.get(sp.event, ""),
                        title=self.event_title(s, sp.event),
                        groups=len(sp.groups),
                    )
                    + "</li>"
                )
            out.append("</ul>")
            sections = []
            for sp in found:
                slug = self.section_of(sp.event)
                if slug and slug not in sections:
                    sections.append(slug)
            for slug in sections:
                if slug in quoted:
                    again = t.h("class_report.quote_again", section=self.section_title(slug))
                    out.append(f'<p class="small">{again}</p>')
                else:
                    quoted.add(slug)
                    out.append(self._quote(slug))
            out.append("</article>\n")
        missing = [t(f"class_report.dynamic.{d}") for d in DYNAMICS if d not in by_dynamic]
        if missing:
            out.append(f'<p class="small">{t.h("class_report.dyn_not_met", names="; ".join(missing))}</p>\n')
        return "".join(out)

    def _quote(self, slug: str) -> str:
        t = self.t
        return (
            f"<blockquote><p>“{t.h(f'class_report.section.{slug}.quote')}”</p>"
            f"<cite>{t.h('class_report.quote_source', section=self.section_title(slug))}</cite></blockquote>"
        )

    # --- 5. what if -------------------------------------------------------------------------------------------

    def _whatif(self, s: Scenario, splits: dict[str, Split]) -> tuple[str, Split | None]:
        """The what-if of the most split event; among the first few candidates, the first that changes something."""
        t = self.t
        first: tuple[Split, WhatIf] | None = None
        chosen: tuple[Split, WhatIf] | None = None
        played = 0
        for sp, game, turn, instead in self._whatif_candidates(s, splits):
            if played >= WHATIF_TRIES:
                break
            log = _Log(game.path, game.header, game.turns, game.group)
            try:
                w = whatif(self.content, log, turn, sp.event, instead)
            except (WhatIfError, LogError):
                continue
            played += 1
            first = first or (sp, w)
            if not w.same:
                chosen = (sp, w)
                break
        chosen = chosen or first
        if chosen is None:
            return f"<p>{t.h('class_report.whatif_none')}</p>\n", None
        sp, w = chosen
        self.whatifs.append(w)
        intro = (
            "<p>"
            + t.h(
                "class_report.whatif_why", share=f"{sp.top_share * 100:.0f}%", groups=len(sp.groups), total=len(s.games)
            )
            + "</p>"
            if len(sp.groups) >= 2
            else ""
        )
        return intro + self.whatif_body(s, w), sp

    def _whatif_candidates(self, s: Scenario, splits: dict[str, Split]):
        """(split, game, turn, instead), most split event first among those many groups met (at least a quarter of
        the class): the earliest decision that took the most chosen option, played with the most chosen other
        option (or, when every decision agreed, an option nobody took)."""
        total = len(s.games)
        wide = max(2, math.ceil(total / 4))

        def rank(sp: Split):
            met = len(sp.groups)
            tier = 0 if met >= wide else 1 if met >= 2 else 2
            return (tier, round(sp.top_share, 3), median(d.turn for d in sp.decisions), -met, sp.event)

        by_group = {g.group: g for g in s.games}
        for sp in sorted((sp for sp in splits.values() if sp.decisions), key=rank):
            event = self.content.events.get(sp.event)
            if event is None or len(event.options) < 2:
                continue
            counts = sp.counts
            top = max(counts, key=lambda o: (counts[o], str(o)))
            others = [o for o, _ in sorted(counts.items(), key=lambda kv: (-kv[1], str(kv[0]))) if o != top and o]
            others += [o.id for o in event.options if o.id != top and o.id not in others]
            d = min((d for d in sp.decisions if d.option == top), key=lambda d: (d.turn, natural_key(d.group)))
            for instead in others[:2]:
                yield sp, by_group[d.group], d.turn, instead

    def whatif_body(self, s: Scenario, w: WhatIf) -> str:
        t = self.t
        code = s.codes.get(w.event, "")
        title = self.event_title(s, w.event, w.district)
        out = [
            '<p class="setup">'
            + t.h(
                "class_report.whatif_setup",
                turn=w.turn,
                group=w.group,
                event=f"{code} {title}".strip(),
                taken=self.option_label(s, w.event, w.taken),
                instead=self.option_label(s, w.event, w.instead),
            )
            + "</p>"
        ]
        out.append(
            f'<table class="whatif"><thead><tr><th scope="col">{t.h("class_report.whatif_metric")}</th>'
            f'<th scope="col">{t.h("class_report.whatif_played")}</th>'
            f'<th scope="col">{t.h("class_report.whatif_other")}</th>'
            f'<th scope="col">{t.h("class_report.whatif_change")}</th></tr></thead><tbody>'
        )
        for m in KEY_METRICS:
            a, b = w.original.end[m], w.alternative.end[m]
            out.append(
                f"<tr><th scope='row'>{esc(self.metric_name(m))}</th><td>{esc(fmt_metric(m, a, t))}</td>"
                f"<td>{esc(fmt_metric(m, b, t))}</td>"
                f"<td>{esc(signed_metric(m, b - a)) if a != b else '='}</td></tr>"
            )
        out.append("</tbody></table>\n")
        if w.same:
            out.append(f'<p class="note">{t.h("class_report.whatif_same")}</p>\n')
        else:
            first = w.first_difference()
            if first is not None:
                out.append(f"<p>{t.h('class_report.whatif_diverges', turn=first)}</p>\n")
            out.append('<div class="lines">')
            for m in WHATIF_METRICS:
                out.append(
                    f"<figure><figcaption>{esc(self.metric_name(m))}</figcaption>"
                    f"{pair_chart(m, w.original.series(m), w.alternative.series(m), w.turn, self.t)}</figure>"
                )
            out.append(f'</div>\n<p class="small">{t.h("class_report.whatif_legend")}</p>\n')
            for which, key in (
                ("original", "class_report.whatif_only_played"),
                ("alternative", "class_report.whatif_only_other"),
            ):
                only = w.events_only_in(which)
                if only:
                    items = "".join(
                        "<li>"
                        + t.h(
                            "class_report.whatif_event",
                            turn=q,
                            title=self.event_place(s, e["event"], e.get("district")),
                        )
                        + "</li>"
                        for q, e in only[:10]
                    )
                    more = f"<li>… (+{len(only) - 10})</li>" if len(only) > 10 else ""
                    out.append(f'<h4>{t.h(key)}</h4><ul class="dyn-events">{items}{more}</ul>\n')
            if w.fallbacks:
                bot = any(g.header.get("bot") for g in s.games if g.group == w.group)
                how = t("class_report.whatif_fallback_bot" if bot else "class_report.whatif_fallback_first")
                note = t.h("class_report.whatif_fallbacks", count=len(w.fallbacks), how=how)
                out.append(f'<p class="small">{note}</p>\n')
        out.append(
            '<p class="prompt">'
            + t.h("class_report.whatif_prompt", instead=self.option_label(s, w.event, w.instead))
            + "</p>\n"
        )
        out.append(f'<p class="small">{t.h("class_report.whatif_cli")}</p>\n')
        return "".join(out)

    # --- 6. discussion and exit ticket ------------------------------------------------------------------------

    def _discuss(self, s: Scenario, splits: dict[str, Split], split_event: Split | None) -> str:
        t = self.t
        prompts: list[str] = []
        if split_event is not None and len(split_event.groups) >= 2:
            prompts.append(
                t.h(
                    "class_report.prompt_split",
                    code=s.codes.get(split_event.event, ""),
                    title=self.event_title(s, split_event.event),
                )
            )
        if len(s.games) >= 2:
            widest = max(KEY_METRICS, key=lambda m: _relative_spread(m, [g.trajectory.end[m] for g in s.games]))
            vals = [g.trajectory.end[widest] for g in s.games]
            prompts.append(
                t.h(
                    "class_report.prompt_spread",
                    metric=self.metric_name(widest),
                    low=fmt_metric(widest, min(vals), t),
                    high=fmt_metric(widest, max(vals), t),
                )
            )
        met: Counter = Counter()
        for sp in splits.values():
            slug = self.section_of(sp.event)
            if slug:
                met[slug] += len(sp.groups)
        sections = [slug for slug, _ in sorted(met.items(), key=lambda kv: (-kv[1], kv[0]))][:6]
        out = [f'<h3>{t.h("class_report.prompts")}</h3>\n<ol class="prompts">']
        out += [f"<li>{p}</li>" for p in prompts]
        for slug in sections:
            out.append(f"<li>{t.h(f'class_report.section.{slug}.prompt')}{self._quote(slug)}</li>")
        out += [f"<li>{t.h('class_report.prompt_general_1')}</li>", f"<li>{t.h('class_report.prompt_general_2')}</li>"]
        out.append("</ol>\n")
        out.append(
            f'<div class="ticket"><h3>{t.h("class_report.exit_ticket")}</h3>'
            f'<p class="small">{t.h("class_report.exit_ticket_note")}</p>'
            f"<p>{t.h('class_report.exit_label')}</p><ol>"
        )
        out += [f'<li>{t.h(f"class_report.exit_{i}")}<div class="answer"></div></li>' for i in range(1, 5)]
        out.append("</ol></div>\n")
        return "".join(out)


def _relative_spread(name: str, values: list[float]) -> float:
    scale = max(abs(v) for v in values) or 1.0
    return (max(values) - min(values)) / scale


@dataclass
class _Log:
    path: str
    header: dict
    turns: list[dict]
    group: str


# --- plaza whatif: a page of its own --------------------------------------------------------------------------


def whatif_page(content: ContentSet, log, w: WhatIf, lang: str = "es") -> str:
    """A small self-contained HTML page for one what-if (what `plaza whatif --out` writes)."""
    page = _Page(content, lang if lang in ("en", "es") else "es")
    h = log.header
    s = Scenario(h["level"], h["role"], h["seed"], h["turns"])
    s.games = [Game(str(log.group), str(log.path), h, log.turns, w.original)]  # no event codes: no legend here
    t = page.t
    title = t.h("class_report.whatif_page_title", group=w.group, turn=w.turn)
    return (
        f'<!DOCTYPE html>\n<html lang="{page.lang}">\n<head>\n<meta charset="utf-8">\n<title>{title}</title>\n'
        f"<style>{CSS}</style>\n</head>\n<body>\n<h1>{title}</h1>\n"
        f'<section class="phase first">{page.whatif_body(s, w)}</section>\n{page._footer(1)}'
    )


# --- SVG charts ------------------------------------------------------------------------------------------------


def bar_chart(rows: list[tuple[str, float, str, str, str]], ballot: bool = False) -> str:
    """Horizontal bars, one row each: (label, share 0–1, value text, extra HTML after the value, who chose it).
    Labels and values are HTML, so long labels wrap; each bar is a small inline SVG."""
    colour = "#6a3d9a" if ballot else "#0b5394"
    out = [f'<table class="bars{" ballots" if ballot else ""}"><tbody>']
    for label, share, value, note, detail in rows:
        width = 0.0 if share <= 0 else max(0.6, 100 * share)
        bar = (
            f'<svg viewBox="0 0 100 10" preserveAspectRatio="none" role="img" aria-label="{esc(value)}">'
            f'<rect x="0" y="0" width="100" height="10" class="track"/>'
            + (f'<rect x="0" y="0" width="{width:.2f}" height="10" fill="{colour}"/>' if width else "")
            + "</svg>"
        )
        who = f'<div class="who">{esc(detail)}</div>' if detail else ""
        out.append(
            f'<tr><th scope="row">{esc(label)}{who}</th><td class="bar">{bar}</td>'
            f'<td class="val">{esc(value)}{note}</td></tr>'
        )
    out.append("</tbody></table>")
    return "".join(out)


def _nice_range(values: list[float], name: str) -> tuple[float, float]:
    """The axis range: the values with a margin, never below zero for a figure that cannot be negative."""
    lo, hi = min(values), max(values)
    if hi - lo < 1e-9:
        pad = abs(hi) * 0.1 or (1.0 if METRIC_FORMAT.get(name) == "count" else 0.05)
        lo, hi = lo - pad, hi + pad
    pad = (hi - lo) * 0.08
    low = lo - pad
    if min(values) >= 0 and low < 0:
        low = 0.0
    return low, hi + pad


def dot_plot(name: str, values: list[tuple[str, float]], t: _Texts) -> str:
    """Each group a dot on one axis; the class median a line. Dots that land together stack upwards."""
    width, height, left, right, base = 600, 96, 20, 20, 70
    lo, hi = _nice_range([v for _, v in values], name)
    x = lambda v: left + (v - lo) / (hi - lo) * (width - left - right)  # noqa: E731
    parts = [
        f'<svg class="dots" viewBox="0 0 {width} {height}" width="100%" role="img" '
        f'aria-label="{esc(", ".join(f"{g}: {fmt_metric(name, v)}" for g, v in values))}">',
        f'<line x1="{left}" y1="{base}" x2="{width - right}" y2="{base}" class="axis"/>',
    ]
    digits = tick_digits(name, lo, hi)
    for v in (lo + (hi - lo) * k / 4 for k in range(5)):
        parts.append(
            f'<line x1="{x(v):.1f}" y1="{base}" x2="{x(v):.1f}" y2="{base + 5}" class="axis"/>'
            f'<text x="{x(v):.1f}" y="{base + 20}" class="tick" text-anchor="middle">'
            f"{esc(fmt_metric(name, v, digits=digits))}</text>"
        )
    med = median(v for _, v in values)
    parts.append(f'<line x1="{x(med):.1f}" y1="8" x2="{x(med):.1f}" y2="{base}" class="median"/>')
    stacks: Counter = Counter()
    for group, v in sorted(values, key=lambda gv: gv[1]):
        slot = round(x(v) / 9)
        level = stacks[slot]
        stacks[slot] += 1
        cy = base - 8 - (level % 7) * 9
        parts.append(
            f'<circle cx="{x(v):.1f}" cy="{cy}" r="5" class="dot"><title>{esc(group)}: '
            f"{esc(fmt_metric(name, v, t))}</title></circle>"
        )
    parts.append("</svg>")
    return "".join(parts)


def line_chart(name: str, series: list[tuple[str, list[float]]], turns: int, t: _Texts) -> str:
    """One line per group over the quarters (0 = start), with the class median thick."""
    width, height, left, right, top, bottom = 480, 230, 58, 12, 10, 30
    values = [v for _, ys in series for v in ys] or [0.0]
    lo, hi = _nice_range(values, name)
    x = lambda q: left + q / max(turns, 1) * (width - left - right)  # noqa: E731
    y = lambda v: top + (hi - v) / (hi - lo) * (height - top - bottom)  # noqa: E731
    parts = [f'<svg class="chart" viewBox="0 0 {width} {height}" width="100%" role="img" aria-label="{esc(name)}">']
    parts += _axes(name, lo, hi, turns, x, y, width, height, left, right, top, bottom, t)
    many = len(series) > len(PALETTE)
    for i, (group, ys) in enumerate(series):
        pts = " ".join(f"{x(q):.1f},{y(v):.1f}" for q, v in enumerate(ys))
        style = (
            'stroke="#9aa3ad" stroke-width="1.2" stroke-opacity="0.7"'
            if many
            else f'stroke="{PALETTE[i]}" stroke-width="2.4"'
        )
        parts.append(f'<polyline points="{pts}" fill="none" {style}><title>{esc(group)}</title></polyline>')
    longest = max(len(ys) for _, ys in series) if series else 0
    med = [median(ys[q] for _, ys in series if q < len(ys)) for q in range(longest)]
    if len(series) > 1:
        pts = " ".join(f"{x(q):.1f},{y(v):.1f}" for q, v in enumerate(med))
        parts.append(
            f'<polyline points="{pts}" fill="none" stroke="#111" stroke-width="3.6" '
            f'stroke-dasharray="{"none" if many else "7 4"}"><title>{esc(t("class_report.median"))}</title>'
            "</polyline>"
        )
    parts.append("</svg>")
    return "".join(parts)


def pair_chart(name: str, played: list[float], other: list[float], turn: int, t: _Texts) -> str:
    """The played game (solid) and the what-if (dashed), with a mark at the changed quarter."""
    width, height, left, right, top, bottom = 480, 230, 58, 12, 10, 30
    turns = max(len(played), len(other)) - 1
    lo, hi = _nice_range(played + other, name)
    x = lambda q: left + q / max(turns, 1) * (width - left - right)  # noqa: E731
    y = lambda v: top + (hi - v) / (hi - lo) * (height - top - bottom)  # noqa: E731
    parts = [f'<svg class="chart" viewBox="0 0 {width} {height}" width="100%" role="img" aria-label="{esc(name)}">']
    parts += _axes(name, lo, hi, turns, x, y, width, height, left, right, top, bottom, t)
    parts.append(f'<line x1="{x(turn):.1f}" y1="{top}" x2="{x(turn):.1f}" y2="{height - bottom}" class="mark"/>')
    for ys, style in (
        (played, 'stroke="#0b5394" stroke-width="3"'),
        (other, 'stroke="#b45f06" stroke-width="3" stroke-dasharray="8 5"'),
    ):
        pts = " ".join(f"{x(q):.1f},{y(v):.1f}" for q, v in enumerate(ys))
        parts.append(f'<polyline points="{pts}" fill="none" {style}/>')
    parts.append("</svg>")
    return "".join(parts)


def _axes(name, lo, hi, turns, x, y, width, height, left, right, top, bottom, t: _Texts) -> list[str]:
    parts = [
        f'<line x1="{left}" y1="{height - bottom}" x2="{width - right}" y2="{height - bottom}" class="axis"/>',
        f'<line x1="{left}" y1="{top}" x2="{left}" y2="{height - bottom}" class="axis"/>',
    ]
    digits = tick_digits(name, lo, hi)
    for k in range(5):
        v = lo + (hi - lo) * k / 4
        parts.append(
            f'<line x1="{left}" y1="{y(v):.1f}" x2="{width - right}" y2="{y(v):.1f}" class="grid"/>'
            f'<text x="{left - 6}" y="{y(v) + 4:.1f}" class="tick" text-anchor="end">'
            f"{esc(fmt_metric(name, v, digits=digits))}</text>"
        )
    step = max(1, math.ceil(turns / 12))
    for q in range(0, turns + 1, step):
        label = t("class_report.start") if q == 0 else str(q)
        parts.append(
            f'<text x="{x(q):.1f}" y="{height - bottom + 18}" class="tick" text-anchor="middle">{esc(label)}</text>'
        )
    return parts


CSS = """
:root { --ink: #111; --muted: #444; --line: #bbb; --accent: #0b5394; --warn: #8a1c00; --paper: #fff; }
* { box-sizing: border-box; }
html { font-size: 18px; }
body { font-family: "DejaVu Sans", "Segoe UI", Arial, sans-serif; color: var(--ink); background: var(--paper);
       line-height: 1.45; margin: 0 auto; padding: 1.5rem 2rem 3rem; max-width: 1180px; }
h1 { font-size: 2.1rem; margin: 0 0 .3rem; }
h2 { font-size: 1.6rem; margin: 0 0 .6rem; border-bottom: 3px solid var(--ink); padding-bottom: .2rem; }
h2.scenario { margin-top: 2.5rem; border-bottom: 6px double var(--ink); break-before: page; }
h2.scenario.first { break-before: auto; }
h3 { font-size: 1.2rem; margin: 1.4rem 0 .4rem; }
h4 { font-size: 1rem; margin: .6rem 0 .2rem; }
.num { display: inline-block; min-width: 2.2rem; text-align: center; background: var(--ink); color: #fff;
       border-radius: .3rem; margin-right: .4rem; }
.subtitle { font-size: 1.15rem; color: var(--muted); margin: 0 0 .8rem; }
.lead, .intro { font-size: 1.05rem; max-width: 60em; }
.intro { color: var(--muted); }
.small { font-size: .85rem; color: var(--muted); }
.note { background: #eef3fa; border-left: 6px solid var(--accent); padding: .5rem .8rem; }
.problems { border: 3px solid var(--warn); padding: .4rem 1rem; margin: 1rem 0; }
.problems h2 { color: var(--warn); border: 0; font-size: 1.2rem; }
.problems code { white-space: pre-wrap; word-break: break-word; font-size: .85rem; }
.contents ul, .contents ol { columns: 2; }
.phases { columns: 1 !important; }
section.phase { break-before: page; padding-top: 1.2rem; }
section.phase.first { break-before: auto; }
table { border-collapse: collapse; margin: .4rem 0 1rem; }
th, td { border: 1px solid var(--line); padding: .25rem .5rem; text-align: left; vertical-align: top; }
thead th { background: #f0f0f0; }
table.facts th { background: #f5f5f5; width: 12em; }
.scroll { overflow-x: auto; }
table.timeline { font-size: .72rem; }
table.timeline td { min-width: 4.2em; }
table.timeline th[scope="row"], table.ends th[scope="row"] { white-space: nowrap; }
table.timeline td.none { background: repeating-linear-gradient(45deg, #fff, #fff 4px, #eee 4px, #eee 8px); }
.chip { display: inline-block; white-space: nowrap; border: 1px solid #777; border-radius: .25rem;
        padding: 0 .2rem; margin: 1px 0; background: #fafafa; }
.chip.m { border-color: #2f6b2f; color: #1e4d1e; background: #eef7ee; }
ul.groups { columns: 3; font-size: .9rem; }
.flag { color: var(--warn); }
ol.legend { columns: 2; font-size: .85rem; }
article.event, article.dynamic { break-inside: avoid; border-top: 1px solid var(--line); padding-top: .3rem; }
.code { font-weight: bold; color: var(--accent); }
.meta { color: var(--muted); margin: 0 0 .3rem; font-size: .9rem; }
.chart-label { margin: .3rem 0 0; font-weight: bold; font-size: .9rem; }
svg text { font-family: "DejaVu Sans", Arial, sans-serif; }
table.bars { width: 100%; border: 0; margin: .2rem 0 .6rem; table-layout: fixed; }
table.bars th, table.bars td { border: 0; padding: .15rem .4rem .15rem 0; vertical-align: middle; }
table.bars th { font-weight: normal; width: 46%; }
table.bars td.bar { width: 34%; }
table.bars td.bar svg { display: block; width: 100%; height: 1.1rem; }
table.bars td.val { font-weight: bold; white-space: nowrap; }
table.bars .who { font-size: .75rem; color: var(--muted); }
svg .track { fill: #e8e8e8; }
svg .axis { stroke: #333; stroke-width: 1.2; }
svg .grid { stroke: #ddd; stroke-width: 1; }
svg .tick { font-size: 13px; fill: #333; }
svg .median { stroke: #111; stroke-width: 2; stroke-dasharray: 4 3; }
svg .dot { fill: var(--accent); fill-opacity: .75; stroke: #fff; stroke-width: 1; }
svg .mark { stroke: #b45f06; stroke-width: 1.5; stroke-dasharray: 2 3; }
.tag { margin-left: .4rem; font-weight: normal; font-size: .8rem; background: #fff3cd; border: 1px solid #b08900;
       border-radius: .25rem; padding: 0 .3rem; color: #5c4500; }
.spreads { display: grid; grid-template-columns: 1fr 1fr; gap: .4rem 1.6rem; }
.spread { break-inside: avoid; }
.dir { font-weight: normal; color: var(--muted); font-size: .8rem; }
table.ends { font-size: .8rem; }
td.best { background: #dff0d8; font-weight: bold; }
td.worst { background: #f8d7da; }
.lines { display: grid; grid-template-columns: 1fr 1fr; gap: .6rem 1.4rem; }
figure { margin: 0; break-inside: avoid; }
figcaption { font-weight: bold; font-size: .95rem; }
.key .swatch { display: inline-block; width: 1.4em; height: .6em; margin: 0 .3em 0 .9em; }
blockquote { margin: .6rem 0 .8rem; padding: .4rem 1rem; border-left: 6px solid #777; background: #f7f7f7;
             break-inside: avoid; }
blockquote p { margin: 0 0 .3rem; font-style: italic; }
cite { font-size: .85rem; color: var(--muted); font-style: normal; }
ul.dyn-events { margin: .2rem 0 .4rem; }
table.whatif td, table.whatif th { padding: .3rem .8rem; }
.setup { font-size: 1.1rem; }
.prompt { font-weight: bold; }
ol.prompts > li { margin-bottom: .9rem; }
.ticket { border: 2px dashed #555; padding: .4rem 1rem 1rem; margin-top: 1.4rem; break-inside: avoid; }
.ticket .answer { border-bottom: 1px solid #999; height: 2.6rem; margin-bottom: .3rem; }
footer { margin-top: 2.5rem; border-top: 1px solid var(--line); padding-top: .5rem; font-size: .8rem;
         color: var(--muted); }
@media screen and (max-width: 800px) { .spreads, .lines { grid-template-columns: 1fr; } ul.groups { columns: 1; } }
@page { size: A4; margin: 14mm 12mm; }
@media print {
  html { font-size: 11pt; }
  body { padding: 0; max-width: none; }
  .scroll { overflow: visible; }
  table.timeline { font-size: 7pt; }
  table.bars th, table.bars td { padding-top: 0; padding-bottom: 0; }
  table.bars td.bar svg { height: .8rem; }
  .lines { grid-template-columns: 1fr 1fr 1fr; }
  article.event h3 { margin-top: .6rem; }
  a { color: inherit; text-decoration: none; }
  .contents { break-after: avoid; }
  .ticket { break-before: page; }
}
"""
