"""`plaza simulate`: many games of a level with a bot, summed up in the user's language."""

from __future__ import annotations

import argparse
import gc
import json
import sys
from collections.abc import Callable
from pathlib import Path

from game.cli_language import CliTexts
from game.cli_support import is_level_path, level_file_content, shipped_content

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
GC_THRESHOLD = 100_000  # allocations between two young-generation collections in validate and simulate (Python: 700)


# What one command may ask for: every run's end values and its path quarter by quarter are kept until the end, so
# the runs times the quarters bound the memory (5 million quarters in all: under a gigabyte of paths).
MAX_RUNS, MAX_TURNS, MAX_QUARTERS = 100_000, 1_000, 5_000_000
# `plaza settle` plays all its seeds as one batch (about 1 MB a game in the largest shipped level): 2,000 games is
# about 2 GB.
MAX_SETTLE_SEEDS, MAX_SETTLE_ROUNDS = 2_000, 20


def whole(t: CliTexts, low: int = 1, high: int | None = None) -> Callable[[str], int]:
    """argparse's `type=` for a whole number from `low` to `high`, refused in the user's words."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(t("cli.simulate.not_whole", text=repr(text))) from None
        if value < low:
            raise argparse.ArgumentTypeError(t("cli.simulate.too_small", least=low))
        if high is not None and value > high:
            raise argparse.ArgumentTypeError(t("cli.simulate.too_large", most=f"{high:,}"))
        return value

    return parse


def cmd_simulate(args, t: CliTexts) -> int:
    # Its start imports the engine and reads the checked content back: many objects, few cycles freed, which
    # Python's cycle collector would walk again and again. Collected rarely while the command runs, as validate.
    threshold = gc.get_threshold()
    gc.set_threshold(GC_THRESHOLD, 50, 50)
    try:
        return _simulate(args, t)
    finally:
        gc.set_threshold(*threshold)


def _simulate(args, t: CliTexts) -> int:
    from game.bots import BOTS
    from game.bots.base import summary_in

    if args.list_bots:  # each summary from content/ui/bots.yaml, in the user's language
        shipped = shipped_content(t)
        strings = shipped.strings if shipped is not None else {}
        for name in BOTS:
            print(f"{name:18} {summary_in(name, strings, t.lang)}")
        return EXIT_OK
    if args.level and is_level_path(args.level) and not args.list_levels:
        # a level file of the author's, played with the shipped content/ and the files beside it
        level_path = args.level
        loaded = level_file_content(args.level, json_output=args.json, t=t)
        if isinstance(loaded, int):
            return loaded
        content, args.level = loaded
        if not args.json and not _settled(content.levels[args.level]):
            print(t("cli.simulate.never_settled", path=level_path), file=sys.stderr)
    else:
        content = shipped_content(t)
    if content is None:
        return EXIT_PROBLEMS
    if args.list_levels or not args.level:
        if not args.list_levels:
            print(t("cli.simulate.name_a_level"), file=sys.stderr)
        for level in content.levels.values():
            roles = ", ".join(level.roles.offered())
            title = level.title.get(t.lang)
            print(
                t("cli.simulate.level_line", level=f"{level.id:16}", turns=f"{level.turns:3}", roles=roles, title=title)
            )
        return EXIT_OK if args.list_levels else EXIT_USAGE
    problem = _simulate_problem(content, args, BOTS, t)
    if problem:
        print(t("cli.simulate.problem", problem=problem), file=sys.stderr)
        return EXIT_USAGE
    role = args.role or content.levels[args.level].roles.offered()[0]  # the official's, if the level offers it
    from game.runs.simulate import simulate

    if args.log_dir:
        Path(args.log_dir).mkdir(parents=True, exist_ok=True)  # fail before playing, not after
    bar = None if args.json else _ProgressBar(f"{args.level} · {role} · {args.bot}")
    result = simulate(
        content,
        args.level,
        role,
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
        _print_simulation(result, t)
    return EXIT_OK


def _settled(level) -> bool:
    """Has the level been settled? `plaza settle` writes where computed values stand, under each district's
    computed_start:; a district without one (a new district in a copy of a settled level, say) never was."""
    return all(d.computed_start for d in level.districts)


def _simulate_problem(content, args, bots, t: CliTexts) -> str:
    if args.level not in content.levels:
        hint = _did_you_mean(args.level, content.levels, t) or t(
            "cli.simulate.levels_are", levels=", ".join(content.levels)
        )
        return f"{t('cli.simulate.no_level', level=repr(args.level))}; {hint}"
    roles = content.levels[args.level].roles
    if args.role is not None and roles.get(args.role) is None:
        missing = t("cli.simulate.no_role", level=repr(args.level), role=args.role)
        return f"{missing}; {t('cli.simulate.play_as', role=roles.offered()[0])}"
    if args.bot not in bots:
        hint = _did_you_mean(args.bot, bots, t) or t("cli.simulate.see_list_bots")
        return f"{t('cli.simulate.no_bot', bot=repr(args.bot))}; {hint}"
    turns = args.turns or content.levels[args.level].turns
    if args.runs * turns > MAX_QUARTERS:
        return t("cli.simulate.too_many_quarters", runs=args.runs, turns=turns, most=f"{MAX_QUARTERS:,}")
    return ""


def _did_you_mean(word: str, names, t: CliTexts) -> str:
    """The checker's own suggestion (game.content.suggest), said in the user's language."""
    from game.content.suggest import Suggester

    close = Suggester(names).close(word)
    return t("cli.simulate.did_you_mean", name=close[0]) if close else ""


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


def _print_simulation(result: dict, t: CliTexts) -> None:
    first = result["seed"]
    print(
        t(
            "cli.simulate.headline",
            level=result["level"],
            role=result["role"],
            bot=result["bot"],
            runs=result["run_count"],
            turns=result["turns"],
            first=first,
            last=first + result["run_count"] - 1,
        )
    )
    print(f"\n{t('cli.simulate.metric'):28} {t('cli.simulate.mean'):>9}  {t('cli.simulate.interval'):>21}")
    for name, m in result["metrics"].items():
        lo, hi = m["ci95"]
        print(f"{name:28} {m['mean']:9.3f}  [{lo:9.3f}, {hi:9.3f}]")
    fired = sorted(result["events"].items(), key=lambda kv: -kv[1]["fired_runs"])
    print(f"\n{t('cli.simulate.event'):28} {t('cli.simulate.runs_fired'):>10} {t('cli.simulate.first_turn'):>10}")
    for event, e in fired:
        print(f"{event:28} {e['fired_runs']:10d} {e['mean_first_turn']:10.1f}")
    if result["never_fired"]:
        print("\n" + t("cli.simulate.never_fired", events=", ".join(result["never_fired"])))
