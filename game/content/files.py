"""Where content lives and which files a set of paths names: no parsing, no pydantic, so that a command can
list (and hash) the files it would check before paying for the checker's imports."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from game.content.diagnostics import Diagnostic, diag
from game.resources import resource_root

REPO_ROOT = resource_root()  # the repository, an installed wheel's game/_data, or the bundle's data folder
SHIPPED_CONTENT = REPO_ROOT / "content"
SHIPPED_LEVELS = REPO_ROOT / "levels"
YAML_SUFFIXES = (".yaml", ".yml")


def discover(paths: Iterable[str | Path]) -> tuple[list[Path], list[Diagnostic]]:
    """Expand folders into their YAML files (sorted, symbolic links not followed)."""
    found, problems = _discover(paths)
    return [f for f, _root in found], problems


def _discover(paths: Iterable[str | Path]) -> tuple[list[tuple[Path, Path]], list[Diagnostic]]:
    """Each file with its root: the folder it was found in, or the folder of a file named directly.

    Whether a name is a regular file is checked when it is read (yaml_text.read_text), not here: a pipe or a
    device is listed, then refused unopened, with a message that names it.
    """
    files: list[tuple[Path, Path]] = []
    problems: list[Diagnostic] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for folder, dirs, names in os.walk(path, followlinks=False):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(names):
                    child = Path(folder) / name
                    if not name.endswith(YAML_SUFFIXES) or name.startswith("."):
                        continue
                    if child.is_symlink():
                        problems.append(
                            diag(
                                "E100",
                                "symbolic links inside content folders are not followed",
                                child,
                                hint="copy the file into the folder instead",
                            )
                        )
                        continue
                    files.append((child, path))
        elif path.exists() or path.is_symlink():
            files.append((path, path.parent))
        else:
            problems.append(diag("E100", "no such file or folder", path))
    seen: set[Path] = set()
    unique_files = []
    for f, root in files:
        key = f.resolve()
        if key not in seen:
            seen.add(key)
            unique_files.append((f, root))
    return unique_files, problems
