"""Which way is good, what a number measures, whether players see it: one answer, read from the content.

Every state value (`content/state.yaml`: `city.*`, `district.*`, `player.*`) and every end-of-game metric
(`metrics:` in the same file; game/sim/metrics.py computes them) declares
  * `good_when` — `higher`, `lower` or `neither` (more self-defense groups or more *recorded* crime can be a sign
    of progress or of trouble, so the screens show such a change without judging it);
  * `unit` — share (0–1, shown as %), points (a difference of shares), rate (per 100 households), index, count,
    money, score (0–100), hours or flag;
  * `reported` — whether players see it: the city screen and the turn report for state values, the debrief's
    and the class report's comparison for metrics (`key_metrics`, in declaration order);
  * `min`, `max` — the range a state value can take (`bounds`): a chart of a share never runs below 0;
  * `charted` (metrics only) — which of the class report's charts draw it quarter by quarter: `outcomes`, each
    group's line, and `whatif`, the game as played against the what-if (`charted`, in declaration order).
The screens, the debrief and the class report ask this module and never keep a table of their own
(tests/test_meaning.py looks for one). Names are `district.fear` for state values and `organized_crime` for
metrics. Functions take the ContentSet; `Meanings.of(content)` is an immutable snapshot for code that keeps the
answers without the content (a worker process, a cached comparison).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from types import MappingProxyType

from game.content.content_set import ContentSet
from game.content.schemas import SCOPES, MetricDecl, VarDecl

HIGHER, LOWER, NEITHER = "higher", "lower", "neither"
UNITS = ("share", "points", "rate", "index", "count", "money", "score", "hours", "flag")


def declaration(content: ContentSet, name: str) -> VarDecl | MetricDecl | None:
    """The declaration of a state value (`district.fear`) or a metric (`organized_crime`); None when unknown."""
    scope, dot, key = name.partition(".")
    if dot and scope in SCOPES:
        return content.state.get(scope, {}).get(key)
    return getattr(content, "metrics", {}).get(name)


def unit_of(decl: VarDecl | MetricDecl) -> str:
    """The unit a declaration says, or the one its type and range imply when it says none."""
    if decl.unit is not None:  # a metric always says one
        return decl.unit
    assert isinstance(decl, VarDecl)
    if decl.type == "bool":
        return "flag"
    if decl.type == "int":
        return "count"
    return "share" if (decl.min, decl.max) == (0, 1) else "index"


def good_when(content: ContentSet, name: str) -> str:
    """`higher`, `lower` or `neither` (also for a name nobody declared)."""
    decl = declaration(content, name)
    return decl.good_when if decl is not None else NEITHER


def judge(direction: str, delta: float) -> bool | None:
    """True when a change of `delta` is good news for a value that is good when `direction`, False when bad, None
    when it is neither or nothing changed."""
    if direction == NEITHER or not delta:
        return None
    return (delta > 0) == (direction == HIGHER)


def is_better(content: ContentSet, name: str, delta: float) -> bool | None:
    """Is a change of `delta` good news? True, False, or None (neither way is good, or no change)."""
    return judge(good_when(content, name), delta)


def judgement(content: ContentSet, name: str, delta: float) -> int:
    """+1 when a change of `delta` is bad news, −1 when it is good news, 0 when neither (or no change)."""
    better = is_better(content, name, delta)
    return 0 if better is None else -1 if better else 1


def unit(content: ContentSet, name: str) -> str:
    """One of UNITS; "index" for a name nobody declared."""
    decl = declaration(content, name)
    return unit_of(decl) if decl is not None else "index"


def bounds(content: ContentSet, name: str) -> tuple[float | None, float | None]:
    """The least and greatest value `name` can take, as declared (None where nothing is declared): a chart's axis
    stays inside them."""
    decl = declaration(content, name)
    lo, hi = getattr(decl, "min", None), getattr(decl, "max", None)
    return (None if lo is None else float(lo), None if hi is None else float(hi))


def label(content: ContentSet, name: str, lang: str) -> str:
    """The declared name in the player's language; the name itself when nobody declared it."""
    decl = declaration(content, name)
    return decl.label.get(lang) if decl is not None else name


def reported(content: ContentSet, names: Iterable[str] | None = None) -> tuple[str, ...]:
    """The names players see, in the order given (by default every declared state value, in declaration order)."""
    if names is None:
        names = [f"{scope}.{key}" for scope in SCOPES for key in content.state.get(scope, {})]
    out = []
    for name in names:
        decl = declaration(content, name)
        if decl is not None and decl.reported:
            out.append(name)
    return tuple(out)


def key_metrics(content: ContentSet) -> tuple[str, ...]:
    """The metrics the debrief and the class report compare (declared `reported: true`), in declaration order."""
    return tuple(name for name, m in getattr(content, "metrics", {}).items() if m.reported)


def charted(content: ContentSet, chart: str) -> tuple[str, ...]:
    """The metrics the class report's `chart` (`outcomes` or `whatif`) draws quarter by quarter, in declaration
    order."""
    return tuple(name for name, m in getattr(content, "metrics", {}).items() if chart in m.charted)


def higher_is_better(content: ContentSet, names: Iterable[str] | None = None) -> frozenset[str]:
    """Of `names` (by default the key metrics), those good when higher."""
    return frozenset(n for n in (key_metrics(content) if names is None else names) if good_when(content, n) == HIGHER)


@dataclass(frozen=True)
class Meaning:
    name: str
    label_en: str
    label_es: str
    good_when: str
    unit: str
    reported: bool


@dataclass(frozen=True)
class Meanings:
    """The answers for every declared name, kept without the content (it pickles, and never changes)."""

    table: MappingProxyType  # name -> Meaning
    metrics: tuple[str, ...]  # every declared metric, in declaration order

    @classmethod
    def of(cls, content: ContentSet) -> Meanings:
        names = [f"{scope}.{key}" for scope in SCOPES for key in content.state.get(scope, {})]
        metrics = tuple(getattr(content, "metrics", {}))
        table: dict[str, Meaning] = {}
        for name in names + list(metrics):
            decl = declaration(content, name)
            assert decl is not None  # every name here was read from the declarations
            table[name] = Meaning(
                name, decl.label.en, decl.label.es, decl.good_when, unit_of(decl), bool(decl.reported)
            )
        return cls(MappingProxyType(table), metrics)

    def __reduce__(self) -> tuple[Callable[..., Meanings], tuple[dict, tuple[str, ...]]]:
        # a mappingproxy does not pickle; the table does
        return (_rebuild, (dict(self.table), self.metrics))

    def good_when(self, name: str) -> str:
        m = self.table.get(name)
        return m.good_when if m is not None else NEITHER

    def is_better(self, name: str, delta: float) -> bool | None:
        return judge(self.good_when(name), delta)

    def unit(self, name: str) -> str:
        m = self.table.get(name)
        return m.unit if m is not None else "index"

    def label(self, name: str, lang: str) -> str:
        m = self.table.get(name)
        return name if m is None else m.label_es if lang == "es" else m.label_en

    def key_metrics(self) -> tuple[str, ...]:
        return tuple(n for n in self.metrics if self.table[n].reported)

    def higher_is_better(self, names: Iterable[str] | None = None) -> frozenset[str]:
        return frozenset(n for n in (self.key_metrics() if names is None else names) if self.good_when(n) == HIGHER)


def _rebuild(table: dict, metrics: tuple[str, ...]) -> Meanings:
    return Meanings(MappingProxyType(table), metrics)


@functools.cache
def shipped() -> Meanings:
    """The shipped declarations, for code that has no ContentSet at hand (only state.yaml is read: the metrics live
    there)."""
    from game.content.files import SHIPPED_CONTENT
    from game.content.loader import load_content

    return Meanings.of(load_content([SHIPPED_CONTENT / "state.yaml"], check=False).content)
