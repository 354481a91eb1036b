"""The `plaza` command line: `plaza validate`, `plaza schema` (and, later, the game itself).

Exit codes: 0 success (warnings allowed), 1 problems found in the input, 2 usage errors.
No command ever prints a traceback for bad input.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import sys
from pathlib import Path

# numpy's BLAS starts a thread per core when it is first imported and keeps them spinning for a while, for matrix
# products Plaza never makes (its largest: games × districts by districts × districts): a tenth of a second of
# processor time in every command and at every launch. One thread, unless the user asked otherwise; set before
# anything imports numpy.
for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS"):
    os.environ.setdefault(_name, "1")

from game import __version__  # noqa: E402 - after the thread settings above
from game.cli_language import LANGS, CliTexts, choose_language, cli_texts, speaking, translate_parsers  # noqa: E402
from game.cli_simulate import (  # noqa: E402
    GC_THRESHOLD,
    MAX_RUNS,
    MAX_SETTLE_ROUNDS,
    MAX_SETTLE_SEEDS,
    MAX_TURNS,
    cmd_simulate,
    whole,
)
from game.cli_support import shipped_content  # noqa: E402
from game.roles import ROLES  # noqa: E402

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
LIGHT_COMMANDS = ("validate", "schema", "simulate", "settle", "play", "replay", "lsp")
# Commands that have written and closed every file they write, and joined every worker they started, when they
# return: run as the `plaza` command, the process ends there, without Python's tear-down (freeing every module and
# object one by one: a tenth of a cold `plaza validate`, of `plaza simulate`'s start), as mypy does. Called with
# words (tests, tools), main returns as usual.
QUICK_EXIT = ("validate", "simulate")


def build_parser(command: str | None = None, t: CliTexts | None = None, alone: bool = False) -> argparse.ArgumentParser:
    """The parser of every command; given the `command` word of the line, only what that command needs, and with
    `alone` (a line that asks for no help) a light command's own parser only: a usage line shows the commands as
    COMMAND, so what is printed is the same. Its texts are `t`'s (content/ui/cli.yaml); argparse's own words follow
    gettext (game.cli_language.speaking)."""
    t = t or cli_texts(choose_language([]))

    def wanted(name: str) -> bool:
        return not alone or command not in LIGHT_COMMANDS or command == name

    parser = _Parser(prog="plaza", description=t("cli.description"))
    parser.add_argument("--version", action="version", version=f"plaza {__version__}", help=t("cli.version"))
    _add_lang(parser, t)
    sub = parser.add_subparsers(dest="command", metavar=t("cli.command"))
    path, folder = t("cli.metavar.path"), t("cli.metavar.dir")

    if wanted("validate"):
        val = sub.add_parser("validate", help=t("cli.validate.help"), description=t("cli.validate.description"))
        val.add_argument("paths", nargs="*", metavar=path, help=t("cli.validate.paths"))
        val.add_argument("--json", action="store_true", help=t("cli.validate.json"))
        val.add_argument("--standalone", action="store_true", help=t("cli.validate.standalone"))
        _add_lang(val, t)

    if wanted("schema"):
        sch = sub.add_parser("schema", help=t("cli.schema.help"), description=t("cli.schema.description"))
        sch.add_argument("--out", metavar=folder, help=t("cli.schema.out"))
        _add_lang(sch, t)

    if wanted("simulate"):
        sim = sub.add_parser("simulate", help=t("cli.simulate.help"), description=t("cli.simulate.description"))
        sim.add_argument("level", nargs="?", metavar=t("cli.simulate.metavar.level"), help=t("cli.simulate.level"))
        sim.add_argument("--role", choices=list(ROLES), default=None, help=t("cli.simulate.role"))
        sim.add_argument(
            "--bot", default="status_quo", metavar=t("cli.simulate.metavar.name"), help=t("cli.simulate.bot")
        )
        runs, turns = whole(t, 1, MAX_RUNS), whole(t, 1, MAX_TURNS)
        sim.add_argument("--runs", type=runs, default=100, metavar="N", help=t("cli.simulate.runs"))
        sim.add_argument("--turns", type=turns, default=None, metavar="T", help=t("cli.simulate.turns"))
        sim.add_argument("--seed", type=whole(t, 0), default=0, metavar="S", help=t("cli.simulate.seed"))
        sim.add_argument("--json", action="store_true", help=t("cli.simulate.json"))
        sim.add_argument("--log-dir", metavar=folder, help=t("cli.simulate.log_dir"))
        sim.add_argument("--list-bots", action="store_true", help=t("cli.simulate.list_bots"))
        sim.add_argument("--list-levels", action="store_true", help=t("cli.simulate.list_levels"))
        _add_lang(sim, t)

    if wanted("settle"):
        st = sub.add_parser("settle", help=t("cli.settle.help"), description=t("cli.settle.description"))
        st.add_argument("level", metavar=t("cli.simulate.metavar.level"), help=t("cli.settle.level"))
        seeds, span = whole(t, 1, MAX_SETTLE_SEEDS), whole(t, 1, MAX_TURNS)
        st.add_argument("--seeds", type=seeds, default=64, metavar="N", help=t("cli.settle.seeds"))
        quarters, rounds = t("cli.settle.metavar.quarters"), t("cli.settle.metavar.rounds")
        st.add_argument("--quarters", type=span, default=64, metavar=quarters, help=t("cli.settle.quarters"))
        st.add_argument(
            "--rounds", type=whole(t, 1, MAX_SETTLE_ROUNDS), default=2, metavar=rounds, help=t("cli.settle.rounds")
        )
        st.add_argument("--check", type=span, default=40, metavar=quarters, help=t("cli.settle.check"))
        st.add_argument("--dry-run", action="store_true", help=t("cli.settle.dry_run_help"))
        _add_lang(st, t)

    if wanted("play"):
        play = sub.add_parser("play", help=t("cli.play.help"), description=t("cli.play.description"))
        play.add_argument("paths", nargs="+", metavar=path, help=t("cli.play.paths"))
        _add_lang(play, t)

    if wanted("replay"):
        rep = sub.add_parser("replay", help=t("cli.replay.help"), description=t("cli.replay.description"))
        rep.add_argument("logfile", metavar=t("cli.replay.metavar.log"), help=t("cli.replay.log"))
        _add_lang(rep, t)
    if command not in LIGHT_COMMANDS and command not in REPORT_COMMANDS:
        from game.classroom.cli_classroom import register as register_classroom

        register_classroom(sub)
    if command not in LIGHT_COMMANDS and command not in CLASS_COMMANDS:
        from game.classroom.cli_report import register as register_report

        register_report(sub)  # plaza report, plaza whatif
    if wanted("lsp"):
        lsp = sub.add_parser("lsp", help=t("cli.lsp.help"), description=t("cli.lsp.description"))
        lsp.add_argument("--stdio", action="store_true", help=t("cli.lsp.stdio"))
        _add_lang(lsp, t)
    translate_parsers(parser, t)  # the class tools' parsers are written in English (game/classroom/cli_*.py)
    return parser


def _add_lang(parser: argparse.ArgumentParser, t: CliTexts) -> None:
    """`--lang en|es`, accepted before or after the command word. It is read before parsing
    (cli_language.choose_language), so the parser's own texts are already in that language; `cli_lang`, not
    `lang`, so as not to stand in for the class tools' own --lang (the language of a session or a report)."""
    parser.add_argument("--lang", dest="cli_lang", choices=LANGS, default=None, help=t("cli.lang"))


def main(argv: list[str] | None = None) -> int:
    as_command = argv is None
    argv = sys.argv[1:] if argv is None else argv
    lang = choose_language(argv)
    t = cli_texts(lang)
    with speaking(lang):  # argparse's usage, headings and usage errors in the same language as ours
        asks_help = "-h" in argv or "--help" in argv
        # no command word (no words at all, or only `--lang es`): the game, whose start needs no class tools
        parser = build_parser(_command_word(argv) or (None if asks_help else "play"), t, alone=not asks_help)
        args = parser.parse_args(argv)
        code = _run(args, t)
    if as_command and args.command in QUICK_EXIT:
        _quick_exit(code)
    return code


def _quick_exit(code: int) -> None:
    """End the process now with `code`, once what it printed is out (see QUICK_EXIT); when it cannot be written
    (a closed pipe), return, and Python ends as it always did."""
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        return
    os._exit(code)


def _run(args, t: CliTexts) -> int:
    try:
        if args.command == "validate":
            return cmd_validate(args, t)
        if args.command == "schema":
            return cmd_schema(args, t)
        if args.command == "simulate":
            return cmd_simulate(args, t)
        if args.command == "settle":
            from game.cli_settle import cmd_settle

            return cmd_settle(args, t)
        if args.command == "replay":
            return cmd_replay(args, t)
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
            return cmd_play(args, t)
        return cmd_game()
    except KeyboardInterrupt:
        print(t("cli.interrupted"), file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except OSError as exc:  # a folder or file the command was pointed at cannot be used
        where = f" ({exc.filename})" if getattr(exc, "filename", None) else ""
        print(f"plaza: {t.os_problem(exc)}{where}", file=sys.stderr)
        return EXIT_PROBLEMS
    except Exception as exc:  # a bug: say so plainly; PLAZA_DEBUG=1 shows the details
        if os.environ.get("PLAZA_DEBUG"):
            raise
        print(t("cli.internal_error", error=f"{type(exc).__name__}: {exc}"), file=sys.stderr)
        return 70


def _command_word(argv: list[str]) -> str | None:
    """The command a line names (its first word that is neither an option nor `--lang`'s value), or None."""
    for i, word in enumerate(argv):
        if not word.startswith("-") and (i == 0 or argv[i - 1] != "--lang"):
            return word
    return None


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


def cmd_play(args, t: CliTexts) -> int:
    """The game with an author's files added: checked first, so a broken level is explained, not half-played."""
    from game.content.content_cache import load_checked
    from game.content.diagnostics import SourceLines, format_text
    from game.content.loader import default_paths

    result = load_checked([*default_paths(), *args.paths])  # the same files checked before: from the cache
    if result.errors:
        sources = SourceLines()
        for d in result.errors:
            print(format_text(d, sources, t.lang), file=sys.stderr)
        print(t.count("cli.play.errors", len(result.errors)), file=sys.stderr)
        return EXIT_PROBLEMS
    from game.ui.app import App

    return App(result.content).run()


def cmd_validate(args, t: CliTexts) -> int:
    # A short run that builds many small objects (every YAML value and position) and frees few cycles: Python's
    # cycle collector would walk them again and again (a third of a cold run's processor time). Collected
    # rarely; memory stays bounded by the loader's own caps on file size and node count.
    gc.set_threshold(GC_THRESHOLD, 50, 50)
    from game.content import check_cache
    from game.content.diagnostics import SourceLines, format_json, format_text
    from game.content.files import SHIPPED_CONTENT, SHIPPED_LEVELS, _discover

    roots = ([] if args.standalone else [SHIPPED_CONTENT]) + list(args.paths) if args.paths else None
    found, refused = _discover(roots or [SHIPPED_CONTENT, SHIPPED_LEVELS])  # refused: links to folders outside
    options = {"paths": args.paths, "standalone": args.standalone, "refused": [d.to_dict() for d in refused]}
    key = check_cache.key_for([path for path, _root in found], json.dumps(options))
    cached = check_cache.load(key)
    if cached is None:  # unchanged files answer from the cache; otherwise check, and keep the verdict
        from game.content import parse_ahead
        from game.content.parse_cache import ParseCache

        stop = parse_ahead.start(found, ParseCache())  # parses while the checker is imported
        try:
            diagnostics, summary = _check_for_validate(args, roots)
        finally:
            if stop is not None:
                stop()
        check_cache.store(key, diagnostics, summary)
    else:
        diagnostics, summary = cached
    files, unchecked = summary["files"], summary.get("not_checked")
    errors = sum(d.is_error for d in diagnostics)
    warnings = len(diagnostics) - errors
    if args.json:
        print(
            format_json(diagnostics, t.lang, files=files, **({} if unchecked is None else {"not_checked": unchecked}))
        )
    else:
        sources = SourceLines()
        for d in diagnostics:
            print(format_text(d, sources, t.lang))
        if unchecked:
            what = ", ".join(t.count(f"cli.validate.unchecked.{kind}", n) for kind, n in unchecked.items())
            print(t("cli.validate.not_checked", what=what))
        line = t(
            "cli.validate.summary",
            files=t.count("cli.validate.files", files),
            errors=t.count("cli.validate.errors", errors),
            warnings=t.count("cli.validate.warnings", warnings),
        )
        if "counts" in summary:
            line += t("cli.validate.counts", **summary["counts"])
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


def cmd_schema(args, t: CliTexts) -> int:
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
        print(t("cli.schema.cannot_write", out=out, problem=t.os_problem(exc)), file=sys.stderr)
        return EXIT_PROBLEMS
    files = ", ".join(f"{k}.schema.json" for k in schemas)
    print(t("cli.schema.wrote", count=len(schemas), out=out, files=files))
    return EXIT_OK


def cmd_replay(args, t: CliTexts) -> int:
    """0 identical, 1 different, 2 the log cannot be replayed. A truncated last line is noted, not fatal."""
    from game.cli_replay import replay_report
    from game.session.log import LogError
    from game.session.replay import replay

    content = shipped_content(t)
    if content is None:
        return EXIT_USAGE
    try:
        result = replay(content, args.logfile)
    except LogError as exc:
        print(t("cli.replay.cannot", detail=str(exc)), file=sys.stderr)
        return EXIT_USAGE
    print(replay_report(result, t))
    return EXIT_OK if result.ok else EXIT_PROBLEMS


if __name__ == "__main__":
    sys.exit(main())
