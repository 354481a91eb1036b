"""Phase 5 of the class report, what if: the most split event replayed for one group with the other option
(game.runs.whatif), as plain data for `templates/_phases.html.j2` (see game.classroom.report_phases).

Pure Python: no pygame, no Jinja.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from itertools import islice
from statistics import median

from game.classroom.report_charts import Chart, axis_floor, fmt_metric, pair_chart, signed_metric
from game.classroom.report_data import Game, Names, Scenario, Split, natural_key
from game.content.loader import ContentSet
from game.runs.whatif import PendingWhatIf, WhatIf, WhatIfError, can_change, start_whatif
from game.session import meaning
from game.session.log import LogError

WHATIF_TRIES = 4  # what-ifs played to find one that changes something (each is two replays)


# --- 5. what if ---------------------------------------------------------------------------------------------------


@dataclass
class WhatIfView:
    setup: dict  # the values of class_report.whatif_setup
    rows: list[tuple[str, str, str, str]]  # (metric, played, other, change)
    same: bool
    diverges: int | None = None
    charts: list[tuple[str, Chart]] = field(default_factory=list)
    only: list[tuple[str, list[dict], int]] = field(default_factory=list)  # (string key, events, how many more)
    fallbacks: dict | None = None  # the values of class_report.whatif_fallbacks
    instead: str = ""


@dataclass
class WhatIfPhase:
    why: dict | None  # the values of class_report.whatif_why, when the event split the class
    view: WhatIfView | None  # None: no what-if could be played
    split: Split | None = None


@dataclass
class _Log:
    path: str
    header: dict
    turns: list[dict]
    group: str


def whatif_phase(n: Names, s: Scenario, splits: dict[str, Split], found: list[WhatIf]) -> WhatIfPhase:
    """The what-if of the most split event. Among the first few candidates, the first that changes something and
    whose later quarters are all the class's own choices; else the first that changes something (its later
    choices that no longer fitted are then named as not the class's); else the first."""
    # A try whose later choices fell back is played only that far, and to its end only if no try is all the
    # class's own (each is two replays: the game as played is the class replay's).
    tried: list[tuple[Split, PendingWhatIf]] = []
    for sp, game, turn, instead in _whatif_candidates(n.content, s, splits):
        if len(tried) >= WHATIF_TRIES:
            break
        log = _Log(game.path, game.header, game.turns, game.group)
        played = game.whatifs.get((turn, sp.event, instead))  # played in the class's batch, as likely (whatif_tries)
        try:
            pending = start_whatif(n.content, log, turn, sp.event, instead, game.trajectory, played)
        except (WhatIfError, LogError):
            continue
        tried.append((sp, pending))
        if not pending.fell_back and not pending.finish().same:  # played to its end with no fallback
            break
    chosen = next(((sp, p.finish()) for sp, p in tried if not p.fell_back and not p.finish().same), None)
    if chosen is None:  # none is all the class's own: the first that changes something, else the first
        chosen = next(((sp, w) for sp, p in tried if not (w := p.finish()).same), None)
    if chosen is None and tried:
        chosen = (tried[0][0], tried[0][1].finish())
    if chosen is None:
        return WhatIfPhase(None, None)
    sp, w = chosen
    found.append(w)
    why = None
    if len(sp.groups) >= 2:
        why = {"share": f"{sp.top_share * 100:.0f}%", "groups": len(sp.groups), "total": len(s.games)}
    return WhatIfPhase(why, whatif_view(n, s, w), sp)


def whatif_tries(content: ContentSet, scenarios: list[Scenario]) -> list[tuple[Game, int, str, str]]:
    """The what-ifs (game, turn, event, option) `whatif_phase` tries first in each scenario, when every one of them
    can be played: so many that the class's replay plays them beside the games (game.runs.class_replay)."""
    tries = []
    for s in scenarios:
        candidates = _whatif_candidates(content, s, s.splits())
        fit = (
            (sp, g, turn, instead)
            for sp, g, turn, instead in candidates
            if can_change(content, g.path, g.turns, turn, sp.event, instead)
        )
        tries += [(g, turn, sp.event, instead) for sp, g, turn, instead in islice(fit, WHATIF_TRIES)]
    return tries


def _whatif_candidates(content: ContentSet, s: Scenario, splits: dict[str, Split]):
    """(split, game, turn, instead), most split event first among those many groups met (at least a quarter of
    the class): the earliest decision that took the most chosen option, played with another option some group
    took or, in a class vote, some students voted for — never an option nobody chose."""
    total = len(s.games)
    wide = max(2, math.ceil(total / 4))

    def rank(sp: Split):
        met = len(sp.groups)
        tier = 0 if met >= wide else 1 if met >= 2 else 2
        return (tier, round(sp.top_share, 3), median(d.turn for d in sp.decisions), -met, sp.event)

    by_group = {g.group: g for g in s.games}
    for sp in sorted((sp for sp in splits.values() if sp.decisions), key=rank):
        event = content.events.get(sp.event)
        if event is None or len(event.options) < 2:
            continue
        counts = sp.counts
        top = max(counts, key=lambda o: (counts[o], str(o)))
        others = [o for o, _ in sorted(counts.items(), key=lambda kv: (-kv[1], str(kv[0]))) if o != top and o]
        voted = sorted((o for o, c in sp.ballots.items() if c > 0), key=lambda o: (-sp.ballots[o], o))
        others += [o for o in voted if o != top and o not in others and o in {x.id for x in event.options}]
        d = min((d for d in sp.decisions if d.option == top), key=lambda d: (d.turn, natural_key(d.group)))
        for instead in others[:2]:
            yield sp, by_group[d.group], d.turn, instead


def whatif_view(n: Names, s: Scenario, w: WhatIf) -> WhatIfView:
    t = n.t
    code = s.codes.get(w.event, "")
    title = n.event_title(s, w.event, w.district)
    setup = {
        "turn": w.turn,
        "group": w.group,
        "event": f"{code} {title}".strip(),
        "taken": n.option_label(s, w.event, w.taken),
        "instead": n.option_label(s, w.event, w.instead),
    }
    rows = []
    for m in meaning.key_metrics(n.content):
        a, b = w.original.end[m], w.alternative.end[m]
        unit = meaning.unit(n.content, m)
        change = signed_metric(unit, b - a) if a != b else "="
        rows.append((n.metric_name(m), fmt_metric(unit, a, t), fmt_metric(unit, b, t), change))
    view = WhatIfView(setup, rows, w.same, instead=n.option_label(s, w.event, w.instead))
    if w.same:
        return view
    view.diverges = w.first_difference()
    for m in meaning.charted(n.content, "whatif"):
        unit = meaning.unit(n.content, m)
        floor = axis_floor(unit, meaning.bounds(n.content, m)[0])
        chart = pair_chart(m, unit, w.original.series(m), w.alternative.series(m), w.turn, t, floor)
        view.charts.append((n.metric_name(m), chart))
    for which, key in (
        ("original", "class_report.whatif_only_played"),
        ("alternative", "class_report.whatif_only_other"),
    ):
        only = w.events_only_in(which)
        if only:
            events = [{"turn": q, "title": n.event_place(s, e["event"], e.get("district"))} for q, e in only[:10]]
            view.only.append((key, events, max(0, len(only) - 10)))
    if w.fallbacks:
        bot = any(g.header.get("bot") for g in s.games if g.group == w.group)
        how = t("class_report.whatif_fallback_bot" if bot else "class_report.whatif_fallback_first")
        view.fallbacks = {"count": len(w.fallbacks), "how": how}
    return view
