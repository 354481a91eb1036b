"""Hover: what a name means and where it comes from, in English, as Markdown."""

from __future__ import annotations

from game.content import schemas
from game.content.loader import ContentSet
from game.lsp.lens import title
from game.lsp.names import Target, origin_location, state_decl
from game.session.fire_counts import FireCounts

_MAX_TEXT = 400


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _MAX_TEXT else text[: _MAX_TEXT - 1].rstrip() + "…"


def _number(x: float | int | bool | None) -> str:
    if x is None:
        return "—"
    if isinstance(x, bool):
        return "true" if x else "false"
    return f"{x:g}"


def _where(content: ContentSet, target: Target) -> str:
    loc = origin_location(content, target)
    return f"\n\n*Defined in* `{loc}`" if loc else ""


def describe(
    content: ContentSet,
    target: Target,
    records: dict[str, FireCounts] | None = None,
    level: schemas.Level | None = None,
) -> str | None:
    """The Markdown shown for a name (None if the content does not know it)."""
    if target.kind == "state":
        return _state(content, target)
    if target.kind == "parameter":
        return _parameter(content, target)
    if target.kind == "measure":
        return _measure(content, target)
    if target.kind == "event":
        return _event(content, target, records or {})
    if target.kind == "level":
        lv = content.levels.get(target.ident)
        if lv is None:
            return None
        return f"**{lv.title.en}** — level `{lv.id}`, {lv.turns} quarters\n\n{_short(lv.summary.en)}" + _where(
            content, target
        )
    if target.kind == "district" and level is not None:
        for d in level.districts:
            if d.id == target.ident:
                return f"**{d.name.en}** — district `{d.id}` ({d.kind}, {d.households} households)\n\n" + _short(
                    d.description.en
                )
    return None


def _state(content: ContentSet, target: Target) -> str | None:
    decl = state_decl(content, target.ident)
    if decl is None:
        return None
    span = f"{_number(decl.min)} to {_number(decl.max)}" if decl.min is not None or decl.max is not None else "any"
    facts = f"{decl.type}, {span}, default {_number(decl.default)}"
    computed = "\n\nComputed: the model recalculates it every quarter, so effects on it are overwritten." * bool(
        decl.computed
    )
    return f"**{decl.label.en}** — `{target.ident}` ({facts})\n\n{_short(decl.meaning.en)}{computed}" + _where(
        content, target
    )


def _parameter(content: ContentSet, target: Target) -> str | None:
    p = content.parameters.get(target.ident)
    if p is None:
        return None
    span = f", range {_number(p.min)} to {_number(p.max)}" if p.min is not None or p.max is not None else ""
    unit = f" {p.unit}" if p.unit else ""
    return (
        f"**`{target.ident}`** = {_number(p.value)}{unit} (model parameter{span})\n\n{_short(p.meaning)}\n\n"
        f"*Source:* {p.source}" + _where(content, target)
    )


def _measure(content: ContentSet, target: Target) -> str | None:
    m = content.measures.get(target.ident)
    if m is None:
        return None
    cost = ", ".join(f"{k} {_number(v)}" for k, v in m.cost.items()) or "nothing"
    quarters = f"{m.duration} quarter{'s' if m.duration != 1 else ''}"
    on = "a district" if m.target == "district" else "the city"
    return (
        f"**{m.name.en}** — measure `{m.id}` for the {m.role}, on {on}, {quarters}, costs {cost}\n\n"
        f"{_short(m.summary.en)}\n\n*Expected:* {_short(m.expected.en)}\n\n"
        f"*Paper:* {m.paper}" + _where(content, target)
    )


def _event(content: ContentSet, target: Target, records: dict[str, FireCounts]) -> str | None:
    e = content.events.get(target.ident)
    if e is None:
        return None
    fired = []
    for record in records.values():
        share = record.share(e.id)
        if share is not None:
            level = content.levels.get(record.level)
            fired.append(f"- {title(record, share, level.turns if level else None)}")
    shown = "\n\n" + "\n".join(fired) if fired else ""
    return (
        f"**{e.title.en}** — event `{e.id}` ({e.scope} scope)\n\n{_short(e.text.en)}\n\n*Paper:* {e.paper}"
        + shown
        + _where(content, target)
    )
