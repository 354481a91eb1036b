"""Where content lives and which files a set of paths names: no parsing, no pydantic, so that a command can
list (and hash) the files it would check before paying for the checker's imports."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from game.content.diagnostic_text import Msg
from game.content.diagnostics import Diagnostic, diag
from game.content.safe_read import inside
from game.resources import resource_root

REPO_ROOT = resource_root()  # the repository, an installed wheel's game/_data, or the bundle's data folder
SHIPPED_CONTENT = REPO_ROOT / "content"
SHIPPED_LEVELS = REPO_ROOT / "levels"
YAML_SUFFIXES = (".yaml", ".yml")
# The diagnostics' own words (game.content.diagnostic_text reads them directly, and a game never shows them): not
# part of the content set, so a folder walk leaves this one shipped file out (named on its own, it is checked like
# any strings file). Loading its 600 texts with the content cost a cold `plaza validate` a tenth of its time.
DIAGNOSTIC_WORDS = SHIPPED_CONTENT / "ui" / "diagnostics.yaml"


def label_of(path: Path, here: Path | None = None) -> str:
    """How diagnostics name a file: relative to the working folder when it is inside it. A symbolic link is named
    as the author named it, not by its target (a link that leads outside the folder must be named to be refused).
    `here`: the working folder, resolved (given by a caller that names many files, so it is resolved once)."""
    try:
        return str((path.parent.resolve() / path.name).relative_to(here or Path.cwd().resolve()))
    except ValueError:
        return str(path)


def discover(paths: Iterable[str | Path]) -> tuple[list[Path], list[Diagnostic]]:
    """Expand folders into their YAML files (sorted; see _discover for symbolic links)."""
    found, problems = _discover(paths)
    return [f for f, _root in found], problems


def _discover(paths: Iterable[str | Path]) -> tuple[list[tuple[Path, Path]], list[Diagnostic]]:
    """Each file with its root: the folder it was found in, or the folder of a file named directly.

    Whether a name is a regular file is checked when it is read (yaml_text.read_text), not here: a pipe or a
    device is listed, then refused unopened, with a message that names it. So is a symbolic link, with one rule
    for every command and for the game: it is read when its target lies inside the root, and refused, with a
    message, when it leads outside it or to anything but a regular file (safe_read.read_regular). A link to a
    folder is never walked through: one inside the root adds nothing (its files are found where they are), one
    that leads outside it is refused with a message.
    """
    files: list[tuple[Path, Path]] = []
    problems: list[Diagnostic] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for folder, dirs, names in os.walk(path, followlinks=False):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in dirs:
                    child = Path(folder) / name
                    if child.is_symlink() and not inside(os.path.realpath(child), path):
                        problems.append(
                            diag(
                                "E100",
                                Msg("file.outside_folder_link"),
                                child,
                                hint=Msg("file.copy_files_hint"),
                            )
                        )
                for name in sorted(names):
                    if name.endswith(YAML_SUFFIXES) and not name.startswith("."):
                        if name == DIAGNOSTIC_WORDS.name and _same(Path(folder) / name, DIAGNOSTIC_WORDS):
                            continue
                        files.append((Path(folder) / name, path))
        elif path.exists() or path.is_symlink():
            files.append((path, path.parent))
        else:
            problems.append(diag("E100", Msg("file.no_such_path"), path))
    return _once_each(files), problems


def _same(path: Path, other: Path) -> bool:
    try:
        return os.path.samefile(path, other)
    except OSError:
        return False


def _once_each(files: list[tuple[Path, Path]]) -> list[tuple[Path, Path]]:
    """Each file once, where it first appears; a file listed both under its own name and through a link to it
    is read under its own name."""
    kept: dict[Path, int] = {}
    unique_files: list[tuple[Path, Path]] = []
    for f, root in files:
        key = f.resolve()
        if key not in kept:
            kept[key] = len(unique_files)
            unique_files.append((f, root))
        elif unique_files[kept[key]][0].is_symlink() and not f.is_symlink():
            unique_files[kept[key]] = (f, root)
    return unique_files
