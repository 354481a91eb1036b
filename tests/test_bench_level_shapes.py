"""The benches and tools that read levels take a level of any shape an author may write: one that offers a single
role, or a single district with no rural, poor or rich one. Each prints its tables for what the level offers, or
says in one line why it cannot (exit 2), never a traceback (the evaluators of issue 12 run them on their own
levels)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bench import chilling_test, displacement, district_size, fidelity, militia_test, people_variation, tipping
from game.cli import main as plaza
from tools import balance

REPO = Path(__file__).resolve().parent.parent


def _template() -> str:
    return (REPO / "levels" / "template.yaml").read_text(encoding="utf-8")


def _without_role(text: str, role: str) -> str:
    """The template without one of its two roles (the official's block ends where the organizer's begins)."""
    official, organizer = text.index("\n  official:"), text.index("\n  organizer:")
    if role == "official":
        return text[:official] + text[organizer:]
    end = organizer + 1 + re.search(r"\n[a-z_]+:", text[organizer + 1 :]).start()
    return text[:organizer] + text[end:]


def _one_district(text: str) -> str:
    """The template with its first district alone (the rich one): no poor, no rural district, no borders."""
    second, roles = text.index("  - id: el_arroyo"), text.index("\nroles:")
    return (text[:second] + text[roles + 1 :]).replace("borders: [el_arroyo]", "borders: []", 1)


def _level(folder: Path, ident: str, text: str) -> str:
    folder.mkdir(parents=True)
    path = folder / f"{ident}.yaml"
    path.write_text(text.replace("id: template ", f"id: {ident} ", 1), encoding="utf-8")
    return str(path)


@pytest.fixture(scope="module")
def shapes(tmp_path_factory) -> dict[str, str]:
    root = tmp_path_factory.mktemp("shapes")
    text = _template()
    return {
        "organizer_only": _level(root / "a", "organizer_only", _without_role(text, "official")),
        "official_only": _level(root / "b", "official_only", _without_role(text, "organizer")),
        "one_district": _level(root / "c", "one_district", _one_district(text)),
    }


# (bench, arguments after --level FILE): the fewest games each takes
BENCHES = {
    "militia_test": (militia_test.main, ["--runs", "2"]),
    "chilling_test": (chilling_test.main, ["--runs", "2"]),
    "tipping": (tipping.main, ["--runs", "2", "--quarters", "14", "--workers", "1"]),
    "people_variation": (people_variation.main, ["--seeds", "2"]),
    "displacement": (displacement.main, ["--seeds", "2"]),
    "district_size": (district_size.main, ["--seeds", "1", "--quarters", "1", "--sizes", "20"]),
}


@pytest.mark.parametrize("shape", ["organizer_only", "official_only", "one_district"])
@pytest.mark.parametrize("bench", sorted(BENCHES))
def test_a_bench_prints_what_the_level_offers_or_says_why_not(shapes, shape, bench, capsys):
    main, args = BENCHES[bench]
    code = main(["--level", shapes[shape], *args])
    out, err = capsys.readouterr()
    if code == 2:  # a level without the districts the bench reads: one line saying so
        assert shape == "one_district" and bench in ("militia_test", "displacement"), err
        assert "'one_district' has no" in err and len(err.strip().splitlines()) == 1
        return
    assert code == 0, err
    assert f"### {shape}:" in out
    missing = {"organizer_only": "official", "official_only": "organizer"}.get(shape)
    if missing and bench in ("militia_test", "chilling_test"):  # their rows name the role: none of the missing one
        rows = [line for line in out.splitlines() if line.startswith("| ") and not line.startswith("| role")]
        assert rows and not [row for row in rows if missing in row], out
    if shape == "organizer_only" and bench in ("tipping", "people_variation"):  # they read the one role there is
        assert "as the organizer)" in out.splitlines()[0]


def test_the_fidelity_tables_play_only_the_roles_a_level_offers(shapes, capsys, monkeypatch):
    """The calibration table reads each offered role's status quo, and no arm of the missing role is played
    (it was, for the calibration, and the bench stopped with a traceback). One experiment of each role stands for
    all of them (the chilling ones alone would play 200 games an arm)."""
    assert fidelity.arm_keys([], False, ("organizer",)) == [("organizer", "status_quo", ())]
    monkeypatch.setattr(fidelity, "EXPERIMENTS", [fidelity.BY_ID["d1"], fidelity.BY_ID["h1"]])
    monkeypatch.setattr(fidelity, "HEADLINE", ["d1", "h1"])
    code = fidelity.main(
        ["--level", shapes["organizer_only"], "--runs", "2", "--lhs", "2", "--lhs-seeds", "2", "--workers", "1"]
    )
    out = capsys.readouterr().out
    assert code == 0
    calibration = out.split("### organizer_only: calibration", 1)[1].split("### organizer_only: claims", 1)[0]
    assert "| organizer |" in calibration and "| official |" not in calibration
    assert "(d) d1 |" in out and "(h) h1 |" not in out  # h1 is the official's: not offered here


def test_the_balance_table_of_a_level_file_goes_where_its_author_says(shapes, tmp_path, capsys):
    out = tmp_path / "balance.md"
    assert balance.main(["--level", shapes["organizer_only"], "--runs", "2", "--workers", "1", "--out", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert f"--level {shapes['organizer_only']}" in text and "organizer_only" in text
    with pytest.raises(SystemExit) as refused:  # not over the shipped levels' table
        balance.main(["--level", shapes["organizer_only"], "--runs", "2"])
    assert refused.value.code == 2 and "give --out FILE" in capsys.readouterr().err


def test_simulate_plays_the_role_a_one_role_level_offers(shapes, capsys):
    assert plaza(["simulate", shapes["organizer_only"], "--runs", "2", "--json"]) == 0  # no --role: its one role
    assert '"role": "organizer"' in capsys.readouterr().out
    assert plaza(["simulate", shapes["organizer_only"], "--role", "official", "--runs", "2"]) == 2
    assert "has no official role; play it with --role organizer" in capsys.readouterr().err
    assert plaza(["--lang", "es", "simulate", shapes["official_only"], "--role", "organizer", "--runs", "2"]) == 2
    assert "juégalo con --role official" in capsys.readouterr().err
    assert plaza(["simulate", shapes["organizer_only"], "--role", "organizer", "--runs", "2", "--json"]) == 0
