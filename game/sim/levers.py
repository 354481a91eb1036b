"""Policy levers fade when nobody keeps them up: campaigns fast, lamps and parks slowly.

Measures push levers up each quarter they are active; this is the pull back toward where the level started.
"""

from __future__ import annotations

from game.sim.ledger import Ledger, apply_terms
from game.sim.state import Params, State

# A reporting campaign is volunteers at the door: its push stops soon after they do (anchors-mechanisms §10 T2).
CAMPAIGN = ("district.report_campaign",)
FAST = (
    "district.watch_campaign",
    "city.petition_drive",
    "district.guards",
    "city.federal_forces",
    "city.press",
)
SLOW = (
    "district.lighting",
    "district.public_space",
    "district.programmes",
    "district.police_presence",
    "city.protection",
    "city.transparency",
    "city.vetting",
    "city.militia_subsidy",
    "district.deputized",
)


def update(s: State, p: Params, ledger: Ledger, which: tuple[str, ...]) -> None:
    for names, rate in ((CAMPAIGN, p.decay_campaign), (FAST, p.decay_fast), (SLOW, p.decay_slow)):
        for name in (n for n in names if n in which):
            old = s[name]
            lo, hi = s.bounds[name]
            s.values[name] = apply_terms(old, {"term.fades": -rate * (old - s.start[name])}, lo, hi, name, ledger)
