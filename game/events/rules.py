"""How the event engine judges an event, without changing anything: the role, turn and repeat rules, its
conditions, its weight and which of its options are open. `EngineRules` also holds the engine's state for one level
and role, which the parts that draw from pools (draw.py) and apply effects (effects.py) build on.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np

from game.content import condition_parts
from game.content.expressions import Condition, EvalContext
from game.content.loader import ContentSet
from game.content.pools import pool_events
from game.content.schemas import HOOKS, Event, Level
from game.events.memory import EngineMemory, binding
from game.events.occurrence import OptionState, RoleOnly
from game.events.trace import TurnTrace, Unworded
from game.events.world import World

NO_CONTEXT = EvalContext(values={})  # for judging what reads nothing (options without conditions)


class EngineRules:
    """The engine's state for one level and role, and its judgement of events (see EventEngine for `explain`)."""

    def __init__(
        self, content: ContentSet, level: Level, role: str, memory: EngineMemory | None = None, explain: bool = True
    ):
        self.content = content
        self.level = level
        self.role = role
        self.memory = memory or EngineMemory()
        self.explain = explain
        self.turn = 0
        self.trace = TurnTrace(0)
        self._fired_this_turn: set[str] = set()
        self._count = 0
        self._pools = {
            hook: [(p, pool_events(content, p, level.id)) for p in level.pools if p.hook == hook] for hook in HOOKS
        }

    # --- evaluation ------------------------------------------------------------------------------------

    def context(self, world: World, district: int | None) -> EvalContext:
        return EvalContext(
            values=world.values(district),
            last_fired=dict(self.memory.last_fired),
            flags=frozenset(self.memory.flags),
            turn=self.turn,
        )

    def _cond(self, source: str, scope: str) -> Condition:
        return self.content.condition(source, scope)

    def check(self, source: str, scope: str, ctx: EvalContext) -> tuple[bool, str]:
        """Does the condition hold, and how to say so: with clause values, or (fast mode) its source."""
        cond = self._cond(source, scope)
        if self.explain:
            explanation = cond.explain(ctx)
            return explanation.passed, str(explanation)
        passed = cond.evaluate(ctx)
        return passed, f"{source} {'✓' if passed else '✗'}"

    def eligibility(
        self, event: Event, district: int | None, world: World, ctx: EvalContext
    ) -> tuple[list[str | Unworded], list[str]]:
        """(reasons it cannot fire now, clauses that hold). Repeat rules first, then conditions (worded when
        read: `trace.worded`)."""
        district_id = world.district_ids[district] if district is not None else None
        key = binding(event.id, district_id)
        reasons: list[str | Unworded] = [*self.timing_rules(event), *self.repeat_rules(event, key)]
        held: list[str] = []
        for source in event.when:
            cond = self._cond(source, event.scope)
            if reasons:  # the first reason is enough to rule it out; the rest are judged if the trace is read
                if not self.explain:
                    break
                reasons.append(Unworded(cond, ctx, judged=False))
            elif cond.evaluate(ctx):
                held.append(source)  # spelt out with its values only if this event is picked (see `why`)
            else:
                reasons.append(Unworded(cond, ctx) if self.explain else f"{source} ✗")
        return reasons, held

    def timing_rules(self, event: Event) -> list[str]:
        """Why the role or the turn rules the event out everywhere this turn ([] when nothing does)."""
        reasons = []
        if self.role not in event.roles:
            reasons.append(f"only for the {' and the '.join(event.roles)}")
        if self.turn < event.earliest_turn:
            reasons.append(f"not before turn {event.earliest_turn} (turn {self.turn})")
        if event.latest_turn is not None and self.turn > event.latest_turn:
            reasons.append(f"not after turn {event.latest_turn} (turn {self.turn})")
        return reasons

    def repeat_rules(self, event: Event, key: str) -> list[str]:
        """Why `once`, the cooldown, or an earlier firing this turn rule this place out ([] when none does)."""
        reasons = []
        last = self.memory.binding_fired.get(key)
        # `once` is per place; the cooldown is city-wide unless the event cools each district apart
        cooled = last if event.cooldown_scope == "district" else self.memory.last_fired.get(event.id)
        if last is not None and event.once:
            reasons.append(f"fires once, and fired on turn {last}")
        elif cooled is not None and self.turn - cooled <= event.cooldown_turns and event.cooldown_turns:
            where = "" if cooled == last else " elsewhere in the city"
            reasons.append(f"cooling down: fired{where} on turn {cooled}, cooldown {event.cooldown_turns} turns")
        if key in self._fired_this_turn:
            reasons.append("already fired this turn")
        return reasons

    def why(self, event: Event, held: list[str], ctx: EvalContext) -> list[str]:
        """The conditions that held, with their values (explain mode) or their source (fast mode)."""
        return [self.check(source, event.scope, ctx)[1] for source in held]

    def held(self, event: Event, ctx: EvalContext) -> tuple[condition_parts.Part, ...]:
        """The event's conditions, typed, with their values (game.content.condition_parts): why it came up."""
        return tuple(
            part
            for source in event.when
            for part in condition_parts.parts(self._cond(source, event.scope), ctx, unmet_only=False)
        )

    def weight(self, event: Event, ctx: EvalContext) -> tuple[float, list[str | Unworded]]:
        """The weight, and how it was made: the base and each modifier that held (worded when read)."""
        spec = event.weight_spec
        terms: list[str | Unworded] = [f"base {spec.base:g}"]
        base, factor = spec.base, 1.0
        for mod in spec.modifiers:
            cond = self._cond(mod.when, event.scope)
            if not cond.evaluate(ctx):
                continue
            if mod.add is not None:
                base += mod.add
                term = f"{mod.add:+g}"
            else:
                assert mod.factor is not None  # a modifier has exactly one of `add`, `factor` (WeightModifier)
                factor *= mod.factor
                term = f"×{mod.factor:g}"
            terms.append(
                Unworded(cond, ctx, before=f"{term} (", after=")") if self.explain else f"{term} ({mod.when} ✓)"
            )
        return max(0.0, base * factor), terms

    def option_states(self, event: Event, ctx: EvalContext) -> list[OptionState]:
        states = []
        for option in event.options:
            if self.role not in option.roles:
                states.append(OptionState(option, False, closed=RoleOnly(tuple(option.roles))))
                continue
            failing: list[str] = []
            unmet: list[condition_parts.Part] = []
            for source in option.when:
                passed, said = self.check(source, event.scope, ctx)
                if not passed:
                    failing.append(said)
                    if self.explain:  # what the screens say; bots and batch runs only need `enabled`
                        unmet += condition_parts.parts(self._cond(source, event.scope), ctx)
            states.append(OptionState(option, not failing, "; ".join(failing), unmet=tuple(unmet)))
        return states


class RepeatRuns:
    """The repeat rules of one event in many engines at once (the batch's pool rolls): for each place, the
    engines (indices) where `repeat_rules` would rule it out, without saying why."""

    def __init__(self, engines: Sequence[EngineRules], event: Event):
        self.engines, self.event = engines, event
        # Only fire() makes an engine remember an event, so the rules can only rule it out where it has fired.
        self.fired = [k for k, e in enumerate(engines) if event.id in e.memory.last_fired]
        self._everywhere = not event.once and event.cooldown_scope == "city"
        if self._everywhere:  # one cooldown for every place; only this turn's firings differ from place to place
            cooldown = event.cooldown_turns
            lasts = [(k, engines[k].memory.last_fired[event.id], engines[k].turn) for k in self.fired]
            self._cooling = [k for k, last, turn in lasts if cooldown and turn - last <= cooldown]
            # fire() marks a place fired this turn as it makes this turn the event's last: only these can be
            self._this_turn = [k for k, last, turn in lasts if last == turn]

    def blocked(self, key: str, holding: np.ndarray) -> list[int]:
        """The engines where the rules rule out the place `key`, among those where `holding` (its conditions
        hold); a few where they do not may be named too, which changes nothing for them."""
        if self._everywhere:
            return self._cooling + [k for k in self._this_turn if key in self.engines[k]._fired_this_turn]
        where = holding.tolist()
        return repeat_blocked_runs(self.engines, (k for k in self.fired if where[k]), self.event, key)


def repeat_blocked_runs(engines: Sequence[EngineRules], among: Iterable[int], event: Event, key: str) -> list[int]:
    """Which of the engines `among` (indices) `repeat_rules` rules this place out in, without saying why: the
    batch's pool rolls ask it for every run where the event's conditions hold."""
    once, cooldown, per_place = event.once, event.cooldown_turns, event.cooldown_scope == "district"
    out = []
    for k in among:
        engine = engines[k]
        memory = engine.memory
        last = memory.binding_fired.get(key)
        if last is not None and once:
            out.append(k)
            continue
        # `once` is per place; the cooldown is city-wide unless the event cools each district apart
        cooled = last if per_place else memory.last_fired.get(event.id)
        if (cooled is not None and cooldown and engine.turn - cooled <= cooldown) or key in engine._fired_this_turn:
            out.append(k)
    return out
