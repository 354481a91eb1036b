"""`plaza settle LEVEL`: move a level's starting values to where the model's own rules hold it, in its own file.

A level starts where its author wrote it; the model then moves it toward the state its rules keep, and an unsettled
level drifts for the whole game (game/runs/settle.py). This command plays the level's status quo, writes the
settled values back into the file (comments and layout kept), and shows how far the status quo moved the city
before and after, so an author sees what settling changed.
"""

from __future__ import annotations

import sys
from pathlib import Path

from game.cli_language import CliTexts
from game.cli_support import is_level_path, level_file_content, shipped_content
from game.content.level_writer import NotWritable, write_start_values
from game.runs.settle import drift, settle

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
# A settled figure that still moves by more than 3 points, or by more than a quarter of a small start, is named.
STILL_MOVING_POINTS, STILL_MOVING_SHARE = 0.03, 0.25
DRIFT_SEEDS = 16  # games the before/after drift is read on: enough to see a drift, quick beside the settle itself


def cmd_settle(args, t: CliTexts) -> int:
    loaded = _level(args.level, t)
    if isinstance(loaded, int):
        return loaded
    content, level_id, path = loaded
    level = content.levels[level_id]
    print(
        t("cli.settle.playing", level=level_id, seeds=args.seeds, quarters=args.quarters, rounds=args.rounds),
        file=sys.stderr,
    )
    before = drift(content, level, DRIFT_SEEDS, args.check)
    start = settle(content, level, seeds=args.seeds, quarters=args.quarters, rounds=args.rounds)
    _print_changes(level, start, t)
    if args.dry_run:
        print(t("cli.settle.dry_run", path=path))
        return EXIT_OK
    try:
        kept = write_start_values(Path(path), start.districts, start.city)
    except NotWritable:
        print(t("cli.settle.not_writable", path=path), file=sys.stderr)
        return EXIT_PROBLEMS
    print(t("cli.settle.written" if kept else "cli.settle.written_relaid", path=path))
    again = level_file_content(path, t=t, command="settle")  # the file as now written: checked and played again
    if isinstance(again, int):
        return again
    after = drift(again[0], again[0].levels[again[1]], DRIFT_SEEDS, args.check)
    _print_drift(before, after, args.check, t)
    return EXIT_OK


def _level(name: str, t: CliTexts):
    """(content, level id, file path) of LEVEL (an id of a shipped level, or a level file of the author's); else,
    after saying why, the exit code."""
    if is_level_path(name):
        loaded = level_file_content(name, t=t, command="settle")
        if isinstance(loaded, int):
            return loaded
        return (*loaded, name)
    content = shipped_content(t)
    if content is None:
        return EXIT_PROBLEMS
    if name not in content.levels:
        print(t("cli.settle.no_level", level=repr(name), levels=", ".join(content.levels)), file=sys.stderr)
        return EXIT_USAGE
    return content, name, str(content.origins["level", name].doc.path)


def _print_changes(level, start, t: CliTexts) -> None:
    """Each settled value that differs from what the file says now, district by district, then the city."""
    names = {d.id: d.name.get(t.lang) for d in level.districts}
    for district in level.districts:
        changes = _changes(district.initial, district.computed_start, start.districts[district.id])
        if changes:
            print(f"{names[district.id]}: {changes}")
    city = level.city
    changes = _changes(city.initial, city.computed_start, start.city)
    if changes:
        print(f"{t('cli.settle.city')}: {changes}")


def _changes(initial: dict, computed_start: dict, sections: dict[str, dict[str, float]]) -> str:
    was = {**(initial or {}), **(computed_start or {})}
    parts = []
    for values in sections.values():
        for name, value in values.items():
            old = was.get(name)
            if old is None:
                parts.append(f"{name} → {value:g}")
            elif isinstance(old, int | float) and round(float(old), 3) != value:
                parts.append(f"{name} {float(old):g} → {value:g}")
    return ", ".join(parts)


def _print_drift(before: dict, after: dict, quarters: int, t: CliTexts) -> None:
    print()
    print(t("cli.settle.drift", quarters=quarters, games=DRIFT_SEEDS))
    head = t("cli.settle.drift_head")
    print(f"{'':28} {head.split('|')[0]:<21}  {head.split('|')[1]:<21}")
    for name, (start, end) in before.items():
        s2, e2 = after[name]
        print(f"{name:28} {start:8.3f} → {end:8.3f}   {s2:8.3f} → {e2:8.3f}")
    moving = [name for name, (start, end) in after.items() if _still_moving(start, end)]
    if moving:
        print("\n" + t("cli.settle.still_moving", names=", ".join(moving)))


def _still_moving(start: float, end: float) -> bool:
    moved = abs(end - start)
    return moved > STILL_MOVING_POINTS or moved > max(STILL_MOVING_SHARE * abs(start), 0.005)
