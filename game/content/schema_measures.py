"""The model of a measures file (`kind: measures`): the coproduction measures a role can adopt, with their cost,
duration, conditions and effects.
"""

# Pydantic copies a model's defaults for each instance, so `= []` is safe; ruff sees that only for a class whose
# pydantic base is in the same file, and Strict is in schema_base.
# ruff: noqa: RUF012

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints, field_validator

from game.content.schema_base import Condition, Id, Strict, Text, When, as_list
from game.content.schema_effects import Effects
from game.roles import Role

# --- measures --------------------------------------------------------------------------------------------


class Measure(Strict):
    """A coproduction measure a role can adopt: what it costs, how long it runs, what it touches."""

    id: Id
    role: Role
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

    _when_list = field_validator("when", mode="before", json_schema_input_type=When)(as_list)


class MeasuresFile(Strict):
    schema_version: int
    kind: Literal["measures"]
    measures: list[Measure]
