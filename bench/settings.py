"""`--set NAME=VALUE`: run a bench at another value of a model parameter, checked against content/model.yaml."""

from __future__ import annotations

import argparse

from game.content.loader import ContentSet


def add_set_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--set", action="append", default=[], metavar="NAME=VALUE", help="run at another parameter value (repeatable)"
    )


def read_settings(parser: argparse.ArgumentParser, args: argparse.Namespace, content: ContentSet) -> dict[str, float]:
    """The `--set` pairs as parameter overrides. A bad pair, or `--set` with `--write-docs` (the docs carry the
    shipped parameters' tables only), ends the program with a usage error (exit 2)."""
    out: dict[str, float] = {}
    for pair in args.set:
        name, _, value = pair.partition("=")
        if name not in content.parameters:
            parser.error(f"--set {pair}: no parameter called {name!r}")
        try:
            out[name] = float(value)
        except ValueError:
            parser.error(f"--set {pair}: {value!r} is not a number")
    if out and getattr(args, "write_docs", False):
        parser.error("--write-docs writes the tables of the shipped parameters; drop --set")
    return out
