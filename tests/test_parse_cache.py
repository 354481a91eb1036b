"""Files are parsed once: `plaza validate` keeps parsed files on disk (game/content/parse_cache.py) and a
`Memo` keeps what each file gave in memory (the language server's), both keyed by the file's own text.
Nothing read back may differ from parsing afresh, and a damaged or deleted cache is never an error."""

from __future__ import annotations

import pytest

import game.content.loader as loader
from game.cli import main
from game.content.loader import SHIPPED_CONTENT, Memo, load_content
from game.content.parse_cache import ParseCache
from game.content.yaml_strict import YamlProblems, parse
from tests.test_check_cache import my_level
from tests.test_docs import dump, tutorial_level

BROKEN = {
    "tags.yaml": "schema_version: 1\nkind: events\nevents: ! 12\nflag: yes\nodd: 010\n",  # problems, a document
    "syntax.yaml": "schema_version: 1\nkind: events\nevents: [\n",  # no document at all
    "escapes.yaml": 'schema_version: 1\nkind: strings\nstrings:\n  a: {en: "\\e[2J", es: "\\u202e"}\n',
}


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("PLAZA_CACHE_DIR", str(folder))
    monkeypatch.setenv("PLAZA_PARSE_AHEAD", "0")  # these tests count the parses made in this process
    return folder


def _count_parses(monkeypatch) -> list[str]:
    parsed: list[str] = []
    real = loader.parse

    def counting(text, label, **kwargs):
        parsed.append(label)
        return real(text, label, **kwargs)

    monkeypatch.setattr(loader, "parse", counting)
    import game.content.parse_cache as parse_cache

    monkeypatch.setattr(parse_cache.yaml_strict, "parse", counting)
    return parsed


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_a_parse_read_back_is_the_parse(tmp_path, name):
    store = ParseCache(tmp_path / "parsed")
    text = BROKEN[name]
    outcomes = []
    for _ in range(2):  # parsed and written, then read back
        try:
            doc, problems = store.parse(text, name)
            outcomes.append((doc.data, doc.source.values, doc.source.keys, problems))
        except YamlProblems as exc:
            outcomes.append(("fatal", exc.diagnostics))
    assert store.hits == 1
    try:
        doc, problems = parse(text, name)
        fresh = (doc.data, doc.source.values, doc.source.keys, problems)
    except YamlProblems as exc:
        fresh = ("fatal", exc.diagnostics)
    assert outcomes[0] == outcomes[1] == fresh


def test_validate_after_a_change_parses_only_what_changed(cache, tmp_path, monkeypatch, capsys):
    level, good = my_level(tmp_path, monkeypatch)
    assert main(["validate", "mine"]) == 0
    first = capsys.readouterr().out
    assert list((cache / "parsed").glob("*.json")), "no parsed file was kept"
    parsed = _count_parses(monkeypatch)
    level.write_text(good.replace("turns: 8", "turns: eight"), encoding="utf-8")
    assert main(["validate", "mine"]) == 1
    assert "E124" in capsys.readouterr().out
    assert parsed == ["mine/my_town.yaml"], "the shipped files were parsed again although they did not change"
    level.write_text(good, encoding="utf-8")
    for entry in (cache / "validate").glob("*.json"):
        entry.unlink()  # the verdict is gone: the files are read back, not parsed
    assert main(["validate", "mine"]) == 0
    assert capsys.readouterr().out == first
    assert parsed == ["mine/my_town.yaml"]


def test_a_damaged_parse_cache_is_not_used(cache, capsys):
    assert main(["validate"]) == 0
    first = capsys.readouterr().out
    entries = list((cache / "parsed").glob("*.json"))
    for i, entry in enumerate(entries):  # cut off, wrong types, or a document that lost its positions
        damage = ['{"fatal": false, "problems": [', '{"fatal": false, "problems": [], "values": [[[], "1", 1]]}']
        entry.write_text(damage[i % 2], encoding="utf-8")
    for entry in (cache / "validate").glob("*.json"):
        entry.unlink()
    assert main(["validate"]) == 0
    assert capsys.readouterr().out == first


def test_a_memo_gives_the_same_diagnostics_and_parses_only_changed_files(tmp_path, monkeypatch):
    level = tmp_path / "my_town.yaml"
    good = dump(tutorial_level())
    level.write_text(good, encoding="utf-8")
    memo = Memo()
    paths = [SHIPPED_CONTENT, level]
    first = load_content(paths, memo=memo)
    parsed = _count_parses(monkeypatch)
    again = load_content(paths, memo=memo)
    assert parsed == []
    assert again.diagnostics == first.diagnostics
    assert sorted(again.content.events) == sorted(first.content.events)
    broken = good.replace("turns: 8", "turns: eight")
    changed = load_content(paths, memo=memo, overrides={level: broken})
    assert parsed == [str(level)]
    assert changed.diagnostics == load_content(paths, overrides={level: broken}).diagnostics
    assert any(d.code == "E124" for d in changed.diagnostics)
    assert len(memo.files) == len(changed.content.files), "texts no longer loaded are forgotten"


def test_an_id_used_twice_is_reported_whether_or_not_the_files_come_from_a_memo(tmp_path):
    (tmp_path / "a.yaml").write_text(
        dump({"schema_version": 1, "kind": "strings", "strings": {"hello": {"en": "Hi", "es": "Hola"}}}),
        encoding="utf-8",
    )
    (tmp_path / "b.yaml").write_text((tmp_path / "a.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    memo = Memo()
    runs = [load_content([tmp_path], memo=memo) for _ in range(2)]
    assert [d.code for d in runs[0].diagnostics] == [d.code for d in runs[1].diagnostics]
    assert "E160" in [d.code for d in runs[1].diagnostics]
