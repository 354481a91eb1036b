"""Events: their conditions, effects, options, texts and the levels and dynamics they name."""

from __future__ import annotations

from game.content import author_checks
from game.content.check_conditions import conditions
from game.content.check_texts import texts
from game.content.checker import Checker
from game.content.diagnostic_text import msg
from game.content.dynamics import dynamic_of


def events(ck: Checker) -> None:
    for event_id, event in ck.content.events.items():
        origin = ck.content.origins[("event", event_id)]
        first = len(ck.out)
        if event.when:
            conditions(ck, event.when, event.scope, origin, ("when",))
        for i, mod in enumerate(event.weight_spec.modifiers):
            conditions(ck, [mod.when], event.scope, origin, ("weight", "modifiers", i, "when"))
        ck.effects(event.on_fire, event.scope, origin, ("on_fire",))
        for i, option in enumerate(event.options):
            sub = ("options", i)
            if option.when:
                conditions(ck, option.when, event.scope, origin, (*sub, "when"))
            ck.effects(option.effects, event.scope, origin, (*sub, "effects"))
        for i, level_id in enumerate(event.levels):
            if ck.content.levels and not ck.content.known("level", level_id):
                ck.report(
                    "W209",
                    msg("event.no_such_level", id=level_id),
                    origin.location(("levels", i)),
                    ck.hint("level", level_id),
                )
        if event.tags and dynamic_of(event) is None:  # untagged events are allowed, and counted apart
            ck.report(
                "W208",
                msg("event.no_dynamic", event=event_id, tag=event.tags[0]),
                origin.location(("tags", 0)),
            )
        if all(o.when for o in event.options):
            ck.report(
                "W205",
                msg("event.all_options_conditional", event=event_id),
                origin.location(("options",)),
            )
        author_checks.option_roles(ck, event, origin)
        texts(ck, event, origin, event.scope)
        author_checks.one_scope_cause(ck, first, origin, "scope")
