"""Wall time and peak memory of `plaza validate` on every hostile input (anchors-authoring §5).

Target: each gives located diagnostics and exit code 1 within 2 s and under 200 MB.

    uv run python bench/hostile_inputs.py
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.peak import run_plaza  # noqa: E402
from tests.hostile_cases import CASES  # noqa: E402

STATE = ROOT / "tests" / "fixtures" / "mini" / "state.yaml"


def run(path: Path) -> tuple[int, float, float]:
    code, wall, peak, _ = run_plaza(["validate", "--standalone", str(STATE), str(path)])
    return code, wall, peak


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
    print(
        f"\n{len(CASES)} cases; slowest {worst_time:.2f} s, largest peak memory {worst_mem:.1f} MB "
        f"(targets: 2 s, 200 MB); {len(failures)} over target"
    )


if __name__ == "__main__":
    main()
