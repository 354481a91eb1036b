"""Rolling one pool: every member that may fire now, in each district for district-scope events, with its weight,
then one weighted draw against the pool's "nothing happens" weight, all of it written to the turn's trace."""

from __future__ import annotations

import numpy as np

from game.content.expressions import EvalContext
from game.content.schemas import Event, Pool
from game.events.rules import EngineRules
from game.events.trace import Candidate, PoolRoll
from game.events.world import World


class PoolDraw(EngineRules):
    """The part of the engine that picks what happens: one draw from a pool (HookRun decides which pool, when)."""

    def roll_pool(
        self, pool: Pool, members: list[str], hook: str, world: World, rng: np.random.Generator
    ) -> tuple[Event, int | None, list[str]] | None:
        candidates: list[tuple[Candidate, Event, int | None, list[str]]] = []  # the last: conditions that held
        contexts: dict[int | None, EvalContext] = {}  # nothing changes during a roll: one snapshot per place
        for event_id in members:
            event = self.content.events[event_id]
            bindings = range(len(world.district_ids)) if event.scope == "district" else [None]
            if not self.explain and (ruled_out := self.timing_rules(event)):
                # fast mode: one trace line for an event the role or the turn rules out in every district
                candidates.append((Candidate(event.id, None, False, list(ruled_out)), event, None, []))
                continue
            for district in bindings:
                if district not in contexts:
                    contexts[district] = self.context(world, district)
                ctx = contexts[district]
                reasons, held = self.eligibility(event, district, world, ctx)
                district_id = world.district_ids[district] if district is not None else None
                cand = Candidate(event.id, district_id, not reasons, reasons)
                if not reasons:
                    cand.weight, cand.weight_terms = self.weight(event, ctx)
                    if cand.weight <= 0:
                        cand.eligible = False
                        cand.reasons = [f"weight is 0 ({' '.join(cand.weight_terms)})"]
                candidates.append((cand, event, district, held))
        eligible = [c for c in candidates if c[0].eligible]
        weights = 0.0
        for cand, *_ in eligible:  # summed in order, one by one: the batch roller adds the same way
            weights += cand.weight
        total = pool.none_weight + weights
        for cand, *_ in eligible:
            cand.chance = cand.weight / total
        entry = PoolRoll(pool.id, hook, [c[0] for c in candidates], pool.none_weight, total, None, None)
        self.trace.entries.append(entry)
        if total <= 0:
            entry.note = "no event is eligible"
            return None
        entry.roll = float(rng.random()) * total
        cumulative = pool.none_weight
        if entry.roll < cumulative:
            return None
        for cand, event, district, held in eligible:
            cumulative += cand.weight
            if entry.roll < cumulative:
                entry.picked = cand.label()
                drawn = (
                    f"drawn from pool {pool.id} with chance {cand.chance:.0%} "
                    f"(weight {cand.weight:g} of {total:g}; roll {entry.roll:.3g})"
                )
                why = [*self.why(event, held, contexts[district]), drawn]
                return event, district, why
        cand, event, district, held = eligible[-1]  # guards against rounding at the very top
        entry.picked = cand.label()
        return event, district, self.why(event, held, contexts[district])
