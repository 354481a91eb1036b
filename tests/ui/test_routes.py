"""Every screen name resolves to its scene, and the title opens without loading the other screens' modules."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from game.ui import routes
from game.ui.scene import Scene


@pytest.mark.parametrize("name", sorted(routes.WHERE))
def test_every_route_names_a_scene_called_so(name):
    cls = routes.scene_class(name)
    assert issubclass(cls, Scene)
    assert cls.name == name or (name, cls.name) == ("class_briefing", "briefing")


def test_an_unknown_name_says_where_to_add_it():
    with pytest.raises(KeyError, match=r"routes\.py"):
        routes.scene_class("no_such_screen")


def test_the_title_opens_without_the_city_and_debrief_modules(tmp_path):
    code = (
        "import os, sys; os.environ['SDL_VIDEODRIVER'] = 'dummy'\n"
        "from game.ui.app import App\n"
        "from game.ui.scenes.title import TitleScene\n"
        "app = App(size=(800, 600)); app.replace('title')\n"
        "print(' '.join(m for m in ('game.ui.scenes.city', 'game.ui.scenes.debrief') if m in sys.modules))\n"
    )
    env = {**os.environ, "PLAZA_HOME": str(tmp_path)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True, env=env)
    assert "game.ui.scenes" not in out.stdout, out.stdout
