"""pydantic's plugin search is answered without importlib.metadata only when its own search would find nothing
(game/content/pydantic_plugins.py)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from game.content import pydantic_plugins
from game.content.pydantic_plugins import _declared


def _distribution(folder, name: str, entry_points: str | None) -> None:
    info = folder / f"{name}-1.0.dist-info"
    info.mkdir(parents=True)
    if entry_points is not None:
        (info / "entry_points.txt").write_text(entry_points, encoding="utf-8")


def test_a_declared_plugin_leaves_the_search_to_pydantic(tmp_path):
    _distribution(tmp_path, "tool", "[console_scripts]\ntool = tool:main\n")
    _distribution(tmp_path, "bare", None)
    (tmp_path / "old.egg-info").write_text("Name: old\n", encoding="utf-8")  # a file, not a folder
    assert not _declared([str(tmp_path), str(tmp_path / "missing")])
    _distribution(tmp_path, "observer", "[pydantic]\nobserver = observer.plugin:plugin\n")
    assert _declared([str(tmp_path)])


def test_the_answer_is_pydantic_s_own():
    """pydantic's own search, in a process of its own, finds no plugin where the stand-in is used."""
    if _declared(sys.path):
        pytest.skip("a pydantic plugin is installed here: the stand-in is not used")
    own = subprocess.run(
        [sys.executable, "-c", "from pydantic.plugin._loader import get_plugins; print(len(list(get_plugins())))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert own == "0"
    assert pydantic_plugins._no_plugins() == ()


def test_a_cold_validate_does_not_import_importlib_metadata():
    code = (
        "import sys; from game.content.loader import load_content; load_content(); "
        "print('importlib.metadata' in sys.modules)"
    )
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert found == str(_declared(sys.path))
