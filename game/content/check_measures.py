"""Measures: their conditions, effects, texts, and the player resources their cost and upkeep name."""

from __future__ import annotations

from game.content import author_checks
from game.content.check_conditions import conditions
from game.content.check_texts import texts
from game.content.checker import Checker
from game.content.diagnostic_text import Msg, msg


def measures(ck: Checker) -> None:
    for measure_id, measure in ck.content.measures.items():
        origin = ck.content.origins[("measure", measure_id)]
        first = len(ck.out)
        if measure.when:
            conditions(ck, measure.when, measure.target, origin, ("when",))
        ck.effects(measure.effects, measure.target, origin, ("effects",))
        for key in ("cost", "upkeep"):
            for resource in getattr(measure, key):
                if resource not in ck.content.state["player"] and ck.state_ok:
                    ck.report(
                        "E162",
                        msg("measure.not_a_resource", name=resource),
                        origin.location((key, resource), key=True),
                        ck.hint("player", resource, Msg("measure.resources_hint")),
                    )
        texts(ck, measure, origin, measure.target)
        author_checks.one_scope_cause(ck, first, origin, "target")
