"""`plaza classroom new` and `plaza classroom export`.

Exit codes as everywhere in `plaza`: 0 done, 1 done but some files had problems (each named), 2 usage errors or
nothing usable. No traceback for bad input.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

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
    new.add_argument("--lang", choices=["es", "en"], default="es")
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
    cls.set_defaults(classroom_parser=cls)


def run(args) -> int:
    if args.classroom_command == "new":
        return cmd_new(args)
    if args.classroom_command == "export":
        return cmd_export(args)
    args.classroom_parser.print_usage(sys.stderr)
    print("plaza classroom: choose an action: new or export", file=sys.stderr)
    return EXIT_USAGE


def cmd_new(args) -> int:
    from game.classfiles.logs import class_log_path
    from game.classfiles.session import new_session, seat_labels, write_session
    from game.paths import data_dir

    content = shipped_content()
    if content is None:
        return EXIT_USAGE
    try:
        if args.seats is not None:
            groups = seat_labels(args.seats)
        elif args.groups is not None:
            groups = [g.strip() for g in args.groups.split(",") if g.strip()]
            if not groups:
                raise ValueError("--groups needs at least one label")
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
    except ValueError as exc:
        print(f"plaza classroom new: {exc}", file=sys.stderr)
        return EXIT_USAGE
    classroom = data_dir() / "classroom"
    folder = Path(args.out) if args.out else classroom / session.id
    try:
        path = write_session(session, folder)
    except OSError as exc:
        print(f"plaza classroom new: cannot write the session file in {folder}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_PROBLEMS
    level = content.levels[session.level]
    print(
        f"session {session.id}: {level.title.get(session.lang)} ({session.level}), {session.role}, "
        f"seed {session.seed}, {session.turns} turns, {session.lang}, mode {session.mode}"
    )
    print(f"groups: {', '.join(session.groups)}")
    print(f"session file: {path}")
    if session.code:
        print(f"code: {session.code}")
    else:
        print("code: none (this content has more levels than a code can name): hand out the session file")
    print(f"logs: each machine writes them into {class_log_path(classroom, session, 'X').parent}{os.sep}")
    print(f"export: plaza classroom export FOLDERS... --session {path} --out DIR")
    return EXIT_OK


def cmd_export(args) -> int:
    from game.classfiles.export import ExportError, export_session
    from game.classfiles.logs import match_session, read_class_logs
    from game.classfiles.session import SessionFileError, read_session

    out = Path(args.out)
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        print(
            f"plaza classroom export: {out}: already exists and is not empty; exports never overwrite, choose a "
            "new folder",
            file=sys.stderr,
        )
        return EXIT_USAGE
    content = shipped_content()
    if content is None:
        return EXIT_USAGE
    session = None
    if args.session:
        try:
            session = read_session(args.session)
        except SessionFileError as exc:
            print(f"plaza classroom export: {exc}", file=sys.stderr)
            return EXIT_USAGE
    logs, problems = read_class_logs(args.logs, content, verify=args.verify)
    if session is not None:
        logs, others = match_session(logs, session)
        problems += others
    for problem in problems:
        print(f"problem: {problem}", file=sys.stderr)
    if not logs:
        print(f"plaza classroom export: nothing to export: no usable log in {', '.join(args.logs)}", file=sys.stderr)
        return EXIT_USAGE
    try:
        written = export_session(logs, session, content, out, problems=problems)
    except ExportError as exc:
        print(f"plaza classroom export: {exc}", file=sys.stderr)
        return EXIT_USAGE
    groups = sorted({g.group for g in logs}, key=str.casefold)
    print(
        f"exported {len(logs)} log{'s' if len(logs) != 1 else ''} ({len(groups)} group"
        f"{'s' if len(groups) != 1 else ''}: {', '.join(groups)}) to {out}:"
    )
    for path in written:
        print(f"  {path.name}")
    if problems:
        print(
            f"{len(problems)} problem{'s' if len(problems) != 1 else ''} (listed above); the other logs were exported"
        )
        return EXIT_PROBLEMS
    return EXIT_OK
