"""The six debrief phases of the class report as plain data, one builder each (see game.classroom.report).

Each builder takes a scenario and returns a dataclass of plain text and numbers; `templates/_phases.html.j2`
writes it out (and escapes every string). The choice of what to show — which event split the class, which group
did best on a metric — is made here; the what-if (phase 5) is chosen in game.classroom.report_whatif.

Pure Python: no pygame, no Jinja.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from statistics import median

from game.classroom.report_charts import (
    PALETTE,
    BarRow,
    Chart,
    DotPlot,
    axis_floor,
    dot_plot,
    fmt_metric,
    line_chart,
)
from game.classroom.report_data import Names, Scenario, Split, natural_key
from game.classroom.report_outcomes import outcomes as came_of
from game.content.dynamics import DYNAMICS, dynamic_of
from game.session import meaning

# --- 1. what happened ---------------------------------------------------------------------------------------------


@dataclass
class Chip:
    """One mark in a timeline cell: an event's code and the letter chosen, or (code "") the measures taken."""

    tip: str
    code: str = ""
    letter: str = ""
    measures: int = 0


@dataclass
class GroupLine:
    group: str
    played: int
    notes: str = ""


@dataclass
class Happened:
    facts: list[tuple[str, str]]  # (string key, value)
    groups: list[GroupLine]
    turns: int
    timeline: list[tuple[str, list[list[Chip] | None]]]  # (group, each quarter's chips or None when not played)
    legend: list[tuple[str, str]]  # (code, title)


def happened(n: Names, s: Scenario) -> Happened:
    t = n.t
    sessions = sorted({g.header.get("session") for g in s.games if g.header.get("session")})
    modes = sorted({g.header.get("mode") for g in s.games if g.header.get("mode")})
    mode = ", ".join(t(f"class_report.mode.{m}") for m in modes) if modes else t("class_report.mode.none")
    facts = [
        ("class_report.field.city", n.city(s)),
        ("class_report.field.role", n.role(s)),
        ("class_report.field.seed", str(s.seed)),
        ("class_report.field.quarters", str(s.turns)),
        ("class_report.field.groups", str(len(s.games))),
        ("class_report.field.mode", mode),
    ]
    if sessions:
        facts.append(("class_report.field.session", ", ".join(sessions)))
    groups = []
    for g in s.games:
        notes = []
        if g.played < s.turns:
            notes.append(t("class_report.group_stopped"))
        if g.truncated:
            notes.append(t("class_report.group_cut"))
        groups.append(GroupLine(g.group, g.played, ", ".join(notes)))
    timeline: list[tuple[str, list[list[Chip] | None]]] = []
    for g in s.games:
        cells: list[list[Chip] | None] = []
        for q in range(1, s.turns + 1):
            if q > g.played:
                cells.append(None)
                continue
            turn = g.turns[q - 1]
            chips = []
            for e in turn["events"]:
                tip = (
                    f"{n.event_title(s, e['event'], e.get('district'))}: "
                    f"{n.option_label(s, e['event'], e.get('option'))}"
                )
                chips.append(Chip(tip, s.codes[e["event"]], n.letter(e["event"], e.get("option"))))
            if turn["commands"]:
                tip = "; ".join(
                    f"{n.measure_name(c['measure'])} ({n.district_name(s, c.get('district'))})"
                    for c in turn["commands"]
                )
                chips.append(Chip(tip, measures=len(turn["commands"])))
            cells.append(chips)
        timeline.append((g.group, cells))
    legend = [(code, n.event_title(s, event)) for event, code in s.codes.items()]
    return Happened(facts, groups, s.turns, timeline, legend)


# --- 2. how the choices split -------------------------------------------------------------------------------------


@dataclass
class SplitBlock:
    event: str
    code: str
    title: str
    groups: int
    total: int
    decisions: int
    section: str  # the section's title, or ""
    rows: list[BarRow]
    cast: int = 0  # ballots
    ballot_rows: list[BarRow] = field(default_factory=list)
    sources: dict[str, int] = field(default_factory=dict)


@dataclass
class SplitPhase:
    blocks: list[SplitBlock]
    singles: list[dict]  # the values of class_report.single_event
    measures: list[BarRow]


def split_phase(n: Names, s: Scenario, splits: dict[str, Split]) -> SplitPhase:
    total = len(s.games)
    shared = [sp for sp in splits.values() if len(sp.groups) >= 2 or sp.ballots]
    shared.sort(key=lambda sp: (-len(sp.groups), sp.top_share, s.codes.get(sp.event, "")))
    singles = []
    for sp in sorted(
        (sp for sp in splits.values() if sp not in shared and sp.decisions),
        key=lambda sp: natural_key(s.codes.get(sp.event, sp.event)),
    ):
        d = sp.decisions[0]
        singles.append(
            {
                "code": s.codes.get(sp.event, ""),
                "title": n.event_title(s, sp.event, d.district),
                "group": d.group,
                "turn": d.turn,
                "option": n.option_label(s, sp.event, d.option),
            }
        )
    return SplitPhase([_split_block(n, s, sp, total) for sp in shared], singles, _measures(n, s))


def _split_block(n: Names, s: Scenario, sp: Split, total: int) -> SplitBlock:
    t = n.t
    event = n.content.events.get(sp.event)
    options = [o.id for o in event.options] if event is not None else sorted({str(k) for k in sp.counts})
    counts = sp.counts
    if None in counts:
        options = [*options, None]
    decisions = len(sp.decisions)
    nonzero = [counts[o] for o in options if counts[o] > 0]
    minority = min(nonzero) if len(nonzero) > 1 else None
    section = n.section_of(sp.event)
    rows = []
    for o in options:
        c = counts[o]
        who = sp.chosen_by(o)
        value = (
            t("class_report.share", count=c, percent=f"{c / decisions * 100:.0f}%") if c else t("class_report.nobody")
        )
        detail = t("class_report.chosen_by", groups=", ".join(who)) if who and len(who) <= 12 else ""
        share = c / decisions if decisions else 0.0
        rows.append(BarRow(n.option_label(s, sp.event, o), share, value, bool(c and c == minority), detail))
    block = SplitBlock(
        sp.event,
        s.codes.get(sp.event, ""),
        n.event_title(s, sp.event),
        len(sp.groups),
        total,
        decisions,
        n.section_title(section) if section else "",
        rows,
    )
    if sp.ballots:
        cast = block.cast = sum(sp.ballots.values())
        for o in options:
            c = sp.ballots.get(o, 0) if o is not None else 0
            value = (
                t("class_report.share", count=c, percent=f"{c / cast * 100:.0f}%") if c else t("class_report.nobody")
            )
            block.ballot_rows.append(BarRow(n.option_label(s, sp.event, o), c / cast if cast else 0.0, value))
        block.sources = {
            "majority": sp.sources.get("majority", 0),
            "teacher": sp.sources.get("teacher", 0),
            "tie": sp.sources.get("tie_break", 0),
        }
    return block


def _measures(n: Names, s: Scenario) -> list[BarRow]:
    total = len(s.games)
    groups: dict[str, set] = {}
    times: Counter = Counter()
    for g in s.games:
        for turn in g.turns:
            for c in turn["commands"]:
                groups.setdefault(c["measure"], set()).add(g.group)
                times[c["measure"]] += 1
    return [
        BarRow(
            n.measure_name(m),
            len(groups[m]) / total,
            n.t(
                "class_report.measure_row",
                groups=len(groups[m]),
                total=n.t("class_report.n_groups", count=total),
                times=times[m],
            ),
        )
        for m in sorted(groups, key=lambda m: (-len(groups[m]), n.measure_name(m)))
    ]


# --- 3. outcomes --------------------------------------------------------------------------------------------------


@dataclass
class Spread:
    metric: str
    higher_better: bool
    dots: DotPlot
    values: dict[str, str]  # those of class_report.spread


@dataclass
class Outcomes:
    spreads: list[Spread]
    metrics: list[str]  # the end table's columns
    ends: list[tuple[str, list[tuple[str, str]]]]  # (group, [(value, "best" | "worst" | "")])
    lines: list[tuple[str, Chart]]  # (metric, chart)
    key: list[tuple[str, str]]  # (colour, group); empty when there are more groups than colours


def outcomes(n: Names, s: Scenario) -> Outcomes:
    t = n.t
    keys, higher = meaning.key_metrics(n.content), meaning.higher_is_better(n.content)
    spreads = []
    for name in keys:
        unit = meaning.unit(n.content, name)
        values = [(g.group, g.trajectory.end[name]) for g in s.games]
        low = min(values, key=lambda gv: gv[1])
        high = max(values, key=lambda gv: gv[1])
        spread = {
            "low": fmt_metric(unit, low[1], t),
            "low_group": low[0],
            "median": fmt_metric(unit, median(v for _, v in values), t),
            "high": fmt_metric(unit, high[1], t),
            "high_group": high[0],
        }
        floor = axis_floor(unit, meaning.bounds(n.content, name)[0])
        spreads.append(Spread(n.metric_name(name), name in higher, dot_plot(unit, values, t, floor), spread))
    lows = {m: min(g.trajectory.end[m] for g in s.games) for m in keys}
    highs = {m: max(g.trajectory.end[m] for g in s.games) for m in keys}
    ends = []
    for g in s.games:
        cells = []
        for m in keys:
            v = g.trajectory.end[m]
            best = highs[m] if m in higher else lows[m]
            worst = lows[m] if m in higher else highs[m]
            cls = "best" if v == best and best != worst else "worst" if v == worst and best != worst else ""
            cells.append((fmt_metric(meaning.unit(n.content, m), v, t), cls))
        ends.append((g.group, cells))
    lines = []
    for name in meaning.charted(n.content, "outcomes"):
        series = [(g.group, g.trajectory.series(name)) for g in s.games]
        unit = meaning.unit(n.content, name)
        floor = axis_floor(unit, meaning.bounds(n.content, name)[0])
        lines.append((n.metric_name(name), line_chart(name, unit, series, s.turns, t, floor)))
    key = [(PALETTE[i], g.group) for i, g in enumerate(s.games)] if len(s.games) <= len(PALETTE) else []
    return Outcomes(spreads, [n.metric_name(m) for m in keys], ends, lines, key)


# --- 4. the paper's dynamics --------------------------------------------------------------------------------------


@dataclass
class Dynamic:
    name: str
    groups: dict  # the values of class_report.dyn_groups
    events: list[dict]  # the values of class_report.dyn_event
    quotes: list[tuple[str, bool]]  # (section slug, already quoted above)


@dataclass
class Dynamics:
    dynamics: list[Dynamic]
    missing: str  # the dynamics no group met, or ""


def dynamics(n: Names, s: Scenario, splits: dict[str, Split]) -> Dynamics:
    t = n.t
    total = len(s.games)
    by_dynamic: dict[str | None, list[Split]] = {}
    for sp in splits.values():
        if not sp.decisions:
            continue
        event = n.content.events.get(sp.event)
        by_dynamic.setdefault(dynamic_of(event) if event is not None else None, []).append(sp)
    out = []
    quoted: set[str] = set()
    for dyn in [*DYNAMICS, None]:
        found = by_dynamic.get(dyn)
        if not found:
            continue
        found.sort(key=lambda sp: (-len(sp.groups), s.codes.get(sp.event, "")))
        groups = sorted({g for sp in found for g in sp.groups}, key=natural_key)
        shown = ", ".join(groups) if len(groups) <= 15 else ", ".join(groups[:15]) + ", …"
        events = [
            {"code": s.codes.get(sp.event, ""), "title": n.event_title(s, sp.event), "groups": len(sp.groups)}
            for sp in found
        ]
        sections: list[str] = []
        for sp in found:
            slug = n.section_of(sp.event)
            if slug and slug not in sections:
                sections.append(slug)
        quotes = [(slug, slug in quoted) for slug in sections]
        quoted.update(sections)
        name = t(f"class_report.dynamic.{dyn}") if dyn else t("class_report.dyn_other")
        out.append(
            Dynamic(
                name,
                {"count": len(groups), "total": n.t("class_report.n_groups", count=total), "groups": shown},
                events,
                quotes,
            )
        )
    missing = [t(f"class_report.dynamic.{d}") for d in DYNAMICS if d not in by_dynamic]
    return Dynamics(out, "; ".join(missing))


# --- 6. discussion and exit ticket --------------------------------------------------------------------------------


@dataclass
class Discuss:
    prompts: list[tuple[str, dict]]  # (string key, values)
    sections: list[str]  # slugs of the sections whose prompt and passage follow
    outcomes: list[tuple[str, dict, str]] = field(default_factory=list)  # (fact's key, values, question's key)


def discuss(n: Names, s: Scenario, splits: dict[str, Split], split_event: Split | None) -> Discuss:
    t = n.t
    prompts: list[tuple[str, dict]] = []
    if split_event is not None and len(split_event.groups) >= 2:
        values = {"code": s.codes.get(split_event.event, ""), "title": n.event_title(s, split_event.event)}
        prompts.append(("class_report.prompt_split", values))
    if len(s.games) >= 2:
        widest = max(
            meaning.key_metrics(n.content), key=lambda m: _relative_spread([g.trajectory.end[m] for g in s.games])
        )
        vals = [g.trajectory.end[widest] for g in s.games]
        unit = meaning.unit(n.content, widest)
        values = {
            "metric": n.metric_name(widest),
            "low": fmt_metric(unit, min(vals), t),
            "high": fmt_metric(unit, max(vals), t),
        }
        prompts.append(("class_report.prompt_spread", values))
    asked = []
    for o in came_of(n.content, s):
        unit = meaning.unit(n.content, o.metric)
        values = {
            "group": o.group,
            "metric": meaning.label(n.content, o.metric, n.lang),
            "before": fmt_metric(unit, o.before, t),
            "after": fmt_metric(unit, o.after, t),
            "turn": o.turn,
            "until": o.until,
            "code": s.codes.get(o.event, ""),
            "title": n.event_place(s, o.event, o.district),
        }
        question = f"class_report.outcome.{o.dynamic}.{'as_said' if o.as_said else 'otherwise'}"
        asked.append((f"class_report.outcome.{o.direction}", values, question))
    met: Counter = Counter()
    for sp in splits.values():
        slug = n.section_of(sp.event)
        if slug:
            met[slug] += len(sp.groups)
    # the outcomes ask about what came of the events; the paper's sections add a few broader questions
    asked = asked[:4]
    sections = [slug for slug, _ in sorted(met.items(), key=lambda kv: (-kv[1], kv[0]))][: max(1, 5 - len(asked))]
    return Discuss(prompts, sections, asked)


def _relative_spread(values: list[float]) -> float:
    scale = max(abs(v) for v in values) or 1.0
    return (max(values) - min(values)) / scale
