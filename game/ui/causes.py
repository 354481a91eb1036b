"""Words for what the model and the event engine record: value names, causes, conditions, changes. No pygame.

The turn report, the event card and the history chart all need the same readings:
  * `label(content, "district.fear", lang)` — an indicator's name ("Fear" / "Miedo"), `meaning` its tooltip;
  * `cause_name(content, key, lang)` — a `Quarter.causes` key as the player reads it: `term.*` → its string,
    `event:<id>[/<option>]` → the event's title (and the option chosen), `measure:<id>` → the measure's name;
  * `fmt_value` / `fmt_delta` — numbers the way the screens show them (shares as %, changes in points);
  * `judgement` / `verdict_mark` — whether a change (or one cause of it) is good or bad news, as the content
    declares it (game.session.meaning), with a ✓ or ✗ so colour is never alone;
  * `weigh` / `city_mean` / `series` — city means weighted by the households living in each district at each
    snapshot (game.session.weights, as the model weighs its own), and per-district series from `Play.history`;
  * `moves` / `summary` — which indicators moved in a quarter, and the few sentences the report opens with.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from game.events.world import placeholder_names, render
from game.session import meaning as meanings
from game.session import readings
from game.session.weights import city_mean, homes, living
from game.ui import indicators

UP, DOWN = "▲", "▼"


def decl(content, name: str):
    scope, _, key = name.partition(".")
    return content.state.get(scope, {}).get(key)


def label(content, name: str, lang: str) -> str:
    d = decl(content, name)
    return d.label.get(lang) if d is not None else name


def meaning(content, name: str, lang: str) -> str:
    d = decl(content, name)
    return d.meaning.get(lang) if d is not None else ""


# --- numbers -----------------------------------------------------------------------------------------------


def is_share(d) -> bool:
    """Shown in % (and its changes in points): the declaration's unit is `share`."""
    return d is not None and d.type != "bool" and meanings.unit_of(d) == "share"


def digits(d) -> int:
    """Decimals worth showing for a value of this range (shares are shown in percent points)."""
    if d is None or is_share(d):
        return 1
    span = (d.max or 1) - (d.min or 0)
    return 0 if span >= 1000 else 1 if span >= 20 else 2


def threshold(d) -> float:
    """The smallest change that shows as a number different from zero."""
    if is_share(d):
        return 0.0005
    return 0.5 * 10 ** -digits(d)


def _minus(text: str) -> str:
    return text.replace("-", "−")


def fmt_value(content, name: str, value: float | None, t) -> str:
    if value is None:
        return "—"
    d = decl(content, name)
    if is_share(d):
        return f"{value * 100:.1f}%" if 0 < abs(value) < 0.01 else f"{value * 100:.0f}%"
    return _minus(f"{value:,.{digits(d)}f}")


def fmt_delta(content, name: str, delta: float, t, arrow: bool = True) -> str:
    """A signed change: "▲ +2.0 pts" for shares, "▼ −35" for money; with an arrow so colour is never alone."""
    d = decl(content, name)
    if is_share(d):
        number = t("rpt.points", value=_minus(f"{delta * 100:+.1f}")).replace(" ", "\u00a0")
    else:
        number = _minus(f"{delta:+,.{digits(d)}f}")
    if not arrow:
        return number
    mark = UP if delta > 0 else DOWN if delta < 0 else "="
    return f"{mark}\u00a0{number}"  # a no-break space: the arrow never wraps away from its number


def judgement(content, name: str, delta: float) -> int:
    """+1 when this change is bad news, −1 good news, 0 neither (or no change): the value's declared `good_when`."""
    return meanings.judgement(content, name, delta)


def verdict_mark(verdict: int) -> str:
    """ "✗" for bad news, "✓" for good news, "" for neither: the change's colour is never the only sign."""
    return "\u00a0✗" if verdict > 0 else "\u00a0✓" if verdict < 0 else ""


# --- causes --------------------------------------------------------------------------------------------------


def district_names(play, lang: str) -> list[str]:
    return [d.name.get(lang) for d in play.session.level.districts]


def cause_name(content, key: str, lang: str, names: dict[str, str] | None = None) -> str:
    """A cause key in words. `names` fills placeholders in event titles ({district}, {city}, …)."""
    names = names or {}
    if key.startswith("event:"):
        event_id, _, option_id = key[len("event:") :].partition("/")
        event = content.events.get(event_id)
        if event is None:
            return key
        title = render(event.title, lang, names)
        option = next((o for o in event.options if o.id == option_id), None)
        return f"{title} — {option.label.get(lang)}" if option is not None else title
    if key.startswith("measure:"):
        measure = content.measures.get(key[len("measure:") :])
        return measure.name.get(lang) if measure is not None else key
    text = content.strings.get(key)
    return text.get(lang) if text is not None else key


def place_names(play, lang: str, district: int | None) -> dict[str, str]:
    s = play.session
    return placeholder_names(s.level, s.role, s.turn, lang, district)


# --- history -----------------------------------------------------------------------------------------------


# A snapshot's weights: households living in each district then (see `weigh`).
Weigh = Callable[[Mapping], Sequence[float]]


def weigh(play) -> Weigh:
    """How to weigh the districts of any snapshot of this game: by the households living in each at that moment."""
    session = play.session
    counts = homes(session)  # once: a chart weighs every snapshot of the game
    return lambda snapshot: living(session, snapshot, counts)


def value_at(snapshot: dict, name: str, district: int | None, weigh: Weigh) -> float | None:
    """One indicator in one history snapshot: a district's value, the city mean, or a city/player value."""
    raw = snapshot.get(name)
    if raw is None:
        return None
    if isinstance(raw, (list, tuple)) or hasattr(raw, "__len__"):
        values = [float(v) for v in raw]
        if district is None:
            return city_mean(values, weigh(snapshot))
        return values[district] if district < len(values) else None
    value = float(raw)
    return value if math.isfinite(value) else None


def series(history: Sequence[dict], name: str, district: int | None, weigh: Weigh) -> list:
    return [value_at(snap, name, district, weigh) for snap in history]


def charted(play) -> list[str]:
    """The indicators the history charts: the reported ones, then the role's own resources."""
    first = play.history[0] if play.history else {}
    explained = readings.explained(play.content)
    panel = (*indicators.DISTRICT, *indicators.CITY, indicators.OFFICIAL, indicators.SURVEY)  # the panel's order
    ordered = [n for n in panel if n in explained] + [n for n in explained if n not in panel]
    names = [n for n in ordered if n in first]
    setup = play.session.level.roles.get(play.session.role)
    resources = setup.resources if setup is not None else {}
    names += [
        f"player.{r}"
        for r, amount in resources.items()
        if amount and f"player.{r}" in first and decl(play.content, f"player.{r}") is not None
    ]
    return names


# --- the quarter's moves ---------------------------------------------------------------------------------


@dataclass
class Move:
    """One indicator over a quarter: its city-wide change and, for district values, each district's."""

    name: str
    before: float
    after: float
    districts: list[tuple[int, float, float]]  # (district index, before, after), only the ones that moved
    weight: float  # size of the movement relative to the value's range

    @property
    def delta(self) -> float:
        return self.after - self.before


def moves(content, report, weigh: Weigh) -> list[Move]:
    """The reported indicators that moved this quarter, largest movement first."""
    out = []
    for name in readings.explained(content):
        if name not in report.before or name not in report.after:
            continue
        d = decl(content, name)
        span = ((d.max - d.min) if d is not None and d.max is not None and d.min is not None else 1.0) or 1.0
        eps = threshold(d)
        before, after = report.before[name], report.after[name]
        if name.startswith("district."):
            places = [
                (i, float(b), float(a))
                for i, (b, a) in enumerate(zip(before, after, strict=False))
                if abs(float(a) - float(b)) >= eps
            ]
            b = city_mean([float(v) for v in before], weigh(report.before))
            a = city_mean([float(v) for v in after], weigh(report.after))
            if not places and abs(a - b) < eps:
                continue
            size = max([abs(p[2] - p[1]) for p in places] + [abs(a - b)]) / span
            out.append(Move(name, b, a, places, size))
        else:
            b, a = float(before), float(after)
            if abs(a - b) < eps:
                continue
            out.append(Move(name, b, a, [], abs(a - b) / span))
    out.sort(key=lambda m: -m.weight)
    return out


def summary(content, report, t, dnames: Sequence[str], weigh: Weigh, limit: int = 4) -> list[str]:
    """The report's opening lines: the biggest movements, said in words."""
    lines = []
    for move in moves(content, report, weigh)[:limit]:
        name = label(content, move.name, t.lang)
        if move.name.startswith("district."):
            ups = [p for p in move.districts if p[2] > p[1]]
            downs = [p for p in move.districts if p[2] < p[1]]
            if not move.districts:
                continue
            top = max(move.districts, key=lambda p: abs(p[2] - p[1]))
            where, change = dnames[top[0]], fmt_delta(content, move.name, top[2] - top[1], t)
            total = len(dnames)
            if ups and downs:
                lines.append(
                    t("sum.mixed", name=name, up=len(ups), down=len(downs), total=total, district=where, delta=change)
                )
            elif ups:
                lines.append(t("sum.up", name=name, count=len(ups), total=total, district=where, delta=change))
            else:
                lines.append(t("sum.down", name=name, count=len(downs), total=total, district=where, delta=change))
        else:
            lines.append(
                t(
                    "sum.city",
                    name=name,
                    before=fmt_value(content, move.name, move.before, t),
                    after=fmt_value(content, move.name, move.after, t),
                    delta=fmt_delta(content, move.name, move.delta, t),
                )
            )
    return lines
