"""Wall time and peak memory of `plaza validate` on every hostile input (anchors-authoring §5).

Target: each gives located diagnostics and exit code 1 within 2 s and under 200 MB.

    uv run python bench/hostile_inputs.py
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.hostile_cases import CASES  # noqa: E402

STATE = ROOT / "tests" / "fixtures" / "mini" / "state.yaml"


# The child reports its own peak (VmHWM belongs to the new process image; ru_maxrss would include the memory of
# this parent, which holds the 50 MB case, at the moment of the fork).
CHILD = """
import re, sys
from game.cli import main
code = main(sys.argv[1:])
peak = re.search(r"VmHWM:\\s+(\\d+) kB", open("/proc/self/status").read())
sys.stderr.write(f"PEAK {int(peak.group(1)) if peak else 0}\\n")
sys.exit(code)
"""


def run(path: Path) -> tuple[int, float, float]:
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", CHILD, "validate", "--standalone", str(STATE), str(path)],
                          cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=False)
    wall = time.perf_counter() - start
    peak = next((int(line.split()[1]) for line in proc.stderr.splitlines() if line.startswith("PEAK ")), 0)
    return proc.returncode, wall, peak / 1024


def main() -> None:
    worst_time = worst_mem = 0.0
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        print(f"{'case':45} {'exit':>4} {'time s':>7} {'peak MB':>8}")
        for name, data, _code in CASES:
            path = Path(tmp) / "case.yaml"
            path.write_bytes(data)
            code, wall, mem = run(path)
            worst_time, worst_mem = max(worst_time, wall), max(worst_mem, mem)
            flag = "" if code == 1 and wall < 2 and mem < 200 else "  <-- over target"
            if flag:
                failures.append(name)
            print(f"{name[:45]:45} {code:>4} {wall:>7.2f} {mem:>8.1f}{flag}")
    print(f"\n{len(CASES)} cases; slowest {worst_time:.2f} s, largest peak memory {worst_mem:.1f} MB "
          f"(targets: 2 s, 200 MB); {len(failures)} over target")


if __name__ == "__main__":
    main()
