"""A class vote on one event card, as the teacher runs it on the projector. Pure Python, no pygame.

The options are lettered A, B, C… The teacher selects an option (its letter), enters its count (digits typed,
`bump(+1/-1)`), may lock the tally (no more changes) and reveal it (the bars and percentages stay hidden until
then, so early hands do not sway the rest). Then either the majority is adopted (`adopt_majority`) — on a tie
the teacher picks among the tied options (`pick`, source "tie_break") — or the teacher picks any open option
directly (counting hands, source "teacher"). `locked` in the record says whether the teacher had locked the
tally when the choice was adopted. `record()` is the ballot as the decision log keeps it:
{"event", "district", "tally", "adopted", "source", "locked"}.

With Students join on (game.ui.scenes.projector.students), the phones' votes come in with `add_phone` and the
vote keeps its `steps` — each phone's vote (its device id and group, never a name), each count the teacher typed
over them (an override), each lock and reveal, in order — and the record carries them as `round`, so the round can
be replayed from the log (game.classfiles.logs.replay_round).
"""

from __future__ import annotations

from dataclasses import dataclass, field

LETTERS = "ABCDEFGHI"
MAX_COUNT = 999  # a class, not a stadium: three digits are plenty


def letter(index: int) -> str:
    return LETTERS[index] if 0 <= index < len(LETTERS) else "?"


@dataclass
class Vote:
    event: str
    district: int | None
    options: list[str]  # option ids, in the card's order (A, B, C…)
    open: list[bool] = field(default_factory=list)  # whether each option can be taken now
    tally: dict[str, int] = field(default_factory=dict)
    selected: int = 0
    locked: bool = False
    revealed: bool = False
    adopted: str | None = None
    source: str | None = None  # "majority" | "teacher" | "tie_break"
    tied: list[str] = field(default_factory=list)  # the leaders, when Enter found a tie
    _typing: bool = False  # digits typed since the last selection append to the count
    log_steps: bool = False  # phones take part: every step of the round is kept for the log
    steps: list[dict] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.options = list(self.options[: len(LETTERS)])
        if len(self.open) != len(self.options):
            self.open = [True] * len(self.options)
        self.tally = {o: int(self.tally.get(o, 0)) for o in self.options}
        first_open = next((i for i, ok in enumerate(self.open) if ok), 0)
        self.selected = self.selected if self.is_open(self.selected) else first_open

    # --- reading -------------------------------------------------------------------------------------------

    def is_open(self, index: int) -> bool:
        return 0 <= index < len(self.options) and self.open[index]

    @property
    def total(self) -> int:
        return sum(self.tally.values())

    def share(self, option_id: str) -> float:
        return self.tally.get(option_id, 0) / self.total if self.total else 0.0

    @property
    def done(self) -> bool:
        return self.adopted is not None

    @property
    def any_open(self) -> bool:
        return any(self.open)

    def leaders(self) -> list[str]:
        """The open options with the most votes (all open options when nobody has voted)."""
        counts = [(self.tally[o], o) for i, o in enumerate(self.options) if self.open[i]]
        if not counts:
            return []
        top = max(c for c, _ in counts)
        return [o for c, o in counts if c == top]

    def index_of(self, option_id: str) -> int:
        return self.options.index(option_id)

    # --- the teacher's commands -------------------------------------------------------------------------------

    def select(self, index: int) -> bool:
        if self.done or not self.is_open(index):
            return False
        self.selected = index
        self._typing = False
        return True

    def select_letter(self, ch: str) -> bool:
        ch = ch.upper()
        return ch in LETTERS and self.select(LETTERS.index(ch))

    def move(self, step: int) -> bool:
        """Select the next (or previous) open option."""
        if self.done or not self.any_open:
            return False
        i = self.selected
        for _ in range(len(self.options)):
            i = (i + step) % len(self.options)
            if self.open[i]:
                return self.select(i)
        return False

    def _step(self, step: dict) -> None:
        if self.log_steps:
            self.steps.append(step)

    def _set_step(self) -> None:
        option = self.options[self.selected]
        self._step({"do": "set", "option": option, "count": self.tally[option]})

    def add_phone(self, option_id: str, device: str, group: str, at: float) -> bool:
        """A phone's vote (the server took at most one per device this round): one more for its option."""
        if self.done or option_id not in self.tally:
            return False
        self.tally[option_id] = min(MAX_COUNT, self.tally[option_id] + 1)
        self.tied = []
        self.log_steps = True
        self._step({"do": "phone", "option": option_id, "device": device, "group": group, "at": at})
        return True

    def _can_count(self) -> bool:
        return not self.done and not self.locked and self.is_open(self.selected)

    def bump(self, delta: int) -> bool:
        if not self._can_count():
            return False
        option = self.options[self.selected]
        self.tally[option] = max(0, min(MAX_COUNT, self.tally[option] + delta))
        self._typing = False
        self.tied = []
        self._set_step()
        return True

    def type_digit(self, digit: int) -> bool:
        """A digit typed for the selected option: the first replaces its count, the next ones append."""
        if not self._can_count() or not 0 <= digit <= 9:
            return False
        option = self.options[self.selected]
        value = self.tally[option] * 10 + digit if self._typing else digit
        self.tally[option] = min(MAX_COUNT, value)
        self._typing = True
        self.tied = []
        self._set_step()
        return True

    def erase_digit(self) -> bool:
        if not self._can_count():
            return False
        option = self.options[self.selected]
        self.tally[option] //= 10
        self._typing = True
        self._set_step()
        return True

    def toggle_lock(self) -> bool:
        if self.done:
            return False
        self.locked = not self.locked
        self._typing = False
        self._step({"do": "lock", "on": self.locked})
        return True

    def toggle_reveal(self) -> bool:
        self.revealed = not self.revealed
        self._step({"do": "reveal", "on": self.revealed})
        return True

    def adopt_majority(self) -> str | None:
        """Adopt the option with the most votes; on a tie, nothing is adopted and `tied` lists the options the
        teacher must pick between. Returns the adopted option id, or None."""
        if self.done:
            return self.adopted
        leaders = self.leaders()
        if len(leaders) == 1 and self.total > 0:
            self.tied = []
            self.adopted, self.source = leaders[0], "majority"
            self.revealed = True
            return self.adopted
        self.tied = leaders  # the teacher decides between the leaders (or recounts, unless the tally is locked)
        self.revealed = True
        return None

    def pick(self, index: int | None = None) -> str | None:
        """The teacher adopts an option (the selected one by default): a tie broken, or hands counted."""
        if self.done:
            return self.adopted
        index = self.selected if index is None else index
        if not self.is_open(index):
            return None
        option = self.options[index]
        self.source = "tie_break" if self.tied and option in self.tied else "teacher"
        self.adopted = option
        return option

    # --- the log -------------------------------------------------------------------------------------------

    def record(self) -> dict:
        """The ballot as the decision log's `votes` entry (see docs/logs.md); `round` when phones took part."""
        out = {
            "event": self.event,
            "district": self.district,
            "tally": dict(self.tally),
            "adopted": self.adopted,
            "source": self.source,
            "locked": self.locked,
        }
        if self.steps:
            out["round"] = {"steps": [dict(s) for s in self.steps]}
        return out
