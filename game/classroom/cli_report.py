"""`plaza report` (the class report, game.classroom.report) and `plaza whatif` (one choice made differently).

Exit codes as everywhere in `plaza`: 0 done; 1 done, but some files had problems (each named on stderr and at the
top of the report; the report covers every good log); 2 usage errors or nothing usable. No traceback for bad input.
Nothing given is ever written to: the report goes to `--out DIR/report.html`, or `report-2.html`, `report-3.html`…
when a different report is already there.
"""

from __future__ import annotations

import atexit
import gc
import sys
from pathlib import Path

from game.classroom.cli_classroom import teacher_language
from game.classroom.report_files import write_new
from game.cli_language import cli_texts
from game.cli_support import shipped_content

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
YOUNG_COLLECTION_AFTER = 20_000  # allocations (Python's default: 700)


def register(sub) -> None:
    """Add `report` and `whatif` to the `plaza` subcommands."""
    rep = sub.add_parser(
        "report",
        help="write the class report (one printable HTML page) from a class's logs",
        description="Read the decision logs in the given files and folders, replay them, and write "
        "one self-contained HTML page that follows the debriefing phases: what happened, how the "
        "choices split, outcomes, the paper's dynamics, a what if, discussion prompts and an exit "
        "ticket. Games are compared within one scenario (level, role, seed, quarters); logs of "
        "other seeds are reported separately in the same page, logs of another level or other "
        "content are skipped and named. Exit 0: every log is in the report; 1: some files had "
        "problems (named on stderr and in the report); 2: no usable log.",
    )
    rep.add_argument("logs", nargs="+", metavar="LOGS_OR_FOLDERS", help="log files or folders of logs")
    rep.add_argument(
        "--out",
        required=True,
        metavar="DIR",
        help="folder for report.html (created if needed; an existing different report is kept and "
        "the new one is report-2.html, report-3.html…)",
    )
    rep.add_argument(
        "--lang",
        choices=["es", "en"],
        default=None,
        help="the report's language (default: the command line's: PLAZA_LANG, else your system's language)",
    )

    wif = sub.add_parser(
        "whatif",
        help="replay a log with another option for one event",
        description="Replay LOG with OPTION taken for EVENT in turn N, then with the log's later "
        "choices wherever they still apply (otherwise the bot's choice, or the first open option), "
        "and compare the end of both games. Exit 0: done; 2: the log, turn, event or option "
        "cannot be used (the message says why).",
    )
    wif.add_argument("log", metavar="LOG", help="a decision log (.jsonl)")
    wif.add_argument("--turn", required=True, type=int, metavar="N", help="the quarter of the choice")
    wif.add_argument("--event", required=True, metavar="E", help="the event's id (as in the log)")
    wif.add_argument("--option", required=True, metavar="O", help="the option to take instead")
    wif.add_argument("--out", metavar="FILE.html", help="also write the comparison as an HTML page")
    wif.add_argument(
        "--lang",
        choices=["es", "en"],
        default=None,
        help="the page's language (default: the command line's: PLAZA_LANG, else your system's language)",
    )


def run(args) -> int:
    if args.command == "report":
        return cmd_report(args)
    return cmd_whatif(args)


def cmd_report(args) -> int:
    args.lang = args.lang or teacher_language(args)
    content = _unwatched(lambda: shipped_content(cli_texts(args.lang)))
    if content is None:
        return EXIT_USAGE
    # The modules and the content live as long as the command: the cyclic collector's full passes need not walk
    # them again while the games are replayed (given back to it at the end, for a caller that goes on).
    gc.freeze()
    atexit.register(gc.freeze)  # and none at all when the process ends (~0.08 s): the system takes the memory back
    # The replay's objects mostly live on (sessions, records, trajectories): fewer young passes over them (~30 ms).
    threshold = gc.get_threshold()
    gc.set_threshold(YOUNG_COLLECTION_AFTER, *threshold[1:])
    try:
        return _report(args, content)
    finally:
        gc.set_threshold(*threshold)
        gc.unfreeze()


def _unwatched(load):
    """load(), with the cyclic collector paused: reading the kept content back makes no garbage, and a full pass
    over the half-read content (~20 ms) would find none."""
    was = gc.isenabled()
    gc.disable()
    try:
        return load()
    finally:
        if was:
            gc.enable()


def _report(args, content) -> int:
    from game.classfiles.logs import read_class_logs
    from game.classfiles.problems import say
    from game.classroom.report import make_report
    from game.classroom.report_data import Texts

    t = Texts(content, args.lang)
    out = Path(args.out)
    if out.exists() and not out.is_dir():
        print(t("class_cli.report.not_folder", folder=out), file=sys.stderr)
        return EXIT_USAGE
    logs, problems = read_class_logs(args.logs, content)
    if not logs:
        for p in problems:
            print(f"plaza report: {say(p, content.strings, t.lang)}", file=sys.stderr)
        print(t("class_cli.report.nothing"), file=sys.stderr)
        return EXIT_USAGE
    report = make_report(logs, content, args.lang, problems)
    try:
        out.mkdir(parents=True, exist_ok=True)
        target, fresh = write_new(out / "report.html", report.html)
    except OSError as exc:
        print(t("class_cli.report.cannot_write", folder=out, detail=exc.strerror or exc), file=sys.stderr)
        return EXIT_USAGE
    for p in report.problems:
        print(f"plaza report: {say(p, content.strings, t.lang)}", file=sys.stderr)
    if report.games == 0:
        print(t("class_cli.report.none_replayed"), file=sys.stderr)
    lines = [t("class_cli.report.wrote" if fresh else "class_cli.report.unchanged", file=target, count=report.games)]
    if report.scenarios > 1:
        lines.append(t("class_cli.report.scenarios", count=report.scenarios))
    if report.problems:
        lines.append(t("class_cli.report.problems", count=len(report.problems)))
    print(" ".join(lines))
    if report.games == 0:
        return EXIT_USAGE
    return EXIT_PROBLEMS if report.problems else EXIT_OK


def cmd_whatif(args) -> int:
    from game.classfiles.logs import read_class_logs
    from game.classfiles.problems import say
    from game.classroom.report import fmt_metric, signed_metric, whatif_page
    from game.classroom.report_data import Texts
    from game.runs.whatif import WhatIfError, whatif
    from game.session import meaning

    args.lang = args.lang or teacher_language(args)
    content = shipped_content(cli_texts(args.lang))
    if content is None:
        return EXIT_USAGE
    t = Texts(content, args.lang)
    path = Path(args.log)
    if path.is_dir():
        print(t("class_cli.whatif.folder", path=path), file=sys.stderr)
        return EXIT_USAGE
    logs, problems = read_class_logs([path], content, verify=True)
    if not logs:
        for p in problems:
            print(f"plaza whatif: {say(p, content.strings, t.lang)}", file=sys.stderr)
        return EXIT_USAGE
    for p in problems:  # a cut-off last line: noted, the complete turns are used
        print(t("class_cli.whatif.note", problem=say(p, content.strings, t.lang)), file=sys.stderr)
    log = logs[0]
    try:
        w = whatif(content, log, args.turn, args.event, args.option)
    except WhatIfError as exc:  # told from its kind and facts; the ids stay as the log has them
        print(_whatif_problem(exc, t, content.strings), file=sys.stderr)
        return EXIT_USAGE
    h = log.header
    keys = meaning.key_metrics(content)
    names = {m: t(f"class_report.metric.{m}") if f"class_report.metric.{m}" in content.strings else m for m in keys}
    where = t("class_cli.whatif.in_district", district=w.district) if w.district else ""
    print(
        t(
            "class_cli.whatif.head",
            group=log.group,
            level=h["level"],
            role=h["role"],
            seed=h["seed"],
            turn=w.turn,
            event=w.event,
            where=where,
            taken=w.taken,
            instead=w.instead,
        )
    )
    played, instead, difference = (t(f"class_cli.whatif.{k}") for k in ("as_played", "what_if", "difference"))
    print(f"{'':40} {played:>14} {instead:>14} {difference:>12}")
    for m in keys:
        a, b = w.original.end[m], w.alternative.end[m]
        unit = meaning.unit(content, m)
        print(
            f"{names[m]:40} {fmt_metric(unit, a):>14} {fmt_metric(unit, b):>14} "
            f"{signed_metric(unit, b - a) if a != b else '=':>12}"
        )
    first = w.first_difference()
    if first is None:
        print(t("class_cli.whatif.same"))
    else:
        if w.fallbacks:
            by = "bot" if h.get("bot") else "first"
            print(
                t("class_cli.whatif.part_ways", turn=first)
                + t(f"class_cli.whatif.fallbacks_{by}", count=len(w.fallbacks))
            )
        else:
            print(t("class_cli.whatif.part_ways_only", turn=first))
    if args.out:
        target_path = Path(args.out)
        try:
            target_path.parent.mkdir(parents=True, exist_ok=True)
            target, fresh = write_new(target_path, whatif_page(content, log, w, args.lang))
        except OSError as exc:
            print(t("class_cli.whatif.cannot_write", file=target_path, detail=exc.strerror or exc), file=sys.stderr)
            return EXIT_USAGE
        print(t("class_cli.whatif.wrote" if fresh else "class_cli.whatif.unchanged", file=target))
    return EXIT_OK


def _whatif_problem(exc, t, strings) -> str:
    """Why `plaza whatif` cannot play the what-if asked, in the teacher's words, from the error's kind and facts
    (game.runs.whatif checks the turn, event and option; this only says it)."""
    key = f"class_cli.whatif.{exc.kind}"
    return t(key, **exc.facts) if exc.kind and key in strings else t("class_cli.whatif.cannot", detail=exc)
