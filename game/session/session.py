"""A game session: one city, one role, one seed; commands and choices in, one turn record out per quarter.

A quarter runs in this order:
  1. `begin_turn()`        — the turn-start events (a HookRun: the player answers each one);
  2. `submit(commands)`    — pay for and start the chosen measures, apply every active measure's effects,
                             then the after-measures events;
  3. `advance()`           — the city model steps one quarter, then the turn-end events;
  4. `finish_turn()`       — the turn record: commands, events and options taken, indicators.
`play_turn(commands, chooser)` runs all four for bots and tests. The same seed, commands and choices give the
same game bit for bit: the model and the events draw from separate streams spawned from the seed.
"""

from __future__ import annotations

import functools
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from game import __version__
from game.content import condition_parts
from game.content.loader import ContentSet
from game.content.schemas import Measure
from game.events.engine import Chosen, EventEngine, HookRun, Occurrence, auto_choose
from game.session import headlines, readings
from game.session.commands import ActiveMeasure, AdoptMeasure
from game.session.refusals import (
    AlreadyRunning,
    ConditionNotMet,
    NeedsDistrict,
    NotEnough,
    NotOffered,
    Refusal,
    WholeCity,
)
from game.session.role_resources import own_resources
from game.sim import MODEL_VERSION
from game.sim.model import CityModel

Chooser = Callable[[Occurrence, np.random.Generator], str | None]


class SessionError(ValueError):
    """A command or choice the session cannot accept; the message says why in plain words."""


@dataclass
class TurnRecord:
    turn: int
    commands: list[dict] = field(default_factory=list)
    rejected: list[dict] = field(default_factory=list)
    events: list[dict] = field(default_factory=list)  # {event, district, option, hook}
    ended: list[dict] = field(default_factory=list)  # measures that ended this turn, and why
    indicators: dict = field(default_factory=dict)
    # the refusals behind `rejected`, typed for the screens; not in the log (it keeps the English `reason`)
    refusals: list[Refusal] = field(default_factory=list, compare=False, repr=False)
    # what the turn report and exports read, made by a session that explains (not in the log: replay remakes them)
    fired: list[headlines.Happened] = field(default_factory=list, compare=False, repr=False)  # events, typed
    acted: list[tuple[str, str | None]] = field(default_factory=list, compare=False, repr=False)  # measures that acted
    causes: readings.Causes = field(default_factory=dict, compare=False, repr=False)  # each change's causes
    headlines: list[headlines.Headline] = field(default_factory=list, compare=False, repr=False)  # biggest first

    def to_dict(self) -> dict:
        return {
            "turn": self.turn,
            "commands": self.commands,
            "rejected": self.rejected,
            "events": self.events,
            "ended": self.ended,
            "indicators": self.indicators,
        }


class GameSession:
    def __init__(
        self,
        content: ContentSet,
        level_id: str,
        role: str,
        seed: int,
        *,
        explain: bool = True,
        overrides: dict[str, float] | None = None,
        households: int | None = None,
        model: CityModel | None = None,
        run: int = 0,
        shared: bool = False,
        turns: int | None = None,
    ):
        if level_id not in content.levels:
            raise SessionError(f"no level called {level_id!r}; levels: {', '.join(sorted(content.levels))}")
        self.content = content
        self.level = content.levels[level_id]
        if self.level.roles.get(role) is None:
            roles = ", ".join(self.level.roles.offered())
            raise SessionError(f"level {level_id!r} cannot be played as {role!r}; roles: {roles}")
        self.role = role
        self._explained = readings.explained(content)  # the values a quarter's report explains
        self.seed = int(seed)
        self.turns = int(turns or self.level.turns)  # simulations may run past the level's term
        self.overrides = dict(overrides or {})
        self.households = households
        model_seq, event_seq, bot_seq = np.random.SeedSequence(self.seed).spawn(3)
        if model is None:  # a game of its own; in a batch, the runner shares one model among many sessions
            model = CityModel(
                content,
                self.level,
                role,
                [np.random.default_rng(model_seq)],
                overrides=overrides,
                households=households,
            )
        self.model = model
        self.run = run
        self.owns_model = not shared  # in a batch, the runner begins and steps the shared model
        self.event_rng = np.random.default_rng(event_seq)
        self.bot_rng = np.random.default_rng(bot_seq)
        self.engine = EventEngine(content, self.level, role, explain=explain)
        self.explain = explain  # the turn records carry the quarter's causes and headlines
        self._before: dict | None = None  # the indicators at the start of the quarter under way (when explaining)
        self.world = self.model.world(run)
        self.turn = 0
        self.active: list[ActiveMeasure] = []
        self.records: list[TurnRecord] = []
        self.current: TurnRecord | None = None
        self.phase = "between turns"
        # the game's identity, kept across saves, crashes and resumes (logs and saves carry it as `game`)
        self.game_id = uuid.uuid4().hex

    # --- reading ---------------------------------------------------------------------------------------

    @property
    def finished(self) -> bool:
        return self.turn >= self.turns and self.phase == "between turns"

    def header(self) -> dict:
        return {
            "format": "plaza-log",
            "version": 1,
            "plaza": __version__,
            "level": self.level.id,
            "role": self.role,
            "seed": self.seed,
            "turns": self.turns,
            "content_hash": self.content.content_hash,
            "model": MODEL_VERSION,
            "overrides": self.overrides,
            "households": self.households,
            "game": self.game_id,
        }

    @functools.cached_property
    def resources(self) -> tuple[str, ...]:
        """The player's resources that are this role's (game.session.role_resources): the header shows these."""
        return own_resources(self.content, self.role)

    def offered(self) -> list[Measure]:
        setup = self.level.roles.get(self.role)
        assert setup is not None  # __init__ refused a role the level does not offer
        return [self.content.measures[m] for m in setup.measures if m in self.content.measures]

    def check(self, command: AdoptMeasure, spent: dict[str, float] | None = None) -> Refusal | None:
        """Why this command cannot be carried out now (None when it can), as typed data (game.session.refusals);
        its `reason` is the English sentence the log stores."""
        measure = self.content.measures.get(command.measure)
        setup = self.level.roles.get(self.role)
        # by id, as offered() lists them (comparing the measures themselves compares every field)
        if measure is None or setup is None or command.measure not in setup.measures:
            return NotOffered(command.measure, self.role)
        district = None
        if measure.target == "district":
            if command.district not in self.world.district_ids:
                return NeedsDistrict(measure.id, tuple(self.world.district_ids))
            district = self.world.district_ids.index(command.district)
        elif command.district is not None:
            return WholeCity(measure.id)
        if any(a.measure == measure.id and a.district == command.district for a in self.active):
            return AlreadyRunning(measure.id, command.district)
        spent = spent or {}
        if measure.cost:
            values = self.world.values(None)
            for resource, amount in measure.cost.items():
                have = float(values[f"player.{resource}"]) - spent.get(resource, 0.0)
                if have < amount:
                    return NotEnough(measure.id, resource, amount, have)
        if not measure.when:
            return None
        ctx = self.engine.context(self.world, district)
        for source in measure.when:
            condition = self.content.condition(source, measure.target)
            if condition.evaluate(ctx):  # (bots ask this of every measure they consider: word only a refusal)
                continue
            explanation = condition.explain(ctx)
            unmet = condition_parts.parts(condition, ctx)
            return ConditionNotMet(measure.id, command.district, unmet, str(explanation))
        return None

    # --- the turn --------------------------------------------------------------------------------------

    def begin_turn(self) -> RecordingRun:
        if self.phase != "between turns":
            raise SessionError(f"a turn is already under way ({self.phase})")
        if self.turn >= self.turns:
            raise SessionError("the game is over: the term has ended")
        self.turn += 1
        if self.owns_model:
            self.model.begin_turn(self.turn)
        self.engine.begin_turn(self.turn)
        self.current = TurnRecord(self.turn)
        self._before = self.model.indicators(self.run) if self.explain else None
        self.phase = "turn start"
        return self._hook("turn_start")

    def submit(self, commands: list[AdoptMeasure]) -> RecordingRun:
        if self.phase != "turn start":
            raise SessionError(f"measures are chosen after the turn-start events, not during {self.phase}")
        for command in commands:
            refusal = self.check(command)  # costs already paid this turn are out of the world's values
            if refusal is not None:
                self._record.rejected.append({**command.to_dict(), "reason": refusal.reason})
                self._record.refusals.append(refusal)
                continue
            measure = self.content.measures[command.measure]
            for resource, amount in measure.cost.items():
                self.world.change(f"player.{resource}", "add", -amount, None, f"measure:{measure.id}")
            self.active.append(ActiveMeasure(measure.id, command.district, measure.duration, self.turn))
            self._record.commands.append(command.to_dict())
        self._run_measures()
        self.phase = "after measures"
        return self._hook("after_measures")

    def advance(self) -> RecordingRun:
        if self.phase != "after measures":
            raise SessionError(f"the city moves after the measures are chosen, not during {self.phase}")
        if self.owns_model:
            self.model.step()
        self.phase = "turn end"
        return self._hook("turn_end")

    def finish_turn(self, indicators: dict | None = None) -> TurnRecord:
        """Close the quarter. A batch passes the indicators it computed for all runs at once."""
        if self.phase != "turn end":
            raise SessionError(f"a turn ends after its turn-end events, not during {self.phase}")
        record = self._record
        if indicators is None:
            indicators = self.model.indicators(self.run)
        record.indicators = indicators
        if self._before is not None:
            self._read(record, self._before)
        self.records.append(record)
        self.current = None
        self.phase = "between turns"
        return record

    def play_turn(self, commands: list[AdoptMeasure], chooser: Chooser = auto_choose) -> TurnRecord:
        """One whole quarter, answering every event with `chooser`."""
        self._answer(self.begin_turn(), chooser)
        self._answer(self.submit(commands), chooser)
        self._answer(self.advance(), chooser)
        return self.finish_turn()

    # --- internals -------------------------------------------------------------------------------------

    @property
    def _record(self) -> TurnRecord:
        """The record of the turn under way (the phase checks make sure there is one)."""
        assert self.current is not None, "no turn under way"
        return self.current

    def _hook(self, hook: str) -> RecordingRun:
        run = self.engine.run_hook(hook, self.world, self.event_rng)
        return RecordingRun(run, self._record, hook)

    def _read(self, record: TurnRecord, before: dict) -> None:
        """The quarter's causes and headlines, from the ledger and what the session recorded (never from text)."""
        names = self._explained
        record.causes = readings.causes(self.model.ledger, names, self.run, len(self.world.district_ids))
        last = self.records[-1].acted if self.records else []  # a leak is punished the quarter after the report
        record.headlines = headlines.make(
            self.content,
            self.level,
            self.role,
            before,
            record.indicators,
            record.causes,
            record.fired,
            acting=record.acted,
            acted_before=last,
            explained_names=names,
        )

    def _answer(self, run: RecordingRun, chooser: Chooser) -> None:
        # Choosers draw from the bot stream, never the event stream: the log records the options taken, so a
        # replay that skips the chooser meets the same event draws.
        while (occ := run.next()) is not None:
            run.choose(chooser(occ, self.bot_rng), by="auto")

    def _run_measures(self) -> None:
        """Every active measure acts this quarter; after its first, it costs its upkeep or ends."""
        still: list[ActiveMeasure] = []
        for active in self.active:
            measure = self.content.measures[active.measure]
            district = self.world.district_ids.index(active.district) if active.district else None
            if active.started < self.turn and measure.upkeep:
                values = self.world.values(None)
                short = [r for r, a in measure.upkeep.items() if float(values[f"player.{r}"]) < a]
                if short:
                    self._record.ended.append({**active.to_dict(), "reason": f"no {', '.join(short)} for upkeep"})
                    continue
                for resource, amount in measure.upkeep.items():
                    self.world.change(f"player.{resource}", "add", -amount, None, f"measure:{measure.id}")
            self.engine.apply_effects(measure.effects, self.world, district, self.event_rng, f"measure:{measure.id}")
            self._record.acted.append((measure.id, active.district))
            active.turns_left -= 1
            if active.turns_left > 0:
                still.append(active)
            else:
                self._record.ended.append({**active.to_dict(), "reason": "completed"})
        self.active = still


class RecordingRun:
    """A HookRun that writes each event and the option taken into the turn record."""

    def __init__(self, run: HookRun, record: TurnRecord, hook: str):
        self._run = run
        self._record = record
        self._hook = hook

    @property
    def hook(self) -> str:
        return self._hook

    @property
    def hook_run(self) -> HookRun:
        return self._run

    @property
    def pending(self) -> Occurrence | None:
        return self._run.pending

    def next(self) -> Occurrence | None:
        return self._run.next()

    def choose(self, option_id: str | None, by: str = "player") -> Chosen:
        occ = self._run.pending
        assert occ is not None, "no event waits for an option"
        chosen = self._run.choose(option_id, by)
        self._record.events.append(
            {"event": occ.event.id, "district": occ.district_id, "option": option_id, "hook": self._hook}
        )
        self._record.fired.append(headlines.Happened(occ.event.id, occ.district_id, option_id, occ.follow_up_of))
        return chosen
