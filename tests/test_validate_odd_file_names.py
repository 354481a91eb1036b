"""A file whose name is not UTF-8 (a USB stick from another machine) is checked and reported, not a crash, and the
verdict cache keeps its name through the round trip (issue 13: bad input gets a message, never a traceback)."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

from game.cli import main

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.skipif(sys.platform != "linux", reason="file names that are not UTF-8 are a Linux file system matter")
def test_a_name_that_is_not_utf8_is_reported_twice_the_same(tmp_path, capsys):
    folder = tmp_path / "stick"
    folder.mkdir()
    odd = os.fsdecode(b"niv\xe9l.yaml")  # Latin-1 é: undecodable as UTF-8, held as a surrogate
    shutil.copy(ROOT / "levels" / "template.yaml", folder / odd)
    shutil.copy(ROOT / "levels" / "template.yaml", folder / "copy.yaml")  # the same level id twice: one error
    said = []
    for _ in range(2):  # the second answer comes from the verdict cache
        assert main(["validate", str(folder)]) == 1
        out = capsys.readouterr()
        assert "internal error" not in out.err + out.out
        said.append(out.out + out.err)
    assert "E160" in said[0] and "niv\\udce9l.yaml" in said[0]
    assert said[0] == said[1]
