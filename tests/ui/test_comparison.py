"""Your term among simulated games (game.runs.comparison): percentiles, fixed seeds, the cache, the thread."""

from __future__ import annotations

import dataclasses

import numpy as np
import pygame
import pytest

from game.bots import BOTS
from game.runs import background, comparison
from game.runs.comparison import (
    BASE_SEED,
    Cancel,
    Cancelled,
    Comparer,
    Simulated,
    load_or_simulate,
    percentile_of,
    place,
    player_metrics,
    runs_wanted,
    seed_base,
    simulate_games,
    split,
)
from game.session import meaning
from game.session.session import GameSession
from game.ui.app import FIRST_FRAME_ENV, App
from tests.ui.harness import shipped_content

KEY_METRICS = meaning.shipped().key_metrics()


@pytest.fixture(autouse=True)
def private_home(tmp_path, monkeypatch):
    monkeypatch.setenv("PLAZA_HOME", str(tmp_path))


def fake(values_by_bot: dict[str, list[float]]) -> Simulated:
    runs = sum(len(v) for v in values_by_bot.values())
    return Simulated(
        "border_city",
        "official",
        12,
        runs,
        BASE_SEED,
        "hash",
        {bot: {m: list(v) for m in KEY_METRICS} for bot, v in values_by_bot.items()},
    )


def test_percentile_counts_ties_as_half():
    values = np.array([1.0, 2.0, 3.0, 4.0])
    assert percentile_of(values, 0.5) == 0
    assert percentile_of(values, 2.5) == 50
    assert percentile_of(values, 2.0) == pytest.approx(37.5)
    assert percentile_of(values, 9.0) == 100


def test_place_gives_range_median_and_best_bot_in_the_right_direction():
    # GIVEN simulated games where one bot ends low on everything and another high
    sim = fake({"status_quo": [1, 2, 3, 4, 5], "accountability": [6, 7, 8, 9, 10]})
    # WHEN the player ended at 3.5
    placed = {p.metric: p for p in place(sim, {m: 3.5 for m in KEY_METRICS})}
    crime, trust = placed["organized_crime"], placed["social_trust"]
    # THEN the percentile, median and 10–90% range describe all ten games
    assert crime.percentile == 30 and crime.median == 5.5
    assert crime.p10 == pytest.approx(1.9) and crime.p90 == pytest.approx(9.1)
    # AND "better than" and the best bot follow which way is better for each metric
    assert crime.better_than == 70 and crime.best_bot == "status_quo"
    assert trust.better_than == 30 and trust.best_bot == "accountability"
    assert sum(crime.histogram) == 10 and 0 <= crime.player_bin < len(crime.histogram)
    assert crime.lo == 1 and crime.hi == 10


def test_runs_are_split_evenly_and_never_use_the_players_seed(monkeypatch):
    counts = split(1000, list(BOTS))
    assert sum(counts) == 1000 and max(counts) - min(counts) <= 1
    assert seed_base(1000, 9) == BASE_SEED
    assert seed_base(1000, BASE_SEED + 5) != BASE_SEED
    monkeypatch.setenv("PLAZA_COMPARISON_RUNS", "18")
    assert runs_wanted() == 18
    monkeypatch.delenv("PLAZA_COMPARISON_RUNS")
    assert runs_wanted() == 1000


def test_simulations_are_deterministic():
    content = shipped_content()
    a = simulate_games(content, "border_city", "official", 4, len(BOTS))
    b = simulate_games(content, "border_city", "official", 4, len(BOTS))
    assert a.values == b.values
    assert set(a.values) == set(BOTS) and all(len(v["fear"]) == 1 for v in a.values.values())


def test_worker_processes_give_the_same_games_as_this_process():
    content = shipped_content()
    runs = 2 * len(BOTS) + comparison.CHUNK + 1  # a bot with more than one batch
    here = simulate_games(content, "border_city", "official", 3, runs, workers=0)
    shares: list[float] = []
    there = simulate_games(content, "border_city", "official", 3, runs, workers=2, progress=shares.append)
    assert here.values == there.values
    assert shares == sorted(shares) and shares[-1] == 1.0


def test_changed_content_on_disk_makes_the_game_play_the_comparison_itself(monkeypatch):
    content = dataclasses.replace(shipped_content(), digests=["not what is on disk"])
    sim = simulate_games(content, "border_city", "official", 2, len(BOTS), workers=1)
    assert sim.values == simulate_games(content, "border_city", "official", 2, len(BOTS), workers=0).values


def test_second_comparison_comes_from_the_cache(monkeypatch):
    content = shipped_content()
    steps = []
    # GIVEN a first comparison, played and written to the cache
    first, cached = load_or_simulate(content, "border_city", "organizer", 3, len(BOTS), progress=steps.append)
    assert not cached and steps[-1] == 1.0 and steps == sorted(steps)

    # WHEN the same comparison is asked for again, with simulating made impossible
    def no_simulating(*args, **kwargs):
        raise AssertionError("simulated again instead of reading the cache")

    monkeypatch.setattr(comparison, "simulate_games", no_simulating)
    second, cached = load_or_simulate(content, "border_city", "organizer", 3, len(BOTS))
    # THEN it is read from the cache, unchanged
    assert cached and second.values == first.values
    # AND a different run count is a different comparison
    with pytest.raises(AssertionError):
        load_or_simulate(content, "border_city", "organizer", 3, 2 * len(BOTS))
    # AND games cached by another model (the content hash does not see code) are played again
    monkeypatch.setattr(comparison, "MODEL_VERSION", comparison.MODEL_VERSION - 1)
    with pytest.raises(AssertionError):
        load_or_simulate(content, "border_city", "organizer", 3, len(BOTS))


def test_comparer_runs_in_a_thread_and_places_the_players_game():
    content = shipped_content()
    session = GameSession(content, "border_city", "official", 9)
    while not session.finished:
        session.play_turn([])
    comparer = Comparer(
        content, "border_city", "official", session.turns, runs=len(BOTS), avoid_seed=session.seed
    ).start()
    assert comparer.wait(300) and not comparer.error  # a guard against a hang, not a time limit
    placed = place(comparer.result, player_metrics(session))
    assert [p.metric for p in placed] == list(KEY_METRICS)
    assert all(0 <= p.better_than <= 100 for p in placed)


@pytest.mark.parametrize("workers", [0, 2])
def test_a_cancelled_comparison_plays_no_further_batch(workers):
    # GIVEN a comparison asked to stop before it begins (the game closing)
    cancel = Cancel()
    cancel.set()
    played: list[float] = []
    # THEN it plays nothing, in this process or in workers, and says so instead of returning figures
    with pytest.raises(Cancelled):
        simulate_games(
            shipped_content(),
            "border_city",
            "official",
            3,
            4 * len(BOTS),
            workers=workers,
            cancel=cancel,
            progress=played.append,
        )
    assert played == []


def test_closing_the_game_stops_the_comparison_it_left_running(tmp_path, monkeypatch):
    """Closing the window calls background.stop_all (game.ui.app): a comparison still playing stops, writes no
    cache, and no longer holds the process open for the batches it had not begun."""
    monkeypatch.setenv("PLAZA_CACHE_DIR", str(tmp_path))
    content = shipped_content()
    # GIVEN a comparison of many games just started, and one that has finished
    done = Comparer(content, "border_city", "official", 2, runs=len(BOTS)).start()
    assert done.wait(300), "a guard against a hang, not a time limit"
    running = Comparer(content, "border_city", "official", 12, runs=40 * len(BOTS)).start()
    # WHEN the game closes
    background.stop_all()
    # THEN the running one ends cancelled, with nothing cached; the finished one keeps its figures
    assert running.wait(300), "the comparison did not stop"
    assert running.error == "cancelled" and running.result is None
    assert [p.name for p in tmp_path.glob("comparison-*-t12-*")] == []
    assert done.error == "" and done.result is not None


def test_the_window_stops_background_work_as_it_closes(monkeypatch):
    # GIVEN the game's window, told to close after its first frame (as bench/speed.py's launch probe does)
    monkeypatch.setenv(FIRST_FRAME_ENV, "1")
    monkeypatch.setattr(pygame, "quit", lambda: None)  # run() ends with it; the other tests' fonts need pygame
    stopped: list[bool] = []
    monkeypatch.setattr(background, "stop_all", lambda: stopped.append(True))
    # WHEN it runs and closes
    assert App().run() == 0
    # THEN it asked the background work to stop
    assert stopped == [True]
