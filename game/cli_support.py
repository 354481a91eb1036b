"""What every `plaza` command shares: the shipped content, or a message saying why it cannot be used."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

from game.cli_language import CliTexts, choose_language, cli_texts


def shipped_content(t: CliTexts | None = None):
    """The shipped content; None (after printing its first errors to stderr) when it does not load cleanly.
    Messages in `t`'s language (without one: the language of PLAZA_LANG or the system's)."""
    t = t or cli_texts(choose_language([]))
    from game.content.content_cache import load_checked
    from game.content.diagnostics import SourceLines, format_text

    loaded = load_checked()  # content loaded and checked by an earlier command is not loaded again
    if not loaded.ok:
        sources = SourceLines()
        print(t("cli.content_errors"), file=sys.stderr)
        for d in loaded.errors[:10]:
            print(format_text(d, sources, t.lang), file=sys.stderr)
        return None
    return loaded.content


def is_level_path(text: str) -> bool:
    """A LEVEL argument that names a file (`~/my_levels/river_town.yaml`, `./town.yml`), not a level id."""
    from game.content.loader import YAML_SUFFIXES

    return text.endswith(YAML_SUFFIXES) or "/" in text or os.sep in text


def level_file_content(path: str, *, json_output: bool = False, t: CliTexts, command: str = "simulate"):
    """(content, level id) for a level file loaded with the shipped content/ and the YAML files beside it (its
    events and measures); else, after printing why, the exit code: 1 with the validator's located diagnostics
    when they have errors (or the file is missing), 2 when the file is not a level."""
    from game.content.content_cache import load_checked
    from game.content.diagnostics import SourceLines, format_json, format_text
    from game.content.loader import SHIPPED_CONTENT

    file = Path(path)
    refused = _not_a_regular_file(file, path, t, command)
    if refused:
        print(refused, file=sys.stderr)
        return 1
    beside = files_beside(file)
    loaded = load_checked([SHIPPED_CONTENT, *beside])  # the same files checked before: from the cache
    wanted = {p.resolve() for p in beside}
    mine = [d for d in loaded.diagnostics if Path(d.where.path).resolve() in wanted]
    if not loaded.ok:
        shown = mine if any(d.is_error for d in mine) else loaded.errors  # an error elsewhere: in content/ itself
        if json_output:
            print(format_json(shown, t.lang, files=len(beside)))
        else:
            sources = SourceLines()
            print(t("cli.simulate.cannot_play", path=path, command=command), file=sys.stderr)
            for d in shown:
                print(format_text(d, sources, t.lang), file=sys.stderr)
        return 1
    level_ids = [
        ident
        for (kind, ident), origin in loaded.content.origins.items()
        if kind == "level" and Path(origin.doc.path).resolve() == file.resolve()
    ]
    if not level_ids:
        print(t("cli.simulate.not_a_level", path=path, command=command), file=sys.stderr)
        return 2
    warnings = [d for d in mine if not d.is_error]
    if warnings and not json_output:
        files = " ".join(str(p) for p in beside)
        print(t.count("cli.simulate.warnings", len(warnings), files=files, command=command), file=sys.stderr)
    return loaded.content, level_ids[0]


def _not_a_regular_file(file: Path, path: str, t: CliTexts, command: str = "simulate") -> str:
    """Why the LEVEL path cannot be a level file ("" when it can): missing, or a folder, device, pipe or socket,
    which is refused before anything opens it (`plaza simulate /dev/null`, a FIFO named level.yaml)."""
    try:
        mode = os.stat(file).st_mode  # a link named directly is followed, as the loader does for a named file
    except OSError:
        return t("cli.simulate.no_such_file", path=path, command=command)
    if stat.S_ISREG(mode):
        return ""
    return t("cli.simulate.not_regular", path=path, kind=t(f"cli.kind.{_kind(mode)}"), command=command)


def _kind(mode: int) -> str:
    """The cli.kind.* string naming what a path is instead of a file (safe_read.kind_of says it in English)."""
    kinds = {stat.S_ISDIR: "folder", stat.S_ISFIFO: "fifo", stat.S_ISSOCK: "socket", stat.S_ISCHR: "device"}
    return next((name for test, name in kinds.items() if test(mode)), "device" if stat.S_ISBLK(mode) else "other")


def files_beside(file: Path) -> list[Path]:
    """The level file and every YAML name beside it, whatever its kind: the loader reads the regular files and
    refuses, with a located message naming each, a pipe, a device, a socket or a link that leaves the folder
    (game.content.safe_read). Skipping them here would hide why an event of the level never comes."""
    from game.content.loader import YAML_SUFFIXES

    names = [
        p
        for p in file.parent.iterdir()
        if p.name.endswith(YAML_SUFFIXES) and not p.name.startswith(".") and not p.is_dir()
    ]  # not a folder, nor a link to one: the loader would read a folder's files, wherever the link leads
    return sorted({*names, file})
