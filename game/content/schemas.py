"""The shape of every kind of content file, as pydantic models.

Unknown keys are errors (`extra="forbid"`) so a misspelt key never passes silently, and numbers are strict
(`"0.6"` in quotes is text, not a number). These models are also the in-game content objects: they are frozen.
Checks that need more than one file (ids, state names, ranges, conditions) live in `checks.py`.

This module gathers the models of each kind of file and says which model reads which kind (FILE_MODELS,
ITEM_LISTS); the models live beside it:
- schema_base: constants, constrained types, `problem`, `Strict` and `Text`, shared by every kind;
- schema_effects: effect lines (measures and events carry them);
- schema_state: the state declarations, the model's parameters and the UI strings;
- schema_measures, schema_events, schema_levels: one kind of file each.
"""

from __future__ import annotations

from pydantic import BaseModel

from game.content.schema_base import HOOKS as HOOKS
from game.content.schema_base import KINDS as KINDS
from game.content.schema_base import ROLES as ROLES
from game.content.schema_base import SCHEMA_VERSION as SCHEMA_VERSION
from game.content.schema_base import SCOPES as SCOPES
from game.content.schema_base import VERBS as VERBS
from game.content.schema_base import Chart as Chart
from game.content.schema_base import Condition as Condition
from game.content.schema_base import GoodWhen as GoodWhen
from game.content.schema_base import Id as Id
from game.content.schema_base import Number as Number
from game.content.schema_base import Role as Role
from game.content.schema_base import Strict as Strict
from game.content.schema_base import StringKey as StringKey
from game.content.schema_base import Target as Target
from game.content.schema_base import Text as Text
from game.content.schema_base import Turns as Turns
from game.content.schema_base import Unit as Unit
from game.content.schema_base import Weight as Weight
from game.content.schema_base import When as When
from game.content.schema_base import problem as problem
from game.content.schema_effects import Effect as Effect
from game.content.schema_effects import Effects as Effects
from game.content.schema_effects import Schedule as Schedule
from game.content.schema_events import Event as Event
from game.content.schema_events import EventsFile as EventsFile
from game.content.schema_events import EventWeight as EventWeight
from game.content.schema_events import Option as Option
from game.content.schema_events import WeightModifier as WeightModifier
from game.content.schema_levels import HINT_SCREENS as HINT_SCREENS
from game.content.schema_levels import CitySetup as CitySetup
from game.content.schema_levels import District as District
from game.content.schema_levels import Hint as Hint
from game.content.schema_levels import Level as Level
from game.content.schema_levels import LevelRoles as LevelRoles
from game.content.schema_levels import Objective as Objective
from game.content.schema_levels import Pool as Pool
from game.content.schema_levels import RoleSetup as RoleSetup
from game.content.schema_levels import Track as Track
from game.content.schema_measures import Measure as Measure
from game.content.schema_measures import MeasuresFile as MeasuresFile
from game.content.schema_state import MetricDecl as MetricDecl
from game.content.schema_state import ModelFile as ModelFile
from game.content.schema_state import Parameter as Parameter
from game.content.schema_state import StateFile as StateFile
from game.content.schema_state import StringsFile as StringsFile
from game.content.schema_state import VarDecl as VarDecl

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
