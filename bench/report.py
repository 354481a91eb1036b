"""The class report's speed: `plaza report` over a class of 40 bot logs (target: under 5 s, the whole command).

Writes a class with `game.classfiles.logs.write_bot_class` (one bot game per group, same seed for all) into a
temporary folder, then runs `plaza report FOLDER --out DIR` in a child process, as a teacher would, and prints
its wall time and peak memory, with the in-process split: reading the logs, replaying them and writing the page.

    uv run python bench/report.py [--groups 40] [--level border_city] [--role official] [--mode groups]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.peak import run_plaza  # noqa: E402
from game.classfiles.logs import read_class_logs, write_bot_class  # noqa: E402
from game.classfiles.session import new_session  # noqa: E402
from game.classroom.report import make_report  # noqa: E402
from game.content.loader import load_content  # noqa: E402

TARGET_S = 5.0


def write_class(content, folder: Path, groups: int, level: str, role: str, mode: str, seed: int) -> None:
    """A class of `groups` bot logs (one game each, the same seed) in `folder`, as `plaza report` reads them."""
    groups_named = [f"S{i:02d}" for i in range(1, groups + 1)]
    session = new_session(content, level, role, seed=seed, mode=mode, groups=groups_named)
    write_bot_class(content, session, folder)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--groups", type=int, default=40)
    parser.add_argument("--level", default="border_city")
    parser.add_argument("--role", default="official", choices=["official", "organizer"])
    parser.add_argument("--mode", default="groups", choices=["groups", "class_vote"])
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    content = load_content().content
    with tempfile.TemporaryDirectory(prefix="plaza-bench-report-") as tmp:
        folder = Path(tmp) / "logs"
        start = time.perf_counter()
        write_class(content, folder, args.groups, args.level, args.role, args.mode, args.seed)
        made = time.perf_counter() - start

        code, wall, peak_mb, _ = run_plaza(["report", str(folder), "--out", str(Path(tmp) / "out")])
        report_file = Path(tmp) / "out" / "report.html"
        size = report_file.stat().st_size if report_file.exists() else 0

        start = time.perf_counter()
        logs, problems = read_class_logs([folder], content)
        read = time.perf_counter() - start
        start = time.perf_counter()
        report = make_report(logs, content, "es", problems)
        built = time.perf_counter() - start

    print(
        f"class: {args.groups} logs of {args.level} ({args.role}, {args.mode}, seed {args.seed}), "
        f"written by bots in {made:.2f} s"
    )
    print(
        f"plaza report (child process, whole command): {wall:.2f} s, exit {code}, peak {peak_mb:.0f} MB, "
        f"report.html {size / 1024:.0f} KB — target < {TARGET_S:.0f} s: {'met' if wall < TARGET_S else 'MISSED'}"
    )
    print(
        f"  in process: read {read:.2f} s, replay + what if + page {built:.2f} s "
        f"({report.games} games, {len(report.whatifs)} what-if shown)"
    )
    return 0 if code == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
