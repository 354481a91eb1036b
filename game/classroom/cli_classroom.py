"""`plaza classroom new` and `plaza classroom export`.

Exit codes as everywhere in `plaza`: 0 done, 1 done but some files had problems (each named), 2 usage errors or
nothing usable. No traceback for bad input.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from game.cli_language import LANGS, choose_language, cli_texts
from game.cli_support import shipped_content
from game.roles import ROLES

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def register(sub) -> None:
    """Add `classroom` (with `new` and `export`) to the `plaza` subcommands."""
    cls = sub.add_parser(
        "classroom",
        help="class sessions: create one (a session file and a code), export logs",
        description="Class sessions: `new` creates a session file and prints its code; `export` "
        "writes a class's logs as decisions.csv, turns.csv, statements.jsonl and session.json.",
    )
    # plaza's parser class, so usage errors exit 2 with a short message
    actions = cls.add_subparsers(dest="classroom_command", metavar="ACTION", parser_class=type(cls))

    new = actions.add_parser(
        "new",
        help="create a class session: a session file and a code for the students",
        description="Create a class session and print its code (XXXX-XXXX-XXXX) and where the "
        "students' logs will be written. Every group that types the code plays the same "
        "scenario.",
    )
    new.add_argument("--level", required=True, metavar="L", help="a level id (see `plaza simulate --list-levels`)")
    new.add_argument("--role", required=True, choices=list(ROLES))
    new.add_argument("--seed", type=int, default=None, metavar="S", help="0 to 2147483647; default: random")
    new.add_argument("--turns", type=int, default=None, metavar="T", help="default: the level's term")
    new.add_argument(
        "--lang",
        choices=["es", "en"],
        default=None,
        help="the session's language, in the students' games and in these messages (default: the command line's)",
    )
    who = new.add_mutually_exclusive_group()
    who.add_argument("--groups", metavar='"A,B,C"', help="comma-separated group labels (1–60, each 1–24 characters)")
    who.add_argument("--seats", type=int, metavar="N", help="N seat labels S01…SNN instead of groups")
    new.add_argument(
        "--mode",
        choices=["groups", "class_vote"],
        default="groups",
        help="groups: each group on its own machine; class_vote: one projected game, the class votes",
    )
    new.add_argument(
        "--out",
        metavar="DIR",
        help="where to write session.json (default: the game's classroom folder, classroom/<session id>/)",
    )

    exp = actions.add_parser(
        "export",
        help="export a class's logs (CSV, xAPI, session.json)",
        description="Read the decision logs in the given files and folders and write "
        "decisions.csv, turns.csv, statements.jsonl and session.json into a new or empty "
        "folder. Bad files are named and skipped; the others are still exported. Exit 0: all "
        "exported; 1: some files had problems; 2: nothing usable, or the folder is taken.",
    )
    exp.add_argument("logs", nargs="+", metavar="LOGS_OR_FOLDERS", help="log files or folders of logs")
    exp.add_argument("--session", metavar="FILE", help="the session file (keeps only that session's logs)")
    exp.add_argument("--out", required=True, metavar="DIR", help="a new or empty folder")
    exp.add_argument(
        "--verify", action="store_true", help="also replay every log and skip any that does not replay (hand-edited)"
    )
    exp.add_argument(
        "--lang",
        choices=["es", "en"],
        default=None,
        help="the messages' language (default: the session's, else the command line's)",
    )
    cls.set_defaults(classroom_parser=cls)


def teacher_language(args) -> str:
    """The command line's language: `plaza --lang X` before the command, else PLAZA_LANG, else the system's
    (game.cli_language.choose_language). A class command's own `--lang`, when given, is read before this."""
    given = getattr(args, "cli_lang", None)
    return given if given in LANGS else choose_language([])


def texts(lang: str | None):
    """The class tools' strings in `lang` (the command line's language when not given), plurals by each language's
    rules."""
    from game.classroom.report_data import Texts

    lang = lang if lang in LANGS else None
    content = shipped_content(cli_texts(lang) if lang else None)
    return None if content is None else Texts(content, lang or choose_language([]))


def run(args) -> int:
    if args.classroom_command == "new":
        return cmd_new(args)
    if args.classroom_command == "export":
        return cmd_export(args)
    args.classroom_parser.print_usage(sys.stderr)
    t = texts(teacher_language(args))
    print(t("class_cli.choose_action") if t else "plaza classroom: choose an action: new or export", file=sys.stderr)
    return EXIT_USAGE


def _check_new(args, content, t) -> str | None:
    """What is wrong with `plaza classroom new`'s level, role, seed or quarters, in the teacher's words."""
    from game.classfiles.codes import SEED_LIMIT

    level = content.levels.get(args.level)
    if level is None:
        return t("class_cli.new.no_level", level=args.level, levels=", ".join(sorted(content.levels)))
    title = level.title.get(t.lang)
    if level.roles.get(args.role) is None:
        return t("class_cli.new.no_role", level=title, role=args.role, roles=", ".join(level.roles.offered()))
    if args.seed is not None and not 0 <= args.seed < SEED_LIMIT:
        return t("class_cli.new.bad_seed", max=SEED_LIMIT - 1, seed=args.seed)
    if args.turns is not None and not 1 <= args.turns <= level.turns:
        return t("class_cli.new.bad_turns", max=level.turns, level=title, turns=args.turns)
    if args.groups is not None and not [g for g in args.groups.split(",") if g.strip()]:
        return t("class_cli.new.no_groups")
    return None


def cmd_new(args) -> int:
    from game.classfiles.logs import class_log_path
    from game.classfiles.names import role_title
    from game.classfiles.session import LabelError, new_session, seat_labels, write_session
    from game.paths import data_dir

    args.lang = args.lang or teacher_language(args)
    t = texts(args.lang)
    if t is None:
        return EXIT_USAGE
    content = t.content
    wrong = _check_new(args, content, t)
    if wrong:
        print(wrong, file=sys.stderr)
        return EXIT_USAGE
    try:
        if args.seats is not None:
            groups = seat_labels(args.seats)
        elif args.groups is not None:
            groups = [g.strip() for g in args.groups.split(",") if g.strip()]
        else:
            groups = None
        session = new_session(
            content,
            args.level,
            args.role,
            seed=args.seed,
            turns=args.turns,
            lang=args.lang,
            groups=groups,
            mode=args.mode,
        )
    except LabelError as exc:
        print(t("class_cli.new.labels", problem=t(exc.key, **exc.values)), file=sys.stderr)
        return EXIT_USAGE
    except ValueError as exc:
        print(t("class_cli.new.failed", detail=str(exc)), file=sys.stderr)
        return EXIT_USAGE
    classroom = data_dir() / "classroom"
    folder = Path(args.out) if args.out else classroom / session.id
    try:
        path = write_session(session, folder)
    except OSError as exc:
        print(t("class_cli.new.cannot_write", folder=folder, detail=exc.strerror or exc), file=sys.stderr)
        return EXIT_PROBLEMS
    level = content.levels[session.level]
    print(
        t(
            "class_cli.new.session",
            id=session.id,
            level=level.title.get(t.lang),
            role=role_title(content, session.level, session.role, t.lang),
            count=session.turns,
            seed=session.seed,
            lang=t(f"classroom.lang.{session.lang}"),
            mode=t(f"classroom.mode.{session.mode}"),
        )
    )
    if session.groups:
        print(t("classroom.groups_are", groups=", ".join(session.groups)))
    else:
        print(t("class_cli.new.any_group"))
    print(t("class_cli.new.file", path=path))
    print(t("class_cli.new.code", code=session.code) if session.code else t("class_cli.new.no_code"))
    print(t("class_cli.new.logs", folder=f"{class_log_path(classroom, session, 'X').parent}{os.sep}"))
    print(t("class_cli.new.export", path=path))
    return EXIT_OK


def cmd_export(args) -> int:
    from game.classfiles.export import ExportError, export_session
    from game.classfiles.logs import match_session, read_class_logs
    from game.classfiles.problems import say
    from game.classfiles.session import SessionFileError, read_session

    session = None
    session_error = None
    if args.session:
        try:
            session = read_session(args.session)
        except SessionFileError as exc:
            session_error = exc
    t = texts(args.lang or (session.lang if session is not None else teacher_language(args)))
    if t is None:
        return EXIT_USAGE
    content = t.content
    out = Path(args.out)
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        print(t("class_cli.export.taken", folder=out), file=sys.stderr)
        return EXIT_USAGE
    if session_error is not None:
        print(t("class_cli.export.bad_session", detail=str(session_error)), file=sys.stderr)
        return EXIT_USAGE
    logs, problems = read_class_logs(args.logs, content, verify=args.verify)
    if session is not None:
        logs, others = match_session(logs, session)
        problems += others
    for problem in problems:
        print(t("class_cli.problem", problem=say(problem, content.strings, t.lang)), file=sys.stderr)
    if not logs:
        print(t("class_cli.export.nothing", where=", ".join(args.logs)), file=sys.stderr)
        return EXIT_USAGE
    try:
        written = export_session(logs, session, content, out, problems=problems)
    except ExportError as exc:
        print(t("class_cli.export.failed", detail=str(exc)), file=sys.stderr)
        return EXIT_USAGE
    groups = sorted({g.group for g in logs}, key=str.casefold)
    print(t("class_cli.export.done", count=len(logs), folder=out))
    print("  " + t("class_cli.export.groups", count=len(groups), names=", ".join(groups)))
    for path in written:
        print(f"  {path.name}")
    if problems:
        print(t("class_cli.export.problems", count=len(problems)))
        return EXIT_PROBLEMS
    return EXIT_OK
