"""The ledger: every change to a model value, split into named additive terms, so the game can say why.

A mechanism never writes a value directly. It hands the ledger the terms of a change —
`{"term.retaliation": +0.04, "term.violence_heard": +0.03, "term.lighting": -0.01}` — and the ledger applies their
sum, clamped to the declared range, and keeps the terms of the current turn. Term keys are ids of interface strings
(`content/strings.yaml`), or `event:<id>` / `measure:<id>` for content, so every cause can be named in both
languages. Arrays carry a leading run axis: (R,) for city values, (R, D) for district values.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

LIMIT_TERM = "term.limit"  # the part of a change lost because the value hit its declared limit


@dataclass
class Ledger:
    """Terms of the changes made in the current turn, by value name."""

    terms: dict[str, dict[str, np.ndarray]] = field(default_factory=dict)
    # Whether changes are also split down to the causes only the report reads (`split`, and what mechanisms keep
    # for it); off in a batch of games nobody explains, where it would cost time and change nothing.
    detail: bool = True
    # (name, key) of the terms record_at made itself this turn: arrays nobody else holds, so it may add in place
    own: set[tuple[str, str]] = field(default_factory=set, repr=False, compare=False)

    def clear(self) -> None:
        self.terms = {}
        self.own = set()

    def record(self, name: str, key: str, delta: np.ndarray) -> None:
        # Terms are fresh arrays that nobody changes afterwards, so they are kept without copying.
        bucket = self.terms.setdefault(name, {})
        bucket[key] = bucket[key] + delta if key in bucket else delta
        self.own.discard((name, key))

    def record_at(self, name: str, key: str, shape: tuple[int, ...], index: tuple, delta: float) -> None:
        """A change at one place (one run, one district): only that cell of the term grows."""
        bucket = self.terms.setdefault(name, {})
        if (name, key) in self.own:  # its own copy already (the same event or measure in another run)
            bucket[key][index] += delta
            return
        cell = np.zeros(shape) if key not in bucket else np.array(bucket[key], dtype=float)  # never alias
        cell[index] += delta
        bucket[key] = cell
        self.own.add((name, key))

    def split(self, name: str, key: str, parts: dict[str, np.ndarray | None]) -> None:
        """Put one recorded term down to several causes, for the explanation only (the change was applied as the
        one term). One part may be None: it takes what the others leave, so the parts add up to the term."""
        rest = self.terms.get(name, {}).pop(key)
        self.own.discard((name, key))
        for v in parts.values():
            if v is not None:
                rest = rest - v
        for k, v in parts.items():
            self.record(name, k, rest if v is None else v)

    def causes(
        self, name: str, run: int, district: int | None = None, top: int | None = None, threshold: float = 1e-4
    ) -> list[tuple[str, float]]:
        """The terms behind a value's change this turn, largest first: [("term.retaliation", 0.04), ...]."""
        out = []
        for key, delta in self.terms.get(name, {}).items():
            value = float(delta[run] if district is None else delta[run, district])
            if abs(value) >= threshold:
                out.append((key, value))
        out.sort(key=lambda kv: -abs(kv[1]))
        return out[:top] if top else out

    def causes_everywhere(self, name: str, run: int, districts: int | None) -> list[list[tuple[str, float]]]:
        """`causes(name, run, d, threshold=0)` without its zero terms, for every district d at once (`districts`
        a count), or for the city (None: one list). One read of each term's row instead of one per district."""
        rows: list[list[tuple[str, float]]] = [[] for _ in range(1 if districts is None else districts)]
        for key, delta in self.terms.get(name, {}).items():
            values = [float(delta[run])] if districts is None else delta[run].tolist()
            for row, value in zip(rows, values, strict=True):
                if abs(value) > 0.0:  # not zero (nor NaN, which `causes` leaves out too)
                    row.append((key, value))
        for row in rows:
            row.sort(key=lambda kv: -abs(kv[1]))
        return rows


def apply_terms(
    values: np.ndarray, terms: dict[str, np.ndarray], lo: float, hi: float, name: str, ledger: Ledger
) -> np.ndarray:
    """New values = old + sum of terms, clamped to [lo, hi]; records each term, and the clamp if it bit."""
    raw = values
    for key, delta in terms.items():
        if np.shape(delta) != values.shape:
            delta = np.broadcast_to(delta, values.shape)
        ledger.record(name, key, delta)
        raw = raw + delta
    new = np.minimum(np.maximum(raw, lo), hi)  # np.clip, without its wrapper's overhead on small arrays
    if (new != raw).any():
        ledger.record(name, LIMIT_TERM, new - raw)
    return new
