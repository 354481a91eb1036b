"""The model of a level file (`kind: level`): the city and its districts, the roles and their measures, the
pools of events rolled at each hook, and the hints shown in play.
"""

# Pydantic copies a model's defaults for each instance, so `= []` is safe; ruff sees that only for a class whose
# pydantic base is in the same file, and Strict is in schema_base.
# ruff: noqa: RUF012

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import ConfigDict, Field, StringConstraints, field_validator, model_validator

from game.content.diagnostic_text import Msg, msg
from game.content.schema_base import Condition, Id, Number, Strict, Text, Weight, When, as_list, problem
from game.roles import ROLES, Role

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
            raise problem("E123", Msg("schema.pool_draws_nothing"))
        return self


class _Starts:
    """What a district or the city reads its starting values from."""

    initial: dict[Id, Number | bool]
    computed_start: dict[Id, Number]

    def start(self, name: str, default: float) -> float | bool:
        """Where `name` starts: the level's `initial:`, else where settling found it (`computed_start:`), else the
        declared `default`. The model starts there, and the checks read the same."""
        return self.initial.get(name, self.computed_start.get(name, default))


class District(Strict, _Starts):
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


class CitySetup(Strict, _Starts):
    name: Text
    initial: dict[Id, Number | bool] = {}
    # Where values the model computes every quarter stand at the start, shown until the first quarter is played
    # (the first report and the debrief compare with them). `tools/calibrate.py settle` writes them; an author sets
    # the values they are computed from under `initial:` (checks.py: E171 for a computed value there).
    computed_start: dict[Id, Number] = {}


class Track(Strict):
    """How an objective is measured: a city or district value (content/state.yaml), for a district value its
    household-weighted mean over `districts` (default: every district). Which way is good is the value's own
    declaration (`good_when`), never the level's. Checked in check_levels.py (E173, E174, W216)."""

    value: Annotated[str, StringConstraints(pattern=r"^(city|district)\.[a-z][a-z0-9_]*$", max_length=96)] = Field(
        examples=["district.oc_control", "city.corruption"]
    )
    districts: list[Id] = []


class ShortText(Text):
    """A text short enough for a strip (at most 60 characters in each language)."""

    en: Annotated[str, StringConstraints(min_length=1, max_length=60)]
    es: Annotated[str, StringConstraints(min_length=1, max_length=60)]


class Objective(Text):
    """An objective in both languages; with `track:`, the city screen shows where it stands, where it started and
    its trend, all term long. `short:` is how the city screen's goals strip names it (the whole text is one hover or
    click away); without it the strip shows the whole text, cut to fit."""

    track: Track | None = None
    short: ShortText | None = None


class RoleSetup(Strict):
    title: Text
    briefing: Text
    objectives: list[Objective] = []
    resources: dict[Id, Number] = {}
    measures: Annotated[list[Id], Field(min_length=1)]


class LevelRoles(Strict):
    model_config = ConfigDict(
        json_schema_extra={"anyOf": [{"required": [r], "properties": {r: {"type": "object"}}} for r in ROLES]}
    )

    official: RoleSetup | None = None
    organizer: RoleSetup | None = None

    @model_validator(mode="after")
    def _at_least_one(self) -> LevelRoles:
        if self.official is None and self.organizer is None:
            raise problem("E123", Msg("schema.level_needs_role"))
        return self

    def get(self, role: str) -> RoleSetup | None:
        return getattr(self, role, None)

    def offered(self) -> list[Role]:
        """The roles the level can be played as, the official first (at least one: `_at_least_one`)."""
        return [role for role in ROLES if getattr(self, role) is not None]


HINT_SCREENS = ("city", "event", "report")


class Hint(Strict):
    """A short lesson shown on one screen of the game while its conditions hold, until the player dismisses it."""

    id: Id
    screen: Literal["city", "event", "report"]
    when: list[Condition] = []  # city scope: turn, role, city.*, player.*, fired(), flag()
    text: Text

    _when_list = field_validator("when", mode="before", json_schema_input_type=When)(as_list)


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
                shared = msg(
                    "schema.districts_share_id" if what == "districts" else "schema.pools_share_id", id=ids[second]
                )
                raise problem("E160", shared, at=(what, second, "id"))
        return self
