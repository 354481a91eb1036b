"""pydantic's plugin search, answered without importlib.metadata when no plugin is installed.

When pydantic builds its first validator it looks for plugins: the `pydantic` entry points of every installed
distribution, found through importlib.metadata, whose import alone (email, zipfile, csv, tempfile…) cost a cold
`plaza validate` a twentieth of its time (check_cache avoids that import for the same reason). Plaza uses no
pydantic plugin. So, before pydantic asks, `no_plugin_search` reads the distributions' own entry_points.txt
files (a few small files) and, when none declares the `pydantic` group, gives pydantic the answer its own search
would give, no plugins, as its `pydantic.plugin._loader`. When one does, or pydantic is not the version this was
written for, nothing is changed and pydantic searches as usual.
"""

from __future__ import annotations

import os
import sys
import types
from collections.abc import Iterable

from pydantic.version import VERSION

PYDANTIC = "2.14.4"  # the version pyproject.toml pins, whose loader is the module replaced here
LOADER = "pydantic.plugin._loader"


def no_plugin_search() -> None:
    """Answer pydantic's plugin search (see the module's text); call before the first validator is built."""
    if LOADER in sys.modules or VERSION != PYDANTIC or _declared(sys.path):
        return
    loader = types.ModuleType(LOADER, "No pydantic plugin is installed (game.content.pydantic_plugins).")
    loader.get_plugins = _no_plugins  # type: ignore[attr-defined]
    sys.modules[LOADER] = loader


def _no_plugins() -> tuple[()]:
    return ()


def _declared(folders: Iterable[str]) -> bool:
    """Does a distribution installed in one of `folders` declare a `pydantic` entry point (a plugin)? Unreadable
    metadata counts as a yes: then pydantic's own search decides."""
    for folder in folders:
        try:
            entries = list(os.scandir(folder or "."))
        except OSError:  # a zip file, or a folder that is gone
            continue
        for entry in entries:
            if not entry.name.endswith((".dist-info", ".egg-info")):
                continue
            try:
                with open(os.path.join(entry.path, "entry_points.txt"), encoding="utf-8") as file:
                    if any(line.strip() == "[pydantic]" for line in file):
                        return True
            except (FileNotFoundError, NotADirectoryError):  # no entry points at all
                continue
            except (OSError, ValueError):
                return True
    return False
