"""Effect lines, the part of content that changes the game: `set`, `add`, `mul`, `flag` or `schedule` (a
follow-up event later), exactly one verb a line. Measures (schema_measures) and events' options (schema_events)
carry them.
"""

from __future__ import annotations

from functools import cached_property
from typing import Annotated, Any

from pydantic import ConfigDict, Field, field_validator, model_validator

from game.content.diagnostic_text import Msg, msg
from game.content.schema_base import VERBS, Id, Number, Strict, Target, Turns, problem

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
                raise problem("E129", Msg("schema.delay_form"))
            if v[0] > v[1]:
                raise problem("E125", msg("schema.delay_reversed", lo=v[0], hi=v[1]), Msg("schema.smaller_first_hint"))
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
                msg("schema.one_verb", verbs=tuple(VERBS), n=len(used)),
                Msg("schema.one_verb_hint"),
            )
        for verb in ("set", "add", "mul", "flag"):
            if getattr(self, verb) == {}:
                raise problem("E129", msg("schema.verb_names_nothing", verb=verb))
        return self

    @property
    def verb(self) -> str:
        return next(v for v in VERBS if getattr(self, v) is not None)

    @cached_property
    def ready(self) -> tuple[str, Any]:
        """(verb, what it applies), made once per line for the engine that applies it: `flag` (name, on) pairs,
        `schedule` the Schedule, `set`/`add`/`mul` (target, value, is a district value) triples. Not a field:
        not validated, dumped or compared."""
        verb = self.verb
        if verb == "schedule":
            return verb, self.schedule
        lines = tuple(getattr(self, verb).items())
        if verb == "flag":
            return verb, lines
        return verb, tuple((target, value, target.startswith("district.")) for target, value in lines)


Effects = list[Effect]
