"""Quantities computed during one turn and read by later mechanisms (flows, not stocks)."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np


@dataclass
class Turn:
    """Flows of the current quarter. District arrays are (R, D); household arrays (R, D, H)."""

    expected: bool = False                 # set during calibration: use expectations instead of draws
    petty_risk: np.ndarray | None = None   # (R, D, H) chance of a petty crime this quarter
    oc_risk: np.ndarray | None = None      # (R, D, H) chance of extortion or a threat
    leak: np.ndarray | None = None         # (R,) chance an informer's identity reaches the criminal group
    retaliation_risk: np.ndarray | None = None  # (R, D) perceived risk of reporting organized crime
    petty_reports: np.ndarray | None = None     # (R, D) expected reports per household
    oc_reports: np.ndarray | None = None
    retaliations: np.ndarray | None = None      # (R, D) new cases of retaliation this quarter
    clearance: np.ndarray | None = None         # (R, D) share of households who saw a report lead somewhere
    rents: np.ndarray | None = None             # (R, D) extortion rents collected, per household
    police: np.ndarray | None = None            # (R, D) effective policing
    information: np.ndarray | None = None       # (R, D) information reaching honest enforcement
    extras: dict[str, np.ndarray] = field(default_factory=dict)
