"""What came of the events the groups met: typed outcomes, computed from the replayed games, for the discussion.

A prompt that says "reporting fell after the retaliation" must only be asked where reporting fell. For each
dynamic of the paper the groups met (game.content.dynamics), `WATCH` names the metric the paper says it moves and
which way (the paper's claim, not whether the change is good: that is game.session.meaning's). `outcomes` looks at
every time a group met an event of that dynamic, compares the metric at the start of that quarter with
`WINDOW` quarters later (or the game's last quarter), and keeps, per dynamic, the clearest case: one that went the
way the paper says if any did, else the largest change the other way, else a case where it held. The report then
asks a question written for what happened (content/ui/class_report.yaml, `class_report.outcome.*`): the
sentence is filled with named values only, never parsed.

Pure Python: no pygame, no Jinja.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.classroom.report_data import Scenario, natural_key
from game.content.dynamics import DYNAMICS, dynamic_of
from game.content.loader import ContentSet
from game.session import meaning

__all__ = ["FELL", "HELD", "ROSE", "WATCH", "WINDOW", "Outcome", "outcomes"]

FELL, ROSE, HELD = "fell", "rose", "held"
WINDOW = 2  # quarters after the one the event came in
# dynamic -> (metric, the way Payan (2015) says that dynamic moves it)
WATCH: dict[str, tuple[str, str]] = {
    "retaliation": ("reporting_rate_organized", FELL),  # punished informers teach the neighbours to keep quiet
    "infiltration": ("trust_in_government", FELL),  # betrayal by the police
    "exclusion": ("victimisation_gap", ROSE),  # safety bought by some moves crime to the rest
    "distrust": ("social_trust", FELL),  # neighbours set to watch each other
    "militia": ("militia_capture", ROSE),  # self-defense groups captured by crime
    "fear": ("fear", FELL),  # fear can fall while crime does not
    "programmes": ("political_pressure", FELL),  # citizen projects take the pressure off the government
    "costs": ("wealth", FELL),  # what safety costs households
    "pressure": ("political_pressure", ROSE),  # demands on the government
}


@dataclass(frozen=True)
class Outcome:
    """What `metric` did in `group`'s game from the start of quarter `turn` (when it met `event`) to `until`."""

    dynamic: str
    group: str
    event: str
    district: str | None
    turn: int
    until: int
    metric: str
    before: float
    after: float
    direction: str  # FELL, ROSE or HELD
    expected: str  # the way the paper says it moves

    @property
    def as_said(self) -> bool:
        return self.direction == self.expected


def direction(unit: str, before: float, after: float) -> str:
    """FELL, ROSE, or HELD when the change is under a point (for a share or points) or 2% of the value."""
    step = 0.01 if unit in ("share", "points") else 0.02 * max(abs(before), 1e-9)
    if abs(after - before) < step:
        return HELD
    return ROSE if after > before else FELL


def outcomes(content: ContentSet, s: Scenario) -> list[Outcome]:
    """One outcome per dynamic met (in the paper's order), the clearest case of it (see the module's docstring)."""
    found: dict[str, list[Outcome]] = {}
    for g in s.games:
        metrics = g.trajectory.metrics
        for turn in g.turns:
            q = turn["turn"]
            if q >= len(metrics):
                continue
            for e in turn["events"]:
                event = content.events.get(e["event"])
                dyn = dynamic_of(event) if event is not None else None
                if dyn not in WATCH:
                    continue
                metric, expected = WATCH[dyn]
                if metric not in metrics[q - 1]:
                    continue
                until = min(q + WINDOW, len(metrics) - 1)
                before, after = metrics[q - 1][metric], metrics[until][metric]
                way = direction(meaning.unit(content, metric), before, after)
                found.setdefault(dyn, []).append(
                    Outcome(dyn, g.group, e["event"], e.get("district"), q, until, metric, before, after, way, expected)
                )
    return [_clearest(found[d]) for d in DYNAMICS if d in found]


def _clearest(cases: list[Outcome]) -> Outcome:
    def order(o: Outcome) -> tuple:
        return (-abs(o.after - o.before), o.turn, natural_key(o.group), o.event)

    for wanted in (lambda o: o.as_said, lambda o: o.direction != HELD, lambda o: True):
        chosen = sorted((o for o in cases if wanted(o)), key=order)
        if chosen:
            return chosen[0]
    raise ValueError("no cases")
