"""Quantities computed during one turn and read by later mechanisms (flows, not stocks)."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np


def _nothing() -> np.ndarray:
    """A flow not computed yet this quarter (every mechanism that reads one runs after the one that sets it)."""
    return np.zeros(0)


@dataclass
class Turn:
    """Flows of the current quarter. District arrays are (R, D); household arrays (R, D, H), booleans where they
    only say who (cheaper to make, count and gather than 0/1 floats)."""

    petty_risk: np.ndarray = field(default_factory=_nothing)  # (R, D, H) chance of a petty crime this quarter
    oc_risk: np.ndarray = field(default_factory=_nothing)  # (R, D, H) chance of extortion or a threat
    victim_petty: np.ndarray = field(default_factory=_nothing)  # (R, D, H) bool: a petty crime struck this quarter
    victim_oc: np.ndarray = field(default_factory=_nothing)  # (R, D, H) bool: the group extorted or threatened
    leak: np.ndarray = field(default_factory=_nothing)  # (R, D) chance a report's author becomes known to the group
    encounters: np.ndarray = field(default_factory=_nothing)  # (R, D, H) bool: met the group (victim or witness)
    oc_report_count: np.ndarray = field(default_factory=_nothing)  # (R, D) organized-crime reports made this quarter
    oc_reports: np.ndarray = field(default_factory=_nothing)  # (R, D, H) bool: organized crime reported this quarter
    petty_reports: np.ndarray = field(default_factory=_nothing)  # (R, D, H) bool: petty crimes reported
    retaliated: np.ndarray = field(default_factory=_nothing)  # (R, D, H) bool: punished now for an earlier report
    heard: np.ndarray = field(default_factory=_nothing)  # (R, D, H) retaliations heard of: ties and district talk
    heard_from_ties: np.ndarray = field(default_factory=_nothing)  # (R, D, H) bool: heard of one from someone known
    heard_share: np.ndarray = field(default_factory=_nothing)  # (R, D) share who heard of one (reporting.hear)
    retaliations: np.ndarray = field(default_factory=_nothing)  # (R, D) retaliations carried out this quarter
    cleared: np.ndarray = field(default_factory=_nothing)  # (R, D, H) bool: reports that reached honest investigators
    # (R, D), for the explanation only: the share of households a campaign's pull brings to report organized crime,
    # and minus the share the reprisal they fear holds back (reporting.decide_and_report)
    campaign_part: np.ndarray = field(default_factory=_nothing)
    reprisal_part: np.ndarray = field(default_factory=_nothing)
    clearance_seen: np.ndarray = field(default_factory=_nothing)  # (R, D, H) bool: knows whose report led somewhere
    watch_threats: np.ndarray = field(default_factory=_nothing)  # (R, D, H) bool: watch members threatened by the group
    lookouts_heard: np.ndarray = field(default_factory=_nothing)  # (R, D, H) bool: heard of a lookout found out
    rents: np.ndarray = field(default_factory=_nothing)  # (R, D) extortion rents collected, per household
    police: np.ndarray = field(default_factory=_nothing)  # (R, D) enforcement reach: police + federal forces
    information: np.ndarray = field(default_factory=_nothing)  # (R, D) share of dealings that reached enforcement
    extras: dict[str, np.ndarray] = field(default_factory=dict)
