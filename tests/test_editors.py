"""The Neovim set-ups of docs/authoring.md, run for real: headless Neovim opens a level file with a misspelt event,
waits for `plaza lsp`'s diagnostics and writes them to a file, which must hold what `plaza validate` reports.

Skipped where `nvim` (or `uv`, which the documented command runs) is not installed. `PLAZA_NVIM` may name other
`nvim` programs to try, separated by the path separator (e.g. a Neovim 0.11 beside Debian's 0.7).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from game.cli import main
from tests.lsp.test_server import LEVEL

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "authoring.md"

DRIVER = """
vim.api.nvim_create_autocmd("VimEnter", { callback = function()
  vim.wait(90000, function() return #vim.diagnostic.get(0) > 0 end, 100)
  local out = {}
  for _, d in ipairs(vim.diagnostic.get(0)) do
    table.insert(out, { lnum = d.lnum, col = d.col, code = d.code, message = d.message })
  end
  vim.fn.writefile({ vim.json.encode(out) }, OUT)
  vim.cmd("qa!")
end })
"""


def _programs() -> list[str]:
    given = [p for p in os.environ.get("PLAZA_NVIM", "").split(os.pathsep) if p]
    found = shutil.which("nvim")
    return given + ([found] if found and found not in given else [])


def _version(nvim: str) -> tuple[int, int]:
    out = subprocess.run([nvim, "--version"], capture_output=True, text=True, timeout=30, check=False).stdout
    found = re.search(r"NVIM v(\d+)\.(\d+)", out)
    return (int(found.group(1)), int(found.group(2))) if found else (0, 0)


def documented_config(version: tuple[int, int]) -> str:
    """The Lua block the docs give for this Neovim version."""
    text = DOC.read_text(encoding="utf-8")
    heading = "**Neovim** 0.11 or newer" if version >= (0, 11) else "On Neovim 0.7 to 0.10"
    after = text[text.index(heading) :]
    block = re.search(r"```lua\n(.*?)```", after, re.S)
    assert block, f"no Lua block after {heading!r}"
    return block.group(1).replace("/path/to/plaza", str(ROOT).replace("\\", "/"))


@pytest.mark.skipif(not _programs() or not shutil.which("uv"), reason="nvim or uv is not installed")
@pytest.mark.parametrize("nvim", _programs() or ["nvim"])
def test_the_documented_neovim_setup_shows_validates_diagnostics(nvim, tmp_path, monkeypatch, capsys):
    version = _version(nvim)
    if version < (0, 7):
        pytest.skip(f"{nvim} is older than the documented set-ups ({version})")
    monkeypatch.setenv("PLAZA_CACHE_DIR", str(tmp_path / "cache"))
    (tmp_path / "levels").mkdir()
    level = tmp_path / "levels" / "my_level.yaml"
    level.write_text(LEVEL.replace("night_patrol", "nite_patrol"), encoding="utf-8")
    out = tmp_path / "diagnostics.json"
    init = tmp_path / "init.lua"
    init.write_text(documented_config(version) + f"\nlocal OUT = {json.dumps(str(out))}\n" + DRIVER, encoding="utf-8")
    env = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path / "xdg"), "XDG_STATE_HOME": str(tmp_path / "xdg")}
    subprocess.run(
        [nvim, "--headless", "-u", str(init), "levels/my_level.yaml"],
        cwd=tmp_path,
        env=env,
        timeout=150,
        capture_output=True,
        check=False,
    )
    assert out.exists(), "Neovim wrote no diagnostics"
    shown = json.loads(out.read_text(encoding="utf-8"))
    monkeypatch.chdir(tmp_path)
    assert main(["validate", "--json", "levels"]) == 1
    validated = json.loads(capsys.readouterr().out)["diagnostics"]
    assert shown, "the server sent no diagnostics within the wait"
    assert sorted((d["code"], d["lnum"] + 1, d["col"] + 1) for d in shown) == sorted(
        (d["code"], d["line"], d["col"]) for d in validated
    )
