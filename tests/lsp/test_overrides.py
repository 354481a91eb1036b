"""The loader checks an editor's unsaved text in place of the file on disk (`load_content(overrides=...)`)."""

from __future__ import annotations

from game.content.loader import load_content

LEVEL = """schema_version: 1
kind: events
events:
  - id: {ident}
    title: {{en: A, es: A}}
    text: {{en: A, es: A}}
    paper: "x"
    scope: city
    options:
      - id: ok
        label: {{en: A, es: A}}
    tags: [fear]
"""


def test_override_replaces_the_text_on_disk(tmp_path):
    path = tmp_path / "events.yaml"
    path.write_text(LEVEL.format(ident="on_disk"), encoding="utf-8")
    plain = load_content([path])
    assert "on_disk" in plain.content.events
    given = load_content([path], overrides={str(path): LEVEL.format(ident="in_memory")})
    assert set(given.content.events) == {"in_memory"}
    assert path.read_text(encoding="utf-8") == LEVEL.format(ident="on_disk")


def test_overridden_text_meets_the_same_checks(tmp_path):
    path = tmp_path / "events.yaml"
    path.write_text(LEVEL.format(ident="fine"), encoding="utf-8")
    codes = {
        d.code for d in load_content([path], overrides={path: "schema_version: 1\nkind: events\n\x01"}).diagnostics
    }
    assert codes == {"E103"}
    codes = {d.code for d in load_content([path], overrides={path: "kind: events\nx: \ud800\n"}).diagnostics}
    assert codes == {"E102"}
    codes = {d.code for d in load_content([path], overrides={path: "#" * 1_000_001}).diagnostics}
    assert codes == {"E101"}
