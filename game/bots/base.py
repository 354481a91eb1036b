"""What a bot is: a short policy that picks measures each quarter and answers events.

Bots play through the same commands as a person, so their games obey the same costs and limits; they read the
state only through the session's world, the same values a player sees.
"""

from __future__ import annotations

from typing import ClassVar

import numpy as np

from game.events.engine import Occurrence, auto_choose
from game.session.commands import AdoptMeasure
from game.session.session import GameSession


class Bot:
    name = "bot"
    summary = ""
    # measure ids to try each quarter, in order, for each role; "{contested}", "{rich}", "{poor}", "{rural}"
    # or "{each}" pick the districts
    plan: ClassVar[dict[str, list[tuple[str, str | None]]]] = {}
    per_turn = 2

    def decide(self, session: GameSession, rng: np.random.Generator) -> list[AdoptMeasure]:
        chosen: list[AdoptMeasure] = []
        spent: dict[str, float] = {}
        for measure_id, where in self.plan.get(session.role, []):
            for district in self.districts(session, where):
                if len(chosen) >= self.per_turn:
                    return chosen
                self.take(session, AdoptMeasure(measure_id, district), chosen, spent)
        return chosen

    @staticmethod
    def take(session: GameSession, command: AdoptMeasure, chosen: list[AdoptMeasure], spent: dict[str, float]) -> None:
        """Add the command if it is new and possible with what this quarter's earlier picks left over."""
        if command in chosen or session.check(command, spent):
            return
        chosen.append(command)
        for resource, amount in session.content.measures[command.measure].cost.items():
            spent[resource] = spent.get(resource, 0.0) + amount

    def choose(self, occ: Occurrence, rng: np.random.Generator) -> str | None:
        return auto_choose(occ, rng)

    @staticmethod
    def districts(session: GameSession, where: str | None) -> list[str | None]:
        """District ids for a placeholder, most urgent first (most criminal control, or by kind)."""
        if where is None:
            return [None]
        ids = session.world.district_ids
        kinds = session.model.state.district_kinds
        control = session.model.state["district.oc_control"][session.run]
        by_control = [ids[i] for i in np.argsort(-control, kind="stable")]
        if where == "{contested}":
            return by_control[:2]
        if where == "{each}":
            return by_control
        kind = where.strip("{}")
        return [d for d in by_control if kinds[ids.index(d)] == kind]
