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
    "district.protection",
    "city.transparency",
    "city.vetting",
    "city.militia_subsidy",
    "district.deputized",
)


def update(s: State, p: Params, ledger: Ledger) -> None:
    """At the start of a quarter: lamps, guards, institutions and the like fade toward the standing policy."""
    _fade(s, ledger, FAST, p.decay_fast)
    _fade(s, ledger, SLOW, p.decay_slow)


def end_campaigns(s: State, p: Params, ledger: Ledger) -> None:
    """At the end of a quarter: a reporting campaign's push is gone once the quarter it ran in is over."""
    _fade(s, ledger, CAMPAIGN, p.decay_campaign)


def _fade(s: State, ledger: Ledger, names: tuple[str, ...], rate: float) -> None:
    for name in names:
        old = s[name]
        lo, hi = s.bounds[name]
        s.values[name] = apply_terms(old, {"term.fades": -rate * (old - s.start[name])}, lo, hi, name, ledger)
