"""The standalone bundle (tools/bundle.py, PyInstaller one-folder): built, moved out of the repository, and run
with no Python on the PATH and an empty home, headless.

Slow (the build takes one to two minutes), so it runs only when asked for:

    uv run pytest -n 0 -m bundle tests/test_bundle.py -s     # -s prints the bundle's size and start-up time

GIVEN dist/plaza/ built by `python tools/bundle.py` and copied to a temporary folder
WHEN it runs with `env -i PATH=<a folder with no programs> HOME=<tmp> SDL_VIDEODRIVER=dummy`
THEN the title screen draws its first frame, a quarter is played and saved into the player's folder
     (platformdirs, under HOME), and `validate`, `simulate`, `classroom new` and `report` work.
"""

from __future__ import annotations

import json
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXE = "plaza.exe" if sys.platform == "win32" else "plaza"
# No Python on the PATH: /usr/bin and /bin hold a system python3 on many machines (this one too), so the PATH is an
# empty folder; the bundle needs nothing from it.
BARE = {"PATH": str(Path(__file__).resolve().parent / "fixtures" / "no-programs-here")}

pytestmark = pytest.mark.bundle


def _only_when_asked(config) -> None:
    if "bundle" not in (config.option.markexpr or ""):
        pytest.skip("builds the PyInstaller bundle (slow): run with -m bundle")


@pytest.fixture(scope="module")
def bundle(request, tmp_path_factory):
    """(the bundle's folder outside the repository, a run function with a bare environment, the empty home).
    Skips before building unless the run asked for -m bundle (a module fixture is set up before any function
    fixture could skip)."""
    _only_when_asked(request.config)
    built = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "bundle.py")], cwd=ROOT, capture_output=True, text=True, timeout=900
    )
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    base = tmp_path_factory.mktemp("bundle")
    folder = base / "plaza"
    shutil.copytree(ROOT / "dist" / "plaza", folder, symlinks=True)
    home = base / "home"
    home.mkdir()
    env = {**BARE, "HOME": str(home), "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"}
    if sys.platform == "win32":  # a bare environment on Windows still needs these to start programs at all
        import os

        env = {k: os.environ[k] for k in ("SYSTEMROOT", "TEMP", "TMP", "USERPROFILE", "APPDATA", "LOCALAPPDATA")}
        env.update(SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy")

    def run(*args: str, timeout: float = 300) -> subprocess.CompletedProcess:
        return subprocess.run(
            [str(folder / EXE), *args], cwd=base, env=env, capture_output=True, text=True, timeout=timeout
        )

    return folder, run, home


def test_the_bundle_carries_its_own_python_and_the_path_has_none(bundle):
    folder, run, _home = bundle
    if sys.platform.startswith("linux"):
        assert list((folder / "_internal").glob("libpython3*.so*"))
    found = subprocess.run(["/bin/sh", "-c", "command -v python3 python uv || true"], env=BARE, capture_output=True)
    assert found.stdout.strip() == b""
    assert run("--version").stdout.startswith("plaza ")


def test_the_title_screen_a_quarter_and_a_save(bundle, tmp_path):
    _folder, run, home = bundle
    done = run("--selftest", str(tmp_path / "shots"))
    assert done.returncode == 0, done.stdout + done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    import pygame

    title = pygame.image.load(result["title"])
    assert title.get_size() == (1280, 720) and len({tuple(title.get_at((x, 80))) for x in range(0, 1280, 4)}) > 2
    assert result["turns"] >= 1
    save = Path(result["save"])
    assert save.is_file() and save.is_relative_to(home)  # the player's folder (platformdirs), not the bundle's
    assert json.loads(save.read_text(encoding="utf-8"))


def test_validate_simulate_classroom_and_report(bundle, tmp_path):
    _folder, run, _home = bundle
    checked = run("validate")
    assert checked.returncode == 0 and "0 errors" in checked.stdout, checked.stdout + checked.stderr
    logs = tmp_path / "logs"
    played = run("simulate", "first_steps", "--runs", "3", "--log-dir", str(logs))
    assert played.returncode == 0, played.stdout + played.stderr
    assert len(list(logs.glob("*.jsonl"))) == 3
    made = run(
        "classroom",
        "new",
        "--level",
        "first_steps",
        "--role",
        "official",
        "--groups",
        "A,B",
        "--out",
        str(tmp_path / "class"),
    )
    assert made.returncode == 0, made.stdout + made.stderr
    reported = run("report", "--out", str(tmp_path / "report"), str(logs))
    assert reported.returncode == 0, reported.stdout + reported.stderr
    page = (tmp_path / "report" / "report.html").read_text(encoding="utf-8")
    assert "<html" in page.lower() and len(page) > 10_000


def test_size_and_start_up_time(bundle):
    folder, run, _home = bundle
    size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())
    times = []
    for _ in range(5):
        start = time.perf_counter()
        assert run("--version").returncode == 0
        times.append(time.perf_counter() - start)
    median = statistics.median(times)
    print(f"\nbundle: {size / 1e6:.0f} MB in {folder}; `plaza --version` start-up median of 5: {median:.2f} s")
    assert median < 10
