"""Levels: the measures each role is offered, starting values, borders, model parameters, pools and hints."""

from __future__ import annotations

from game.content import author_checks, schemas
from game.content.check_conditions import conditions
from game.content.check_texts import texts
from game.content.checker import Checker, loaded, lookup, plain
from game.content.content_set import Origin
from game.content.diagnostic_text import Msg, msg
from game.content.pools import pool_events
from game.content.schema_errors import did_you_mean


def levels(ck: Checker) -> None:
    for level_id, level in ck.content.levels.items():
        _level(ck, level, ck.content.origins[("level", level_id)])


def _level(ck: Checker, level: schemas.Level, origin: Origin) -> None:
    content = ck.content
    for role in schemas.ROLES:
        setup = level.roles.get(role)
        if setup is None:
            continue
        for i, measure_id in enumerate(setup.measures):
            at = origin.at(("roles", role, "measures", i))
            if measure_id in setup.measures[:i]:
                first = setup.measures.index(measure_id)
                ck.report(
                    "E160",
                    msg("level.measure_twice", measure=measure_id, role=author_checks.ROLE_NAMES[role]),
                    at(),
                    msg("level.measure_twice_hint", n=first + 1),
                )
                continue
            measure = lookup(ck, "measure", measure_id, at)
            if measure is not None and measure.role != role:
                names = author_checks.ROLE_NAMES
                wrong = msg("level.wrong_role", measure=measure_id, role=names[measure.role], offered=names[role])
                ck.report("E168", wrong, at())
        _initial_values(ck, "player", setup.resources, origin, ("roles", role, "resources"))
        for i, objective in enumerate(setup.objectives):
            if objective.track is not None:
                _track(ck, level, objective.track, origin, ("roles", role, "objectives", i, "track"))
    _initial_values(ck, "city", level.city.initial, origin, ("city", "initial"))
    for i, district in enumerate(level.districts):
        _initial_values(ck, "district", district.initial, origin, ("districts", i, "initial"))
    author_checks.computed_starts(ck, level, origin)
    _tax_base(ck, level, origin)
    _borders(ck, level, origin)
    for name, value in level.parameters.items():
        param = content.parameters.get(name)
        at = origin.at(("parameters", name), key=True)
        if param is None:
            if content.parameters:
                ck.report(
                    "E161",
                    msg("level.no_parameter", name=name),
                    at(),
                    ck.hint("parameter", name, Msg("level.see_model_hint")),
                )
        elif (param.min is not None and value < param.min) or (param.max is not None and value > param.max):
            ck.report(
                "E163", msg("level.parameter_outside", name=name, value=value, range=_range(param.min, param.max)), at()
            )
    tags = ck.names("tag")  # every event's tags, gathered once for all levels
    for i, pool in enumerate(level.pools):
        members = pool_events(content, pool, level.id)
        for j, event_id in enumerate(pool.events):
            at = origin.at(("pools", i, "events", j))
            event = lookup(ck, "event", event_id, at)
            if event is not None and event.triggered_only:
                ck.report("E167", msg("level.triggered_only_in_pool", event=event_id), at())
        for j, tag in enumerate(pool.tags):
            if tag not in tags and loaded(content, "event"):
                ck.report(
                    "W203",
                    msg("level.no_such_tag", tag=tag),
                    origin.location(("pools", i, "tags", j)),
                    ck.hint("tag", tag),
                )
        weights = [content.events[e].weight_spec for e in members]
        if members and all(w.base == 0 and not any((m.add or 0) > 0 for m in w.modifiers) for w in weights):
            ck.report("W203", msg("level.pool_weighs_nothing", pool=pool.id), origin.location(("pools", i)))
    _hints(ck, level, origin)
    texts(ck, level, origin, "city")


def _borders(ck: Checker, level: schemas.Level, origin: Origin) -> None:
    """Each district's `borders:` names other districts of the same level, each once; a city of two or more
    districts declares at least one border (the model reads them as symmetric, so one side is enough)."""
    ids = [d.id for d in level.districts]
    for i, district in enumerate(level.districts):
        seen: set[str] = set()
        for j, other in enumerate(district.borders):
            where = origin.at(("districts", i, "borders", j))  # looked up only when reported
            if other in seen:
                if other != district.id and other in ids:  # a bad entry repeated is reported once, at the first
                    first = origin.location(("districts", i, "borders", district.borders.index(other)))
                    ck.report(
                        "W210",
                        msg("level.border_twice", district=district.id, other=other),
                        where(),
                        msg("level.border_twice_hint", place=str(first)),
                    )
                continue
            seen.add(other)
            if other == district.id:
                ck.report(
                    "E170",
                    msg("level.borders_itself", district=district.id),
                    where(),
                    msg("level.borders_itself_hint", other=other),
                )
            elif other not in ids:
                others = [d for d in ids if d != district.id]
                ck.report(
                    "E169",
                    msg("level.unknown_border", district=district.id, other=other, level=level.id),
                    where(),
                    did_you_mean(other, others) or msg("level.other_districts_hint", ids=tuple(others)),
                )
    if len(ids) >= 2 and not any(d.borders for d in level.districts):
        ck.report(
            "W211",
            msg("level.no_borders", n=len(ids), level=level.id),
            origin.location(("districts",), key=True),
        )


def _track(ck: Checker, level: schemas.Level, track: schemas.Track, origin: Origin, sub: tuple) -> None:
    """A tracked objective names a declared city or district value with a good direction, and districts of this
    level (only for a district value)."""
    scope, _, name = track.value.partition(".")
    decl = ck.content.state.get(scope, {}).get(name)
    if decl is None:
        if not ck.state_ok:  # the state declarations are not loaded (or broken): nothing to judge against
            return
        ck.report(
            "E173",
            msg("level.tracks_undeclared", value=track.value),
            origin.location((*sub, "value")),
            ck.hint("state", track.value, Msg("level.tracks_undeclared_hint")),
        )
        return
    if decl.good_when == "neither":
        ck.report(
            "W216",
            msg("level.no_good_direction", value=track.value),
            origin.location((*sub, "value")),
            Msg("w216.hint"),
        )
    ids = [d.id for d in level.districts]
    for j, district in enumerate(track.districts):
        where = origin.at((*sub, "districts", j))  # looked up only when reported
        if scope == "city":
            ck.report(
                "E174",
                msg("level.city_value_in_district", value=track.value, district=district),
                where(),
                Msg("level.city_value_in_district_hint"),
            )
            return
        if district not in ids:
            ck.report(
                "E174",
                msg("level.objective_unknown_district", district=district, level=level.id),
                where(),
                did_you_mean(district, ids) or msg("level.its_districts_hint", ids=tuple(ids)),
            )


def _hints(ck: Checker, level: schemas.Level, origin: Origin) -> None:
    """Hint ids are unique within the level; their conditions read the city scope, like a city event's."""
    first: dict[str, int] = {}
    for i, hint in enumerate(level.hints):
        if hint.id in first:
            ck.report(
                "E160",
                msg("level.hints_share_id", id=hint.id),
                origin.location(("hints", i, "id")),
                msg("level.hints_share_id_hint", place=str(origin.location(("hints", first[hint.id], "id")))),
            )
        else:
            first[hint.id] = i
        if hint.when:
            conditions(ck, hint.when, "city", origin, ("hints", i, "when"))


def _tax_base(ck: Checker, level: schemas.Level, origin: Origin) -> None:
    """E175: a starting budget with no wealth to raise it from. The city's tax rate is its starting budget over its
    households' wealth, so a city where nobody has any would tax at an endless rate the moment anyone earns."""
    state = ck.content.state
    if "wealth" not in state.get("district", {}) or "budget" not in state.get("city", {}) or not level.districts:
        return
    default = float(state["district"]["wealth"].default)
    base = sum(d.households * float(d.start("wealth", default)) for d in level.districts)
    budget = float(level.city.start("budget", float(state["city"]["budget"].default)))
    if base <= 0 and budget > 0:
        # at the first `wealth: 0` the author wrote, else at the districts (a wealth default of 0)
        written = [i for i, d in enumerate(level.districts) if "wealth" in d.initial]
        sub = ("districts", written[0], "initial", "wealth") if written else ("districts",)
        ck.report(
            "E175",
            msg("level.no_tax_base", budget=plain(budget)),
            origin.location(sub, key=bool(written)),
            Msg("level.no_tax_base_hint"),
        )


def _initial_values(ck: Checker, scope: str, values: dict, origin: Origin, sub: tuple) -> None:
    for name, value in values.items():
        if sub[-1] == "initial" and author_checks.computed_in_initial(ck, scope, name, origin, (*sub, name)):
            continue  # E171: set what it is computed from
        ck._target("set", f"{scope}.{name}", value, scope, origin, (*sub, name))


def _range(lo: float | None, hi: float | None) -> str:
    """`[0, 1]`; a side a parameter leaves open is written `-∞` or `∞`."""
    return f"[{'-∞' if lo is None else plain(lo)}, {'∞' if hi is None else plain(hi)}]"
