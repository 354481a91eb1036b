"""The player's install: the wheel `uv build` makes, installed into a fresh virtual environment, runs the game.

GIVEN the wheel built from this tree (once for the module) and a new venv with only that wheel installed
WHEN `plaza validate`, `plaza simulate` (one quarter) and one headless quarter of the desktop game run from a
     folder outside the repository
THEN they work with the content, levels and fonts the wheel carries, and no developer tool is installed.

Needs uv and PyPI (or uv's cache) for the runtime dependencies; about 15 s with a warm cache.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
UV = shutil.which("uv")

pytestmark = pytest.mark.skipif(UV is None, reason="uv is not on PATH")

# One quarter of the desktop game, headless, in the installed environment: title screen, new game, a turn, a save.
GAME_TURN = """
import json, sys
import pygame
from game import paths
from game.ui.app import App
from game.ui.tour import walk_to
app = App()
app.replace("title")
app.frame([], 0.05)
app.new_game("first_steps", "official", 3)
walk_to(app, ("report",))
saved = app.save()
app.quit()
pygame.quit()
print(json.dumps({"game": __import__("game").__file__, "fonts": str(paths.fonts_dir()), "turn": app.play.turn,
                  "save": str(saved)}))
"""


def _run(args: list[str], cwd: Path, env: dict[str, str], timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False)


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """(venv's bin folder, a clean environment, a working folder outside the repository, the wheel)."""
    base = tmp_path_factory.mktemp("install")
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME")}
    env.update(SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy", PLAZA_HOME=str(base / "home"))
    env["PLAZA_CACHE_DIR"] = str(base / "cache")
    built = _run([UV, "build", "--wheel", "--out-dir", str(base / "dist"), str(ROOT)], ROOT, env, timeout=300)
    assert built.returncode == 0, built.stderr
    wheel = next((base / "dist").glob("plaza-*.whl"))
    venv = base / "venv"
    made = _run([UV, "venv", "--quiet", "--python", sys.executable, str(venv)], base, env)
    assert made.returncode == 0, made.stderr
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    added = _run([UV, "pip", "install", "--quiet", "--python", str(python), str(wheel)], base, env, timeout=300)
    assert added.returncode == 0, added.stderr
    work = base / "elsewhere"
    work.mkdir()
    return python.parent, env, work, wheel


def test_the_wheel_carries_the_content_and_only_the_runtime_dependencies(installed):
    _, _, _, wheel = installed
    names = zipfile.ZipFile(wheel).namelist()
    for folder in (
        "game/_data/content/",
        "game/_data/levels/",
        "game/_data/assets/fonts/",
        "game/classroom/templates/",
    ):
        assert any(n.startswith(folder) for n in names), folder
    assert "game/_data/levels/first_steps.yaml" in names and "game/_data/assets/fonts/DejaVuSans.ttf" in names
    # everything inside the package: nothing of ours at the top of site-packages
    assert all(n.startswith(("game/", "plaza-")) for n in names), [n for n in names if not n.startswith("game/")][:5]
    metadata = next(n for n in names if n.endswith(".dist-info/METADATA"))
    requires = sorted(
        line.split(":", 1)[1].strip().lower().replace("_", "-")
        for line in zipfile.ZipFile(wheel).read(metadata).decode().splitlines()
        if line.startswith("Requires-Dist:")
    )
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert requires == sorted(d.lower().replace("_", "-") for d in project["project"]["dependencies"])


def test_no_developer_tool_is_installed(installed):
    bin_dir, env, work, _ = installed
    tools = ("pytest", "hypothesis", "ruff", "mypy", "PyInstaller", "xdist")
    probe = f"import importlib.util as u; print([m for m in {tools!r} if u.find_spec(m)])"
    found = _run([str(bin_dir / "python"), "-c", probe], work, env)
    assert found.returncode == 0, found.stderr
    assert found.stdout.strip() == "[]"
    assert not any((bin_dir / tool).exists() for tool in ("pytest", "ruff", "hypothesis", "mypy", "pyinstaller"))


def test_plaza_validate_runs_from_another_folder(installed):
    bin_dir, env, work, _ = installed
    done = _run([str(bin_dir / "plaza"), "validate"], work, env)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 errors" in done.stdout
    assert "5 levels" in done.stdout


def test_plaza_simulate_plays_a_quarter(installed):
    bin_dir, env, work, _ = installed
    done = _run([str(bin_dir / "plaza"), "simulate", "first_steps", "--runs", "1", "--turns", "1", "--json"], work, env)
    assert done.returncode == 0, done.stdout + done.stderr
    assert json.loads(done.stdout)


def test_a_headless_quarter_of_the_desktop_game(installed):
    bin_dir, env, work, _ = installed
    done = _run([str(bin_dir / "python"), "-c", GAME_TURN], work, env)
    assert done.returncode == 0, done.stdout + done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    venv = bin_dir.parent
    assert Path(result["game"]).is_relative_to(venv), "the game ran from the source tree, not the wheel"
    assert Path(result["fonts"]).is_relative_to(venv) and (Path(result["fonts"]) / "DejaVuSans.ttf").is_file()
    assert result["turn"] >= 1
    assert Path(result["save"]).is_file() and Path(result["save"]).is_relative_to(Path(env["PLAZA_HOME"]))
