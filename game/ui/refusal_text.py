"""Refusals and conditions in the player's language, from typed data only. No pygame.

  * `refusal(content, t, refusal, place)` — why a measure cannot be adopted (a game.session.refusals.Refusal);
  * `option_closed(content, t, state)` — why an event option cannot be taken (its roles, or its unmet clauses);
  * `held_lines(content, t, occ)` — the conditions that held when an event came up;
  * `part(content, t, p)` — one typed clause (game.content.condition_parts): value names as their `label`,
    numbers as people read them (shares in percent), the rest as a generic reason — never condition code.
Strings: content/ui/refusals.yaml and the city.why_* / why.* strings.
"""

from __future__ import annotations

from game.content.condition_parts import AnyOf, Comparison, Generic, Part
from game.session import refusals as r
from game.ui import causes

_ORDER = {">=": "why.at_least", ">": "why.above", "<=": "why.at_most", "<": "why.below"}
_EQUAL = {"==": "refuse.equal", "!=": "refuse.not_equal", "in": "refuse.one_of", "not in": "refuse.none_of"}


def _value(content, t, name: str, value) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return t("refuse.yes") if value else t("refuse.no")
    if isinstance(value, str):
        if name == "district.kind" and t.has(f"city.kind_{value}"):
            return t(f"city.kind_{value}")
        return value
    return causes.fmt_value(content, name, float(value), t)


def _limit(content, t, name: str, threshold) -> str:
    if isinstance(threshold, tuple):
        return t("refuse.list_sep").join(_value(content, t, name, v) for v in threshold)
    return _value(content, t, name, threshold)


def comparison(content, t, c: Comparison) -> str:
    decl = causes.decl(content, c.name)
    limit, value = _limit(content, t, c.name, c.threshold), _value(content, t, c.name, c.actual)
    if c.name == "district.kind" and c.op in _EQUAL:
        key = "refuse.kind_is" if c.op in ("==", "in") else "refuse.kind_not"
        return t(key, limit=limit, value=value)
    if decl is None:  # a value the player has no name for (district.id…)
        return t("refuse.generic_situation")
    name = causes.label(content, c.name, t.lang)
    key = _ORDER.get(c.op) or _EQUAL[c.op]
    return t(key, name=name, limit=limit, value=value)


def part(content, t, p: Part, *, held_only: bool = False) -> str:
    match p:
        case Comparison():
            return comparison(content, t, p)
        case AnyOf(parts=alternatives):
            shown = [c for c in alternatives if c.held] if held_only else list(alternatives)
            return f" {t('why.or')} ".join(comparison(content, t, c) for c in shown or alternatives)
        case Generic(kind=kind):
            key = f"refuse.generic_{kind}"
            return t(key) if t.has(key) else t("refuse.generic_situation")
    return t("refuse.generic_situation")


def refusal(content, t, refusal: r.Refusal | None, place: str | None = None) -> str:
    """The sentence a screen shows for a refused measure ("" for None). `place`: the district's name."""
    match refusal:
        case None:
            return ""
        case r.AlreadyPlanned():
            return t("city.why_planned")
        case r.AlreadyRunning():
            return t("city.why_running_here", place=place) if place else t("city.why_running")
        case r.NotEnough(resource=rid, cost=cost, have=have):
            return t(
                "city.why_afford",
                resource=causes.label(content, "player." + rid, t.lang),
                cost=_amount(content, t, rid, cost),
                left=_amount(content, t, rid, max(0.0, have)),
            )
        case r.ConditionNotMet(unmet=unmet):
            needs = "; ".join(part(content, t, p) for p in unmet) or t("refuse.generic_situation")
            return t("city.why_condition", place=place or t("city.whole_city"), needs=needs)
        case r.NeedsDistrict():
            return t("city.why_district")
        case r.WholeCity():
            return t("refuse.whole_city")
    return t("refuse.not_offered")


def blocked(content, t, refusal: r.Refusal | None) -> str:
    """A few words for a button that cannot be pressed: "Not enough: Discretionary budget" ("" when it can)."""
    if refusal is None:
        return ""
    if isinstance(refusal, r.NotEnough):
        return t("city.blocked_short", resource=causes.label(content, f"player.{refusal.resource}", t.lang))
    if isinstance(refusal, r.AlreadyRunning):
        return t("city.blocked_running")
    if isinstance(refusal, r.ConditionNotMet):
        return t("city.blocked_condition")
    return t("city.blocked_other")


def option_closed(content, t, state) -> str:
    """Why an event option cannot be taken now ("" when the engine gave no reason)."""
    if state.closed is not None:
        return " · ".join(t(f"ecard.only_{role}") for role in state.closed.roles)
    return " · ".join(part(content, t, p) for p in state.unmet)


def held_lines(content, t, held) -> list[str]:
    """The conditions that held when an event came up, one line each, marked ✓ (the card's legend says so)."""
    return [f"{part(content, t, p, held_only=True)} ✓" for p in held if p.held]


def why_lines(content, t, fired, names: dict[str, str] | None = None) -> list[str]:
    """Why an event came up (an Occurrence or the report's FiredEvent): its conditions that held, then how it
    was picked — by chance, or as the follow-up of an earlier decision."""
    lines = held_lines(content, t, fired.held)
    if fired.chance is not None:
        lines.append(t("why.drawn", chance=f"{fired.chance:.0%}"))
    if fired.follow_up_of is not None:
        lines.append(t("why.follow_up", source=causes.cause_name(content, fired.follow_up_of, t.lang, names)))
    return lines


def _amount(content, t, rid: str, value: float) -> str:
    decl = content.state["player"].get(rid)
    if decl is not None and decl.max is not None and decl.max <= 1:
        return f"{value * 100:.0f}%"
    return t.number(value, 0 if abs(value - round(value)) < 1e-9 or abs(value) >= 10 else 1)
