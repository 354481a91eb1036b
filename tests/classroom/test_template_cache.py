"""The report's templates are compiled once and kept in the user's cache folder (game.classroom.template_cache):
read back only from a folder no one else may enter, compiled again when the entry is damaged or the template
changed, and the page is the same either way."""

from __future__ import annotations

import stat

import jinja2
import pytest

from game.classroom.report import environment
from game.classroom.template_cache import KeptTemplates


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("PLAZA_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache" / "templates"


def render(sources: dict[str, str], compiled: list[str]) -> str:
    """Render template `t` in a fresh environment, noting in `compiled` each template Jinja2 had to compile."""
    env = jinja2.Environment(
        loader=jinja2.DictLoader(sources), autoescape=True, bytecode_cache=KeptTemplates({"autoescape": True})
    )
    compile_ = env.compile

    def counted(source, name=None, filename=None, raw=False, defer_init=False):
        compiled.append(name)
        return compile_(source, name, filename, raw, defer_init)

    env.compile = counted  # type: ignore[method-assign]
    return env.get_template("t").render(x="<b>")


def test_a_template_compiled_once_is_read_back_and_renders_the_same(cache):
    first: list[str] = []
    again: list[str] = []
    assert render({"t": "{{ x }}!"}, first) == render({"t": "{{ x }}!"}, again) == "&lt;b&gt;!"
    assert first == ["t"] and again == []
    [kept] = cache.rglob("*.jinja")
    assert stat.S_IMODE(kept.parent.stat().st_mode) == 0o700
    changed: list[str] = []
    assert render({"t": "{{ x }}?"}, changed) == "&lt;b&gt;?" and changed == ["t"]  # another source: compiled


def test_entries_in_a_folder_open_to_others_or_damaged_are_not_used(cache):
    render({"t": "{{ x }}!"}, [])
    [kept] = cache.rglob("*.jinja")
    kept.parent.chmod(0o755)
    compiled: list[str] = []
    assert render({"t": "{{ x }}!"}, compiled) == "&lt;b&gt;!" and compiled == ["t"]
    kept.parent.chmod(0o700)
    kept.write_bytes(b"not a compiled template")
    compiled = []
    assert render({"t": "{{ x }}!"}, compiled) == "&lt;b&gt;!" and compiled == ["t"]


def test_the_report_keeps_its_compiled_templates():
    assert isinstance(environment().bytecode_cache, KeptTemplates)
