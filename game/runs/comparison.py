"""Your term among 1,000 simulated ones: the same level and role played by every built-in bot.

No pygame here. `simulate_games` plays the runs (split evenly among the bots in `game.bots.BOTS`, with fixed seeds
that never include the player's), `load_or_simulate` keeps the result as JSON in the cache folder, keyed by the
content hash, level, role, turns, run count and seeds, so a second debrief is instant, and `place` puts the
player's end-of-term metrics among the simulated ones. `Comparer` runs all of it in a background thread (which
hands the games to worker processes) so the debrief stays responsive while it works.
"""

from __future__ import annotations

import contextlib
import json
import multiprocessing
import os
import threading
from collections.abc import Callable
from concurrent.futures import CancelledError, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from game import paths
from game.bots import BOTS
from game.content.content_cache import load_checked
from game.content.loader import ContentSet
from game.runs import background
from game.runs.batch import run_batch
from game.session import meaning
from game.session.session import GameSession
from game.sim import MODEL_VERSION
from game.sim.metrics import metrics

# The metrics the debrief compares, and which way is better for the city, are declared in content (`metrics:` in
# state.yaml) and answered by game.session.meaning.
DEFAULT_RUNS = 1000
BASE_SEED = 7_000_000  # simulated games use seeds BASE_SEED, BASE_SEED + 1, …
OTHER_BASE_SEED = 8_000_000  # … or these, when the player's own seed falls among the first ones
CHUNK = 80  # games per batch handed to a worker: 1,000 games make one batch per bot (13); at 28 (36 batches)
# each batch's fixed cost (building the city, its warm-up, numpy's cost per call) made the comparison a third slower
BINS = 16  # histogram bins for the debrief's little distribution strip
# Bump when the bots play differently (the content hash does not see code): version 2, `spread` spends what
# `concentrated` does. The model's own version is kept beside it.
CACHE_VERSION = 2

Progress = Callable[[float], None]


def runs_wanted() -> int:
    """How many games to simulate: PLAZA_COMPARISON_RUNS (tests use a handful), else 1,000."""
    try:
        runs = int(os.environ.get("PLAZA_COMPARISON_RUNS", DEFAULT_RUNS))
    except ValueError:
        runs = DEFAULT_RUNS
    return max(len(BOTS), runs)


def seed_base(runs: int, avoid: int | None) -> int:
    """The first seed of the simulated games: their seeds never include `avoid` (the player's)."""
    if avoid is not None and BASE_SEED <= avoid < BASE_SEED + runs:
        return OTHER_BASE_SEED
    return BASE_SEED


def split(runs: int, bots: list[str]) -> list[int]:
    """Runs per bot, as even as possible (the first bots take one more when it does not divide)."""
    share, extra = divmod(runs, len(bots))
    return [share + (1 if i < extra else 0) for i in range(len(bots))]


@dataclass
class Simulated:
    """The simulated games' end-of-term metrics, per bot."""

    level: str
    role: str
    turns: int
    runs: int
    base: int
    content_hash: str
    values: dict[str, dict[str, list[float]]]  # bot -> metric -> one value per game

    @property
    def bots(self) -> list[str]:
        return list(self.values)

    def all(self, metric: str) -> np.ndarray:
        return np.concatenate([np.asarray(v[metric], dtype=float) for v in self.values.values()])

    def to_dict(self) -> dict:
        return {
            "version": CACHE_VERSION,
            "model_version": MODEL_VERSION,
            "level": self.level,
            "role": self.role,
            "turns": self.turns,
            "runs": self.runs,
            "base": self.base,
            "content_hash": self.content_hash,
            "values": self.values,
        }

    @classmethod
    def from_dict(cls, data: dict) -> Simulated:
        if data.get("version") != CACHE_VERSION or data.get("model_version") != MODEL_VERSION:
            raise ValueError("old cache format, bots or model")
        return cls(
            data["level"],
            data["role"],
            int(data["turns"]),
            int(data["runs"]),
            int(data["base"]),
            data["content_hash"],
            {b: {m: [float(x) for x in v] for m, v in ms.items()} for b, ms in data["values"].items()},
        )


def play_chunk(
    content: ContentSet, level_id: str, role: str, bot: str, seeds: list[int], turns: int
) -> dict[str, list[float]]:
    """One batch of simulated games by one bot: its key metrics, one value per seed."""
    result = run_batch(content, level_id, role, bot, seeds, turns=turns)
    return {m: [float(x) for x in result.metrics[m]] for m in meaning.key_metrics(content)}


_worker_content: ContentSet | None = None  # the content a worker process loaded once, in `start_worker`


def start_worker(source_paths: list[str], content_hash: str) -> None:
    """Load the game's content once in a worker process. Content edited on disk since the game loaded it (without
    F5) is not what the game is playing: the worker then refuses every batch, and the game plays them itself."""
    global _worker_content
    if hasattr(os, "nice"):  # background work: the game's own screens come first (no such call on Windows)
        with contextlib.suppress(OSError):
            os.nice(10)
    loaded = load_checked(source_paths or None).content  # as the game checked it: from the user's cache
    _worker_content = loaded if loaded is not None and loaded.content_hash == content_hash else None


def play_chunk_in_worker(level_id: str, role: str, bot: str, seeds: list[int], turns: int) -> dict[str, list[float]]:
    if _worker_content is None:
        raise RuntimeError("the content on disk changed since the game loaded it")
    return play_chunk(_worker_content, level_id, role, bot, seeds, turns)


def chunks(runs: int, base: int) -> list[tuple[str, list[int]]]:
    """The simulated games as (bot, seeds) batches of at most CHUNK runs, bots in order, seeds consecutive."""
    out, start = [], 0
    for bot, count in zip(BOTS, split(runs, list(BOTS)), strict=True):
        for first in range(0, count, CHUNK):
            out.append((bot, list(range(base + start + first, base + start + min(first + CHUNK, count)))))
        start += count
    return out


def worker_count() -> int:
    """Worker processes for the comparison: one per core, at most 4, at least 1; PLAZA_COMPARISON_WORKERS sets it
    (0 plays the games in this process)."""
    try:
        return max(0, int(os.environ["PLAZA_COMPARISON_WORKERS"]))
    except (KeyError, ValueError):
        return max(1, min(4, os.cpu_count() or 1))


class Cancelled(Exception):
    """The comparison was stopped before it finished (the game is closing)."""


class Cancel:
    """A way to stop `simulate_games` from another thread: it plays no further batch once set, and a worker pool
    drops the batches it has not begun (those under way finish, a second or so)."""

    def __init__(self) -> None:
        self._set = threading.Event()
        self._pool: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()

    def set(self) -> None:
        with self._lock:
            self._set.set()
            if self._pool is not None:
                self._pool.shutdown(wait=False, cancel_futures=True)

    def attach(self, pool: ProcessPoolExecutor) -> None:
        """The pool playing the batches: set() drops what it has not begun (at once, if already set)."""
        with self._lock:
            self._pool = pool
            if self._set.is_set():
                pool.shutdown(wait=False, cancel_futures=True)

    def check(self) -> None:
        if self._set.is_set():
            raise Cancelled


def simulate_games(
    content: ContentSet,
    level_id: str,
    role: str,
    turns: int,
    runs: int,
    *,
    avoid_seed: int | None = None,
    progress: Progress | None = None,
    workers: int | None = None,
    cancel: Cancel | None = None,
) -> Simulated:
    """Play `runs` games of the level and role, split evenly among the built-in bots, with fixed seeds.

    The games run in worker processes: their memory goes back to the system when they end, instead of staying in
    the game's own process, and two cores finish in about half the time. A run's result does not depend on the
    batch or the process it ran in, so the figures are the same either way. Once `cancel` is set it raises
    Cancelled instead of finishing."""
    cancel = cancel or Cancel()
    base = seed_base(runs, avoid_seed)
    batches = chunks(runs, base)
    names = meaning.key_metrics(content)
    values: dict[str, dict[str, list[float]]] = {bot: {m: [] for m in names} for bot, _ in batches}
    found: list[dict[str, list[float]] | None] = [None] * len(batches)
    done = 0

    def finished(i: int, metrics_of: dict[str, list[float]]) -> None:
        nonlocal done
        found[i] = metrics_of
        done += len(batches[i][1])
        if progress:
            progress(done / runs)

    workers = worker_count() if workers is None else workers
    if workers > 0:
        try:
            context = multiprocessing.get_context("spawn")  # a fresh interpreter: no window, no threads copied
            with ProcessPoolExecutor(
                max_workers=workers,
                mp_context=context,
                initializer=start_worker,
                initargs=([str(p) for p in content.source_paths], content.content_hash),
            ) as pool:
                futures = {
                    pool.submit(play_chunk_in_worker, level_id, role, bot, seeds, turns): i
                    for i, (bot, seeds) in enumerate(batches)
                }
                cancel.attach(pool)
                for future in as_completed(futures):
                    cancel.check()
                    try:
                        found_now = future.result()
                    except CancelledError:
                        raise Cancelled from None
                    finished(futures[future], found_now)
        except (OSError, RuntimeError, BrokenProcessPool):  # no worker processes here: play the games in this one
            done = 0
            found = [None] * len(batches)
    for i, (bot, seeds) in enumerate(batches):
        if found[i] is None:
            cancel.check()
            finished(i, play_chunk(content, level_id, role, bot, seeds, turns))
    for (bot, _), metrics_of in zip(batches, found, strict=True):
        assert metrics_of is not None  # every batch was played, in a worker or here
        for m in names:
            values[bot][m] += metrics_of[m]
    if progress:
        progress(1.0)
    return Simulated(level_id, role, turns, runs, base, content.content_hash, values)


def cache_file(content_hash: str, level_id: str, role: str, turns: int, runs: int, base: int) -> Path:
    return paths.cache_dir() / f"comparison-{content_hash[:16]}-{level_id}-{role}-t{turns}-n{runs}-s{base}.json"


def load_or_simulate(
    content: ContentSet,
    level_id: str,
    role: str,
    turns: int,
    runs: int | None = None,
    *,
    avoid_seed: int | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> tuple[Simulated, bool]:
    """The simulated games from the cache when they are there, else played now and cached. (result, from cache)"""
    runs = runs or runs_wanted()
    base = seed_base(runs, avoid_seed)
    path = cache_file(content.content_hash, level_id, role, turns, runs, base)
    with contextlib.suppress(OSError, ValueError, KeyError, TypeError):
        sim = Simulated.from_dict(json.loads(path.read_text(encoding="utf-8")))
        if (sim.level, sim.role, sim.turns, sim.runs, sim.base, sim.content_hash) == (
            level_id,
            role,
            turns,
            runs,
            base,
            content.content_hash,
        ):
            if progress:
                progress(1.0)
            return sim, True
    sim = simulate_games(content, level_id, role, turns, runs, avoid_seed=avoid_seed, progress=progress, cancel=cancel)
    with contextlib.suppress(OSError):  # a read-only disk only costs the next debrief the wait
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(sim.to_dict()), encoding="utf-8")
        tmp.replace(path)
    return sim, False


def player_metrics(session: GameSession) -> dict[str, float]:
    """The end-of-term metrics of the player's own game, as the simulations measure theirs."""
    found = metrics(session.model.state)
    return {name: float(values[session.run]) for name, values in found.items()}


@dataclass
class Placement:
    """Where the player's value of one metric sits among the simulated games."""

    metric: str
    player: float
    percentile: float  # % of simulated games with a lower value (ties count half)
    better_than: float  # % of simulated games the player did better than on this metric (ties count half)
    median: float
    p10: float
    p90: float
    best_bot: str  # the bot whose games did best on it (by median)
    best_bot_median: float
    good_when: str  # "higher" or "lower" (game.session.meaning)
    histogram: list[int] = field(default_factory=list)  # counts of simulated games per bin, from lo to hi
    player_bin: int = 0
    lo: float = 0.0  # the histogram's range: the lowest and highest of the simulated games and the player's
    hi: float = 0.0

    @property
    def higher_is_better(self) -> bool:
        return self.good_when == meaning.HIGHER


def percentile_of(values: np.ndarray, x: float) -> float:
    """% of `values` below `x`, ties counting half (0–100)."""
    values = np.asarray(values, dtype=float)
    if values.size == 0:
        return 50.0
    below = float(np.sum(values < x - 1e-12))
    ties = float(np.sum(np.abs(values - x) <= 1e-12))
    return 100.0 * (below + ties / 2) / values.size


def place(
    sim: Simulated,
    player: dict[str, float],
    names: tuple[str, ...] | None = None,
    meanings: meaning.Meanings | None = None,
) -> list[Placement]:
    """Where the player's game sits on each metric (by default the key metrics), judged the way the content's
    declarations say (by default the shipped ones)."""
    meanings = meanings or meaning.shipped()
    out = []
    for name in meanings.key_metrics() if names is None else names:
        values = sim.all(name)
        x = float(player[name])
        pct = percentile_of(values, x)
        direction = meanings.good_when(name)
        higher = direction == meaning.HIGHER
        medians = {bot: float(np.median(v[name])) for bot, v in sim.values.items() if v[name]}
        best = min(medians, key=lambda b: (-medians[b] if higher else medians[b], sim.bots.index(b)))
        lo, hi = float(min(values.min(), x)), float(max(values.max(), x))
        width = (hi - lo) or 1.0
        edges = np.linspace(lo, lo + width, BINS + 1)
        counts, _ = np.histogram(values, bins=edges)
        player_bin = min(BINS - 1, max(0, int(np.searchsorted(edges, x, side="right")) - 1))
        out.append(
            Placement(
                metric=name,
                player=x,
                percentile=pct,
                better_than=pct if higher else 100.0 - pct,
                median=float(np.median(values)),
                p10=float(np.percentile(values, 10)),
                p90=float(np.percentile(values, 90)),
                best_bot=best,
                best_bot_median=medians[best],
                good_when=direction,
                histogram=[int(c) for c in counts],
                player_bin=player_bin,
                lo=lo,
                hi=hi,
            )
        )
    return out


class Comparer:
    """Runs `load_or_simulate` in a daemon thread; the debrief polls `done`, `progress` and `result`."""

    def __init__(
        self,
        content: ContentSet,
        level_id: str,
        role: str,
        turns: int,
        *,
        runs: int | None = None,
        avoid_seed: int | None = None,
    ):
        self.args = (content, level_id, role, turns)
        self.runs = runs or runs_wanted()
        self.avoid_seed = avoid_seed
        self.progress = 0.0
        self.result: Simulated | None = None
        self.cached = False
        self.error: str = ""
        self.done = threading.Event()
        self.thread: threading.Thread | None = None
        self.cancel = Cancel()
        self._stop_key = 0

    def start(self) -> Comparer:
        """Play (or read) the games in a thread; the game stops it as it closes (game.runs.background)."""
        self._stop_key = background.register(self.cancel.set)
        self.thread = threading.Thread(target=self._work, name="plaza-comparison", daemon=True)
        self.thread.start()
        return self

    def _work(self) -> None:
        try:
            self.result, self.cached = load_or_simulate(
                *self.args, self.runs, avoid_seed=self.avoid_seed, progress=self._progress, cancel=self.cancel
            )
        except Cancelled:
            self.error = "cancelled"
        except Exception as exc:  # the debrief says what went wrong instead of crashing
            self.error = f"{type(exc).__name__}: {exc}"
        finally:
            background.forget(self._stop_key)
            self.progress = 1.0
            self.done.set()

    def _progress(self, share: float) -> None:
        self.progress = max(self.progress, min(1.0, share))

    def wait(self, timeout: float | None = None) -> bool:
        return self.done.wait(timeout)
