"""The command line of a bench that prints a table per level: which levels, how many seeds, writing the docs."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from bench import level_files
from bench.docs_block import print_tables
from game.content.loader import ContentSet


def run_tables(
    argv: list[str] | None,
    doc: str,
    script: str,
    seeds: tuple[str, int],
    fits: Callable[[ContentSet, str], bool],
    which: str,
    table: Callable[[ContentSet, str, int], str],
    size: Callable[[int], str],
    markers: tuple[str, str],
) -> int:
    """A bench that prints one table per level: read its command line, make `table(content, level, seeds)` for each
    level to read (every shipped level that `fits`, or those named; `which` says which fit, for the help and the
    refusal), print them and with `--write-docs` put them between `markers` in docs/model.md. `seeds` is the name of
    the count option and its default; `size` names the count in the "Made by" line. The exit status: 0, or 2 with
    the reason printed for a bad command line."""
    flag, default = seeds
    parser = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--level",
        action="append",
        help=f"a level id, or a level file of your own (read with the YAML files beside it as `plaza simulate FILE` "
        f"reads it; repeatable; default: every level with {which})",
    )
    parser.add_argument(f"--{flag}", type=int, default=default, help=f"seeds (default {default})")
    parser.add_argument("--write-docs", action="store_true", help="replace the tables in docs/model.md")
    args = parser.parse_args(argv)
    loaded = level_files.load(args.level, f"bench/{script}", args.write_docs)
    if loaded is None:
        return 2
    content, named = loaded
    levels = named or [x for x in level_files.playable(content) if fits(content, x)]
    n = getattr(args, flag)
    problem = next((f"{x!r} has no {which}" for x in levels if not fits(content, x)), None)
    if problem or n < 2:
        print(f"bench/{script}: {problem or f'--{flag} must be at least 2'}", file=sys.stderr)
        return 2
    tables = (table(content, level, n) for level in levels)
    print_tables(tables, script, size(n), markers, args.write_docs)
    return 0
