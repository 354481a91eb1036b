"""What a bot is: a short policy that picks measures each quarter and answers events.

Bots play through the same commands as a person, so their games obey the same costs and limits; they read the
state only through the session's world, the same values a player sees.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

import numpy as np

from game.content.loader import SHIPPED_CONTENT, ContentSet
from game.content.schemas import Level, Measure, Option
from game.events.engine import Occurrence, auto_choose
from game.session.commands import AdoptMeasure
from game.session.session import GameSession


def summary_key(name: str) -> str:
    """The content string that sums up the bot `name` (content/ui/bots.yaml, checked with the other strings)."""
    return f"bots.{name}.summary"


def summary_in(name: str, strings, lang: str) -> str:
    """The bot's one-line summary in `lang` from a content set's strings; the English one when not translated."""
    entry = strings.get(summary_key(name)) or {}
    return entry.get(lang) or entry.get("en") or ""


# What a bot that keeps the state leaves as it is when it answers an event: it adds no informer protection,
# transparency or vetting, and does not undo a manipulation of the figures.
KEPT_LOW = frozenset({"city.protection", "district.protection", "city.transparency", "city.vetting"})
KEPT_HIGH = frozenset({"city.manipulation"})


def changes_the_state(option: Option) -> bool:
    """Whether taking `option` adds informer protection, transparency or vetting, or undoes a manipulation of the
    figures (its `add` and `mul` lines; a `set` line's direction depends on the value it meets, so it is not
    counted)."""
    for effect in option.effects:
        moved = dict(effect.add or {})
        moved.update({k: v - 1 for k, v in (effect.mul or {}).items()})
        if any(v > 0 for k, v in moved.items() if k in KEPT_LOW):
            return True
        if any(v < 0 for k, v in moved.items() if k in KEPT_HIGH):
            return True
    return False


class Bot:
    name = "bot"  # its summary, in both languages, is the content string summary_key(name)
    # measure ids to try each quarter, in order, for each role; "{contested}", "{rich}", "{poor}", "{rural}"
    # or "{each}" pick the districts. A level's own measures join the plan (see `plan_for`).
    plan: ClassVar[dict[str, list[tuple[str, str | None]]]] = {}
    per_turn = 2

    def decide(self, session: GameSession, rng: np.random.Generator) -> list[AdoptMeasure]:
        chosen: list[AdoptMeasure] = []
        spent: dict[str, float] = {}
        for measure_id, where in self.plan_for(session):
            for district in self.districts(session, where):
                if len(chosen) >= self.per_turn:
                    return chosen
                self.take(session, AdoptMeasure(measure_id, district), chosen, spent)
        return chosen

    def plan_for(self, session: GameSession) -> list[tuple[str, str | None]]:
        """This role's plan in this level: each planned measure, then the level's own measures that carry all of
        its `tags:` (an author's new hotline, tagged like `anonymous_hotline`, is tried by the bots that try the
        hotline). Shipped levels offer only shipped measures, so on them this is the plan as written."""
        key = (id(session.content), session.level.id, session.role)
        plans = self.__dict__.setdefault("_plans", {})
        if key not in plans:
            plans[key] = with_level_measures(
                self.plan.get(session.role, []), session.content, session.level, session.role
            )
        return plans[key]

    @staticmethod
    def take(session: GameSession, command: AdoptMeasure, chosen: list[AdoptMeasure], spent: dict[str, float]) -> None:
        """Add the command if it is new and possible with what this quarter's earlier picks left over."""
        if command in chosen or session.check(command, spent):
            return
        chosen.append(command)
        for resource, amount in session.content.measures[command.measure].cost.items():
            spent[resource] = spent.get(resource, 0.0) + amount

    # Whether the bot answers events as the state is: a policy that is the status quo plus its measures (the brief's
    # CIT, MKT, MIL, SEC, FEAR and TSJ; anchors-model §4) keeps the status quo's informer protection, transparency
    # and vetting at nothing and may keep the figures, in what it answers as in what it adopts. A policy that adds
    # protection, transparency or vetting (accountability, the vetted militia, concentrated and spread protection)
    # and the random bot answer by the weights among every open option, as every bot did until 8 December 2026.
    keeps_the_state: ClassVar[bool] = False

    def choose(self, occ: Occurrence, rng: np.random.Generator) -> str | None:
        if self.keeps_the_state:
            return auto_choose(occ, rng, allowed=lambda option: not changes_the_state(option))
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


def level_measures(content: ContentSet, level: Level, role: str) -> list[Measure]:
    """The measures a level offers this role that are its own: written outside the shipped content/ (beside the
    level, by its author), so no built-in plan names them."""
    setup = level.roles.get(role)
    shipped = SHIPPED_CONTENT.resolve()
    own = []
    for measure_id in setup.measures if setup is not None else []:
        measure, origin = content.measures.get(measure_id), content.origins.get(("measure", measure_id))
        if measure is None or origin is None or measure.role != role:
            continue
        if shipped not in Path(origin.doc.path).resolve().parents:
            own.append(measure)
    return own


def with_level_measures(
    plan: list[tuple[str, str | None]], content: ContentSet, level: Level, role: str
) -> list[tuple[str, str | None]]:
    """The plan, with each of the level's own measures placed once, after the first planned measure whose tags it
    all carries, aimed where that one is (a district measure after a city one goes where control is highest)."""
    own = level_measures(content, level, role)
    if not own:
        return list(plan)
    out: list[tuple[str, str | None]] = []
    placed: set[str] = set()
    for measure_id, where in plan:
        out.append((measure_id, where))
        planned = content.measures.get(measure_id)
        if planned is None or not planned.tags:
            continue
        for measure in own:
            if measure.id not in placed and set(planned.tags) <= set(measure.tags):
                placed.add(measure.id)
                aim = None if measure.target != "district" else (where or "{contested}")
                out.append((measure.id, aim))
    return out
