"""What the city screen shows about the city, without pygame: which indicators, their values, trends and tooltips.

The screen asks this module for `Reading`s (one indicator in one place), `Resource`s (what the player can still
spend this quarter), the map layers and their five levels, the statistics gap, and plain-language reasons why a
measure cannot be adopted. Everything here is in the player's language (a `Texts`), and reads the game only.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from game.session import meaning as meanings
from game.ui.texts import Texts

WHOLE = ("money", "count", "score", "hours")  # units shown as whole numbers

# Which way is good, for the colour and the ✓/✗ next to a change, and what a number measures, are declared in
# content (`good_when`, `unit`) and answered by game.session.meaning; a Spec carries the answer for one indicator:
#   BETTER  good when higher (trust, reporting, wealth: more people dare to cooperate with the state);
#   WORSE   good when lower  (criminal control, crime, extortion, fear, corruption);
#   MIXED   neither: more self-defense groups, more security spending or more *recorded* crime can be a sign of
#           progress or of trouble (Payan 2015), so the screen shows the change without judging it.
BETTER, WORSE, MIXED = 1, -1, 0
_DIRECTION = {meanings.HIGHER: BETTER, meanings.LOWER: WORSE, meanings.NEITHER: MIXED}


@dataclass(frozen=True)
class Spec:
    name: str  # "district.fear", "city.corruption"
    better: int  # BETTER, WORSE or MIXED
    unit: str  # one of game.session.meaning.UNITS: "share" (0–1, shown as %), "index", "rate", "money", …


def spec(content, name: str) -> Spec:
    """An indicator as its declaration says: which way is good and its unit."""
    return Spec(name, _DIRECTION[meanings.good_when(content, name)], meanings.unit(content, name))


# The indicators the panel shows, in order (each declared `reported: true`; tests/test_meaning.py checks it).
DISTRICT = (
    "district.oc_control",
    "district.extortion",
    "district.petty_crime",
    "district.victimisation",
    "district.fear",
    "district.retreat",
    "district.social_trust",
    "district.gov_trust",
    "district.report_oc",
    "district.militia",
    "district.wealth",
)
CITY = (
    "city.corruption",
    "city.protection",
    "city.transparency",
    "city.pressure",
    "city.budget",
    "city.security_share",
)
OFFICIAL = "city.official_crime"  # more reporting raises it: not simply bad
SURVEY = "city.survey_crime"


@dataclass(frozen=True)
class Layer:
    """A map layer: one district value, and the four limits between its five levels (low to high value)."""

    id: str
    spec: Spec
    limits: tuple[float, float, float, float]
    top: float  # the value that fills a tile's bar


# The limits sit around the values the border city starts with, so the map tells districts apart; they are the
# same every quarter, so a colour always means the same level. (id, value, limits, top)
LAYER_LIMITS = (
    ("crime", "district.victimisation", (0.05, 0.08, 0.11, 0.15), 0.2),
    ("fear", "district.fear", (0.4, 0.55, 0.7, 0.8), 1.0),
    ("trust", "district.gov_trust", (0.3, 0.4, 0.5, 0.6), 1.0),
    ("control", "district.oc_control", (0.15, 0.3, 0.45, 0.6), 1.0),
)
LAYER_IDS = tuple(layer[0] for layer in LAYER_LIMITS)


def layers(content) -> tuple[Layer, ...]:
    return tuple(Layer(lid, spec(content, name), limits, top) for lid, name, limits, top in LAYER_LIMITS)


def layer_by_id(content, layer_id: str) -> Layer:
    return next(layer for layer in layers(content) if layer.id == layer_id)


def level_of(layer: Layer, value: float) -> int:
    """0 (lowest value) to 4 (highest value)."""
    return sum(value >= limit for limit in layer.limits)


def concern_of(layer: Layer, value: float) -> int:
    """0 (least concern) to 4 (most): the map colour. High trust is little concern; high fear is much."""
    level = level_of(layer, value)
    return 4 - level if layer.spec.better == BETTER else level


# --- numbers --------------------------------------------------------------------------------------------------


def fmt(t: Texts, unit: str, value: float) -> str:
    if unit == "share":
        # a tenth of a point below 10% only: 9.996% is "10%", as 10% is, never a wider "10.0%"
        percent = value * 100
        return f"{percent:.0f}%" if round(percent, 1) >= 10 or value == 0 else f"{percent:.1f}%"
    if unit in WHOLE:
        return t.number(value, 0)
    if unit == "rate":
        return t.number(value, 1)
    return t.number(value, 2)


def fmt_change(t: Texts, unit: str, delta: float) -> str:
    if unit == "share":  # in percentage points; the tooltip gives both values with their % signs
        points = delta * 100
        digits = 0 if round(abs(points), 1) >= 1 else 1
        return t.signed(points, digits)
    if unit in WHOLE:
        return t.signed(delta, 0)
    if unit == "rate":
        return t.signed(delta, 1)
    return t.signed(delta, 2)


def _negligible(unit: str, delta: float) -> bool:
    """Too small to show at the precision the value is shown with."""
    return abs(delta) < (0.5 if unit in WHOLE else {"share": 0.0005, "rate": 0.05}.get(unit, 0.005))


# --- readings ---------------------------------------------------------------------------------------------------


@dataclass
class Reading:
    name: str
    label: str
    meaning: str
    value: float
    text: str  # the value as shown
    fraction: float  # 0–1 along the declared range, for a bar
    change: float | None  # since a quarter ago; None in the first quarter
    change_text: str  # "▲ +3 pts ✗", "= 0", "—"
    verdict: str  # "good", "bad", "neutral": the colour of the change
    tooltip: str


def label(content, name: str, t: Texts) -> str:
    scope, _, var = name.partition(".")
    decl = content.state.get(scope, {}).get(var)
    return t.pick(decl.label) if decl is not None else var


def meaning(content, name: str, t: Texts) -> str:
    scope, _, var = name.partition(".")
    decl = content.state.get(scope, {}).get(var)
    return t.pick(decl.meaning) if decl is not None else ""


def _declared(content, name: str) -> bool:
    scope, _, var = name.partition(".")
    return var in content.state.get(scope, {})


def previous_values(play) -> dict | None:
    """The indicators one quarter ago (None in the first quarter): history[-1] is the start of this quarter."""
    return play.history[-2] if len(play.history) >= 2 else None


def _old(previous: dict | None, name: str, district: int | None):
    if previous is None or name not in previous:
        return None
    value = previous[name]
    if isinstance(value, list):
        return None if district is None or district >= len(value) else value[district]
    return value


def reading(play, spec: Spec, t: Texts, district: int | None = None, values=None) -> Reading:
    content = play.content
    values = values if values is not None else play.values(district)
    value = float(values[spec.name])
    scope, _, var = spec.name.partition(".")
    decl = content.state[scope][var]
    lo = decl.min if decl.min is not None else 0.0
    hi = decl.max if decl.max is not None else max(1.0, value)
    fraction = 0.0 if hi <= lo else min(1.0, max(0.0, (value - lo) / (hi - lo)))
    old = _old(previous_values(play), spec.name, district)
    name_text = label(content, spec.name, t)
    direction = {BETTER: t("city.higher_better"), WORSE: t("city.higher_worse"), MIXED: t("city.higher_mixed")}[
        spec.better
    ]
    if old is None:
        change, change_text, verdict = None, "—", "neutral"
        trend_line = t("city.trend_first")
    else:
        change = value - float(old)
        if _negligible(spec.unit, change):
            change_text, verdict = t("city.no_change"), "neutral"
            trend_line = t("city.trend_same", old=fmt(t, spec.unit, float(old)))
        else:
            arrow = "▲" if change > 0 else "▼"
            verdict = "neutral" if spec.better == MIXED else ("good" if change * spec.better > 0 else "bad")
            mark = {"good": " ✓", "bad": " ✗", "neutral": ""}[verdict]
            change_text = f"{arrow} {fmt_change(t, spec.unit, change)}{mark}"
            word = {"good": t("city.trend_better"), "bad": t("city.trend_worse"), "neutral": ""}[verdict]
            trend_line = t(
                "city.trend_moved", old=fmt(t, spec.unit, float(old)), new=fmt(t, spec.unit, value), verdict=word
            ).rstrip()
    tooltip = f"{name_text}: {meaning(content, spec.name, t)}\n{direction}\n{trend_line}"
    return Reading(
        spec.name,
        name_text,
        meaning(content, spec.name, t),
        value,
        fmt(t, spec.unit, value),
        fraction,
        change,
        change_text,
        verdict,
        tooltip,
    )


def district_readings(play, t: Texts, district: int) -> list[Reading]:
    values, content = play.values(district), play.content
    return [reading(play, spec(content, n), t, district, values) for n in DISTRICT if _declared(content, n)]


def city_readings(play, t: Texts) -> list[Reading]:
    values, content = play.values(None), play.content
    return [reading(play, spec(content, n), t, None, values) for n in CITY if _declared(content, n)]


# --- the statistics gap -------------------------------------------------------------------------------------------


@dataclass
class Gap:
    official: Reading
    survey: Reading
    hidden_share: float | None  # the part of surveyed crime missing from the official figures
    published: bool
    text: str  # one honest paragraph


def statistics_gap(play, t: Texts) -> Gap | None:
    content = play.content
    if not (_declared(content, OFFICIAL) and _declared(content, SURVEY)):
        return None
    values = play.values(None)
    official = reading(play, spec(content, OFFICIAL), t, None, values)
    survey = reading(play, spec(content, SURVEY), t, None, values)
    hidden = None if survey.value <= 0 else max(0.0, 1 - official.value / survey.value)
    published = bool(values.get("city.survey_published", False))
    parts = [t("city.gap_figures", official=official.text, survey=survey.text)]
    if hidden is not None:
        parts.append(t("city.gap_hidden", share=f"{hidden * 100:.0f}%"))
    parts.append(t("city.gap_published") if published else t("city.gap_unpublished"))
    return Gap(official, survey, hidden, published, " ".join(parts))


# --- resources ------------------------------------------------------------------------------------------------


@dataclass
class Resource:
    id: str
    label: str
    have: float
    planned: float  # what the planned measures would spend
    left: float
    text: str  # "Discretionary budget: 260 (−40 planned)"
    tooltip: str
    spendable: bool  # some offered measure costs it


def _resource_number(t: Texts, content, rid: str, value: float) -> str:
    decl = content.state["player"][rid]
    if meanings.unit_of(decl) == "share":
        return f"{value * 100:.0f}%"
    return t.number(value, 0 if abs(value - round(value)) < 1e-9 or abs(value) >= 10 else 1)


def resources(play, t: Texts) -> list[Resource]:
    """The role's own resources (game.session.role_resources), never the other role's."""
    content = play.content
    session = play.session
    used: set[str] = set()
    for measure in session.offered():
        used |= set(measure.cost) | set(measure.upkeep)
    values = play.values(None)
    spent = play.spent()
    out = []
    for rid in session.resources:
        decl = content.state["player"][rid]
        have = float(values[f"player.{rid}"])
        planned = spent.get(rid, 0.0)
        left = have - planned
        name = t.pick(decl.label)
        number = _resource_number(t, content, rid, left)
        if planned:
            text = t("city.resource_planned", name=name, left=number, have=_resource_number(t, content, rid, have))
        else:
            text = t("city.resource", name=name, left=number)
        tooltip = f"{name}: {t.pick(decl.meaning)}"
        if planned:
            tooltip += "\n" + t(
                "city.resource_tip_planned",
                have=_resource_number(t, content, rid, have),
                planned=_resource_number(t, content, rid, planned),
                left=number,
            )
        out.append(Resource(rid, name, have, planned, left, text, tooltip, rid in used))
    out.sort(key=lambda r: not r.spendable)  # what measures spend first
    return out


def amounts(play, t: Texts, cost: dict[str, float]) -> str:
    """ "40 Discretionary budget, 10 Political capital" — or "nothing" for a free measure."""
    if not cost:
        return t("city.free")
    content = play.content
    return ", ".join(
        f"{_resource_number(t, content, r, a)} {label(content, 'player.' + r, t)}" for r, a in cost.items()
    )


def quarters(t: Texts, n: int) -> str:
    return t("city.quarters_one") if n == 1 else t("city.quarters", n=n)


def grid(count: int, width: float, height: float, aspect: float = 1.6) -> tuple[int, int]:
    """Columns and rows for `count` map tiles in a width × height area: the biggest tiles of about `aspect`."""
    best, best_size = (1, count), -1.0
    for cols in range(1, count + 1):
        rows = math.ceil(count / cols)
        w, h = width / cols, height / rows
        size = min(w, h * aspect)
        if size > best_size + 1e-9:
            best, best_size = (cols, rows), size
    return best
