"""Time to validate all shipped content: in process (load + checks) and as the `plaza validate` command.

uv run python bench/validate_content.py [--repeat N]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game.content.loader import load_content  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()

    times = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        result = load_content()
        times.append(time.perf_counter() - start)
    c = result.content
    print(
        f"shipped content: {len(c.files)} files, {len(c.levels)} levels, {len(c.events)} events, "
        f"{len(c.measures)} measures, {sum(len(v) for v in c.state.values())} state values, "
        f"{len(c.parameters)} parameters, {len(c.strings)} strings, {len(c.conditions)} compiled conditions; "
        f"{len(result.errors)} errors, {len(result.diagnostics) - len(result.errors)} warnings"
    )
    print(
        f"in process, load + check: first {times[0] * 1000:.1f} ms, median {statistics.median(times) * 1000:.1f} ms"
        f" over {args.repeat} runs"
    )

    walls = []
    for _ in range(3):
        start = time.perf_counter()
        subprocess.run([sys.executable, str(ROOT / "main.py"), "validate"], cwd=ROOT, capture_output=True, check=False)
        walls.append(time.perf_counter() - start)
    print(
        f"`plaza validate` command, wall time including interpreter start: median "
        f"{statistics.median(walls) * 1000:.0f} ms over 3 runs"
    )


if __name__ == "__main__":
    main()
