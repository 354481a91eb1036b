"""Bounds on what a phone may send: request sizes, and how often (a token bucket per client address, per device
and for wrong session codes), so one device cannot flood the teacher's machine or guess the code by trying.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

MAX_BODY = 2048  # bytes: a join or a vote is a few dozen
MAX_TEXT = 64  # characters of any text field (a code, a group's label)
MAX_WS_MESSAGE = 1024  # bytes a phone may send on its WebSocket (it sends only pings)


@dataclass(frozen=True)
class Limits:
    """Requests allowed: `per_address` every `window` seconds from one network address (a school's phones each have
    their own), `per_device` from one device's token, `wrong_codes` failed joins from one address."""

    per_address: int = 120
    per_device: int = 30
    wrong_codes: int = 10
    window: float = 60.0
    max_devices: int = 400  # a class, several classes at most


class Buckets:
    """Token buckets by key: each holds up to `size` requests and refills at size/window per second."""

    def __init__(self, size: int, window: float, clock: Callable[[], float] = time.monotonic, keep: int = 5000):
        self.size, self.rate, self.clock, self.keep = size, size / window, clock, keep
        self._buckets: dict[str, tuple[float, float]] = {}  # key -> (tokens, when)

    def take(self, key: str) -> bool:
        now = self.clock()
        tokens, when = self._buckets.get(key, (float(self.size), now))
        tokens = min(float(self.size), tokens + (now - when) * self.rate)
        if len(self._buckets) >= self.keep and key not in self._buckets:
            self._buckets.clear()  # a flood of new keys: forget them all rather than grow without end
        if tokens < 1.0:
            self._buckets[key] = (tokens, now)
            return False
        self._buckets[key] = (tokens - 1.0, now)
        return True
