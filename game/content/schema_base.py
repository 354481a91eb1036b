"""What every kind of content file is built from: the schema's constants (version, kinds, hooks, roles, scopes,
verbs), the constrained types (ids, conditions, effect targets, numbers, weights, turns, units), `problem` (a
validation error carrying one of our diagnostic codes), the frozen `Strict` base model and `Text` (English and
Spanish). The models of each kind of file (schema_effects, schema_state, schema_measures, schema_events,
schema_levels) build on these; schemas.py gathers them.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, WithJsonSchema
from pydantic_core import PydanticCustomError

from game.content.diagnostic_text import Message, Msg, say, to_data
from game.content.expr_nodes import MAX_SOURCE_CHARS
from game.content.pydantic_plugins import no_plugin_search
from game.roles import ROLES as ROLES
from game.roles import Role as Role

no_plugin_search()  # before the first model is built: importlib.metadata is not imported for it

SCHEMA_VERSION = 1
KINDS = ("state", "model", "strings", "measures", "events", "level")
HOOKS = ("turn_start", "after_measures", "turn_end")

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


def problem(code: str, message: Message, hint: Message = "", at: tuple = ()) -> PydanticCustomError:
    """A validation error carrying one of our diagnostic codes (see diagnostics.CODES) and its typed message and
    hint (game.content.diagnostic_text), said in the reader's language when shown. `at` is the path, inside the
    value being validated, of the key or item at fault: a model validator's error is then located there
    (schema_errors.translate) instead of at the start of the entry."""
    context = {"code": code, "message": to_data(message), "hint": to_data(hint), "at": at}
    return PydanticCustomError("plaza", say(message), context)  # pydantic's own text: English, never shown


def some_roles(roles: list[str]) -> list[str]:
    if not roles:
        raise problem("E129", Msg("schema.no_roles"), Msg("schema.no_roles_hint"))
    return roles


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, defer_build=True)


class Text(Strict):
    """Every text a player can see, in English and Spanish."""

    en: Annotated[str, StringConstraints(min_length=1, max_length=4000)]
    es: Annotated[str, StringConstraints(min_length=1, max_length=4000)]

    def get(self, lang: str) -> str:
        return self.es if lang == "es" else self.en


def as_list(value: Any) -> Any:
    """`when: "x > 1"` is shorthand for a one-item list."""
    return [value] if isinstance(value, str) else value


When = Condition | list[Condition]  # what `when:` accepts as written, for the exported JSON Schema
