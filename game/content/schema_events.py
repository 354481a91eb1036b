"""The model of an events file (`kind: events`): each event's timing, weight (and what shifts it), the effects
when it fires, and the options a player chooses among.
"""

# Pydantic copies a model's defaults for each instance, so `= []` is safe; ruff sees that only for a class whose
# pydantic base is in the same file, and Strict is in schema_base.
# ruff: noqa: RUF012

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import ConfigDict, Field, StringConstraints, field_validator, model_validator
from pydantic.functional_validators import AfterValidator

from game.content.diagnostic_text import Msg, msg
from game.content.schema_base import (
    ROLES,
    Condition,
    Id,
    Role,
    Strict,
    Text,
    Turns,
    Weight,
    When,
    as_list,
    problem,
    some_roles,
)
from game.content.schema_effects import Effects

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
            raise problem("E129", Msg("schema.factor_or_add"))
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
    roles: Annotated[list[Role], AfterValidator(some_roles)] = Field(list(ROLES), json_schema_extra={"minItems": 1})
    effects: Effects = []
    auto_weight: Weight = 1

    _when_list = field_validator("when", mode="before", json_schema_input_type=When)(as_list)


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
    # A district-scope event's cooldown runs city-wide, so its card does not move on to the next district the
    # quarter after; "district" cools each district apart (a story that can truly happen in several at once).
    cooldown_scope: Literal["city", "district"] = "city"
    earliest_turn: Annotated[int, Field(ge=1, le=200)] = 1
    latest_turn: Annotated[int, Field(ge=1, le=200)] | None = None
    on_fire: Effects = []
    options: Annotated[list[Option], Field(min_length=1)]
    tags: list[Id] = []
    levels: list[Id] = []  # drawn by tag only in these levels (a pool may still name it by id anywhere)

    _when_list = field_validator("when", mode="before", json_schema_input_type=When)(as_list)

    @model_validator(mode="after")
    def _consistent(self) -> Event:
        if self.latest_turn is not None and self.latest_turn < self.earliest_turn:
            raise problem(
                "E125",
                msg("schema.latest_before_earliest", latest=self.latest_turn, earliest=self.earliest_turn),
                at=("latest_turn",),
            )
        ids = [o.id for o in self.options]
        second = next((k for k, i in enumerate(ids) if i in ids[:k]), None)
        if second is not None:
            raise problem(
                "E160",
                msg("schema.options_share_id", id=ids[second]),
                msg("schema.options_share_id_hint", n=ids.index(ids[second]) + 1),
                at=("options", second, "id"),
            )
        return self

    _roles = field_validator("roles")(some_roles)

    @property
    def weight_spec(self) -> EventWeight:
        return self.weight if isinstance(self.weight, EventWeight) else EventWeight(base=self.weight)


class EventsFile(Strict):
    schema_version: int
    kind: Literal["events"]
    events: list[Event]
