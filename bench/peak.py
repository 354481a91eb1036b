"""Run the `plaza` command in a child process and read its own peak memory (shared by the bench scripts).

The child reports VmHWM, which belongs to its new process image; ru_maxrss read by the parent would include the
parent's own memory at the moment of the fork. Worker processes are reported separately (their largest peak).
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHILD = """
import re, resource, sys
from game.cli import main
code = main(sys.argv[1:])
peak = re.search(r"VmHWM:\\s+(\\d+) kB", open("/proc/self/status").read())
workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
sys.stderr.write(f"PEAK {int(peak.group(1)) if peak else 0} {workers}\\n")
sys.exit(code)
"""


def run_plaza(args: list[str], env: dict[str, str] | None = None) -> tuple[int, float, float, float]:
    """(exit code, wall seconds, peak MB of the command, peak MB of its largest worker process); `env`: the
    child's environment (default: this process's)."""
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-c", CHILD, *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        check=False,
    )
    wall = time.perf_counter() - start
    found = re.search(r"PEAK (\d+) (\d+)", proc.stderr)
    main_kb, worker_kb = (int(found.group(1)), int(found.group(2))) if found else (0, 0)
    return proc.returncode, wall, main_kb / 1024, worker_kb / 1024
