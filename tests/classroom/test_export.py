"""Exports: a class of 30+ bot logs → decisions.csv, turns.csv, statements.jsonl, session.json, checked against
the shapes documented in docs/logs.md; bad inputs named, good logs exported; nothing overwritten; the CLI."""

from __future__ import annotations

import csv
import json
import re
import shutil
import uuid
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import urlparse

import pytest

from game.classfiles.export import DECISION_COLUMNS, TURN_COLUMNS, ExportError, export_session, registration
from game.classfiles.logs import read_class_logs, write_bot_class
from game.classfiles.session import decode_code, new_session, read_session, seat_labels
from game.cli import main
from game.content.loader import load_content

DOC = Path(__file__).resolve().parents[2] / "docs" / "logs.md"
BOM = b"\xef\xbb\xbf"


@pytest.fixture(scope="module")
def seat_class(content, tmp_path_factory):
    """30 seats, each on its own machine (bots), same seed."""
    folder = tmp_path_factory.mktemp("seats")
    session = new_session(content, "border_city", "official", seed=2015, groups=seat_labels(30))
    return session, folder, write_bot_class(content, session, folder)


@pytest.fixture(scope="module")
def vote_class(content, tmp_path_factory):
    """Three projected class games with votes."""
    folder = tmp_path_factory.mktemp("votes")
    session = new_session(
        content, "hot_valley", "organizer", seed=9, lang="en", groups=["3A", "3B", "3C"], mode="class_vote"
    )
    return session, folder, write_bot_class(content, session, folder)


def _section(title: str) -> str:
    text = DOC.read_text(encoding="utf-8")
    start = text.index(f"\n{title}\n")
    end = text.find("\n### ", start + 1)
    return text[start : end if end > 0 else len(text)]


def _documented_columns(title: str) -> list[str]:
    """The backticked names in the first column of the section's first table, in order."""
    names = []
    for line in _section(title).splitlines():
        if line.startswith("| `"):
            names += re.findall(r"`([^`]+)`", line.split("|")[1])
        elif names and not line.startswith("|"):
            break
    return names


def _rows(path: Path) -> tuple[list[str], list[dict]]:
    raw = path.read_bytes()
    assert raw.startswith(BOM), f"{path.name} has no byte-order mark"
    reader = csv.DictReader(raw.decode("utf-8-sig").splitlines())
    rows = list(reader)
    return reader.fieldnames, rows


def _export(content, tmp_path, paths_or_folders, session=None, name="out"):
    logs, problems = read_class_logs(paths_or_folders, content)
    written = export_session(logs, session, content, tmp_path / name, problems=problems)
    return logs, problems, {p.name: p for p in written}


def test_documented_columns_are_the_exported_ones():
    assert _documented_columns("### decisions.csv") == DECISION_COLUMNS
    assert _documented_columns("### turns.csv") == TURN_COLUMNS


def test_a_class_of_30_exports_with_documented_headers_and_row_counts(content, seat_class, tmp_path):
    session, folder, _ = seat_class
    logs, problems, files = _export(content, tmp_path, [folder], session)
    assert problems == [] and len(logs) == 30
    assert sorted(files) == ["decisions.csv", "session.json", "statements.jsonl", "turns.csv"]
    decisions = sum(1 for g in logs for t in g.turns for e in t["events"] if e["option"] is not None)
    ballots = sum(len(t.get("votes", [])) for g in logs for t in g.turns)
    assert ballots == 0 and decisions > 30
    header, rows = _rows(files["decisions.csv"])
    assert header == DECISION_COLUMNS
    assert len(rows) == decisions + ballots
    assert {r["decision_source"] for r in rows} == {"bot"}
    assert {r["group_id"] for r in rows} <= set(session.groups)
    assert all(r["session_id"] == session.id and r["seed"] == "2015" and r["adopted"] == "true" for r in rows)
    assert all(r["option_label"] for r in rows)
    theader, trows = _rows(files["turns.csv"])
    assert theader[: len(TURN_COLUMNS)] == TURN_COLUMNS
    assert len(trows) == 30 * session.turns
    assert {(r["group_id"], r["turn"]) for r in trows} == {
        (g, str(t)) for g in session.groups for t in range(1, session.turns + 1)
    }
    districts = [d.id for d in content.levels["border_city"].districts]
    assert f"district.oc_control[{districts[0]}]" in theader and "city.budget" in theader
    first = next(r for r in trows if r["group_id"] == "S01" and r["turn"] == "1")
    logged = next(g for g in logs if g.group == "S01").turns[0]["indicators"]
    assert float(first["city.budget"]) == logged["city.budget"]
    assert float(first[f"district.oc_control[{districts[-1]}]"]) == logged["district.oc_control"][-1]
    lines = files["statements.jsonl"].read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(rows)
    saved = json.loads(files["session.json"].read_text(encoding="utf-8"))
    assert saved["export"]["rows"] == {
        "decisions.csv": len(rows),
        "turns.csv": len(trows),
        "statements.jsonl": len(lines),
    }
    assert read_session(files["session.json"]) == session


def _check_statement(s: dict, session_id: str, labels: set[str], content) -> None:
    assert set(s) == {"id", "actor", "verb", "object", "result", "context", "timestamp"}
    uuid.UUID(s["id"])
    stamp = datetime.fromisoformat(s["timestamp"].replace("Z", "+00:00"))  # ISO 8601, in UTC
    assert s["timestamp"].endswith("Z") and stamp.utcoffset() == timedelta(0)
    actor = s["actor"]
    assert actor == {  # an Identified Group: the group's label, never its students
        "objectType": "Group",
        "name": actor["account"]["name"],
        "account": {"homePage": f"https://plaza.invalid/class/{session_id}", "name": actor["account"]["name"]},
    }
    assert actor["account"]["name"] in labels  # only group or seat labels, never anything else
    assert s["verb"]["id"] == "http://adlnet.gov/expapi/verbs/answered"
    assert set(s["verb"]["display"]) == {"en-US", "es-MX"}
    obj = s["object"]
    assert obj["objectType"] == "Activity"
    event_id = obj["id"].removeprefix("https://plaza.invalid/xapi/event/")
    assert event_id in content.events
    d = obj["definition"]
    assert d["type"] == "http://adlnet.gov/expapi/activities/cmi.interaction" and d["interactionType"] == "choice"
    assert set(d["name"]) == {"en-US", "es-MX"}
    choice_ids = [c["id"] for c in d["choices"]]
    assert choice_ids == [o.id for o in content.events[event_id].options]
    assert all(set(c["description"]) == {"en-US", "es-MX"} for c in d["choices"])
    assert "correctResponsesPattern" not in d
    assert set(s["result"]["response"].split("[,]")) <= set(choice_ids)
    ctx = s["context"]
    assert (
        ctx["registration"]
        == registration(session_id)
        == str(uuid.uuid5(uuid.NAMESPACE_URL, f"https://plaza.invalid/class/{session_id}"))
    )
    assert ctx["language"] in ("es-MX", "en-US")
    ext = ctx["extensions"]
    base = "https://plaza.invalid/xapi/ext/"
    assert {f"{base}{k}" for k in ("turn", "seed", "role", "mode", "decision-source")} <= set(ext)
    assert set(ext) <= {
        f"{base}{k}" for k in ("turn", "seed", "role", "mode", "decision-source", "game-started", "district")
    }
    for iri in [
        obj["id"],
        s["verb"]["id"],
        actor["account"]["homePage"],
        *ext,
        *(a["id"] for kind in ctx["contextActivities"].values() for a in kind),
    ]:
        parsed = urlparse(iri)
        assert parsed.scheme in ("http", "https") and parsed.netloc, iri


def test_every_statement_has_the_documented_xapi_shape(content, seat_class, vote_class, tmp_path):
    for n, (session, folder, _) in enumerate([seat_class, vote_class]):
        _, _, files = _export(content, tmp_path, [folder], session, name=f"out{n}")
        statements = [json.loads(line) for line in files["statements.jsonl"].read_text(encoding="utf-8").splitlines()]
        assert statements
        for s in statements:
            _check_statement(s, session.id, set(session.groups), content)
        assert len({s["id"] for s in statements}) == len(statements)
        sources = {s["context"]["extensions"]["https://plaza.invalid/xapi/ext/decision-source"] for s in statements}
        if session.mode == "class_vote":
            assert "ballot" in sources and "majority" in sources
            ballots = [s for s in statements if "extensions" in s["result"]]
            assert ballots and all(
                isinstance(s["result"]["extensions"]["https://plaza.invalid/xapi/ext/tally"], dict) for s in ballots
            )
        else:
            assert sources == {"bot"}


def test_class_vote_export_has_one_row_per_decision_plus_one_per_ballot(content, vote_class, tmp_path):
    session, folder, _ = vote_class
    logs, _, files = _export(content, tmp_path, [folder], None)  # the session rebuilt from the logs
    decisions = sum(1 for g in logs for t in g.turns for e in t["events"] if e["option"] is not None)
    ballots = sum(len(t.get("votes", [])) for g in logs for t in g.turns)
    assert ballots > 0
    _, rows = _rows(files["decisions.csv"])
    assert len(rows) == decisions + ballots
    ballot_rows = [r for r in rows if r["decision_source"] == "ballot"]
    assert len(ballot_rows) == ballots
    for r in ballot_rows:
        tally = dict(item.split("=") for item in r["tally"].split(";"))
        assert int(r["votes"]) == max(map(int, tally.values()))
        assert int(r["n_ballots"]) == sum(map(int, tally.values()))
    decided = [r for r in rows if r["decision_source"] in ("majority", "teacher", "tie_break")]
    assert len(decided) == ballots
    assert all(r["teacher_flag"] == ("1" if r["decision_source"] != "majority" else "") for r in decided)
    _, trows = _rows(files["turns.csv"])
    assert sum(int(r["n_votes"] or 0) for r in trows) == ballots
    rebuilt = read_session(files["session.json"])
    assert (rebuilt.id, rebuilt.lang, rebuilt.mode, rebuilt.groups) == (
        session.id,
        "en",
        "class_vote",
        ["3A", "3B", "3C"],
    )
    assert decode_code(rebuilt.code, content).id == session.id


def test_bad_inputs_are_named_and_good_logs_still_exported(content, seat_class, tmp_path):
    session, folder, _ = seat_class
    work = tmp_path / "class"
    shutil.copytree(folder, work)
    where = work / session.id
    lines = (where / "S01.jsonl").read_text(encoding="utf-8").splitlines()
    (where / "S01-copy.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    h = json.loads(lines[0])
    own = (where / "S02.jsonl").read_text(encoding="utf-8").splitlines()
    (where / "S02.jsonl").write_text("\n".join(own[:5]) + "\n" + own[5][:30], encoding="utf-8")  # truncated
    (where / "S03.jsonl").write_text(
        "\n".join([json.dumps({**h, "content_hash": "1" * 16, "group": "S03"}), *lines[1:]]) + "\n", encoding="utf-8"
    )
    (where / "S04.jsonl").write_text("{}\n", encoding="utf-8")
    (tmp_path / "empty").mkdir()
    logs, problems, files = _export(content, tmp_path, [work, tmp_path / "empty"], session)
    text = "\n".join(problems)
    for name in ("S01-copy.jsonl", "S02.jsonl", "S03.jsonl", "S04.jsonl"):
        assert str(where / name) in text
    assert str(tmp_path / "empty") in text
    assert len(logs) == 28  # 30 − S03 − S04; S02 kept with its 4 complete turns
    _, trows = _rows(files["turns.csv"])
    assert len(trows) == 28 * session.turns - (session.turns - 4)
    assert {r["group_id"] for r in trows} == set(session.groups) - {"S03", "S04"}
    saved = json.loads(files["session.json"].read_text(encoding="utf-8"))
    assert len(saved["export"]["problems"]) == len(problems)
    # no folder of the teacher's machine: files relative to the session's folder
    raw = files["session.json"].read_text(encoding="utf-8")
    assert str(tmp_path) not in raw and str(Path.home()) + "/" not in raw
    assert all(re.fullmatch(r"S\d\d(-copy)?\.jsonl", g["file"]) for g in saved["export"]["logs"])
    assert any(p.startswith("S03.jsonl: made with other content") for p in saved["export"]["problems"])
    # an export's session.json from before, with absolute paths, still reads
    saved["export"]["logs"][0]["file"] = str(where / saved["export"]["logs"][0]["file"])
    old = tmp_path / "old" / "session.json"
    old.parent.mkdir()
    old.write_text(json.dumps(saved), encoding="utf-8")
    assert read_session(old) == session


def test_export_never_overwrites(content, vote_class, tmp_path):
    session, folder, _ = vote_class
    logs, _ = read_class_logs([folder], content)
    out = tmp_path / "taken"
    out.mkdir()
    (out / "notes.txt").write_text("the teacher's notes", encoding="utf-8")
    with pytest.raises(ExportError, match="not empty"):
        export_session(logs, session, content, out)
    assert [p.name for p in out.iterdir()] == ["notes.txt"]
    assert (out / "notes.txt").read_text(encoding="utf-8") == "the teacher's notes"
    export_session(logs, session, content, tmp_path / "fresh")
    before = {p.name: p.read_bytes() for p in (tmp_path / "fresh").iterdir()}
    with pytest.raises(ExportError):
        export_session(logs, session, content, tmp_path / "fresh")
    assert {p.name: p.read_bytes() for p in (tmp_path / "fresh").iterdir()} == before
    with pytest.raises(ExportError, match="nothing to export"):
        export_session([], session, content, tmp_path / "none")


# --- the command line ------------------------------------------------------------------------------------------


def test_cli_new_writes_the_session_and_prints_its_code(content, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("PLAZA_HOME", str(tmp_path / "home"))
    assert (
        main(
            [
                "classroom",
                "new",
                "--level",
                "first_steps",
                "--role",
                "official",
                "--seed",
                "42",
                "--turns",
                "5",
                "--lang",
                "en",
                "--seats",
                "12",
                "--mode",
                "class_vote",
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    code = re.search(r"Code for the class: (\S+)", out).group(1)
    session = decode_code(code, load_content().content)
    path = tmp_path / "home" / "data" / "classroom" / session.id / "session.json"
    assert f"Session file: {path}" in out
    saved = read_session(path)
    assert (saved.level, saved.seed, saved.turns, saved.lang, saved.mode) == ("first_steps", 42, 5, "en", "class_vote")
    assert saved.groups == seat_labels(12) and saved.code == code
    assert (
        main(
            [
                "classroom",
                "new",
                "--level",
                "first_steps",
                "--role",
                "official",
                "--groups",
                "A, B",
                "--out",
                str(tmp_path / "mine"),
            ]
        )
        == 0
    )
    assert read_session(tmp_path / "mine" / "session.json").groups == ["A", "B"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--level", "atlantis", "--role", "official", "--lang", "es"], "no hay ningún nivel llamado “atlantis”"),
        (["--level", "atlantis", "--role", "official", "--lang", "en"], "there is no level called “atlantis”"),
        (["--level", "first_steps", "--role", "official", "--turns", "40", "--lang", "es"], "el número de trimestres"),
        (["--level", "first_steps", "--role", "official", "--turns", "40", "--lang", "en"], "quarters must be from 1"),
        (["--level", "first_steps", "--role", "official", "--seed", "-3", "--lang", "es"], "la semilla debe ser"),
        (["--level", "first_steps", "--role", "official", "--groups", "A,A"], "“A” appears twice"),
        (["--level", "first_steps", "--role", "official", "--groups", "A,a", "--lang", "es"], "“a” aparece dos veces"),
        (["--level", "first_steps", "--role", "official", "--seats", "0"], "seats must be from 1 to 60"),
        (
            ["--level", "first_steps", "--role", "official", "--seats", "61", "--lang", "es"],
            "lugares debe ir de 1 a 60",
        ),
        (["--level", "first_steps", "--role", "mayor"], "invalid choice"),
        (["--level", "first_steps"], "required"),
        (["--level", "first_steps", "--role", "official", "--seats", "3", "--groups", "A"], "not allowed with"),
    ],
)
def test_cli_new_usage_errors_exit_2(tmp_path, monkeypatch, capsys, args, message):
    monkeypatch.setenv("PLAZA_HOME", str(tmp_path))
    assert _exit_code(["classroom", "new", *args]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert not (tmp_path / "data").exists()


def _exit_code(argv: list[str]) -> int:
    """main's return value, or the code of the SystemExit argparse raises for a usage error."""
    try:
        return main(argv)
    except SystemExit as exc:
        return exc.code


def test_cli_export_exit_codes(content, seat_class, tmp_path, capsys):
    session, folder, _ = seat_class
    session_file = tmp_path / "session.json"
    session_file.write_text(json.dumps(session.to_dict()), encoding="utf-8")
    assert (
        main(["classroom", "export", str(folder), "--session", str(session_file), "--out", str(tmp_path / "e1")]) == 0
    )
    out = capsys.readouterr().out
    assert "Se exportaron 30 bitácoras" in out and (tmp_path / "e1" / "decisions.csv").exists()
    # the folder is taken: exit 2, nothing touched
    before = sorted(p.name for p in (tmp_path / "e1").iterdir())
    assert main(["classroom", "export", str(folder), "--out", str(tmp_path / "e1")]) == 2
    assert "never overwrites" in capsys.readouterr().err  # no session, no --lang: the command line's language
    assert main(["classroom", "export", str(folder), "--out", str(tmp_path / "e1"), "--lang", "es"]) == 2
    assert "nunca sobrescribe" in capsys.readouterr().err
    assert sorted(p.name for p in (tmp_path / "e1").iterdir()) == before
    # a bad file among good ones: exit 1, the file named, the rest exported
    work = tmp_path / "class"
    shutil.copytree(folder, work)
    bad = work / session.id / "S05.jsonl"
    bad.write_text("not a log\n", encoding="utf-8")
    assert main(["classroom", "export", str(work), "--out", str(tmp_path / "e2"), "--lang", "es"]) == 1
    captured = capsys.readouterr()
    assert f"{bad}:1" in captured.err and "Se exportaron 29 bitácoras" in captured.out
    # nothing usable: an empty folder, exit 2
    (tmp_path / "empty").mkdir()
    assert main(["classroom", "export", str(tmp_path / "empty"), "--out", str(tmp_path / "e3"), "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert f"{tmp_path / 'empty'}: there are no decision logs" in err and "nothing to export" in err
    assert not (tmp_path / "e3").exists()
    # a bad session file: exit 2, named
    (tmp_path / "bad_session.json").write_text("{", encoding="utf-8")
    assert (
        main(
            [
                "classroom",
                "export",
                str(folder),
                "--session",
                str(tmp_path / "bad_session.json"),
                "--out",
                str(tmp_path / "e4"),
            ]
        )
        == 2
    )
    assert f"{tmp_path / 'bad_session.json'}: not JSON" in capsys.readouterr().err
    # logs of another session are left out when --session is given
    other = new_session(content, "border_city", "official", seed=2016, groups=["X"])
    other_file = tmp_path / "other.json"
    other_file.write_text(json.dumps(other.to_dict()), encoding="utf-8")
    assert main(["classroom", "export", str(folder), "--session", str(other_file), "--out", str(tmp_path / "e5")]) == 2
    assert f"es de la sesión {session.id}, no de {other.id}" in capsys.readouterr().err
    assert main(["classroom"]) == 2
