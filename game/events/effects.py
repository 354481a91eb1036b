"""Applying effect lines, for an event's `on_fire:` and options and for the player's measures: changes to the
world, flags, and follow-ups scheduled (with their chance and delay drawn from the run's generator)."""

from __future__ import annotations

import numpy as np

from game.content.schemas import Effect, Schedule
from game.events.memory import Queued
from game.events.rules import EngineRules
from game.events.trace import FollowUp
from game.events.world import World


class EngineEffects(EngineRules):
    """The part of the engine that changes things: what an event or measure does once it happens."""

    def apply_effects(
        self, effects: list[Effect], world: World, district: int | None, rng: np.random.Generator, cause: str
    ) -> list[str]:
        """Apply effect lines in order; returns readable changes. Also used for measures by the session."""
        done: list[str] = []
        district_id = world.district_ids[district] if district is not None else None
        for effect in effects:
            verb, lines = effect.ready
            if verb == "flag":
                for name, on in lines:
                    (self.memory.flags.add if on else self.memory.flags.discard)(name)
                    if self.explain:
                        done.append(f"flag {name} = {str(on).lower()} ({cause})")
            elif verb == "schedule":  # recorded as its own FollowUp entry in the trace
                self._schedule(lines, district_id, rng, cause)
            else:
                for target, value, local in lines:
                    change = world.change(target, verb, value, district if local else None, cause)
                    if self.explain:  # fast mode keeps decisions in the trace, not the wording of each change
                        done.append(str(change))
        return done

    def _schedule(self, sched: Schedule, district_id: str | None, rng: np.random.Generator, cause: str) -> FollowUp:
        target = self.content.events[sched.event]
        district_id = district_id if target.scope == "district" else None
        lo, hi = sched.delay_range
        roll = None
        if sched.chance < 1:
            roll = float(rng.random())
            if roll >= sched.chance:
                entry = FollowUp(sched.event, district_id, cause, None, sched.chance, roll, (lo, hi))
                self.trace.entries.append(entry)
                return entry
        delay = int(rng.integers(lo, hi + 1)) if hi > lo else lo
        due = self.turn + delay
        self.memory.queue.append(Queued(sched.event, district_id, due, cause))
        entry = FollowUp(sched.event, district_id, cause, due, sched.chance, roll, (lo, hi))
        self.trace.entries.append(entry)
        return entry
