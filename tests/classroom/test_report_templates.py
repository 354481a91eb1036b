"""The class report is rendered by Jinja2 templates shipped in the package, autoescaped: what students typed (group
labels) and what content authors wrote are text on the page, never markup and never template code."""

from __future__ import annotations

import dataclasses
import fnmatch
import tomllib
from html.parser import HTMLParser
from importlib import resources
from pathlib import Path

import pytest

from game.classfiles.logs import read_class_logs, write_bot_class
from game.classfiles.session import new_session
from game.classroom.report import environment, make_report, whatif_page
from game.content import schemas
from game.content.loader import ContentSet

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = [
    "<script>alert(1)</script>",
    "{{7*7}}",
    "{{ 'zq' * 3 }}",
    "{% for x in range(3) %}loop{% endfor %}",
    "{{ ''.__class__.__mro__ }}",
    "{7*7}",
    '"><img src=x onerror=alert(1)>',
]


class Text(HTMLParser):
    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.chunks: list[str] = []
        self.attrs: list[str] = []
        self.tags: set[str] = set()
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attrs += [v for _, v in attrs if v]

    def handle_data(self, data):
        self.chunks.append(data)

    @property
    def text(self) -> str:
        return "".join(self.chunks)


@pytest.fixture(scope="module")
def hostile_class(content, tmp_path_factory):
    """A class whose group labels are markup and template code (labels as a log's header may carry them)."""
    folder = tmp_path_factory.mktemp("hostile")
    session = new_session(content, "first_steps", "official", seed=5, groups=[f"G{i}" for i in range(len(HOSTILE))])
    write_bot_class(content, session, folder)
    logs, problems = read_class_logs([folder], content)
    assert problems == [] and len(logs) == len(HOSTILE)
    logs.sort(key=lambda log: log.group)
    return [
        dataclasses.replace(log, group=label, header={**log.header, "group": label})
        for log, label in zip(logs, HOSTILE, strict=True)
    ]


@pytest.mark.parametrize("lang", ["en", "es"])
def test_hostile_group_labels_are_text_not_markup_nor_template_code(hostile_class, content, lang):
    report = make_report(hostile_class, content, lang)
    assert report.games == len(HOSTILE) and report.problems == []
    html = report.html
    page = Text(html)
    for label in HOSTILE:
        assert label in page.text  # shown as typed (table rows, the groups list, the legend of the lines)
    assert "<script" not in html.lower() and "<img" not in html.lower()
    assert "script" not in page.tags and "img" not in page.tags
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "zqzqzq" not in page.text  # never evaluated …
    assert "looplooploop" not in page.text  # … nor looped
    assert "<class" not in page.text  # … nor looked into
    assert any("<script>alert(1)</script>" in a for a in page.attrs)  # tooltips and chart labels are escaped too


def test_the_what_if_page_escapes_the_group(hostile_class, content):
    report = make_report(hostile_class, content, "en")
    w = report.whatifs[0]
    log = next(log for log in hostile_class if log.group == w.group)
    w = dataclasses.replace(w, group="<script>alert(1)</script>{{7*7}}")
    html = whatif_page(content, log, w, "en")
    assert "<script" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;{{7*7}}" in html


def test_content_strings_are_rendered_safely_and_escaped():
    from game.classroom.report_data import Texts

    # GIVEN a translator's strings with markup, Jinja syntax and a str.format spec
    content = ContentSet()
    content.strings["a"] = schemas.Text(en="<b>bold</b> {{7*7}} {groups}", es="x")
    content.strings["b"] = schemas.Text(en="{% if 1 %}x{% endif %} {groups:>99} {{ 7*7 }}", es="x")
    page = environment().from_string("{{ t('a', groups='{{7*7}}') }}|{{ t('b', groups=1) }}")
    html = page.render(t=Texts(content, "en"))
    # THEN they are text: escaped, `{{` a literal brace (game.content.templates), a broken string shown as written,
    # and nothing evaluated
    assert html == "&lt;b&gt;bold&lt;/b&gt; {7*7} {{7*7}}|{% if 1 %}x{% endif %} {groups:&gt;99} {{ 7*7 }}"


def test_templates_are_autoescaped_whatever_their_name():
    env = environment()
    assert env.autoescape is True or env.autoescape("x.j2")
    assert env.from_string("{{ v }}").render(v="<i>") == "&lt;i&gt;"


def test_the_templates_are_package_data():
    shipped = {p.name for p in (resources.files("game.classroom") / "templates").iterdir()}
    assert {"report.html.j2", "whatif.html.j2", "_phases.html.j2", "_charts.html.j2", "report.css"} <= shipped
    # The wheel ships the whole `game` package (hatchling), minus its exclude patterns, which must spare them.
    wheel = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["hatch"]["build"]["targets"]
    wheel = wheel["wheel"]
    assert "game" in wheel["packages"]
    for name in shipped:
        assert not any(fnmatch.fnmatch(name, pattern) for pattern in wheel.get("exclude", [])), name
