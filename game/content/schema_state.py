"""The models of the files that declare the world rather than play it: the state (`kind: state`: city, district
and player values, and the end-of-game metrics), the model's parameters (`kind: model`) and the UI strings
(`kind: strings`).
"""

# Pydantic copies a model's defaults for each instance, so `= []` is safe; ruff sees that only for a class whose
# pydantic base is in the same file, and Strict is in schema_base.
# ruff: noqa: RUF012

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import ConfigDict, StringConstraints, model_validator

from game.content.diagnostic_text import Msg, msg
from game.content.schema_base import Chart, GoodWhen, Id, Number, Strict, StringKey, Target, Text, Unit, problem

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
    # A computed value the model carries from one quarter to the next: a stock whose start it works out from its
    # inputs (a self-defense group's arms). A change by an event or a measure lasts, so the checks do not warn about
    # effects on it (W207); a level still does not set its start (E171).
    carried: bool = False
    # Which way is good, what the number measures, and whether the city screen and the turn report show it
    # (game/session/meaning.py). The shipped state declares all three for every value (tests/test_meaning.py).
    good_when: GoodWhen = "neither"
    unit: Unit | None = None  # unsaid: a flag for a bool, a share for a 0–1 float, a count for an int, else index
    reported: bool = False

    @model_validator(mode="after")
    def _consistent(self) -> VarDecl:
        if self.type == "bool":
            if self.min is not None or self.max is not None:
                raise problem("E129", Msg("schema.bool_no_range"))
            if not isinstance(self.default, bool):
                raise problem("E124", Msg("schema.bool_default"))
            return self
        if self.min is None or self.max is None:
            raise problem("E123", Msg("schema.number_needs_range"), Msg("schema.number_needs_range_hint"))
        if self.min >= self.max:
            raise problem("E125", msg("schema.min_not_below_max", min=self.min, max=self.max))
        if isinstance(self.default, bool) or not (self.min <= self.default <= self.max):
            raise problem("E125", msg("schema.default_outside", value=str(self.default), min=self.min, max=self.max))
        if self.type == "int" and not all(float(x).is_integer() for x in (self.min, self.max, self.default)):
            raise problem("E124", Msg("schema.int_whole"))
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
            raise problem("E125", msg("schema.min_above_max", min=self.min, max=self.max))
        if (self.min is not None and self.value < self.min) or (self.max is not None and self.value > self.max):
            raise problem("E125", msg("schema.value_outside", value=self.value, min=str(self.min), max=str(self.max)))
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
