"""Author traps in the command line (issue 13): `plaza simulate PATH` plays an author's level file with the files
beside it, the bots try a level's own measures, and `plaza validate --standalone` says what it could not check."""

from __future__ import annotations

import json
import re
import shutil

import pytest

from game.bots import BOTS
from game.bots.base import level_measures, with_level_measures
from game.cli import main
from game.content.loader import SHIPPED_CONTENT, load_content
from game.runs.batch import run_batch
from tests.conftest import REPO

EVENTS = """schema_version: 1
kind: events

events:
  - id: river_boatmen_pay
    title: {en: The boatmen pay too, es: Los lancheros también pagan}
    text:
      en: "The boatmen who cross the river to {district} say they now pay a cuota per trip."
      es: "Los lancheros que cruzan el río hacia {district} dicen que ahora pagan una cuota por viaje."
    paper: "Limits of Coproduction: Reducing Crime or Reducing Fear?"
    scope: district
    weight: 40
    options:
      - id: note_it
        label: {en: Take note, es: Tomar nota}
        effects:
          - add: {district.fear: 0.01}
    tags: [fear]
"""

MEASURES = """schema_version: 1
kind: measures

measures:
  - id: river_hotline
    role: official
    name: {en: Boatmen's tip line, es: Línea de denuncia de los lancheros}
    summary:
      en: "A tip line in {district} run by the boatmen's union."
      es: "Una línea de denuncia en {district} a cargo del sindicato de lancheros."
    expected: {en: A few more reports., es: Algunas denuncias más.}
    uncertainty: {en: Risky without protection., es: Riesgoso sin protección.}
    paper: "Protection as a Necessary Condition for the Coproduction of Public Safety"
    target: district
    duration: 4
    cost: {budget: 5}
    effects:
      - add: {district.report_campaign: 0.1}
    tags: [reporting, information]
"""


def author_level(folder, *, events: str = EVENTS, measures: str | None = MEASURES):
    """levels/first_steps.yaml as `river_town` in `folder`, drawing the event beside it (and offering the
    official the measure beside it)."""
    folder.mkdir(parents=True, exist_ok=True)
    text = (REPO / "levels" / "first_steps.yaml").read_text(encoding="utf-8")
    text = text.replace("id: first_steps", "id: river_town", 1)
    text = text.replace(
        "      - first_council_meeting\n", "      - river_boatmen_pay\n      - first_council_meeting\n", 1
    )
    if measures is not None:
        text = text.replace("      - anonymous_hotline\n", "      - anonymous_hotline\n      - river_hotline\n", 1)
        (folder / "river_town_measures.yaml").write_text(measures, encoding="utf-8")
    (folder / "river_town.yaml").write_text(text, encoding="utf-8")
    (folder / "river_town_events.yaml").write_text(events, encoding="utf-8")
    return folder / "river_town.yaml"


# --- plaza simulate PATH ------------------------------------------------------------------------------------


def test_simulate_plays_a_level_file_with_the_files_beside_it(tmp_path, capsys):
    level = author_level(tmp_path / "my_levels")
    assert main(["simulate", str(level), "--runs", "8", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["level"] == "river_town" and result["run_count"] == 8
    assert "river_boatmen_pay" in result["events"]  # the event of the file beside it fired


def test_simulate_refuses_a_level_file_with_errors_showing_where(tmp_path, capsys):
    broken = EVENTS.replace("add: {district.fear: 0.01}", "add: {district.feer: 0.01}")
    level = author_level(tmp_path / "my_levels", events=broken)
    assert main(["simulate", str(level), "--runs", "3"]) == 1
    err = capsys.readouterr().err
    assert f"{level} cannot be played" in err
    assert re.search(r"river_town_events\.yaml:\d+:\d+: E162 `district\.feer` is not declared", err)
    assert "did you mean `district.fear`?" in err
    assert main(["simulate", str(level), "--runs", "3", "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert [d["code"] for d in report["diagnostics"] if d["severity"] == "error"] == ["E162"]


def test_simulate_says_when_the_path_is_no_level(tmp_path, capsys):
    level = author_level(tmp_path / "my_levels")
    assert main(["simulate", str(level.parent / "river_town_events.yaml")]) == 2
    assert "is not a level file" in capsys.readouterr().err
    assert main(["simulate", str(tmp_path / "nowhere.yaml")]) == 1
    assert "no such level file" in capsys.readouterr().err


def test_simulate_still_takes_a_level_id(capsys):
    assert main(["simulate", "first_steps", "--runs", "2", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["level"] == "first_steps"


# --- bots and a level's own measures ------------------------------------------------------------------------


def test_bots_try_a_levels_own_measure_carrying_their_measures_tags(tmp_path):
    level = author_level(tmp_path / "my_levels")
    loaded = load_content([SHIPPED_CONTENT, *sorted(level.parent.glob("*.yaml"))])
    assert loaded.ok, [str(d) for d in loaded.errors]
    content = loaded.content
    town = content.levels["river_town"]
    assert [m.id for m in level_measures(content, town, "official")] == ["river_hotline"]
    plan = BOTS["citizen_campaign"].plan["official"]
    assert with_level_measures(plan, content, town, "official") == [
        ("anonymous_hotline", "{contested}"),
        ("river_hotline", "{contested}"),  # tagged [reporting, information], like the hotline
        ("street_lighting", "{contested}"),
    ]
    assert with_level_measures(BOTS["culture"].plan["official"], content, town, "official") == list(
        BOTS["culture"].plan["official"]
    )
    batch = run_batch(content, "river_town", "official", "citizen_campaign", list(range(6)), keep_sessions=True)
    adopted = {c["measure"] for s in batch.sessions for r in s.records for c in r.commands}
    assert "river_hotline" in adopted and "anonymous_hotline" in adopted


def test_on_shipped_levels_the_bots_plans_are_as_written():
    content = load_content().content
    for level in content.levels.values():
        for role in ("official", "organizer"):
            if level.roles.get(role) is None:
                continue
            assert level_measures(content, level, role) == [], (level.id, role)
            for bot in BOTS.values():
                written = list(bot.plan.get(role, []))
                assert with_level_measures(written, content, level, role) == written


# --- plaza validate --standalone ------------------------------------------------------------------------------

STANDALONE = """schema_version: 1
kind: events

events:
  - id: lonely_event
    title: {en: T, es: T}
    text: {en: X, es: X}
    paper: "Limits of Coproduction: Reducing Crime or Reducing Fear?"
    scope: district
    levels: [some_level]
    when:
      - 'district.fear > 0.5 and fired("informer_exposed")'
      - 'flag("watch_formed")'
    options:
      - id: ok
        label: {en: OK, es: Vale}
        effects:
          - add: {district.fear: 0.1}
          - add: {city.corruption: -0.01}
    tags: [fear]
"""


def test_validate_standalone_says_what_it_could_not_check(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "mine.yaml").write_text(STANDALONE, encoding="utf-8")
    assert main(["validate", "--standalone", "mine.yaml"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[-2] == (
        "not checked without the shipped content: 1 reference to an event, 3 state names, 1 flag, 1 level id, "
        "whether 1 event can ever fire (validate without --standalone to check them)"
    )
    assert lines[-1] == "1 file checked: 0 errors, 0 warnings"
    assert main(["validate", "--standalone", "--json", "mine.yaml"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["not_checked"] == {"events": 1, "state_names": 3, "flags": 1, "levels": 1, "reachability": 1}


@pytest.mark.parametrize("standalone", [False, True])
def test_validate_with_the_shipped_content_has_nothing_left_unchecked_by_name(
    tmp_path, monkeypatch, capsys, standalone
):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "mine.yaml").write_text(STANDALONE, encoding="utf-8")
    state = REPO / "content" / "state.yaml"
    args = (
        ["validate", "--json", "--standalone", "mine.yaml", str(state)]
        if standalone
        else ["validate", "--json", "mine.yaml"]
    )
    main(args)
    report = json.loads(capsys.readouterr().out)
    if standalone:  # with the state given too, only what needs a level is left
        assert report["not_checked"] == {"levels": 1, "reachability": 1}
    else:
        assert "not_checked" not in report


def test_a_level_alone_is_not_faulted_for_the_shipped_names_it_uses(tmp_path, monkeypatch, capsys):
    """A copy of a shipped level checked on its own names shipped measures, pool events and tracked values:
    without the shipped content they cannot be judged, so they are counted, never reported as unknown."""
    monkeypatch.chdir(tmp_path)
    shutil.copy(REPO / "levels" / "border_city.yaml", tmp_path / "mine.yaml")
    assert main(["validate", "--standalone", "--json", "mine.yaml"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["diagnostics"] == []
    assert report["not_checked"]["measures"] > 0 and report["not_checked"]["events"] > 0
    (tmp_path / "mine.yaml").write_text(
        (REPO / "levels" / "border_city.yaml").read_text(encoding="utf-8").replace("street_lighting", "street_lightin"),
        encoding="utf-8",
    )
    assert main(["validate", "--json", "mine.yaml"]) == 1  # with the shipped content, the names are judged
    report = json.loads(capsys.readouterr().out)
    assert {d["code"] for d in report["diagnostics"]} == {"E161"} and "not_checked" not in report
