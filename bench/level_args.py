"""The command line of a bench that reads some levels: which levels, how many seeds, and whether to write the docs."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from bench import level_files
from game.content.loader import ContentSet


def parse(
    argv: list[str] | None,
    doc: str,
    script: str,
    seeds: tuple[str, int],
    fits: Callable[[ContentSet, str], bool],
    which: str,
) -> tuple[argparse.Namespace, ContentSet, list[str]] | None:
    """The arguments, the content and the levels to read (every shipped level that `fits`, or those named: `which`
    says which fit, for the help and the refusal); None, with the reason printed, for a bad command line.
    `seeds` is the name of the count option and its default."""
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
        return None
    content, named = loaded
    levels = named or [x for x in level_files.playable(content) if fits(content, x)]
    problem = next((f"{x!r} has no {which}" for x in levels if not fits(content, x)), None)
    if problem or getattr(args, flag) < 2:
        print(f"bench/{script}: {problem or f'--{flag} must be at least 2'}", file=sys.stderr)
        return None
    return args, content, levels
