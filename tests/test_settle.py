"""`plaza settle`: a level's start moved to where the model's own rules hold it, written into the author's own file.

The drift test is the point of the command: the status quo from an author's hand-written start moves the city a
long way in 40 quarters (the template: social trust 0.48 to 0.22); from the settled start it moves much less. It
would fail if settling wrote the wrong values, wrote them into the wrong district, or read the wrong stocks.
"""

from __future__ import annotations

import os
import stat

import numpy as np
import pytest
import yaml

import game.content.level_writer as writer
from game.cli import main
from game.content.level_writer import with_start_values
from game.content.loader import load_content
from game.runs.settle import DRIFT_METRICS, SettledStart, drift, settle, status_quo_model, with_start
from tests.conftest import REPO

TEMPLATE = REPO / "levels" / "template.yaml"
QUICK = ["--seeds", "16", "--quarters", "32", "--check", "16"]  # a quick settle: enough to see the drift shrink


@pytest.fixture(scope="module")
def content():
    return load_content().content


def my_level(tmp_path):
    """The template, as an author's copy in a folder of their own."""
    folder = tmp_path / "my_levels"
    folder.mkdir()
    level = folder / "my_town.yaml"
    level.write_text(TEMPLATE.read_text(encoding="utf-8"), encoding="utf-8")
    return level


def total_drift(content, level) -> float:
    moved = drift(content, level, 16, 40)
    return sum(abs(end - start) for start, end in moved.values())


def guessed(content):
    """The template as a new author might start it: round guesses (those of the template before it was settled)."""
    guesses = {
        "lomas_altas": {"oc_control": 0.15, "fear": 0.6, "social_trust": 0.5, "gov_trust": 0.55, "report_oc": 0.04},
        "el_arroyo": {"oc_control": 0.5, "fear": 0.8, "social_trust": 0.4, "gov_trust": 0.42, "report_oc": 0.015},
        "las_rancherias": {"oc_control": 0.5, "fear": 0.75, "social_trust": 0.55, "gov_trust": 0.4, "militia": 0.05},
    }
    city = {"initial": {"corruption": 0.6, "pressure": 0.12, "manipulation": 0.3}}
    return with_start(content.levels["template"], SettledStart({d: {"initial": v} for d, v in guesses.items()}, city))


def test_the_settled_start_drifts_much_less_than_the_written_one(content):
    level = guessed(content)
    settled = with_start(level, settle(content, level, seeds=32, quarters=64, rounds=2))
    before, after = total_drift(content, level), total_drift(content, settled)
    assert after < 0.5 * before, (before, after)


def test_settling_leaves_the_authors_structure_alone(content):
    level = content.levels["template"]
    start = settle(content, level, seeds=8, quarters=16)
    written = {name for sections in start.districts.values() for values in sections.values() for name in values}
    assert not written & {"wealth", "police_presence", "lighting", "public_space", "programmes"}
    assert set(start.districts) == {d.id for d in level.districts}
    for d in level.districts:  # each computed value goes under computed_start, never under initial
        computed = {n for n, v in content.state["district"].items() if v.computed}
        assert not set(start.districts[d.id].get("initial", {})) & computed


def test_plaza_settle_writes_the_file_keeping_comments_and_layout(tmp_path, capsys):
    level = my_level(tmp_path)
    before = level.read_text(encoding="utf-8")
    assert main(["settle", str(level), *QUICK]) == 0
    out = capsys.readouterr().out
    after = level.read_text(encoding="utf-8")
    assert after != before
    assert "comments and layout kept" in out
    for name in DRIFT_METRICS:
        assert name in out  # the before/after table
    # every comment line the author wrote is still there, in the same order
    comments = lambda text: [line.split("#", 1)[1] for line in text.splitlines() if "#" in line]  # noqa: E731
    assert [c for c in comments(before) if c in comments(after)] == comments(before)
    data = yaml.safe_load(after)
    district = data["districts"][1]
    assert "computed_start" in district and "poverty" in district["computed_start"]
    assert main(["validate", str(level)]) == 0  # still a valid level


def test_a_settled_file_plays_as_the_settle_computed_it(tmp_path, content):
    """What is written is what plays: the file read back starts where the in-memory settle put it."""
    level = my_level(tmp_path)
    assert main(["settle", str(level), *QUICK, "--rounds", "1"]) == 0
    start = settle(content, content.levels["template"], seeds=16, quarters=32)
    data = yaml.safe_load(level.read_text(encoding="utf-8"))
    for block in data["districts"]:
        for section, values in start.districts[block["id"]].items():
            for name, value in values.items():
                assert block[section][name] == pytest.approx(value), (block["id"], name)


def test_dry_run_changes_nothing(tmp_path, capsys):
    level = my_level(tmp_path)
    before = level.read_bytes()
    assert main(["settle", str(level), *QUICK, "--dry-run"]) == 0
    assert level.read_bytes() == before
    assert "nothing written" in capsys.readouterr().out


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root may write a read-only file")
def test_a_read_only_file_is_refused_and_left_as_it_was(tmp_path, capsys):
    level = my_level(tmp_path)
    level.chmod(stat.S_IRUSR)
    before = level.read_bytes()
    assert main(["settle", str(level), *QUICK]) == 1
    assert "cannot be changed" in capsys.readouterr().err
    assert level.read_bytes() == before


def test_bad_input_gets_a_message_and_a_non_zero_exit(tmp_path, capsys):
    assert main(["settle", str(tmp_path / "missing.yaml")]) == 1
    assert "no such level file" in capsys.readouterr().err
    assert main(["settle", "no_such_level"]) == 2
    err = capsys.readouterr().err
    assert "there is no level 'no_such_level'" in err and "border_city" in err
    broken = my_level(tmp_path)
    broken.write_text(broken.read_text(encoding="utf-8").replace("oc_control:", "oc_contrl:", 1), encoding="utf-8")
    assert main(["settle", str(broken), *QUICK]) == 1
    assert "cannot be played" in capsys.readouterr().err
    assert "oc_contrl" in broken.read_text(encoding="utf-8")  # the author's file is left for them to fix


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--seeds", "0"], "must be 1 or more"),
        # all the seeds play as one batch: a count that would fill the memory is refused before a game is played
        (["--seeds", "100000000"], "must be at most 2,000"),
        (["--quarters", "1000000"], "must be at most 1,000"),
        (["--rounds", "500"], "must be at most 20"),
    ],
)
def test_counts_out_of_range_are_refused_with_exit_2(capsys, args, message):
    with pytest.raises(SystemExit) as exc:
        main(["settle", "border_city", "--dry-run", *args])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_spanish(tmp_path, capsys):
    level = my_level(tmp_path)
    assert main(["settle", str(level), *QUICK, "--dry-run", "--lang", "es"]) == 0
    assert "no se escribió nada" in capsys.readouterr().out


def test_the_writer_keeps_flow_maps_and_adds_computed_start_in_the_same_style():
    text = "id: x\ncity:\n  initial: {corruption: 0.5}  # mine\ndistricts:\n  - id: a\n    initial: {fear: 0.3}\n"
    out, kept = with_start_values(
        text,
        {"a": {"initial": {"fear": 0.41, "watch": 0.2}, "computed_start": {"poverty": 0.3}}},
        {"initial": {"corruption": 0.61}},
    )
    assert kept
    assert "initial: {corruption: 0.61} # mine" in out  # the comment stays on its line
    assert "initial: {fear: 0.41, watch: 0.2}" in out
    assert "computed_start: {poverty: 0.3}" in out


def test_the_writer_keeps_a_four_space_layout():
    text = "id: x\ndistricts:\n    -   id: a\n        initial:\n            fear: 0.3\n"
    out, kept = with_start_values(text, {"a": {"initial": {"fear": 0.5}}}, {})
    assert kept and out == text.replace("0.3", "0.5")


def test_the_shipped_levels_are_written_back_unchanged_when_nothing_changes():
    for path in sorted((REPO / "levels").glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        assert with_start_values(text, {}, {}) == (text, True), path.name


def test_settled_values_are_the_median_games_rounded(content):
    """Each settled value is the median over the games of that stock after the last quarter, rounded to three
    decimals, and it lands under computed_start exactly when the model computes it."""
    level = content.levels["template"]
    start = settle(content, level, seeds=8, quarters=8)
    state = status_quo_model(content, level, list(range(8)), 8).state
    for i, district in enumerate(level.districts):
        for section, values in start.districts[district.id].items():
            for name, value in values.items():
                assert value == round(float(np.median(state[f"district.{name}"][:, i])), 3), (district.id, name)
                assert (section == "computed_start") == content.state["district"][name].computed, name
    for section, values in start.city.items():
        for name, value in values.items():
            assert value == round(float(np.median(state[f"city.{name}"])), 3), name
            assert (section == "computed_start") == content.state["city"][name].computed, name


def test_a_file_that_may_not_be_written_is_refused_even_as_root(tmp_path, capsys, monkeypatch):
    """As the read-only test, where the tests run as root (who may write anything): the writer asks the system
    whether the file may be written, and a refusal leaves the file as it was."""
    level = my_level(tmp_path)
    before = level.read_bytes()
    monkeypatch.setattr(writer.os, "access", lambda path, mode: False)
    assert main(["settle", str(level), *QUICK]) == 1
    assert "cannot be changed" in capsys.readouterr().err
    assert level.read_bytes() == before


def test_simulate_says_when_a_level_was_never_settled_and_stops_once_it_is(tmp_path, capsys):
    level = my_level(tmp_path)
    data = yaml.safe_load(level.read_text(encoding="utf-8"))
    for block in [data["city"], *data["districts"]]:  # as a level that was never settled
        block.pop("computed_start", None)
    level.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert main(["simulate", str(level), "--runs", "2"]) == 0
    assert f"plaza settle {level}" in capsys.readouterr().err
    assert main(["settle", str(level), *QUICK]) == 0
    capsys.readouterr()
    assert main(["simulate", str(level), "--runs", "2"]) == 0
    assert "never settled" not in capsys.readouterr().err


def test_a_layout_the_writer_cannot_keep_is_written_in_plazas_and_said_so():
    text = "id: x\ndistricts:\n -  id: a\n    initial:\n       fear: 0.3\n"  # three spaces under the item: unusual
    out, kept = with_start_values(text, {"a": {"initial": {"fear": 0.5}}}, {})
    assert not kept
    assert out == "id: x\ndistricts:\n  - id: a\n    initial:\n      fear: 0.5\n"


def test_fitted_values_go_into_the_model_file_and_nothing_else_moves(tmp_path):
    """tools/calibrate.py fit --write: a parameter's `value:` changes where it stands; every other line of
    content/model.yaml (comments, sources, ranges) stays byte for byte, and the file reads back with the value."""
    text = (REPO / "content" / "model.yaml").read_text(encoding="utf-8")
    path = tmp_path / "model.yaml"
    path.write_text(text, encoding="utf-8")
    assert writer.write_parameter_values(path, {"c0": 1.234, "psi": 0.5})
    new = path.read_text(encoding="utf-8")
    changed = [(a, b) for a, b in zip(text.splitlines(), new.splitlines(), strict=True) if a != b]
    assert [b.strip() for _, b in changed] == ["value: 1.234", "value: 0.5"]  # c0 comes before psi in the file
    params = yaml.safe_load(new)["parameters"]
    assert params["c0"]["value"] == 1.234 and params["psi"]["value"] == 0.5
    assert writer.with_parameter_values(text, {})[0] == text
