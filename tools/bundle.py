"""Build Plaza's standalone one-folder bundle (PyInstaller): a folder a player unpacks and starts, no Python needed.

    uv run python tools/bundle.py            # builds dist/plaza/ for this system (Linux, Windows or macOS)

The folder holds `plaza` (`plaza.exe` on Windows, where `plaza-game.exe` also opens the game without a console
window) and `_internal/`: Python, the libraries, the `game` package, and the shipped content/, levels/ and assets/
(fonts), which game/paths.py finds there (`sys._MEIPASS`). The same script runs on the Windows and macOS runners of
.github/workflows/bundle.yml. Work files go to build/bundle/; neither build/ nor dist/ is committed.

`plaza` in the bundle is `plaza` the command (game/cli.py): no arguments opens the game; `plaza validate`,
`simulate`, `report`, `classroom`… work as from the source tree. One more first argument exists only in the bundle,
for its test (tests/test_bundle.py): `plaza --selftest OUT` opens the game headless if asked (SDL_VIDEODRIVER=dummy),
saves the title screen's first frame as OUT/title.png, plays one quarter of first_steps, saves the game into the
player's saves folder and prints a JSON line naming the files.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "build" / "bundle"
DIST = ROOT / "dist"
NAME = "plaza"

# The bundle's entry script. multiprocessing.freeze_support() comes first: the simulation and the debrief's
# comparison start worker processes (spawn on Windows and macOS, and always for the comparison), which in a frozen
# program re-run this executable.
ENTRY = '''\
"""Plaza's bundle entry (written by tools/bundle.py)."""

import multiprocessing
import sys


def selftest(out):
    import json
    import os
    from pathlib import Path

    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    import pygame

    from game.ui.app import App
    from game.ui.tour import walk_to

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    app = App()
    app.replace("title")
    app.frame([], 0.05)
    title = out / "title.png"
    pygame.image.save(app.screen, str(title))
    app.new_game("first_steps", "official", 7)
    walk_to(app, ("report",))
    turns = app.play.turn
    saved = app.save()
    app.quit()
    pygame.quit()
    print(json.dumps({"title": str(title), "turns": turns, "save": str(saved) if saved else None}))
    return 0 if saved and title.is_file() else 1


if __name__ == "__main__":
    multiprocessing.freeze_support()
    if sys.argv[1:2] == ["--selftest"]:
        sys.exit(selftest(sys.argv[2] if len(sys.argv) > 2 else "."))
    from game.cli import main

    sys.exit(main())
'''

# The spec: one Analysis, the console program `plaza`, and on Windows a second, windowed `plaza-game` for the
# double-click (a console program opens a terminal window there). The game's own sources go in beside the compiled
# modules (module_collection_mode "pyz+py"): game/content/check_cache.py keys its cache on them.
SPEC = """\
# Written by tools/bundle.py; do not edit (edit the script).
import sys
from PyInstaller.utils.hooks import collect_data_files

ROOT = {root!r}
ENTRY = {entry!r}
NAME = {name!r}
MODULES = {modules!r}  # every module of `game`: scenes are imported by name, game/ui has no __init__.py

datas = [
    (ROOT + "/content", "content"),
    (ROOT + "/levels", "levels"),
    (ROOT + "/assets", "assets"),
    (ROOT + "/game/classroom/templates", "game/classroom/templates"),
    (ROOT + "/game/classweb/static", "game/classweb/static"),  # the students' page (Students join)
]
datas += collect_data_files("pygame_gui")

a = Analysis(
    [ENTRY],
    pathex=[ROOT],
    datas=datas,
    hiddenimports=MODULES,
    excludes=["tkinter", "matplotlib", "scipy", "pytest", "hypothesis", "IPython", "PyInstaller", "jsonschema"],
    module_collection_mode={{"game": "pyz+py"}},
    noarchive=False,
)
pyz = PYZ(a.pure)
programs = [EXE(pyz, a.scripts, [], exclude_binaries=True, name=NAME, console=True, upx=False)]
if sys.platform == "win32":
    programs.append(EXE(pyz, a.scripts, [], exclude_binaries=True, name=NAME + "-game", console=False, upx=False))
COLLECT(*programs, a.binaries, a.datas, name=NAME, upx=False)
"""


def game_modules() -> list[str]:
    """Every module of the `game` package by its file (pkgutil, and so PyInstaller's collect_submodules, skips the
    namespace package game/ui and everything under it)."""
    names = []
    for path in sorted((ROOT / "game").rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


def main(argv: list[str]) -> int:
    if argv and argv[0] in ("-h", "--help"):
        print(__doc__)
        return 0
    try:
        import PyInstaller.__main__
    except ImportError:
        print("bundle: PyInstaller is not installed; run `uv sync` (it is in the dev group)", file=sys.stderr)
        return 2
    WORK.mkdir(parents=True, exist_ok=True)
    entry = WORK / "plaza_main.py"
    entry.write_text(ENTRY, encoding="utf-8")
    spec = WORK / f"{NAME}.spec"
    spec.write_text(
        SPEC.format(root=ROOT.as_posix(), entry=entry.as_posix(), name=NAME, modules=game_modules()),
        encoding="utf-8",
    )
    target = DIST / NAME
    if target.exists():
        shutil.rmtree(target)
    PyInstaller.__main__.run(
        [str(spec), "--noconfirm", "--clean", "--log-level=WARN", "--distpath", str(DIST), "--workpath", str(WORK)]
    )
    exe = target / (NAME + (".exe" if sys.platform == "win32" else ""))
    if not exe.is_file():
        print(f"bundle: {exe} was not built", file=sys.stderr)
        return 1
    print(f"bundle: {target} (start {exe.name})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
