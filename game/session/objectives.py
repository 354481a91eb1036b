"""Where each of the role's measurable objectives stands: typed data the city screen, the report and the debrief
only draw.

A level's objective may carry `track:` (content/schema_levels.py): a city or district value and, for a district
value, the districts it is read in (household-weighted, like every city-wide figure). Which way is better comes
from the value's declaration (game.session.meaning), never from the level, so an objective cannot call a rise in
fear progress.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.content.schemas import Objective, Track
from game.session import meaning
from game.session.weights import living


@dataclass(frozen=True)
class ObjectiveProgress:
    text: Objective  # the objective as the level states it (with its `short:` name, if any)
    value: str  # the tracked value, `district.oc_control`
    districts: tuple[str, ...]  # where it is read; () for a city value or the whole city
    good_when: str  # meaning.HIGHER / LOWER / NEITHER
    unit: str  # meaning.UNITS
    start: float  # before the first quarter
    previous: float  # at the end of the quarter before the last one played (the start after one quarter)
    now: float  # as the city stands
    played: int  # quarters played
    turns: int  # quarters in the term

    @property
    def change(self) -> float:
        """Since the start of the term."""
        return self.now - self.start

    @property
    def trend(self) -> float:
        """Over the last quarter played."""
        return self.now - self.previous

    @property
    def better(self) -> bool | None:
        """Whether the term so far has moved it the good way (None: unmoved, or no good direction)."""
        return meaning.judge(self.good_when, self.change)


def read(values: np.ndarray, weights: np.ndarray, columns: list[int]) -> float:
    """One run's value: a city value as it is; a district value averaged over `columns` by households."""
    if values.ndim == 0:
        return float(values)
    w = weights[columns]
    return float(np.sum(values[columns] * w) / max(float(np.sum(w)), 1e-9))


def progress(session) -> list[ObjectiveProgress]:
    """The tracked objectives of the session's role, in the level's order (objectives without `track:` are left
    to the briefing)."""
    setup = session.level.roles.get(session.role)
    if setup is None:
        return []
    state, run = session.model.state, session.run
    weights, at_start = _weights(session)
    out = []
    for objective in setup.objectives:
        track = objective.track
        if track is None:
            continue
        columns = _columns(session, track)
        name = track.value
        decl = meaning.declaration(session.content, name)
        start = read(state.start[name][run], at_start, columns)
        now = read(state[name][run], weights, columns)
        previous = _previous(session, name, columns, start)
        out.append(
            ObjectiveProgress(
                text=objective,  # its two versions, and its `short:` name for a strip if the level gives one
                value=name,
                districts=tuple(track.districts),
                good_when=meaning.good_when(session.content, name),
                unit=meaning.unit_of(decl) if decl is not None else "index",
                start=start,
                previous=previous,
                now=now,
                played=len(session.records),
                turns=session.turns,
            )
        )
    return out


def trajectory(session, history: list[dict]) -> tuple[Track, list[int], list[float]] | None:
    """The role's first tracked objective, read in its districts at the start and after each quarter of `history`
    (the start's values, then each turn record's indicators), weighted as `progress` weighs them: the start by the
    households living there at the start, the last quarter by those living there now, the quarters between by those
    living there then (game.session.weights). None when the role tracks nothing."""
    setup = session.level.roles.get(session.role)
    track = next((o.track for o in (setup.objectives if setup else []) if o.track is not None), None)
    if track is None:
        return None
    now, at_start = _weights(session)
    columns = _columns(session, track)
    last = len(history) - 1
    values = [
        read(
            np.asarray(snap[track.value], dtype=float),
            at_start if i == 0 else now if i == last else _then(session, snap),
            columns,
        )
        for i, snap in enumerate(history)
    ]
    return track, columns, values


def _weights(session) -> tuple[np.ndarray, np.ndarray]:
    """Households by district as they are now (some may have left), and as they were at the start (the level's
    count less the families it says had already left), as the model's city figures weigh them."""
    state = session.model.state
    now = state.households.present[session.run].sum(axis=-1)
    return now, state.inner["households_at_start"][session.run]


def _columns(session, track: Track) -> list[int]:
    """Where a tracked value is read: its districts, or every district."""
    ids = list(session.model.state.district_ids)
    return [ids.index(d) for d in track.districts if d in ids] or list(range(len(ids)))


def _then(session, snapshot: dict) -> np.ndarray:
    """Households living in each district at an earlier snapshot (its `district.displaced`)."""
    return np.asarray(living(session, snapshot), dtype=float)


def _previous(session, name: str, columns: list[int], start: float) -> float:
    """The value a quarter before the last one played, from the turn records' indicators."""
    records = session.records
    if len(records) < 2:
        return start
    snapshot = records[-2].indicators
    return read(np.asarray(snapshot[name], dtype=float), _then(session, snapshot), columns)
