"""The checked packages type-check cleanly with mypy (configured in pyproject.toml): the model (game/sim), the
content language and checks (game/content), the event engine (game/events), the session layer (game/session),
many games at once (game/runs) and the class's files (game/classfiles)."""

import re
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHECKED = ("game/sim", "game/content", "game/events", "game/session", "game/runs", "game/classfiles")


def test_the_checked_packages_type_check():
    done = subprocess.run([sys.executable, "-m", "mypy"], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_checked_packages_stay_configured_and_strict():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mypy"]
    assert set(CHECKED) <= set(config["files"])
    assert not config.get("ignore_errors") and not config.get("disable_error_code")
    modules = tuple(package.replace("/", ".") for package in CHECKED)
    for override in config.get("overrides", []):
        names = override["module"] if isinstance(override["module"], list) else [override["module"]]
        if any(name.rstrip(".*").startswith(modules) for name in names):
            assert not override.get("ignore_errors") and not override.get("disable_error_code"), override


def test_each_type_ignore_names_its_error_code():
    bare = [
        f"{path.relative_to(ROOT)}:{number}"
        for package in CHECKED
        for path in sorted((ROOT / package).rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"#\s*type:\s*ignore(?!\[)", line)
    ]
    assert not bare, f"a `# type: ignore` without its error code: {bare}"
