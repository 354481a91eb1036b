"""Where the game finds what it ships: the content/, levels/ and assets/ folders.

They sit in one folder, found the same way in the three ways the game runs:
- the source tree: the repository, where content/, levels/ and assets/ are beside game/;
- an installed wheel: inside the package, in game/_data/ (pyproject.toml, force-include), so nothing of ours lands
  at the top of site-packages;
- the PyInstaller bundle: the bundle's folder of data (`sys._MEIPASS`, laid out by tools/bundle.py).

The lowest layer (beside game.roles), so the content loader and the interface can both ask.
"""

from __future__ import annotations

import sys
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent  # game/
_INSTALLED = _PACKAGE / "_data"


def frozen() -> bool:
    """True inside the PyInstaller bundle."""
    return bool(getattr(sys, "frozen", False)) and hasattr(sys, "_MEIPASS")


def resource_root() -> Path:
    """The folder that holds content/, levels/ and assets/."""
    if frozen():
        return Path(getattr(sys, "_MEIPASS"))  # noqa: B009 (not in typeshed's sys)
    if (_INSTALLED / "content").is_dir():
        return _INSTALLED
    return _PACKAGE.parent
