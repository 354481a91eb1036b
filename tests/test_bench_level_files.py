"""The model's benches read an author's level file (bench/level_files.py), as `plaza simulate FILE` does: with the
shipped content/ and the YAML files beside it, in the bench's own process and in its worker processes."""

from __future__ import annotations

import numpy as np

from bench import level_files
from bench.fidelity import run_jobs
from bench.visible_effects import main as visible_main
from game.runs.batch import run_batch
from tests.test_author_cli import EVENTS, author_level


def test_a_level_file_is_read_with_the_files_beside_it(tmp_path):
    level = author_level(tmp_path / "my_levels")
    loaded = level_files.load([str(level)], "test")
    assert loaded is not None
    content, ids = loaded
    assert ids == ["river_town"]
    assert "river_boatmen_pay" in content.events and "river_hotline" in content.measures  # the files beside it
    assert "border_city" not in content.levels  # the shipped levels only when one is named
    both = level_files.load(["border_city", str(level)], "test")
    assert both is not None and both[1] == ["border_city", "river_town"] and "border_city" in both[0].levels


def test_shipped_ids_and_the_default_read_the_shipped_levels():
    named = level_files.load(["hot_valley"], "test")
    default = level_files.load(None, "test")
    assert named is not None and named[1] == ["hot_valley"]
    assert default is not None and default[1] == [] and {"border_city", "hot_valley"} <= set(default[0].levels)


def test_what_cannot_be_read_is_said_and_refused(tmp_path, capsys):
    assert level_files.load(["border_cty"], "test") is None
    assert "unknown level 'border_cty'; levels: border_city" in capsys.readouterr().err
    assert level_files.load([str(tmp_path / "nowhere.yaml")], "test") is None
    assert "no level file" in capsys.readouterr().err
    level = author_level(tmp_path / "my_levels")
    assert level_files.load([str(level.parent / "river_town_events.yaml")], "test") is None
    assert "holds no level" in capsys.readouterr().err
    broken = author_level(tmp_path / "broken", events=EVENTS.replace("district.fear: 0.01", "district.feer: 0.01"))
    assert level_files.load([str(broken)], "test") is None
    err = capsys.readouterr().err
    assert "cannot be read" in err and "E162" in err and "river_town_events.yaml:" in err
    assert level_files.load([str(level)], "test", write_docs=True) is None  # the docs hold the shipped levels'
    assert "docs/model.md" in capsys.readouterr().err


def test_worker_processes_play_the_authors_level(tmp_path):
    """The fidelity bench's pool reads the content from the files the bench read: the author's level is played
    there, and played as it is in the bench's own process."""
    level = author_level(tmp_path / "my_levels")
    loaded = level_files.load([str(level)], "test")
    assert loaded is not None
    content, (ident,) = loaded
    key, seeds = ("official", "status_quo", ()), (0, 1)
    jobs = [(key, seeds, 3, ident), (("organizer", "status_quo", ()), seeds, 3, ident)]
    played = run_jobs(jobs, 2, paths=content.source_paths)
    alone = run_batch(content, ident, "official", "status_quo", list(seeds), turns=3).metrics
    assert np.array_equal(played[jobs[0]]["organized_crime"], alone["organized_crime"])


def test_visible_effects_reads_a_level_file(tmp_path, capsys):
    level = author_level(tmp_path / "my_levels")
    assert visible_main(["--level", str(level), "--runs", "2", "--workers", "1"]) == 0
    assert "### river_town: headline dynamics" in capsys.readouterr().out
    assert visible_main(["--level", str(tmp_path / "nowhere.yaml")]) == 2
