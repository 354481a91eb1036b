"""`plaza validate` says exactly the same, byte for byte, whatever its caches hold (issue 13).

Three states of the caches are compared with a run from an empty cache folder: the verdict answered from the
cache (check_cache), the verdict stale but every parse read back (parse_cache, positions decoded only when a
diagnostic needs them), and one file edited with the others read back. On the shipped content and on a folder of
deliberately broken files whose diagnostics are placed by the cross-file checks (unknown follow-ups, flags read
but never set, unknown measures and pool events, parameters out of range), also after an edit that adds an
error to one file and after the edit that takes it away again.
"""

from __future__ import annotations

import itertools
import shutil
from pathlib import Path

import pytest

from game.cli import main
from tests.test_docs import dump

_fresh = itertools.count()

EVENTS = """\
schema_version: 1
kind: events
events:
  - id: broken_follow_up
    title: {en: "A {chance:>9} title", es: "Un título {city!r}"}
    text: {en: "Text in {district}.", es: "Texto en {district}."}
    paper: "Not a section of the paper"
    scope: city
    when:
      - "flag('never_set_anywhere') and district.fear > 0.2"
      - "flag('never_set_anywhere')"
    options:
      - id: go
        label: {en: Go, es: Ir}
        effects:
          - add: {city.no_such_value: 0.1}
          - schedule: {event: no_such_follow_up, delay: 1}
      - id: stay
        label: {en: Stay, es: Quedarse}
    tags: [retaliation]
  - id: second_event
    title: {en: Second, es: Segundo}
    text: {en: "Nothing {turn}.", es: "Nada."}
    paper: "Protection as a Necessary Condition for the Coproduction of Public Safety"
    scope: district
    when: "fired('broken_follow_uq') and flag('never_set_anywhere')"
    options:
      - id: ok
        label: {en: OK, es: OK}
        effects:
          - set: {district.fear: 7}
    tags: [fear]
"""

YAML_LEVEL_PROBLEMS = "schema_version: 1\nkind: events\nevents: ! 12\nflag: yes\nodd: 010\n"


def _level() -> str:
    return dump(
        {
            "schema_version": 1,
            "kind": "level",
            "id": "broken_town",
            "title": {"en": "Broken town", "es": "Pueblo roto"},
            "summary": {"en": "A town.", "es": "Un pueblo."},
            "inspired_by": {"en": "Fictional.", "es": "Ficticio."},
            "turns": 8,
            "city": {"name": {"en": "Town", "es": "Pueblo"}, "initial": {"corruption": 0.5}},
            "parameters": {"no_such_parameter": 0.5},
            "districts": [
                {
                    "id": "centro",
                    "name": {"en": "Centro", "es": "Centro"},
                    "kind": "middle",
                    "description": {"en": "The centre.", "es": "El centro."},
                    "borders": ["centro", "nowhere"],
                    "initial": {"extortion": 0.3},
                }
            ],
            "roles": {
                "official": {
                    "title": {"en": "Official", "es": "Funcionaria"},
                    "briefing": {"en": "In {city}.", "es": "En {city}."},
                    "objectives": [{"en": "Do well.", "es": "Hacerlo bien."}],
                    "resources": {"budget": 100, "no_such_resource": 1},
                    "measures": ["street_lightning", "anonymous_hotline"],
                }
            },
            "pools": [{"id": "p", "hook": "turn_start", "none_weight": 10, "events": ["no_such_event"]}],
        }
    )


@pytest.fixture
def tree(tmp_path, monkeypatch) -> Path:
    """A folder of broken files in the working folder, as an author keeps one."""
    folder = tmp_path / "work" / "broken"
    folder.mkdir(parents=True)
    (folder / "broken_events.yaml").write_text(EVENTS, encoding="utf-8")
    (folder / "yaml_problems.yaml").write_text(YAML_LEVEL_PROBLEMS, encoding="utf-8")
    (folder / "broken_town.yaml").write_text(_level(), encoding="utf-8")
    monkeypatch.chdir(tmp_path / "work")
    return folder


def _run(args: list[str], cache: Path, monkeypatch, capsys) -> tuple[int, str]:
    monkeypatch.setenv("PLAZA_CACHE_DIR", str(cache))
    code = main(["validate", *args])
    return code, capsys.readouterr().out


def _uncached(args: list[str], tmp_path: Path, monkeypatch, capsys) -> tuple[int, str]:
    """What a first run says: an empty cache folder of its own."""
    return _run(args, tmp_path / f"empty{next(_fresh)}", monkeypatch, capsys)


def _every_cache_state(args: list[str], tmp_path: Path, monkeypatch, capsys) -> tuple[int, str]:
    """Cold, warm (the verdict kept) and changed (the verdict gone, the parses kept): one output, returned."""
    cache = tmp_path / "cache"
    shutil.rmtree(cache, ignore_errors=True)
    cold = _run(args, cache, monkeypatch, capsys)
    warm = _run(args, cache, monkeypatch, capsys)
    shutil.rmtree(cache / "validate")
    assert list((cache / "parsed").glob("*.json")), "no parse was kept"
    read_back = _run(args, cache, monkeypatch, capsys)
    assert cold == warm == read_back
    return cold


@pytest.mark.parametrize("form", [[], ["--json"]])
def test_the_shipped_content_reads_the_same_from_every_cache_state(form, tmp_path, monkeypatch, capsys):
    code, out = _every_cache_state(form, tmp_path, monkeypatch, capsys)
    assert code == 0 and out


@pytest.mark.parametrize("form", [[], ["--json"]])
def test_broken_files_read_the_same_from_every_cache_state(form, tree, tmp_path, monkeypatch, capsys):
    code, out = _every_cache_state([*form, "broken"], tmp_path, monkeypatch, capsys)
    assert code == 1
    for expected in ("E161", "E162", "E163", "E164", "E165", "W202", "W215", "E171", "E169", "E170", "E105"):
        assert expected in out, f"the broken tree no longer gives {expected}"


@pytest.mark.parametrize(
    ("old", "new", "shown"),
    [
        ("district.fear > 0.2", "district.fera > 0.2", "district.fera"),  # a name the cross-file checks judge
        ("delay: 1", "delay: [3, 1]", "E125"),  # a schema error: the event drops out of the cross-file checks
    ],
)
def test_an_error_added_then_taken_away_reads_the_same_as_a_first_run(
    old, new, shown, tree, tmp_path, monkeypatch, capsys
):
    cache = tmp_path / "cache"
    events = tree / "broken_events.yaml"
    before = _run(["broken"], cache, monkeypatch, capsys)
    events.write_text(EVENTS.replace(old, new), encoding="utf-8")
    with_error = _run(["broken"], cache, monkeypatch, capsys)  # one file parsed again, the others read back
    assert with_error == _uncached(["broken"], tmp_path, monkeypatch, capsys)
    assert shown in with_error[1] and shown not in before[1]
    events.write_text(EVENTS, encoding="utf-8")
    shutil.rmtree(cache / "validate")  # the first verdict is not simply read back: the check runs again
    assert (
        _run(["broken"], cache, monkeypatch, capsys) == before == _uncached(["broken"], tmp_path, monkeypatch, capsys)
    )
