"""The same seed gives the same game on every processor numpy runs on.

numpy picks some of its routines by what the processor offers (AVX-512, AVX2, or neither): its default sort breaks
ties in another order, and its exp and power can differ in the last bit. A class's logs are written on the
students' machines and replayed on the teacher's, so a game must not depend on that choice. Until model version 18
the households who start out watching were picked by an unstable sort of thresholds that tie at 0: with and
without AVX-512 the same seed began a different city (every hot_valley game differed by quarter 40).

The second test plays the same games in a process where numpy may use none of the extensions this processor has
(`NPY_DISABLE_CPU_FEATURES`), and compares what a replay compares: each value rounded to 6 decimals, and the
households' yes/no states.
"""

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from game.sim.state import ranks

# Which extensions numpy dispatches on, and which this processor has (numpy's own table; not public API, so a
# numpy that moves it skips the second test rather than failing to collect)
try:
    from numpy._core._multiarray_umath import __cpu_dispatch__, __cpu_features__
except ImportError:  # pragma: no cover
    __cpu_dispatch__, __cpu_features__ = [], {}

ROOT = Path(__file__).resolve().parent.parent

GAMES = """
import hashlib
import numpy as np
from game.content.loader import load_content
from game.runs.batch import run_batch

content = load_content().content
box = {}
run_batch(content, "hot_valley", "official", "status_quo", list(range(12)), turns=12,
          on_start=lambda s: box.setdefault("model", s.model))
state = box["model"].state
digest = hashlib.sha1()
for name in sorted(state.values):
    digest.update(np.round(state.values[name], 6).tobytes())
for field in ("fear", "willing", "watch", "lock", "present", "protest", "gated"):
    digest.update(getattr(state.households, field).tobytes())
print(digest.hexdigest())
"""


def test_tied_values_are_ranked_in_the_order_they_come():
    rng = np.random.default_rng(3)
    x = np.where(rng.random((4, 7, 200)) < 0.3, 0.0, rng.random((4, 7, 200)))
    places = ranks(x)
    tied = x == 0
    for row, flags in zip(places.reshape(-1, 200), tied.reshape(-1, 200), strict=True):
        assert list(row[flags]) == list(range(flags.sum()))  # the first zero first, and so on
    assert np.array_equal(np.sort(places, axis=-1), np.broadcast_to(np.arange(200), places.shape))


def _digest(env: dict[str, str]) -> str:
    done = subprocess.run(
        [sys.executable, "-c", GAMES], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_a_game_is_the_same_without_the_processors_vector_extensions():
    found = [name for name in __cpu_dispatch__ if __cpu_features__.get(name)]
    if not found:
        pytest.skip("numpy names no extension it dispatches on that this processor has")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    plain = {**env, "NPY_DISABLE_CPU_FEATURES": " ".join(found)}
    assert _digest(plain) == _digest(env), f"a game differs when numpy may not use {', '.join(found)}"
