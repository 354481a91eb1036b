"""Player choices as command objects: the only way anything outside the model changes it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class AdoptMeasure:
    """Adopt a measure this turn, in a district when the measure targets one."""

    measure: str
    district: str | None = None

    def to_dict(self) -> dict:
        return {"measure": self.measure, "district": self.district}

    @classmethod
    def from_dict(cls, data: dict) -> AdoptMeasure:
        if not isinstance(data, dict) or not isinstance(data.get("measure"), str):
            raise ValueError("a command needs a `measure` id")
        district = data.get("district")
        if district is not None and not isinstance(district, str):
            raise ValueError("a command's `district` must be an id or null")
        return cls(data["measure"], district)


@dataclass
class ActiveMeasure:
    measure: str
    district: str | None
    turns_left: int
    started: int

    def to_dict(self) -> dict:
        return dict(self.__dict__)
