"""`plaza simulate`: the JSON it prints, the logs it writes (which replay), and its bad-input answers."""

import json

import numpy as np
import pytest

from game.cli import main
from game.runs.simulate import spread
from game.sim.metrics import METRICS

REQUIRED = {
    "organized_crime",
    "petty_crime",
    "fear",
    "social_trust",
    "trust_in_government",
    "reporting_rate_petty",
    "reporting_rate_organized",
    "retaliations",
    "victimisation_gap",
    "militia_strength",
    "militia_capture",
    "corruption",
    "statistics_gap",
    "political_pressure",
    "wealth",
}


def test_json_summary_shape(capsys):
    assert (
        main(
            [
                "simulate",
                "border_city",
                "--bot",
                "citizen_campaign",
                "--runs",
                "12",
                "--turns",
                "4",
                "--seed",
                "3",
                "--json",
            ]
        )
        == 0
    )
    out = json.loads(capsys.readouterr().out)
    assert {k: out[k] for k in ("level", "role", "bot", "run_count", "turns", "seed")} == {
        "level": "border_city",
        "role": "official",
        "bot": "citizen_campaign",
        "run_count": 12,
        "turns": 4,
        "seed": 3,
    }
    assert REQUIRED <= set(out["metrics"]) == set(METRICS)
    for m in out["metrics"].values():
        lo, hi = m["ci95"]
        assert lo <= m["mean"] <= hi
    for e in out["events"].values():
        assert 1 <= e["fired_runs"] <= 12 and 1 <= e["mean_first_turn"] <= 4
    assert set(out["never_fired"]).isdisjoint(out["events"])
    # the distribution: per quarter t = 0 (the start) .. 4 the mean and the 10th and 90th percentiles over runs,
    # and every run's end value in run order
    assert set(out["trajectory"]) == set(out["runs"]) == set(METRICS)
    for name in METRICS:
        path, ends = out["trajectory"][name], out["runs"][name]
        assert set(path) == {"mean", "p10", "p90"} and all(len(v) == 4 + 1 for v in path.values())
        assert all(lo <= hi for lo, hi in zip(path["p10"], path["p90"], strict=True))
        assert len(ends) == 12 and min(ends) <= path["p10"][-1] <= path["p90"][-1] <= max(ends)
        assert path["mean"][-1] == pytest.approx(out["metrics"][name]["mean"], abs=2e-6)
        assert path["mean"][-1] == pytest.approx(sum(ends) / len(ends), abs=2e-6)


def test_same_seed_same_summary(capsys):
    args = [
        "simulate",
        "border_city",
        "--role",
        "organizer",
        "--bot",
        "random",
        "--runs",
        "6",
        "--turns",
        "3",
        "--json",
    ]
    main(args)
    first = capsys.readouterr().out
    main(args)
    assert capsys.readouterr().out == first


def test_logs_replay_identically(tmp_path, capsys):
    assert (
        main(
            [
                "simulate",
                "border_city",
                "--bot",
                "accountability",
                "--runs",
                "3",
                "--turns",
                "5",
                "--log-dir",
                str(tmp_path),
                "--json",
            ]
        )
        == 0
    )
    capsys.readouterr()
    logs = sorted(tmp_path.glob("*.jsonl"))
    assert [p.name for p in logs] == [f"border_city-official-accountability-seed{s}.jsonl" for s in range(3)]
    for log in logs:
        assert main(["replay", str(log)]) == 0, capsys.readouterr()


def test_readable_table(capsys):
    assert main(["simulate", "border_city", "--bot", "culture", "--runs", "5", "--turns", "2"]) == 0
    out = capsys.readouterr().out
    assert "border_city · official · bot culture · 5 runs × 2 turns" in out
    assert "organized_crime" in out and "95% interval" in out


def exit_code(args: list[str]) -> int:
    """The command's exit code, whether it returns it or argparse exits with it."""
    try:
        return main(args)
    except SystemExit as exc:
        return exc.code


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["simulate", "atlantis"], "no level called 'atlantis'"),
        (["simulate", "border_city", "--bot", "nobody"], "no bot called 'nobody'"),
        (["simulate", "border_city", "--runs", "0"], "must be 1 or more"),
        (["simulate", "border_city", "--seed", "-1"], "must be 0 or more"),
        (["simulate", "border_city", "--seed", "1.5"], "'1.5' is not a whole number"),
        # a count that would fill the memory before a game is played is refused at once
        (["simulate", "border_city", "--runs", "100000000000"], "must be at most 100,000"),
        (["simulate", "border_city", "--turns", "5000"], "must be at most 1,000"),
        (["simulate", "border_city", "--runs", "100000", "--turns", "200"], "at most 5,000,000 turns in all"),
        (["simulate", "border_city", "--role", "mayor"], "invalid choice"),
    ],
)
def test_bad_input_exits_2_with_a_message(capsys, args, message):
    assert exit_code(args) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_list_bots(capsys):
    assert main(["simulate", "--list-bots"]) == 0
    names = [line.split()[0] for line in capsys.readouterr().out.splitlines()]
    assert names == [
        "status_quo",
        "citizen_campaign",
        "accountability",
        "gated",
        "militia",
        "fear_management",
        "culture",
        "security_spending",
        "random",
        "reporting_drive",
        "vetted_militia",
        "concentrated",
        "spread",
    ]


def test_chunks_and_processes_do_not_change_the_result():
    from game.content.loader import load_content
    from game.runs.simulate import simulate

    content = load_content().content
    one = simulate(content, "border_city", "official", "fear_management", 6, turns=3, seed=4, chunk=6, workers=1)
    many = simulate(content, "border_city", "official", "fear_management", 6, turns=3, seed=4, chunk=2, workers=2)
    assert one == many  # the summary, the trajectories and every run's end value
    uneven = simulate(content, "border_city", "official", "fear_management", 6, turns=3, seed=4, chunk=4, workers=1)
    assert uneven["trajectory"] == one["trajectory"] and uneven["runs"] == one["runs"]
    assert all(len(v) == 3 + 1 for path in one["trajectory"].values() for v in path.values())
    # run r is the game of seed + r, wherever its chunk put it
    alone = simulate(content, "border_city", "official", "fear_management", 1, turns=3, seed=4 + 5, workers=1)
    assert {m: v[5] for m, v in one["runs"].items()} == {m: v[0] for m, v in alone["runs"].items()}


def test_unusable_log_dir_is_a_message_not_a_traceback(tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("")
    assert main(["simulate", "border_city", "--runs", "2", "--turns", "1", "--log-dir", str(blocker / "logs")]) == 1
    err = capsys.readouterr().err
    assert "Not a directory" in err and "Traceback" not in err


def test_one_run_s_spread_is_numpy_s_percentiles():
    """With one run, `spread` gives that run's values without calling np.percentile: the very numbers it gives."""
    rng = np.random.default_rng(7)
    special = [0.0, -0.0, 5e-324, -5e-324, 1e308, -1e308, 0.1, 1 / 3, 2.5, -7.0]
    values = np.concatenate([special, rng.normal(0, 1e3, 500), rng.random(500)])
    paths = values[:, None]
    p10, p90 = np.percentile(paths, [10, 90], axis=1)
    said = spread(paths)
    assert said["p10"] == [round(v, 6) for v in p10.tolist()]
    assert said["p90"] == [round(v, 6) for v in p90.tolist()]
    assert np.array_equal(np.signbit(p10), np.signbit(values)) and np.array_equal(p10, values)
    with np.errstate(invalid="ignore"):
        assert spread(np.array([[np.inf]]))["p10"] != [float("inf")]  # not finite: numpy's own answer (nan)
