"""The class report's speed: `plaza report` over a class of 40 bot logs (issue 17's target: 1.0 s, the whole
command), beside an empty Python start measured in the same run.

Writes a class with `game.classfiles.logs.write_bot_class` (one bot game per group, same seed for all) into a
temporary folder, then runs `plaza report FOLDER --out DIR` in child processes, as a teacher would: one untimed
run first (it writes the compiled bytecode and keeps the checked content in the run's own PLAZA_HOME, as on a
teacher's machine after the first command), then `--repeats` timed runs, each followed by an empty Python start
(`python -c pass`), so both see the same load. Prints the medians of wall and processor time (on a machine shared
with other work, compare the processor times), the peak memory of one more run, and the in-process split:
reading the logs, replaying them with the what-ifs the report tries (one batch), and the phases and the page
(the rest of `make_report`: the what-if chosen, the charts, the templates).

    uv run python bench/report.py [--groups 40] [--level border_city] [--role official] [--mode groups] [--repeats 5]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.peak import run_plaza  # noqa: E402
from bench.startup import EMPTY, PLAZA, child_env, medians, run_once  # noqa: E402
from game.classfiles.logs import read_class_logs, write_bot_class  # noqa: E402
from game.classfiles.session import new_session  # noqa: E402
from game.classroom.report import make_report  # noqa: E402
from game.classroom.report_data import gather  # noqa: E402
from game.classroom.report_whatif import whatif_tries  # noqa: E402
from game.content.loader import load_content  # noqa: E402

TARGET_S = 1.0


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
    parser.add_argument("--repeats", type=int, default=5, help="timed runs of each (default 5)")
    args = parser.parse_args()

    content = load_content().content
    with tempfile.TemporaryDirectory(prefix="plaza-bench-report-") as tmp:
        folder, out = Path(tmp) / "logs", Path(tmp) / "out"
        env = child_env(Path(tmp) / "home")
        start = time.perf_counter()
        write_class(content, folder, args.groups, args.level, args.role, args.mode, args.seed)
        made = time.perf_counter() - start

        argv = [*PLAZA, "report", str(folder), "--out", str(out)]
        run_once(argv, env)  # untimed: bytecode and the checked content, as after a teacher's first command
        run_once(EMPTY, env)
        runs, empty = [], []
        for _ in range(args.repeats):  # alternating, so both see the same load
            shutil.rmtree(out, ignore_errors=True)  # each run writes its report.html anew
            runs.append(run_once(argv, env))
            empty.append(run_once(EMPTY, env))
        (wall, cpu), (empty_wall, empty_cpu) = medians(runs), medians(empty)

        shutil.rmtree(out, ignore_errors=True)
        code, _, peak_mb, _ = run_plaza(argv[3:], env)
        report_file = out / "report.html"
        size = report_file.stat().st_size if report_file.exists() else 0

        start = time.process_time()
        logs, problems = read_class_logs([folder], content)
        read = time.process_time() - start
        start = time.process_time()
        gather(logs, content, list(problems), lambda scenarios: whatif_tries(content, scenarios))
        replayed = time.process_time() - start
        start = time.process_time()
        report = make_report(logs, content, "es", problems)
        built = time.process_time() - start

    print(
        f"class: {args.groups} logs of {args.level} ({args.role}, {args.mode}, seed {args.seed}), "
        f"written by bots in {made:.2f} s"
    )
    print(
        f"plaza report (whole command, median of {args.repeats}): {wall:.2f} s ({cpu:.2f} s cpu), exit {code}, "
        f"peak {peak_mb:.0f} MB, report.html {size / 1024:.0f} KB — target ≤ {TARGET_S:.1f} s: "
        f"{'met' if wall <= TARGET_S else 'MISSED'}"
    )
    print(f"  bare baseline, same run: empty Python start {empty_wall:.3f} s ({empty_cpu:.3f} s cpu)")
    page = max(built - replayed, 0.0)  # make_report replays the class again: what it adds (both carry noise)
    print(
        f"  in process (cpu): read {read:.2f} s, replay with the what-ifs tried {replayed:.2f} s, "
        f"phases and page {page:.2f} s ({report.games} games, {len(report.whatifs)} what-if shown)"
    )
    return 0 if code == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
