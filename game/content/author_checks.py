"""Checks for the traps authors fall into (issue 13), called from `checks.run_checks`.

- a value the model computes every quarter given a starting value under `initial:` (E171, naming the inputs to set);
- an event written for some levels but kept to none with `levels:`, so it fires everywhere (W214);
- options kept to roles (`roles:`) that no role meeting the event can take (E172, W205);
- `paper:` citing no section of Payan (2015) as `content/paper.yaml` lists them (W215);
- one wrong scope reported once, at `scope:`, instead of at every district value it breaks (E164).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import lru_cache, partial
from typing import Any, Protocol

from game.content import schemas
from game.content.content_set import ContentSet, Origin
from game.content.diagnostic_text import Message, Msg, msg
from game.content.diagnostics import Diagnostic, Location
from game.content.schema_errors import did_you_mean


class _Checker(Protocol):
    """What these checks use of `checker.Checker`, which calls them (so this module does not import it back)."""

    content: ContentSet
    out: list[Diagnostic]

    def report(
        self, code: str, message: Message, where: Location, hint: Message | Callable[[], Message] = ""
    ) -> None: ...

    def _target(self, verb: str, target: str, value: Any, scope: str, origin: Origin, path: tuple) -> None: ...


PAPER_SECTION = "paper.section."  # string keys of the paper's section titles (content/paper.yaml)


# --- starting values of computed values ---------------------------------------------------------------------


def settable_inputs(content: ContentSet, name: str) -> list[str]:
    """What a level sets to move a computed value: its declared `inputs:`, with computed ones replaced by theirs."""
    out: list[str] = []
    seen = {name}
    decl = _decl(content, name)
    todo = list(decl.inputs) if decl else []
    while todo:
        item = todo.pop(0)
        if item in seen:
            continue
        seen.add(item)
        decl = _decl(content, item)
        if decl is not None and decl.computed and not decl.start_read:
            todo[:0] = decl.inputs
        else:
            out.append(item)
    return out


def _decl(content: ContentSet, name: str) -> schemas.VarDecl | None:
    scope, _, short = name.partition(".")
    return content.state.get(scope, {}).get(short)


def computed_in_initial(ck: _Checker, scope: str, name: str, origin: Origin, path: tuple) -> bool:
    """Report (E171) and return True when `initial:` gives a starting value to a value the model computes."""
    decl = ck.content.state[scope].get(name)
    if decl is None or not decl.computed or decl.start_read:
        return False
    inputs = settable_inputs(ck.content, f"{scope}.{name}")
    ck.report(
        "E171",
        msg("author.computed_start", name=f"{scope}.{name}"),
        origin.location(path, key=True),
        msg("author.computed_start_hint", inputs=tuple(inputs)) if inputs else Msg("author.computed_start_any_hint"),
    )
    return True


def computed_starts(ck: _Checker, level: schemas.Level, origin: Origin) -> None:
    """`computed_start:` holds only computed values, within their ranges."""
    blocks: list[tuple[str, dict[str, float], tuple[str | int, ...]]] = [
        ("city", level.city.computed_start, ("city", "computed_start"))
    ]
    blocks += [
        ("district", d.computed_start, ("districts", i, "computed_start")) for i, d in enumerate(level.districts)
    ]
    for scope, values, sub in blocks:
        for name, value in values.items():
            decl = ck.content.state[scope].get(name)
            if decl is not None and not decl.computed:
                ck.report(
                    "E129",
                    msg("author.not_computed", name=f"{scope}.{name}"),
                    origin.location((*sub, name), key=True),
                )
                continue
            ck._target("set", f"{scope}.{name}", value, scope, origin, (*sub, name))


def state_inputs(ck: _Checker) -> None:
    """Each `inputs:` entry names a declared value, and only computed values have inputs, `start_read` or
    `carried`."""
    content = ck.content
    names = [f"{s}.{n}" for s in schemas.SCOPES for n in content.state[s]]
    for scope in schemas.SCOPES:
        for name, decl in content.state[scope].items():
            origin = content.origins.get((f"{scope} value", f"{scope}.{name}"))
            if origin is None:
                continue
            for key in ("inputs", "start_read", "carried"):
                if getattr(decl, key) and not decl.computed:
                    ck.report(
                        "E129",
                        msg("author.only_computed", key=key),
                        origin.location((key,), key=True),
                    )
            for i, item in enumerate(decl.inputs):
                if _decl(content, item) is None:
                    ck.report(
                        "E162",
                        msg("check.undeclared", name=item),
                        origin.location(("inputs", i)),
                        did_you_mean(item, names) or Msg("author.inputs_hint"),
                    )


# --- events kept to levels ----------------------------------------------------------------------------------


def level_keeping(ck: _Checker) -> None:
    """W214: an event without `levels:` whose id or text names a level, or a district or city of only some
    levels, was probably written for those levels; without `levels:` every level's tag pools draw it."""
    levels = ck.content.levels
    if len(levels) < 2:
        return
    owners: dict[str, set[str]] = {}
    for level_id, level in levels.items():
        names = [level_id, level.city.name.en, level.city.name.es]
        names += [n for d in level.districts for n in (d.id, d.name.en, d.name.es)]
        for n in names:
            owners.setdefault(n, set()).add(level_id)
    specific = _Specific({n: found for n, found in owners.items() if found != set(levels)})
    for event_id, event in ck.content.events.items():
        if event.levels:
            continue
        hit = _named(event_id, event, specific, list(levels))
        if hit is None:
            continue
        what, name, found = hit
        kept = tuple(sorted(found))
        named = msg("author.the_level", name=name) if name in levels else msg("author.place_of", name=name, levels=kept)
        ck.report(
            "W214",
            msg("author.kept_by_id" if what == "id" else "author.kept_by_text", event=event_id, named=named),
            ck.content.origins[("event", event_id)].location(("id",)),
            msg("author.add_levels_hint", levels=kept, n=len(found)),
        )


class _Specific(dict[str, set[str]]):
    """The names of only some levels (name -> those levels), sorted once into the id-like ones, with their
    words, and the others (an event is matched against every one of them)."""

    def __init__(self, names: dict[str, set[str]]):
        super().__init__(names)
        self.ids = [(n, found, n.split("_")) for n, found in names.items() if _ID_LIKE.fullmatch(n)]
        self.texts = [(n, found) for n, found in names.items() if not _ID_LIKE.fullmatch(n)]


def _named(
    event_id: str, event: schemas.Event, specific: _Specific, level_ids: list[str]
) -> tuple[str, str, set[str]] | None:
    """(where, the name, its levels) of the first level, district or city name the event's id or text names."""
    words = event_id.split("_")
    for level_id in level_ids:  # `metro_` for `metropolis`: the id starts with part of a level's id
        head = level_id.split("_")[0]
        if len(words[0]) >= 4 and head != words[0] and head.startswith(words[0]) and level_id in specific:
            return "id", level_id, specific[level_id]
    for name, found, parts in specific.ids:
        if _contains(words, parts):
            return "id", name, found
    text = " ".join(t.en + "\n" + t.es for t in _event_texts(event))
    for name, found in specific.texts:
        # `in` first: a plain substring search rules out almost every name before a regex is built
        if name in text and _whole_word(name).search(text):
            return "text", name, found
    return None


_ID_LIKE = re.compile(r"[a-z][a-z0-9_]*")


@lru_cache(maxsize=1024)
def _whole_word(name: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(name)}(?!\w)")


def _contains(words: list[str], part: list[str]) -> bool:
    return any(words[i : i + len(part)] == part for i in range(len(words) - len(part) + 1))


def _event_texts(event: schemas.Event) -> list[schemas.Text]:
    texts = [event.title, event.text]
    for o in event.options:
        texts += [o.label] + ([o.stakes] if o.stakes is not None else [])
    return texts


# --- options kept to roles ----------------------------------------------------------------------------------


def option_roles(ck: _Checker, event: schemas.Event, origin: Origin) -> None:
    """E172: an option only for roles that never meet the event; W205: a role that meets it with no option."""
    for i, option in enumerate(event.options):
        if not set(option.roles) & set(event.roles):
            ck.report(
                "E172",
                msg(
                    "author.option_no_role",
                    option=option.id,
                    roles=_roles(option.roles),
                    event=event.id,
                    meets=_roles(event.roles),
                ),
                origin.location(("options", i, "roles")),
            )
    for role in event.roles:
        if not any(role in o.roles for o in event.options):
            ck.report(
                "W205",
                msg("author.role_no_option", event=event.id, role=ROLE_NAMES[role]),
                origin.location(("options",), key=True),
                msg("author.role_no_option_hint", role=role),
            )


ROLE_NAMES = {"official": Msg("role.official"), "organizer": Msg("role.organizer")}


def _roles(roles: Iterable[str]) -> Message:
    """`the official and the organizer`."""
    said: Message = ""
    for role in roles:
        named = ROLE_NAMES.get(role, role)
        said = msg("list.and", first=said, then=named) if said else named
    return said


# --- the paper's sections -----------------------------------------------------------------------------------


def paper_sections(content: ContentSet) -> list[str]:
    """The section titles of Payan (2015), in the paper's order, as content/paper.yaml lists them."""
    return [text.en for key, text in content.strings.items() if key.startswith(PAPER_SECTION)]


def papers(ck: _Checker) -> None:
    """W215: `paper:` names a section of the paper, exactly as content/paper.yaml (the paper) titles it."""
    sections = paper_sections(ck.content)
    if not sections:  # content/paper.yaml not loaded (a folder validated on its own): nothing to check against
        return
    known = set(sections)
    hints: dict[str, Message] = {}  # one search per distinct citation, and only for the warnings shown

    def hint(paper: str) -> Message:
        if paper not in hints:
            same = next((s for s in sections if s.casefold() == paper.strip().casefold()), None)
            found = msg("author.paper_exactly", title=same) if same else did_you_mean(paper, sections)
            hints[paper] = found or Msg("w215.hint")
        return hints[paper]

    entries: list[tuple[str, Any]] = [("event", e) for e in ck.content.events.values()]
    entries += [("measure", m) for m in ck.content.measures.values()]
    for kind, entry in entries:
        if entry.paper in known:
            continue
        ck.report(
            "W215",
            msg("author.no_section", title=entry.paper),
            ck.content.origins[(kind, entry.id)].location(("paper",)),
            partial(hint, entry.paper),
        )


# --- one wrong scope, one report ----------------------------------------------------------------------------


def _district_use(d: Diagnostic) -> Message | None:
    """The district value, placeholder or event a city-scope entry used, if `d` reports just that (read from the
    diagnostic's typed message, never from its words)."""
    said = d.text.args if isinstance(d.text, Msg) else ()
    key = d.text.key if isinstance(d.text, Msg) else ""
    args = dict(said)
    if d.code == "E164" and key == "check.district_value_city_scope":
        return str(args["target"])
    if d.code == "E164" and key == "check.district_event_city_scope":
        return msg("author.district_event", event=str(args["event"]))
    if d.code == "E143" and key == "expr.district_in_city_scope":
        return str(args["name"])
    if d.code == "E165" and key == "text.unknown_placeholder" and args.get("name") == "district":
        return "{district}"
    return None


def one_scope_cause(ck: _Checker, first: int, origin: Origin, key: str) -> None:
    """An entry with city scope that uses the district in several places has one cause: its `scope:` (events) or
    `target:` (measures). Its reports from `first` on become one E164 at that key, with the places as `also`."""
    entry = _raw(origin)
    if not isinstance(entry, dict) or entry.get(key, "city") != "city":
        return
    found = [(k, use) for k, d in enumerate(ck.out[first:], first) if (use := _district_use(d)) is not None]
    if len(found) < 2:
        return
    drop = {k for k, _ in found}
    places = tuple(ck.out[k].where for k, _ in found)
    uses = list(dict.fromkeys(use for _, use in found))
    ck.out[first:] = [d for k, d in enumerate(ck.out[first:], first) if k not in drop]
    written = key in entry
    where = origin.location((key,) if written else ("id",))
    ck.out.append(
        Diagnostic(
            "E164",
            msg("author.city_scope_uses", id=str(entry.get("id")), n=len(found), uses=tuple(uses)),
            where,
            msg("author.write_scope_hint" if written else "author.add_scope_hint", key=key),
            places,
        )
    )


def _raw(origin: Origin) -> Any:
    node = origin.doc.data
    for el in origin.path:
        node = node[el]
    return node
