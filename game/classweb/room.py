"""The class behind the server: who joined (a token per device, its group and language), the round being voted
(the card, one vote per device), lock and reveal as the teacher set them on the projector, and the last report.

Thread-safe: the server's thread joins and votes, the projector's thread opens, locks, reveals and closes rounds
and drains the new votes into its tally. Listeners are told after every change (the server wakes its WebSockets).
No names are kept: a device is `d1`, `d2`… in its group.
"""

from __future__ import annotations

import hmac
import secrets
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from game.classweb.limits import MAX_TEXT, Limits
from game.classweb.views import CardView, ReportView

LANGS = ("en", "es")


class Refused(Exception):
    """A join or a vote the room turns down; `kind` is what the phone is told (a key of its strings)."""

    def __init__(self, kind: str):
        super().__init__(kind)
        self.kind = kind


@dataclass
class Device:
    token: str
    id: str  # "d7": what the log keeps, never a name
    group: str
    lang: str


@dataclass(frozen=True)
class Ballot:
    """One phone's vote, as the projector adds it to its tally and the log keeps it."""

    device: str
    group: str
    option: str
    at: float  # seconds since the round opened


def same_code(typed: str, code: str) -> bool:
    """A typed code matches the session's whatever its case and dashes (O read as 0, I and L as 1, as the
    game's code box reads it); compared in constant time."""

    def norm(text: str) -> str:
        text = "".join(ch for ch in text.upper() if ch.isalnum())
        return text.translate(str.maketrans("OIL", "011"))

    return bool(code) and hmac.compare_digest(norm(typed).encode(), norm(code).encode())


class Room:
    def __init__(
        self,
        code: str,
        groups: list[str],
        limits: Limits | None = None,
        clock: Callable[[], float] = time.monotonic,
    ):
        self.code = code
        self.groups = [str(g) for g in groups]
        self.limits = limits or Limits()
        self.clock = clock
        self._lock = threading.Lock()
        self._devices: dict[str, Device] = {}
        self._listeners: list[Callable[[str | None], None]] = []
        self.round = 0  # 0: no card yet
        self.card: CardView | None = None
        self.closed = True  # the round is over (adopted, or no card)
        self.adopted: str | None = None
        self.locked = False
        self.revealed = False
        self.report: ReportView | None = None
        self.shares: dict[str, float] | None = None  # the projector's shares, once revealed (typed counts included)
        self._opened_at = clock()
        self._votes: dict[str, str] = {}  # token -> option, this round
        self._new: list[Ballot] = []  # votes the projector has not taken yet

    # --- listeners ---------------------------------------------------------------------------------------------

    def listen(self, callback: Callable[[str | None], None]) -> None:
        """`callback(token)` after every change: the one device whose screen it changes, None for every device, ""
        for none of them (a vote before a reveal: only the projector's count moves)."""
        self._listeners.append(callback)

    def _changed(self, token: str | None = None) -> None:
        for callback in list(self._listeners):
            callback(token)

    # --- the phones ----------------------------------------------------------------------------------------------

    def join(self, code: str, group: str, lang: str, token: str | None = None) -> Device:
        if not all(isinstance(x, str) and len(x) <= MAX_TEXT for x in (code, group, lang)):
            raise Refused("bad_request")
        if not same_code(code, self.code):
            raise Refused("bad_code")
        if group not in self.groups:
            raise Refused("bad_group")
        if lang not in LANGS:
            raise Refused("bad_request")
        with self._lock:
            device = self._devices.get(token or "")
            if device is None:
                if len(self._devices) >= self.limits.max_devices:
                    raise Refused("full")
                device = Device(secrets.token_urlsafe(18), f"d{len(self._devices) + 1}", group, lang)
                self._devices[device.token] = device
            elif device.token in self._votes and device.group != group:
                raise Refused("already")  # a device that voted this round keeps its group until the next
            device.group, device.lang = group, lang
        self._changed(device.token)
        return device

    def device(self, token: str) -> Device | None:
        with self._lock:
            return self._devices.get(token) if isinstance(token, str) else None

    def vote(self, token: str, round_id: int, option: object) -> Ballot:
        with self._lock:
            device = self._devices.get(token) if isinstance(token, str) else None
            if device is None:
                raise Refused("bad_token")
            if self.card is None or self.closed or round_id != self.round:
                raise Refused("closed")
            if self.locked:
                raise Refused("locked")
            if token in self._votes:
                raise Refused("already")
            choice = self.card.option(option) if isinstance(option, str) else None
            if choice is None or not choice.open:
                raise Refused("bad_option")
            self._votes[token] = choice.id
            ballot = Ballot(device.id, device.group, choice.id, round(self.clock() - self._opened_at, 3))
            self._new.append(ballot)
            everyone = self.revealed  # after a reveal every phone's shares move
        # before a reveal no phone's screen changes but the voter's, and its answer carries its new state
        self._changed(None if everyone else "")
        return ballot

    def state_for(self, token: str) -> dict | None:
        """What one phone shows now (None for an unknown token): the card and its own vote while a round is open,
        else the last report; after a reveal, the shares of each option (never who voted what)."""
        with self._lock:
            device = self._devices.get(token)
            if device is None:
                return None
            phase = (
                "waiting" if self.card is None else "closed" if self.closed else "locked" if self.locked else "voting"
            )
            out: dict = {
                "phase": phase,
                "round": self.round,
                "group": device.group,
                "lang": device.lang,
                "voted": self._votes.get(token),
                "adopted": self.adopted if self.closed else None,
                "report": self.report.for_phone(device.lang) if self.report else None,
                "card": self.card.for_phone(device.lang) if self.card is not None and phase != "waiting" else None,
            }
            if self.revealed and self.card is not None:
                counts = Counter(self._votes.values())
                total = sum(counts.values())
                phones = {o.id: (counts[o.id] / total if total else 0.0) for o in self.card.options}
                out["shares"] = self.shares if self.shares is not None else phones
            return out

    # --- the projector ---------------------------------------------------------------------------------------------

    def open_round(self, card: CardView) -> int:
        with self._lock:
            self.round += 1
            self.card, self.closed, self.adopted = card, False, None
            self.locked = self.revealed = False
            self.shares = None
            self._votes, self._new = {}, []
            self._opened_at = self.clock()
            number = self.round
        self._changed()
        return number

    def reopen(self) -> None:
        """The teacher opens the same card's vote again (nobody voted): unlocked and hidden, votes kept."""
        self.set(locked=False, revealed=False)

    def set(
        self, *, locked: bool | None = None, revealed: bool | None = None, shares: dict[str, float] | None = None
    ) -> None:
        with self._lock:
            self.locked = self.locked if locked is None else locked
            self.revealed = self.revealed if revealed is None else revealed
            self.shares = self.shares if shares is None else dict(shares)
        self._changed()

    def close_round(self, adopted: str | None) -> None:
        with self._lock:
            self.closed, self.adopted = True, adopted
        self._changed()

    def show_report(self, report: ReportView | None) -> None:
        with self._lock:
            self.report = report
        self._changed()

    def drain(self) -> list[Ballot]:
        """The votes that came in since the last call, in order (the projector adds them to its tally)."""
        with self._lock:
            new, self._new = self._new, []
            return new

    def presence(self) -> tuple[int, dict[str, tuple[int, int]]]:
        """Devices joined, and per group (in the session's order, only groups with a device): (voted, joined)."""
        with self._lock:
            joined = Counter(d.group for d in self._devices.values())
            voted = Counter(self._devices[t].group for t in self._votes)
            by_group = {g: (voted[g], joined[g]) for g in self.groups if joined[g]}
            return len(self._devices), by_group
