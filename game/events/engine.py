"""The event engine: pools rolled at fixed hooks, conditions, weights, options and follow-ups.

A turn runs three hooks in order: `turn_start`, `after_measures` (once the player's measures are applied) and
`turn_end`. At each hook the engine first fires follow-ups that have fallen due, then rolls the level's pools
for that hook in the order the level lists them. A roll is one weighted draw among the eligible events (each
bound to a district, for district-scope events) and the pool's explicit "nothing happens" weight.

Every fired event is an `Occurrence`: its immediate effects are already applied, and it waits for one of its
options. Zero-delay follow-ups fire right after, in the same hook; `max_events_per_turn` caps everything, so no
chain can run away. All randomness comes from the `numpy.random.Generator` passed in, and every decision is
written to the turn's `TurnTrace`.

The engine is built in parts: memory.py (what it remembers between turns), occurrence.py (a fired event and its
options), rules.py (its state and how it judges an event), draw.py (rolling a pool) and effects.py (applying
effect lines). This module puts them together and runs the hooks of a turn.
"""

from __future__ import annotations

import numpy as np

from game.content.schemas import HOOKS, Event
from game.events.draw import PoolDraw
from game.events.effects import EngineEffects
from game.events.memory import EngineMemory as EngineMemory  # re-exported: callers import it from the engine
from game.events.memory import binding
from game.events.occurrence import Chooser, Occurrence, auto_choose
from game.events.occurrence import RoleOnly as RoleOnly  # re-exported: callers import it from the engine
from game.events.rules import NO_CONTEXT
from game.events.trace import Chosen, Dropped, Fired, PoolRoll, TurnTrace, worded
from game.events.world import World


class EventEngine(EngineEffects, PoolDraw):
    """Fires a level's events for one role.

    With `explain=False` (bots and batch simulation) the trace keeps every decision but names a failing
    condition by its source text instead of spelling out each clause with its values, which is several times
    faster; the game and content tools keep the default, full explanations. It is made as
    `EventEngine(content, level, role, memory=None, explain=True)` (the constructor is EngineRules').
    """

    # --- turn and hooks --------------------------------------------------------------------------------

    def begin_turn(self, turn: int) -> TurnTrace:
        self.turn = turn
        self.trace = TurnTrace(turn)
        self._fired_this_turn = set()
        self._count = 0
        return self.trace

    def pools(self, hook: str) -> list:
        """The level's pools rolled at this hook, in order, each with the events it draws from."""
        return list(self._pools[hook])

    def run_hook(self, hook: str, world: World, rng: np.random.Generator) -> HookRun:
        if hook not in HOOKS:
            raise ValueError(f"unknown hook {hook!r}; hooks are {', '.join(HOOKS)}")
        return HookRun(self, hook, world, rng)

    def run_hook_auto(
        self, hook: str, world: World, rng: np.random.Generator, chooser: Chooser = auto_choose
    ) -> list[tuple[Occurrence, str | None]]:
        """Run a hook to its end, choosing every option with `chooser`. Returns what fired and what was chosen."""
        run = self.run_hook(hook, world, rng)
        done = []
        while (occ := run.next()) is not None:
            choice = chooser(occ, rng)
            run.choose(choice, by="auto")
            done.append((occ, choice))
        return done

    @property
    def cap_reached(self) -> bool:
        return self._count >= self.level.max_events_per_turn

    # --- firing ----------------------------------------------------------------------------------------

    def fire(
        self,
        event: Event,
        district: int | None,
        world: World,
        rng: np.random.Generator,
        hook: str,
        via: str,
        why: list[str],
        *,
        chance: float | None = None,
        follow_up_of: str | None = None,
    ) -> Occurrence:
        district_id = world.district_ids[district] if district is not None else None
        held = self.held(event, self.context(world, district)) if self.explain else ()  # before it is remembered
        key = binding(event.id, district_id)
        self.memory.binding_fired[key] = self.turn
        self.memory.last_fired[event.id] = self.turn
        self._fired_this_turn.add(key)
        self._count += 1
        fired = Fired(event.id, district_id, hook, via, why, [])
        self.trace.entries.append(fired)
        fired.changes = self.apply_effects(event.on_fire, world, district, rng, f"event:{event.id}")
        # the options' conditions read the world as the event leaves it; most events' options have none to read
        ctx = self.context(world, district) if any(o.when for o in event.options) else NO_CONTEXT
        options = self.option_states(event, ctx)
        return Occurrence(event, district, district_id, options, why, via, held, chance, follow_up_of)

    def resolve(
        self, occ: Occurrence, option_id: str | None, world: World, rng: np.random.Generator, by: str = "player"
    ) -> Chosen:
        disabled = {o.option.id: o.reason or str(o.closed or "") for o in occ.options if not o.enabled}
        chosen = Chosen(occ.event.id, occ.district_id, option_id, by, disabled, [])
        self.trace.entries.append(chosen)
        if option_id is None:
            if occ.enabled:
                raise ValueError(f"an option must be chosen for {occ.event.id}")
            return chosen
        state = next((o for o in occ.options if o.option.id == option_id), None)
        if state is None:
            raise ValueError(f"{occ.event.id} has no option {option_id!r}")
        if not state.enabled:
            raise ValueError(f"option {option_id!r} of {occ.event.id} is unavailable: {state.reason or state.closed}")
        chosen.changes = self.apply_effects(
            state.option.effects, world, occ.district, rng, f"event:{occ.event.id}/{option_id}"
        )
        return chosen


class HookRun:
    """One hook in progress: call `next()` for each occurrence and `choose()` its option."""

    def __init__(self, engine: EventEngine, hook: str, world: World, rng: np.random.Generator):
        self.engine = engine
        self.hook = hook
        self.world = world
        self.rng = rng
        self._pools = list(engine._pools[hook])
        self._picks_left = self._pools[0][0].picks if self._pools else 0
        self.pending: Occurrence | None = None

    def take_over_pools(self) -> list:
        """Hand this hook's pools to a caller that rolls them itself (the batch, for many runs at once); the
        run then only fires follow-ups and what the caller passes to `fire`."""
        pools, self._pools = self._pools, []
        return pools

    def fire(self, event: Event, district: int | None, via: str) -> Occurrence:
        """Fire an event picked outside `next` (see `take_over_pools`); it waits for `choose` like any other."""
        if self.pending is not None:
            raise RuntimeError(f"choose an option for {self.pending.event.id} first")
        self.pending = self.engine.fire(event, district, self.world, self.rng, self.hook, via, [])
        return self.pending

    def next_follow_up(self) -> Occurrence | None:
        """Fire the next follow-up that is due now, if any (without rolling pools)."""
        if self.pending is not None:
            raise RuntimeError(f"choose an option for {self.pending.event.id} first")
        self.pending = self._due_follow_up()
        return self.pending

    def next(self) -> Occurrence | None:
        if self.pending is not None:
            raise RuntimeError(f"choose an option for {self.pending.event.id} first")
        engine = self.engine
        occ = self._due_follow_up()
        while occ is None and self._pools:
            if engine.cap_reached:
                pool = self._pools[0][0]
                engine.trace.entries.append(
                    PoolRoll(
                        pool.id,
                        self.hook,
                        [],
                        pool.none_weight,
                        0,
                        None,
                        None,
                        "skipped: the cap on events per turn is reached",
                    )
                )
                self._advance_pool(force=True)
                continue
            pool, members = self._pools[0]
            picked = engine.roll_pool(pool, members, self.hook, self.world, self.rng)
            self._advance_pool()
            if picked is not None:
                event, district, why = picked
                roll = engine.trace.entries[-1]  # the PoolRoll that picked it: the chance it had
                assert isinstance(roll, PoolRoll)  # roll_pool appends it before it returns a pick
                chance = next((c.chance for c in roll.candidates if c.label() == roll.picked), None)
                occ = engine.fire(
                    event, district, self.world, self.rng, self.hook, f"pool:{pool.id}", why, chance=chance
                )
        self.pending = occ
        return occ

    def choose(self, option_id: str | None, by: str = "player") -> Chosen:
        if self.pending is None:
            raise RuntimeError("no event is waiting for a choice")
        chosen = self.engine.resolve(self.pending, option_id, self.world, self.rng, by)
        self.pending = None
        return chosen

    def _advance_pool(self, force: bool = False) -> None:
        self._picks_left -= 1
        if force or self._picks_left <= 0:
            self._pools.pop(0)
            self._picks_left = self._pools[0][0].picks if self._pools else 0

    def _due_follow_up(self) -> Occurrence | None:
        engine = self.engine
        memory = engine.memory
        while True:
            due = [q for q in memory.queue if q.due_turn <= engine.turn]
            if not due:
                return None
            if engine.cap_reached:
                for q in due:
                    engine.trace.entries.append(
                        Dropped(q.event, q.district, "deferred to next turn: the cap on events per turn is reached")
                    )
                    q.due_turn = engine.turn + 1
                return None
            item = due[0]
            memory.queue.remove(item)
            event = engine.content.events.get(item.event)
            if event is None:  # content reloaded without it
                engine.trace.entries.append(Dropped(item.event, item.district, "the event no longer exists"))
                continue
            district = None
            if event.scope == "district":
                if item.district not in self.world.district_ids:
                    engine.trace.entries.append(Dropped(item.event, item.district, "its district is unknown"))
                    continue
                district = self.world.district_ids.index(item.district)
            ctx = engine.context(self.world, district)
            reasons, held = engine.eligibility(event, district, self.world, ctx)
            if reasons:
                engine.trace.entries.append(
                    Dropped(item.event, item.district, "at its due turn: " + "; ".join(worded(reasons)))
                )
                continue
            why = [*engine.why(event, held, ctx), f"follow-up scheduled by {item.source}"]
            via = f"follow-up from {item.source}"
            return engine.fire(event, district, self.world, self.rng, self.hook, via, why, follow_up_of=item.source)
