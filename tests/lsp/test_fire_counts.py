"""`plaza simulate` leaves each event's fire count in the cache folder for `plaza lsp`; the cache never fails it."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from game.cli import main
from game.session import fire_counts

RESULT = {
    "level": "first_steps",
    "role": "official",
    "bot": "status_quo",
    "run_count": 200,
    "turns": 6,
    "seed": 0,
    "events": {"feeling_safer": {"fired_runs": 74, "mean_first_turn": 3.2}},
    "never_fired": ["families_leave"],
}


def test_round_trip(tmp_path, monkeypatch):
    monkeypatch.setenv(fire_counts.CACHE_ENV, str(tmp_path))
    path = fire_counts.save(RESULT, content_hash="abc", now=datetime(2025, 3, 1, tzinfo=UTC))
    assert path == tmp_path / "fire_counts" / "first_steps.json"
    assert [p.name for p in path.parent.iterdir()] == ["first_steps.json"]  # no temporary file left behind
    record = fire_counts.load("first_steps")
    assert record is not None
    assert record.share("feeling_safer") == 0.37
    assert record.share("families_leave") == 0.0
    assert record.share("not_in_this_level") is None
    assert (record.day, record.runs, record.content_hash) == ("2025-03-01", 200, "abc")
    assert set(fire_counts.load_all()) == {"first_steps"}


def test_unwritable_or_foreign_cache_is_ignored(tmp_path, monkeypatch):
    blocker = tmp_path / "a_file"
    blocker.write_text("x")
    monkeypatch.setenv(fire_counts.CACHE_ENV, str(blocker))
    assert fire_counts.save(RESULT) is None
    assert fire_counts.load_all() == {}
    monkeypatch.setenv(fire_counts.CACHE_ENV, str(tmp_path))
    (tmp_path / "fire_counts").mkdir()
    (tmp_path / "fire_counts" / "first_steps.json").write_text("{not json")
    (tmp_path / "fire_counts" / "hot_valley.json").write_text(json.dumps({"format": 1, "level": "other", "runs": 1}))
    assert fire_counts.load("first_steps") is None
    assert fire_counts.load_all() == {}
    assert fire_counts.counts_path("../etc/passwd") is None
    assert fire_counts.save({**RESULT, "level": "../x"}) is None


def test_simulate_saves_the_counts(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv(fire_counts.CACHE_ENV, str(tmp_path))
    assert main(["simulate", "first_steps", "--runs", "3", "--turns", "2", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    record = fire_counts.load("first_steps")
    assert record is not None and record.runs == 3
    assert record.fired == {e: v["fired_runs"] for e, v in shown["events"].items()}
    assert list(record.never_fired) == shown["never_fired"]


def test_simulate_succeeds_when_the_cache_cannot_be_written(tmp_path, monkeypatch, capsys):
    blocker = tmp_path / "a_file"
    blocker.write_text("x")
    monkeypatch.setenv(fire_counts.CACHE_ENV, str(blocker / "below_a_file"))
    assert main(["simulate", "first_steps", "--runs", "2", "--turns", "1"]) == 0
    assert "first_steps" in capsys.readouterr().out
