"""The shape of every kind of content file, as pydantic models.

Unknown keys are errors (`extra="forbid"`) so a misspelt key never passes silently, and numbers are strict
(`"0.6"` in quotes is text, not a number). These models are also the in-game content objects: they are frozen.
Checks that need more than one file (ids, state names, ranges, conditions) live in `checks.py`.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    WithJsonSchema,
    field_validator,
    model_validator,
)
from pydantic.functional_validators import AfterValidator
from pydantic_core import PydanticCustomError

from game.content.expressions import MAX_SOURCE_CHARS

SCHEMA_VERSION = 1
KINDS = ("state", "model", "strings", "measures", "events", "level")
HOOKS = ("turn_start", "after_measures", "turn_end")
Role = Literal["official", "organizer"]
ROLES: tuple[Role, ...] = ("official", "organizer")
SCOPES = ("city", "district", "player")
VERBS = ("set", "add", "mul", "flag", "schedule")

Id = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]
StringKey = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$", max_length=96)]
# The length cap (300) is the condition compiler's, so the author gets the E142 explanation; the exported JSON
# Schema (for editors) states it, and that a blank condition is empty (E140).
Condition = Annotated[
    str,
    StringConstraints(min_length=1),
    WithJsonSchema({"type": "string", "minLength": 1, "maxLength": MAX_SOURCE_CHARS, "pattern": r"\S"}),
]
# What an effect changes: `city.x`, `district.x` or `player.x`. checks.py judges it against the declared state
# (E162, with a did-you-mean); the pattern is only in the exported JSON Schema, for editors.
Target = Annotated[str, WithJsonSchema({"type": "string", "pattern": r"^(city|district|player)\.[a-z][a-z0-9_]*$"})]
Number = Annotated[float, Field(allow_inf_nan=False, ge=-1e9, le=1e9)]
Weight = Annotated[float, Field(allow_inf_nan=False, ge=0, le=1e6)]
Turns = Annotated[int, Field(ge=0, le=200)]
# Which way is good for the city's residents, and what a number measures (game/session/meaning.py answers both):
#   share 0–1, shown as %;  points: a difference of shares, in percentage points;  rate: per 100 households;
#   index: a relative level (1 = typical);  count: cases;  money;  score: 0–100;  hours;  flag: yes or no.
GoodWhen = Literal["higher", "lower", "neither"]
Unit = Literal["share", "points", "rate", "index", "count", "money", "score", "hours", "flag"]
# The class report's charts over the quarters: each group's line (`outcomes`) and the what-if's two games (`whatif`).
Chart = Literal["outcomes", "whatif"]


def problem(code: str, message: str, hint: str = "", at: tuple = ()) -> PydanticCustomError:
    """A validation error carrying one of our diagnostic codes (see diagnostics.CODES). `at` is the path, inside
    the value being validated, of the key or item at fault: a model validator's error is then located there
    (schema_errors.translate) instead of at the start of the entry."""
    return PydanticCustomError("plaza", message, {"code": code, "hint": hint, "at": at})


def _some_roles(roles: list[str]) -> list[str]:
    if not roles:
        raise problem("E129", "`roles` lists no role", "list `official`, `organizer` or both, or leave `roles` out")
    return roles


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Text(Strict):
    """Every text a player can see, in English and Spanish."""

    en: Annotated[str, StringConstraints(min_length=1, max_length=4000)]
    es: Annotated[str, StringConstraints(min_length=1, max_length=4000)]

    def get(self, lang: str) -> str:
        return self.es if lang == "es" else self.en


def _as_list(value: Any) -> Any:
    """`when: "x > 1"` is shorthand for a one-item list."""
    return [value] if isinstance(value, str) else value


When = Condition | list[Condition]  # what `when:` accepts as written, for the exported JSON Schema


# --- effects ---------------------------------------------------------------------------------------------


class Schedule(Strict):
    """A follow-up: the event fires again later, after a random delay in [min, max] turns, with a chance."""

    event: Id
    delay: Turns | list[Turns] = Field(1, json_schema_extra={"minItems": 2, "maxItems": 2})
    chance: Annotated[float, Field(ge=0, le=1, allow_inf_nan=False)] = 1.0

    @field_validator("delay")
    @classmethod
    def _delay_range(cls, v: int | list[int]) -> int | list[int]:
        if isinstance(v, list):
            if len(v) != 2:
                raise problem("E129", "`delay` is a number of turns or a range `[min, max]`")
            if v[0] > v[1]:
                raise problem(
                    "E125", f"the delay range [{v[0]}, {v[1]}] starts after it ends", "write the smaller number first"
                )
        return v

    @property
    def delay_range(self) -> tuple[int, int]:
        return (self.delay, self.delay) if isinstance(self.delay, int) else (self.delay[0], self.delay[1])


def _one_verb_schema(schema: dict[str, Any]) -> None:
    """`Effect._one_verb` in the exported JSON Schema: exactly one verb, and none that names nothing."""
    for verb in ("set", "add", "mul", "flag"):
        schema["properties"][verb]["minProperties"] = 1
    schema["oneOf"] = [{"required": [v], "properties": {v: {"type": "object"}}} for v in VERBS]


class Effect(Strict):
    """One declarative effect line: exactly one verb, e.g. `- add: {district.fear: 0.05}`."""

    model_config = ConfigDict(json_schema_extra=_one_verb_schema)

    set: dict[Target, Number | bool] | None = None
    add: dict[Target, Number] | None = None
    mul: dict[Target, Annotated[float, Field(allow_inf_nan=False, ge=0, le=100)]] | None = None
    flag: dict[Id, bool] | None = None
    schedule: Schedule | None = None

    @model_validator(mode="after")
    def _one_verb(self) -> Effect:
        used = [v for v in VERBS if getattr(self, v) is not None]
        if len(used) != 1:
            raise problem(
                "E129",
                f"an effect line needs exactly one verb ({', '.join(VERBS)}); this one has {len(used)}",
                "put each verb on its own `- ` line",
            )
        for verb in ("set", "add", "mul", "flag"):
            if getattr(self, verb) == {}:
                raise problem("E129", f"`{verb}` names no value to change")
        return self

    @property
    def verb(self) -> str:
        return next(v for v in VERBS if getattr(self, v) is not None)


Effects = list[Effect]


# --- state declarations ----------------------------------------------------------------------------------


class VarDecl(Strict):
    """A declared state value: conditions may read it and effects may change it, within its range."""

    # `_consistent` in the exported JSON Schema: a `bool` has no range; a number has one, whole for an `int`.
    model_config = ConfigDict(
        json_schema_extra={
            "if": {"required": ["type"], "properties": {"type": {"const": "bool"}}},
            "then": {"properties": {"min": {"type": "null"}, "max": {"type": "null"}, "default": {"type": "boolean"}}},
            "else": {
                "required": ["min", "max"],
                "properties": {"min": {"type": "number"}, "max": {"type": "number"}, "default": {"type": "number"}},
                "if": {"required": ["type"], "properties": {"type": {"const": "int"}}},
                "then": {
                    "properties": {
                        "min": {"type": "integer"},
                        "max": {"type": "integer"},
                        "default": {"type": "integer"},
                    }
                },
            },
        }
    )

    type: Literal["float", "int", "bool"] = "float"
    min: Number | None = None
    max: Number | None = None
    default: Number | bool
    label: Text
    meaning: Text
    # Recomputed by the model every quarter from other values (a flow, not a stock): a change by an event or a
    # measure is overwritten at the next step, so the checks warn about effects on it.
    computed: bool = False
    # For a computed value: the declared values (`district.x`, `city.x`) the model computes it from. A level sets
    # those, not this one: its starting value would not last (checks.py, E171, names them).
    inputs: list[Target] = []
    # A computed value whose starting value the model does read, so a level may set it (the starting budget fixes
    # the city's tax rate).
    start_read: bool = False
    # Which way is good, what the number measures, and whether the city screen and the turn report show it
    # (game/session/meaning.py). The shipped state declares all three for every value (tests/test_meaning.py).
    good_when: GoodWhen = "neither"
    unit: Unit | None = None  # unsaid: a flag for a bool, a share for a 0–1 float, a count for an int, else index
    reported: bool = False

    @model_validator(mode="after")
    def _consistent(self) -> VarDecl:
        if self.type == "bool":
            if self.min is not None or self.max is not None:
                raise problem("E129", "a `bool` value has no `min` or `max`")
            if not isinstance(self.default, bool):
                raise problem("E124", "the default of a `bool` value must be `true` or `false`")
            return self
        if self.min is None or self.max is None:
            raise problem("E123", "a number needs both `min` and `max`", "for a share write `min: 0` and `max: 1`")
        if self.min >= self.max:
            raise problem("E125", f"`min` ({self.min}) must be smaller than `max` ({self.max})")
        if isinstance(self.default, bool) or not (self.min <= self.default <= self.max):
            raise problem("E125", f"the default {self.default} is outside [{self.min}, {self.max}]")
        if self.type == "int" and not all(float(x).is_integer() for x in (self.min, self.max, self.default)):
            raise problem("E124", "an `int` value needs whole numbers for `min`, `max` and `default`")
        return self


class MetricDecl(Strict):
    """An end-of-game metric (game/sim/metrics.py computes it): its name, which way is good, what it measures,
    whether the debrief and the class report compare it (`reported`), and which of the class report's charts draw
    it quarter by quarter (`charted`; game/session/meaning.py answers them all)."""

    label: Text
    good_when: GoodWhen
    unit: Unit
    reported: bool = False
    charted: list[Chart] = []


class StateFile(Strict):
    schema_version: int
    kind: Literal["state"]
    city: dict[Id, VarDecl] = {}
    district: dict[Id, VarDecl] = {}
    player: dict[Id, VarDecl] = {}
    metrics: dict[Id, MetricDecl] = {}


# --- model parameters ------------------------------------------------------------------------------------


class Parameter(Strict):
    """A model parameter with what it means and where its value comes from ("assumed" when nowhere)."""

    value: Number
    meaning: Annotated[str, StringConstraints(min_length=1)]
    source: Annotated[str, StringConstraints(min_length=1)]
    min: Number | None = None
    max: Number | None = None
    unit: str = ""

    @model_validator(mode="after")
    def _in_range(self) -> Parameter:
        if self.min is not None and self.max is not None and self.min > self.max:
            raise problem("E125", f"`min` ({self.min}) is larger than `max` ({self.max})")
        if (self.min is not None and self.value < self.min) or (self.max is not None and self.value > self.max):
            raise problem("E125", f"the value {self.value} is outside [{self.min}, {self.max}]")
        return self


class ModelFile(Strict):
    schema_version: int
    kind: Literal["model"]
    parameters: dict[Id, Parameter]


# --- UI strings ------------------------------------------------------------------------------------------


class StringsFile(Strict):
    schema_version: int
    kind: Literal["strings"]
    strings: dict[StringKey, Text]


# --- measures --------------------------------------------------------------------------------------------


class Measure(Strict):
    """A coproduction measure a role can adopt: what it costs, how long it runs, what it touches."""

    id: Id
    role: Literal["official", "organizer"]
    name: Text
    summary: Text
    expected: Text
    uncertainty: Text
    paper: Annotated[str, StringConstraints(min_length=1, max_length=200)]
    target: Literal["city", "district"] = "city"
    duration: Annotated[int, Field(ge=1, le=200)] = 1
    cost: dict[Id, Annotated[float, Field(ge=0, le=1e9, allow_inf_nan=False)]] = {}
    upkeep: dict[Id, Annotated[float, Field(ge=0, le=1e9, allow_inf_nan=False)]] = {}
    when: list[Condition] = []
    effects: Effects = []
    tags: list[Id] = []

    _when_list = field_validator("when", mode="before", json_schema_input_type=When)(_as_list)


class MeasuresFile(Strict):
    schema_version: int
    kind: Literal["measures"]
    measures: list[Measure]


# --- events ----------------------------------------------------------------------------------------------


class WeightModifier(Strict):
    """Multiply (`factor`) or shift (`add`) an event's weight while a condition holds."""

    model_config = ConfigDict(
        json_schema_extra={
            "oneOf": [{"required": [k], "properties": {k: {"type": "number"}}} for k in ("factor", "add")]
        }
    )

    when: Condition
    factor: Annotated[float, Field(ge=0, le=1000, allow_inf_nan=False)] | None = None
    add: Annotated[float, Field(ge=-1e6, le=1e6, allow_inf_nan=False)] | None = None

    @model_validator(mode="after")
    def _one_change(self) -> WeightModifier:
        if (self.factor is None) == (self.add is None):
            raise problem("E129", "a weight modifier needs exactly one of `factor` or `add`")
        return self


class EventWeight(Strict):
    base: Weight = 10
    modifiers: list[WeightModifier] = []


class Option(Strict):
    id: Id
    label: Text
    stakes: Text | None = None
    when: list[Condition] = []
    # Who may take it: the others see it closed, with the reason (the engine's RoleOnly), like a failing `when`.
    roles: Annotated[list[Role], AfterValidator(_some_roles)] = Field(list(ROLES), json_schema_extra={"minItems": 1})
    effects: Effects = []
    auto_weight: Weight = 1

    _when_list = field_validator("when", mode="before", json_schema_input_type=When)(_as_list)


class Event(Strict):
    id: Id
    title: Text
    text: Text
    paper: Annotated[str, StringConstraints(min_length=1, max_length=200)]
    scope: Literal["city", "district"] = "city"
    roles: list[Role] = Field(list(ROLES), json_schema_extra={"minItems": 1})
    triggered_only: bool = False
    when: list[Condition] = []
    weight: Weight | EventWeight = 10
    once: bool = False
    cooldown_turns: Turns = 0
    earliest_turn: Annotated[int, Field(ge=1, le=200)] = 1
    latest_turn: Annotated[int, Field(ge=1, le=200)] | None = None
    on_fire: Effects = []
    options: Annotated[list[Option], Field(min_length=1)]
    tags: list[Id] = []
    levels: list[Id] = []  # drawn by tag only in these levels (a pool may still name it by id anywhere)

    _when_list = field_validator("when", mode="before", json_schema_input_type=When)(_as_list)

    @model_validator(mode="after")
    def _consistent(self) -> Event:
        if self.latest_turn is not None and self.latest_turn < self.earliest_turn:
            raise problem(
                "E125",
                f"`latest_turn` ({self.latest_turn}) is before `earliest_turn` ({self.earliest_turn})",
                at=("latest_turn",),
            )
        ids = [o.id for o in self.options]
        second = next((k for k, i in enumerate(ids) if i in ids[:k]), None)
        if second is not None:
            raise problem(
                "E160",
                f"two options share the id `{ids[second]}`",
                f"the first is option {ids.index(ids[second]) + 1}; rename one of them",
                at=("options", second, "id"),
            )
        return self

    _roles = field_validator("roles")(_some_roles)

    @property
    def weight_spec(self) -> EventWeight:
        return self.weight if isinstance(self.weight, EventWeight) else EventWeight(base=self.weight)


class EventsFile(Strict):
    schema_version: int
    kind: Literal["events"]
    events: list[Event]


# --- levels ----------------------------------------------------------------------------------------------


class Pool(Strict):
    """Rolled at a hook: one weighted pick among the eligible events, or nothing (`none_weight`)."""

    model_config = ConfigDict(
        json_schema_extra={"anyOf": [{"required": [k], "properties": {k: {"minItems": 1}}} for k in ("events", "tags")]}
    )

    id: Id
    hook: Literal["turn_start", "after_measures", "turn_end"]
    none_weight: Weight = 0
    picks: Annotated[int, Field(ge=1, le=10)] = 1
    events: list[Id] = []
    tags: list[Id] = []

    @model_validator(mode="after")
    def _has_events(self) -> Pool:
        if not self.events and not self.tags:
            raise problem("E123", "a pool needs `events:` (ids) or `tags:` (event tags) to draw from")
        return self


class District(Strict):
    id: Id
    name: Text
    kind: Id = Field(examples=["rich", "middle", "poor", "rural"])  # any id; these four mean something to the bots
    description: Text
    households: Annotated[int, Field(ge=10, le=5000)] = 200
    initial: dict[Id, Number | bool] = {}
    # Ids of the districts of the same level that this one borders (crime displaced by gates and guards moves to
    # them). The relation is symmetric: listing it on one side is enough. Checked in checks.py (E169, E170,
    # W210, W211).
    borders: list[Id] = []
    computed_start: dict[Id, Number] = {}  # see CitySetup


class CitySetup(Strict):
    name: Text
    initial: dict[Id, Number | bool] = {}
    # Where values the model computes every quarter stand at the start, shown until the first quarter is played
    # (the first report and the debrief compare with them). `tools/calibrate.py settle` writes them; an author sets
    # the values they are computed from under `initial:` (checks.py: E171 for a computed value there).
    computed_start: dict[Id, Number] = {}


class RoleSetup(Strict):
    title: Text
    briefing: Text
    objectives: list[Text] = []
    resources: dict[Id, Number] = {}
    measures: Annotated[list[Id], Field(min_length=1)]


class LevelRoles(Strict):
    model_config = ConfigDict(
        json_schema_extra={
            "anyOf": [{"required": [r], "properties": {r: {"type": "object"}}} for r in ("official", "organizer")]
        }
    )

    official: RoleSetup | None = None
    organizer: RoleSetup | None = None

    @model_validator(mode="after")
    def _at_least_one(self) -> LevelRoles:
        if self.official is None and self.organizer is None:
            raise problem("E123", "a level needs at least one role: `official` or `organizer`")
        return self

    def get(self, role: str) -> RoleSetup | None:
        return getattr(self, role, None)


HINT_SCREENS = ("city", "event", "report")


class Hint(Strict):
    """A short lesson shown on one screen of the game while its conditions hold, until the player dismisses it."""

    id: Id
    screen: Literal["city", "event", "report"]
    when: list[Condition] = []  # city scope: turn, role, city.*, player.*, fired(), flag()
    text: Text

    _when_list = field_validator("when", mode="before", json_schema_input_type=When)(_as_list)


class Level(Strict):
    schema_version: int
    kind: Literal["level"]
    id: Id
    title: Text
    summary: Text
    inspired_by: Text
    turns: Annotated[int, Field(ge=1, le=200)]
    city: CitySetup
    districts: Annotated[list[District], Field(min_length=1, max_length=12)]
    roles: LevelRoles
    pools: list[Pool] = []
    max_events_per_turn: Annotated[int, Field(ge=1, le=20)] = 4
    parameters: dict[Id, Number] = {}
    order: Annotated[int, Field(ge=0, le=1000)] = 100  # place in the game's list of levels, lowest first
    listed: bool = True  # false: checked and playable from the command line, but not offered in the game's menu
    hints: list[Hint] = []  # shown in play, first due first; ids unique within the level (checks.py, E160)

    @model_validator(mode="after")
    def _unique_parts(self) -> Level:
        for what, ids in (("districts", [d.id for d in self.districts]), ("pools", [p.id for p in self.pools])):
            second = next((k for k, i in enumerate(ids) if i in ids[:k]), None)
            if second is not None:
                raise problem("E160", f"two {what} share the id `{ids[second]}`", at=(what, second, "id"))
        return self


FILE_MODELS: dict[str, type[BaseModel]] = {
    "state": StateFile,
    "model": ModelFile,
    "strings": StringsFile,
    "measures": MeasuresFile,
    "events": EventsFile,
    "level": Level,
}

# Files whose entries are validated one by one, so one broken entry does not hide the others.
ITEM_LISTS: dict[str, tuple[str, type[BaseModel]]] = {
    "measures": ("measures", Measure),
    "events": ("events", Event),
}
