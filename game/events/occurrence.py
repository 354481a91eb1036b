"""A fired event as the screens and bots see it: its options, which of them this player may take and why not,
and the default chooser that bots and headless runs use to pick one."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from itertools import accumulate

import numpy as np

from game.content import condition_parts
from game.content.schemas import Event, Option
from game.events.world import World, render


@dataclass(frozen=True)
class RoleOnly:
    """Why an option is closed to this player: its `roles:` keep it to other roles. Typed data, so each screen
    says it in the player's language (the strings `ecard.only_<role>`, game.ui.refusal_text.option_closed)."""

    roles: tuple[str, ...]

    def __str__(self) -> str:  # the trace's wording, in English like every trace line
        return f"only for the {' and the '.join(self.roles)}"


@dataclass
class OptionState:
    option: Option
    enabled: bool
    reason: str = ""  # why it is unavailable: the failing clauses with their values (English, for the trace)
    closed: RoleOnly | None = None  # kept to other roles: not offered to this player, whatever its conditions
    unmet: tuple[condition_parts.Part, ...] = ()  # the failing clauses, typed: what the screens say


@dataclass
class Occurrence:
    """A fired event waiting for the player's (or a bot's) choice."""

    event: Event
    district: int | None
    district_id: str | None
    options: list[OptionState]
    why: list[str]
    via: str
    held: tuple[condition_parts.Part, ...] = ()  # the event's conditions that held when it fired, typed
    chance: float | None = None  # drawn from a pool with this chance
    follow_up_of: str | None = None  # the cause ("event:<id>/<option>", "measure:<id>") that scheduled it

    def title(self, lang: str, world: World) -> str:
        return render(self.event.title, lang, world.names(lang, self.district))

    def text(self, lang: str, world: World) -> str:
        return render(self.event.text, lang, world.names(lang, self.district))

    @property
    def enabled(self) -> list[Option]:
        return [o.option for o in self.options if o.enabled]


Chooser = Callable[[Occurrence, np.random.Generator], str | None]


def auto_choose(
    occ: Occurrence, rng: np.random.Generator, allowed: Callable[[Option], bool] | None = None
) -> str | None:
    """Pick among the available options by their `auto_weight` (used by bots and headless runs). A bot may narrow
    the choice to the options it would take (`allowed`); where it would take none of them, it picks among them all.
    Either way one number is drawn, so a bot's answers leave its stream where the weights alone would."""
    options = occ.enabled
    if not options:
        return None
    if allowed is not None:
        options = [o for o in options if allowed(o)] or options
    # the running sums of the weights, summed one after another as numpy's cumsum does
    steps = list(accumulate(o.auto_weight for o in options))
    total = steps[-1]
    if total <= 0:
        return options[0].id
    u = rng.random() * total
    return options[min(bisect_right(steps, u), len(options) - 1)].id  # as np.searchsorted(steps, u, side="right")
