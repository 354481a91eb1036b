"""The event engine: pools rolled at fixed hooks, conditions, weights, options and follow-ups.

A turn runs three hooks in order: `turn_start`, `after_measures` (once the player's measures are applied) and
`turn_end`. At each hook the engine first fires follow-ups that have fallen due, then rolls the level's pools
for that hook in the order the level lists them. A roll is one weighted draw among the eligible events (each
bound to a district, for district-scope events) and the pool's explicit "nothing happens" weight.

Every fired event is an `Occurrence`: its immediate effects are already applied, and it waits for one of its
options. Zero-delay follow-ups fire right after, in the same hook; `max_events_per_turn` caps everything, so no
chain can run away. All randomness comes from the `numpy.random.Generator` passed in, and every decision is
written to the turn's `TurnTrace`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from game.content import condition_parts
from game.content.expressions import Condition, EvalContext
from game.content.loader import ContentSet
from game.content.pools import pool_events
from game.content.schemas import HOOKS, Effect, Event, Level, Option, Pool, Schedule
from game.events.trace import Candidate, Chosen, Dropped, Fired, FollowUp, PoolRoll, TurnTrace
from game.events.world import World, render


@dataclass
class Queued:
    event: str
    district: str | None
    due_turn: int
    source: str


@dataclass
class EngineMemory:
    """What the engine remembers between turns; saved with the game."""

    flags: set[str] = field(default_factory=set)
    last_fired: dict[str, int] = field(default_factory=dict)  # event id -> last turn, any district
    binding_fired: dict[str, int] = field(default_factory=dict)  # "event" or "event@district" -> last turn
    queue: list[Queued] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "flags": sorted(self.flags),
            "last_fired": dict(self.last_fired),
            "binding_fired": dict(self.binding_fired),
            "queue": [q.__dict__.copy() for q in self.queue],
        }

    @classmethod
    def from_dict(cls, data: dict) -> EngineMemory:
        return cls(
            set(data.get("flags", [])),
            dict(data.get("last_fired", {})),
            dict(data.get("binding_fired", {})),
            [Queued(**q) for q in data.get("queue", [])],
        )


@dataclass(frozen=True)
class RoleOnly:
    """Why an option is closed to this player: its `roles:` keep it to other roles. Typed data, so each screen
    says it in the player's language (the strings `ecard.only_<role>`, game.ui.refusal_text.option_closed)."""

    roles: tuple[str, ...]

    def __str__(self) -> str:  # the trace's wording, in English like every trace line
        return f"only for the {' and the '.join(self.roles)}"


@dataclass
class OptionState:
    option: Option
    enabled: bool
    reason: str = ""  # why it is unavailable: the failing clauses with their values (English, for the trace)
    closed: RoleOnly | None = None  # kept to other roles: not offered to this player, whatever its conditions
    unmet: tuple[condition_parts.Part, ...] = ()  # the failing clauses, typed: what the screens say


@dataclass
class Occurrence:
    """A fired event waiting for the player's (or a bot's) choice."""

    event: Event
    district: int | None
    district_id: str | None
    options: list[OptionState]
    why: list[str]
    via: str
    held: tuple[condition_parts.Part, ...] = ()  # the event's conditions that held when it fired, typed
    chance: float | None = None  # drawn from a pool with this chance
    follow_up_of: str | None = None  # the cause ("event:<id>/<option>", "measure:<id>") that scheduled it

    def title(self, lang: str, world: World) -> str:
        return render(self.event.title, lang, world.names(lang, self.district))

    def text(self, lang: str, world: World) -> str:
        return render(self.event.text, lang, world.names(lang, self.district))

    @property
    def enabled(self) -> list[Option]:
        return [o.option for o in self.options if o.enabled]


Chooser = Callable[[Occurrence, np.random.Generator], str | None]


def auto_choose(occ: Occurrence, rng: np.random.Generator) -> str | None:
    """Pick among the available options by their `auto_weight` (used by bots and headless runs)."""
    options = occ.enabled
    if not options:
        return None
    weights = np.array([o.auto_weight for o in options], dtype=float)
    if weights.sum() <= 0:
        return options[0].id
    u = rng.random() * weights.sum()
    index = int(np.searchsorted(np.cumsum(weights), u, side="right"))
    return options[min(index, len(options) - 1)].id


def binding(event: str, district: str | None) -> str:
    """The key under which an event's firings are remembered: per district for district-scope events."""
    return f"{event}@{district}" if district else event


class EventEngine:
    """Fires a level's events for one role.

    With `explain=False` (bots and batch simulation) the trace keeps every decision but names a failing
    condition by its source text instead of spelling out each clause with its values, which is several times
    faster; the game and content tools keep the default, full explanations.
    """

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
    ) -> tuple[list[str], list[str]]:
        """(reasons it cannot fire now, clauses that hold). Repeat rules first, then conditions."""
        district_id = world.district_ids[district] if district is not None else None
        key = binding(event.id, district_id)
        reasons = self.timing_rules(event) + self.repeat_rules(event, key)
        held: list[str] = []
        for source in event.when:
            if reasons and not self.explain:
                break  # fast mode: the first reason is enough to rule it out
            cond = self._cond(source, event.scope)
            if cond.evaluate(ctx):
                held.append(source)  # spelt out with its values only if this event is picked (see `why`)
            else:
                reasons.append(str(cond.explain(ctx)) if self.explain else f"{source} ✗")
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
        if last is not None and event.once:
            reasons.append(f"fires once, and fired on turn {last}")
        elif last is not None and self.turn - last <= event.cooldown_turns and event.cooldown_turns:
            reasons.append(f"cooling down: fired on turn {last}, cooldown {event.cooldown_turns} turns")
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

    def weight(self, event: Event, ctx: EvalContext) -> tuple[float, list[str]]:
        spec = event.weight_spec
        terms = [f"base {spec.base:g}"]
        base, factor = spec.base, 1.0
        for mod in spec.modifiers:
            passed, explanation = self.check(mod.when, event.scope, ctx)
            if not passed:
                continue
            if mod.add is not None:
                base += mod.add
                terms.append(f"{mod.add:+g} ({explanation})")
            else:
                assert mod.factor is not None  # a modifier has exactly one of `add`, `factor` (WeightModifier)
                factor *= mod.factor
                terms.append(f"×{mod.factor:g} ({explanation})")
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

    # --- effects ---------------------------------------------------------------------------------------

    def apply_effects(
        self, effects: list[Effect], world: World, district: int | None, rng: np.random.Generator, cause: str
    ) -> list[str]:
        """Apply effect lines in order; returns readable changes. Also used for measures by the session."""
        done: list[str] = []
        district_id = world.district_ids[district] if district is not None else None
        for effect in effects:
            verb = effect.verb
            if verb == "flag":
                assert effect.flag is not None  # `verb` names the one field an effect line sets
                for name, on in effect.flag.items():
                    (self.memory.flags.add if on else self.memory.flags.discard)(name)
                    if self.explain:
                        done.append(f"flag {name} = {str(on).lower()} ({cause})")
            elif verb == "schedule":  # recorded as its own FollowUp entry in the trace
                assert effect.schedule is not None
                self._schedule(effect.schedule, district_id, rng, cause)
            else:
                for target, value in getattr(effect, verb).items():
                    bound = district if target.startswith("district.") else None
                    change = world.change(target, verb, value, bound, cause)
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
        options = self.option_states(event, self.context(world, district))
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
                candidates.append((Candidate(event.id, None, False, ruled_out), event, None, []))
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
                    Dropped(item.event, item.district, "at its due turn: " + "; ".join(reasons))
                )
                continue
            why = [*engine.why(event, held, ctx), f"follow-up scheduled by {item.source}"]
            via = f"follow-up from {item.source}"
            return engine.fire(event, district, self.world, self.rng, self.hook, via, why, follow_up_of=item.source)
