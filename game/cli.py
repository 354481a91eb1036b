"""The `plaza` command line: `plaza validate`, `plaza schema` (and, later, the game itself).

Exit codes: 0 success (warnings allowed), 1 problems found in the input, 2 usage errors.
No command ever prints a traceback for bad input.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from game import __version__
from game.cli_support import is_level_path, level_file_content, shipped_content
from game.roles import ROLES

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # usage errors: short message, exit 2 (argparse's own convention)
        self.print_usage(sys.stderr)
        print(f"plaza: {message}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


# Commands whose parsers live in other modules; importing them costs time, so only a command that needs them
# (or help, or a word no light command knows) imports them.
CLASS_COMMANDS = ("classroom",)
REPORT_COMMANDS = ("report", "whatif")
LIGHT_COMMANDS = ("validate", "schema", "simulate", "play", "replay", "lsp")


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser of every command; given the `command` word of the line, only what that command needs."""
    parser = _Parser(prog="plaza", description="Plaza — a serious game about the coproduction of public safety.")
    parser.add_argument("--version", action="version", version=f"plaza {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    val = sub.add_parser(
        "validate",
        help="check content files and print located diagnostics",
        description="Check content and level files. Without PATH: the shipped content/ and "
        "levels/. Given paths are checked together with the shipped content/ (so a new level "
        "can use the shipped events), and only problems in the given files are shown.",
    )
    val.add_argument("paths", nargs="*", metavar="PATH", help="files or folders to check")
    val.add_argument("--json", action="store_true", help="print the diagnostics as JSON")
    val.add_argument(
        "--standalone", action="store_true", help="check the given paths alone, without the shipped content/"
    )

    sch = sub.add_parser(
        "schema",
        help="export a JSON Schema for each kind of content file",
        description="Export JSON Schemas for editors (VS Code's YAML extension and others). "
        "Without --out, print them as one JSON object.",
    )
    sch.add_argument(
        "--out", metavar="DIR", help="write <kind>.schema.json files, and content.schema.json for any kind, into DIR"
    )

    sim = sub.add_parser(
        "simulate",
        help="play many games with a bot and summarise the outcomes",
        description="Play RUNS games of LEVEL with a bot (run r uses seed S + r) and print the "
        "end-of-game metrics with 95% confidence intervals, and which events fired. Metrics are "
        "defined in docs/model.md.",
    )
    sim.add_argument(
        "level",
        nargs="?",
        metavar="LEVEL",
        help="a level id (see `plaza simulate --list-levels`), or a level file: it is played with the shipped "
        "content/ and the YAML files beside it (its events and measures)",
    )
    sim.add_argument("--role", choices=list(ROLES), default="official")
    sim.add_argument("--bot", default="status_quo", metavar="NAME", help="see --list-bots")
    sim.add_argument("--runs", type=_positive, default=100, metavar="N")
    sim.add_argument("--turns", type=_positive, default=None, metavar="T", help="default: the level's term")
    sim.add_argument("--seed", type=int, default=0, metavar="S")
    sim.add_argument("--json", action="store_true", help="print one JSON object")
    sim.add_argument("--log-dir", metavar="DIR", help="write each run's decision log into DIR")
    sim.add_argument("--list-bots", action="store_true", help="list the bots and exit")
    sim.add_argument("--list-levels", action="store_true", help="list the levels and exit")

    play = sub.add_parser(
        "play",
        help="open the game with your own level files or folders added to the shipped ones",
        description="Open the game with the shipped content and levels plus the given files or folders (a level "
        "you are writing, with its events). They are checked first: with errors, the located diagnostics are "
        "printed and the game does not open. In the game, F5 reads the same files again.",
    )
    play.add_argument("paths", nargs="+", metavar="PATH", help="level files or folders")

    rep = sub.add_parser(
        "replay",
        help="replay a decision log and check it gives the same game",
        description="Replay a decision log with the shipped content and compare every turn. "
        "Exit 0: identical; 1: the replay differs (the first difference is printed); "
        "2: the log is unreadable, malformed, or from other content or another level.",
    )
    rep.add_argument("logfile", metavar="LOGFILE", help="a .jsonl decision log")
    if command not in LIGHT_COMMANDS and command not in REPORT_COMMANDS:
        from game.classroom.cli_classroom import register as register_classroom

        register_classroom(sub)
    if command not in LIGHT_COMMANDS and command not in CLASS_COMMANDS:
        from game.classroom.cli_report import register as register_report

        register_report(sub)  # plaza report, plaza whatif
    lsp = sub.add_parser(
        "lsp",
        help="run the language server editors use to check content as you type",
        description="Run the Plaza language server for an editor: diagnostics as you type, completion, hover, go to "
        "definition, and how often each event fired in the last `plaza simulate`. See docs/authoring.md, "
        "'Live checking in your editor'.",
    )
    lsp.add_argument("--stdio", action="store_true", help="talk over standard input and output (the default)")
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = build_parser(_command_word(argv) if argv else "play")  # no words at all: the game, no class tools
    args = parser.parse_args(argv)
    try:
        if args.command == "validate":
            return cmd_validate(args)
        if args.command == "schema":
            return cmd_schema(args)
        if args.command == "simulate":
            return cmd_simulate(args)
        if args.command == "replay":
            return cmd_replay(args)
        if args.command == "classroom":
            from game.classroom.cli_classroom import run as run_classroom

            return run_classroom(args)
        if args.command in ("report", "whatif"):
            from game.classroom.cli_report import run as run_report

            return run_report(args)
        if args.command == "lsp":
            from game.lsp.server import main as run_lsp

            return run_lsp()
        if args.command == "play":
            return cmd_play(args)
        return cmd_game()
    except KeyboardInterrupt:
        print("plaza: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except OSError as exc:  # a folder or file the command was pointed at cannot be used
        where = f" ({exc.filename})" if getattr(exc, "filename", None) else ""
        print(f"plaza: {exc.strerror or exc}{where}", file=sys.stderr)
        return EXIT_PROBLEMS
    except Exception as exc:  # a bug: say so plainly; PLAZA_DEBUG=1 shows the details
        if os.environ.get("PLAZA_DEBUG"):
            raise
        print(
            f"plaza: internal error ({type(exc).__name__}: {exc}); run with PLAZA_DEBUG=1 for details and "
            "please report it",
            file=sys.stderr,
        )
        return 70


def _command_word(argv: list[str]) -> str | None:
    """The command a line names (its first word that is not an option), or None."""
    return next((a for a in argv if not a.startswith("-")), None)


def cmd_game() -> int:
    """No command: open the desktop game."""
    from game.ui.app import App
    from game.ui.scenes.classroom.actions import provide_report_maker

    provide_report_maker(_write_class_report)  # the Class session screen makes the class report with it
    return App().run()


def _write_class_report(content, folder: Path, out: Path, lang: str):
    """game.classroom.report_files.write_class_report, imported when a teacher makes a report: importing the class
    report's modules at launch cost a third of a second before the title showed."""
    from game.classroom.report_files import write_class_report

    return write_class_report(content, folder, out, lang)


def cmd_play(args) -> int:
    """The game with an author's files added: checked first, so a broken level is explained, not half-played."""
    from game.content.diagnostics import SourceLines, format_text
    from game.content.loader import default_paths, load_content

    result = load_content([*default_paths(), *args.paths])
    if result.errors:
        sources = SourceLines()
        for d in result.errors:
            print(format_text(d, sources), file=sys.stderr)
        print(f"plaza play: {len(result.errors)} errors; the game was not opened", file=sys.stderr)
        return EXIT_PROBLEMS
    from game.ui.app import App

    return App(result.content).run()


def cmd_validate(args) -> int:
    from game.content import check_cache
    from game.content.diagnostics import SourceLines, format_json, format_text
    from game.content.files import SHIPPED_CONTENT, SHIPPED_LEVELS, discover

    roots = ([] if args.standalone else [SHIPPED_CONTENT]) + list(args.paths) if args.paths else None
    listed, _ = discover(roots or [SHIPPED_CONTENT, SHIPPED_LEVELS])
    key = check_cache.key_for(listed, json.dumps({"paths": args.paths, "standalone": args.standalone}))
    cached = check_cache.load(key)
    if cached is None:  # unchanged files answer from the cache; otherwise check, and keep the verdict
        diagnostics, summary = _check_for_validate(args, roots)
        check_cache.store(key, diagnostics, summary)
    else:
        diagnostics, summary = cached
    files, unchecked = summary["files"], summary.get("not_checked")
    errors = sum(d.is_error for d in diagnostics)
    warnings = len(diagnostics) - errors
    if args.json:
        print(format_json(diagnostics, files=files, **({} if unchecked is None else {"not_checked": unchecked})))
    else:
        sources = SourceLines()
        for d in diagnostics:
            print(format_text(d, sources))
        if unchecked:
            from game.content.unchecked import describe

            print(
                f"not checked without the shipped content: {describe(unchecked)} "
                "(validate without --standalone to check them)"
            )
        line = (
            f"{files} file{'s' if files != 1 else ''} checked: {errors} error{'s' if errors != 1 else ''}, "
            f"{warnings} warning{'s' if warnings != 1 else ''}"
        )
        if "counts" in summary:
            n = summary["counts"]
            line += (
                f" ({n['levels']} levels, {n['events']} events, {n['measures']} measures, "
                f"{n['state']} state values, {n['parameters']} parameters, {n['strings']} strings)"
            )
        print(line)
    return EXIT_PROBLEMS if errors else EXIT_OK


def _check_for_validate(args, roots: list | None) -> tuple[list, dict]:
    """Load and check: the diagnostics `validate` shows, and the figures of its summary line."""
    from game.content.loader import Memo, discover, load_content
    from game.content.parse_cache import ParseCache

    summary: dict = {}
    memo = Memo(parsed=ParseCache())  # the files that did not change since the last run are not parsed again
    if args.paths:
        wanted, _ = discover(args.paths)
        result = load_content(roots, memo=memo)
        diagnostics = [d for d in result.diagnostics if _inside(d.where.path, args.paths)]
        summary["files"] = len(wanted)
        if args.standalone:
            from game.content.unchecked import not_checked

            summary["not_checked"] = not_checked(result.content, lambda path: _inside(path, args.paths))
    else:
        result = load_content(memo=memo)
        diagnostics = result.diagnostics
        c = result.content
        summary["files"] = len(c.files)
        summary["counts"] = {
            "levels": len(c.levels),
            "events": len(c.events),
            "measures": len(c.measures),
            "state": sum(len(v) for v in c.state.values()),
            "parameters": len(c.parameters),
            "strings": len(c.strings),
        }
    return diagnostics, summary


def _inside(path: str, given: list[str]) -> bool:
    """Is a diagnostic's file one of the given paths, or inside a given folder? (Links are not resolved.)"""
    target = os.path.abspath(path)
    for g in given:
        root = os.path.abspath(g)
        if target == root or target.startswith(root.rstrip(os.sep) + os.sep):
            return True
    return False


def cmd_schema(args) -> int:
    from game.content.schema_export import export_all

    schemas = export_all()
    if not args.out:
        print(json.dumps(schemas, indent=2, ensure_ascii=False))
        return EXIT_OK
    out = Path(args.out)
    try:
        out.mkdir(parents=True, exist_ok=True)
        for kind, schema in schemas.items():
            (out / f"{kind}.schema.json").write_text(
                json.dumps(schema, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
            )
    except OSError as exc:
        print(f"plaza: cannot write schemas to {out}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_PROBLEMS
    print(f"wrote {len(schemas)} schemas to {out}/: " + ", ".join(f"{k}.schema.json" for k in schemas))
    return EXIT_OK


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def cmd_simulate(args) -> int:
    from game.bots import BOTS

    if args.list_bots:
        for name, bot in BOTS.items():
            print(f"{name:18} {bot.summary}")
        return EXIT_OK
    if args.level and is_level_path(args.level) and not args.list_levels:
        # a level file of the author's, played with the shipped content/ and the files beside it
        loaded = level_file_content(args.level, json_output=args.json)
        if isinstance(loaded, int):
            return loaded
        content, args.level = loaded
    else:
        content = shipped_content()
    if content is None:
        return EXIT_PROBLEMS
    if args.list_levels or not args.level:
        if not args.list_levels:
            print("plaza simulate: name a LEVEL", file=sys.stderr)
        for level in content.levels.values():
            roles = [r for r in ROLES if level.roles.get(r)]
            print(f"{level.id:16} {level.turns:3} turns  roles: {', '.join(roles)}  {level.title.en}")
        return EXIT_OK if args.list_levels else EXIT_USAGE
    problem = _simulate_problem(content, args, BOTS)
    if problem:
        print(f"plaza simulate: {problem}", file=sys.stderr)
        return EXIT_USAGE
    from game.runs.simulate import simulate

    if args.log_dir:
        Path(args.log_dir).mkdir(parents=True, exist_ok=True)  # fail before playing, not after
    bar = None if args.json else _ProgressBar(f"{args.level} · {args.role} · {args.bot}")
    result = simulate(
        content,
        args.level,
        args.role,
        args.bot,
        args.runs,
        turns=args.turns,
        seed=args.seed,
        log_dir=Path(args.log_dir) if args.log_dir else None,
        progress=bar,
    )
    if bar:
        bar.done()
    from game.session.fire_counts import save as save_fire_counts

    save_fire_counts(result, content_hash=content.content_hash)  # for `plaza lsp`; never fails the command
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    else:
        _print_simulation(result)
    return EXIT_OK


def _simulate_problem(content, args, bots) -> str:
    from game.content.schema_errors import did_you_mean

    if args.level not in content.levels:
        hint = did_you_mean(args.level, content.levels)
        return f"no level called {args.level!r}" + (f"; {hint}" if hint else f"; levels: {', '.join(content.levels)}")
    if content.levels[args.level].roles.get(args.role) is None:
        return f"level {args.level!r} has no {args.role} role"
    if args.bot not in bots:
        hint = did_you_mean(args.bot, bots)
        return f"no bot called {args.bot!r}" + (f"; {hint}" if hint else "; see --list-bots")
    return ""


class _ProgressBar:
    """A one-line progress bar on stderr (only when stderr is a terminal)."""

    def __init__(self, label: str):
        self.label = label
        self.shown = sys.stderr.isatty()

    def __call__(self, done: int, total: int) -> None:
        if self.shown:
            width = 30
            filled = int(width * done / max(total, 1))
            print(
                f"\r{self.label} [{'#' * filled}{'.' * (width - filled)}] {done * 100 // max(total, 1):3d}%",
                end="",
                file=sys.stderr,
                flush=True,
            )

    def done(self) -> None:
        if self.shown:
            print(file=sys.stderr)


def _print_simulation(result: dict) -> None:
    print(
        f"{result['level']} · {result['role']} · bot {result['bot']} · {result['runs']} runs × "
        f"{result['turns']} turns · seeds {result['seed']}–{result['seed'] + result['runs'] - 1}"
    )
    print(f"\n{'metric':28} {'mean':>9}  {'95% interval':>21}")
    for name, m in result["metrics"].items():
        lo, hi = m["ci95"]
        print(f"{name:28} {m['mean']:9.3f}  [{lo:9.3f}, {hi:9.3f}]")
    fired = sorted(result["events"].items(), key=lambda kv: -kv[1]["fired_runs"])
    print(f"\n{'event':28} {'runs fired':>10} {'first turn':>10}")
    for event, e in fired:
        print(f"{event:28} {e['fired_runs']:10d} {e['mean_first_turn']:10.1f}")
    if result["never_fired"]:
        print(f"\nnever fired: {', '.join(result['never_fired'])}")


def cmd_replay(args) -> int:
    """0 identical, 1 different, 2 the log cannot be replayed. A truncated last line is noted, not fatal."""
    from game.session.log import LogError
    from game.session.replay import replay

    content = shipped_content()
    if content is None:
        return EXIT_USAGE
    try:
        result = replay(content, args.logfile)
    except LogError as exc:
        print(f"plaza: {exc}", file=sys.stderr)
        return EXIT_USAGE
    print(result.report())
    return EXIT_OK if result.ok else EXIT_PROBLEMS


if __name__ == "__main__":
    sys.exit(main())
