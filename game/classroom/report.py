"""The class report: one self-contained, printable HTML page that debriefs a class's games.

`build_report(logs, content, lang)` takes the class's logs (ClassLog: path, header, turns, group — read with
`game.classfiles.logs.read_class_logs`) and returns a whole HTML document: inline CSS and inline SVG charts, no
scripts, no network, one phase per printed page, readable on a projector. It follows the debriefing phases
(Thiagarajan; anchors-classroom §2, §4):

  1. what happened   — the scenario, the groups, each group's quarters (events met, options chosen, measures);
  2. how choices split — for each event several groups met, the share of each option (minority views shown, and
                       the class's ballots when the logs carry votes), and the measures the groups took;
  3. outcomes        — the spread of the debrief's key metrics (game.sim.metrics) at the end, and each group's line
                       over the quarters;
  4. the paper's dynamics — the events the groups met, grouped by `game.content.dynamics.dynamic_of`, each with the
                       section of Payan (2015) it rests on and a short quotation from that section;
  5. what if         — the most split event replayed for one group with the other option (game.runs.whatif);
  6. discussion prompts tied to the sections met, and an exit ticket.

Every figure comes from replaying the logs (so a hand-edited log that no longer replays is left out and named),
and the same logs always give the same bytes. Games are compared only within a scenario — the same level, role,
seed and number of quarters; logs of other scenarios are reported separately, each with its own six phases,
largest scenario first. `make_report` also returns the problems (each naming its file) for the command line.

The work is split: game.classroom.report_data replays and names things; game.classroom.report_phases and
report_whatif gather each phase into plain dataclasses; game.classroom.report_charts lays out the charts; and this
module renders them with the Jinja2 templates in game/classroom/templates/ — autoescaped, so a group label students
typed is always text. The words come from content/ui/class_report.yaml through game.content.templates.render
(never str.format).

Pure Python: no pygame.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

import jinja2

from game import __version__
from game.classfiles.problems import say
from game.classroom.report_charts import fmt_metric, signed_metric
from game.classroom.report_data import Game, Names, Scenario, gather
from game.classroom.report_data import Texts as _Texts  # noqa: F401 (tests/test_templates.py checks its escaping)
from game.classroom.report_phases import discuss, dynamics, happened, outcomes, split_phase
from game.classroom.report_whatif import whatif_phase, whatif_tries, whatif_view
from game.classroom.template_cache import KeptTemplates
from game.content.loader import ContentSet
from game.runs.whatif import WhatIf

__all__ = [
    "PHASES",
    "Report",
    "build_report",
    "fmt_metric",
    "make_report",
    "signed_metric",
    "whatif_page",
]

PHASES = ("happened", "split", "outcomes", "dynamics", "whatif", "discuss")


@cache
def environment() -> jinja2.Environment:
    """The templates shipped in game/classroom/templates/, autoescaped whatever their names, compiled once and kept
    (game.classroom.template_cache)."""
    options: dict = {"autoescape": True, "trim_blocks": True, "lstrip_blocks": True, "keep_trailing_newline": True}
    return jinja2.Environment(
        loader=jinja2.PackageLoader("game.classroom", "templates"),
        undefined=jinja2.StrictUndefined,
        bytecode_cache=KeptTemplates(options),
        **options,
    )


@dataclass
class Report:
    html: str
    problems: list[str]
    games: int
    scenarios: int
    whatifs: list[WhatIf] = field(default_factory=list)


@dataclass
class _ScenarioPage:
    prefix: str
    heading: dict | None  # the values of class_report.scenario_heading, when there are several scenarios
    happened: object
    split: object
    outcomes: object
    dynamics: object
    whatif: object
    discuss: object


def build_report(logs, content: ContentSet, lang: str = "es", problems=()) -> str:
    """The class report as one HTML document (see the module's docstring)."""
    return make_report(logs, content, lang, problems).html


def make_report(logs, content: ContentSet, lang: str = "es", problems=()) -> Report:
    """The report and every problem met (those given, and logs that no longer replay), each naming its file."""
    lang = lang if lang in ("en", "es") else "es"
    problems = list(problems)
    scenarios, games = gather(logs, content, problems, lambda provisional: whatif_tries(content, provisional))
    names = Names(content, lang)
    whatifs: list[WhatIf] = []
    pages = []
    for n, s in enumerate(scenarios, start=1):
        heading = None
        if len(scenarios) > 1:
            heading = {"n": n, "city": names.city(s), "role": names.role(s), "seed": s.seed, "groups": len(s.games)}
        s.assign_codes()
        splits = s.splits()
        chosen = whatif_phase(names, s, splits, whatifs)
        pages.append(
            _ScenarioPage(
                f"s{n}-",
                heading,
                happened(names, s),
                split_phase(names, s, splits),
                outcomes(names, s),
                dynamics(names, s, splits),
                chosen,
                discuss(names, s, splits, chosen.split),
            )
        )
    html = (
        environment()
        .get_template("report.html.j2")
        .render(
            t=names.t,
            lang=lang,
            city=names.city(scenarios[0]) if scenarios else "Plaza",
            total=games,
            problems=[say(p, content.strings, lang) for p in problems],
            scenarios=pages,
            phases=PHASES,
            version=__version__,
            content_hash=content.content_hash,
        )
    )
    return Report(html, problems, games, len(scenarios), whatifs)


def whatif_page(content: ContentSet, log, w: WhatIf, lang: str = "es") -> str:
    """A small self-contained HTML page for one what-if (what `plaza whatif --out` writes)."""
    lang = lang if lang in ("en", "es") else "es"
    names = Names(content, lang)
    h = log.header
    s = Scenario(h["level"], h["role"], h["seed"], h["turns"])
    s.games = [Game(str(log.group), str(log.path), h, log.turns, w.original)]  # no event codes: no legend here
    return (
        environment()
        .get_template("whatif.html.j2")
        .render(
            t=names.t,
            lang=lang,
            group=w.group,
            turn=w.turn,
            view=whatif_view(names, s, w),
            version=__version__,
            content_hash=content.content_hash,
        )
    )
