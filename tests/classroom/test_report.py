"""`plaza report`: a class of bot logs becomes one self-contained HTML page in six debrief phases; bad files are
named (stderr and the top of the page) while every good log is still reported; nothing given is written to."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from game import __version__
from game.classfiles.logs import read_class_logs, write_bot_class
from game.classfiles.session import new_session
from game.classroom.report import PHASES, make_report
from game.cli import main
from game.runs.class_replay import Try, replay_class, replay_with_whatifs
from game.runs.whatif import WhatIfError, replay_trajectory, start_whatif
from game.session.log import LogError
from game.sim import MODEL_VERSION

ROOT = Path(__file__).resolve().parents[2]
PAPER = Path(
    os.environ.get("PLAZA_PAPER") or ROOT.parent / "shared" / "paper" / "payan-2015-coproduction-of-public-safety.txt"
)
GROUPS = [f"Equipo {i}" for i in range(1, 33)]


@pytest.fixture(scope="module")
def klass(content, tmp_path_factory):
    """32 groups of the border city, official, seed 7: one bot game each (the bots and their choices vary)."""
    folder = tmp_path_factory.mktemp("class")
    session = new_session(content, "border_city", "official", seed=7, groups=GROUPS)
    paths = write_bot_class(content, session, folder)
    return session, folder / session.id, paths


class Page(HTMLParser):
    """What a reader and a browser see: the text, every tag with its attributes, the ids, the headings."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.chunks: list[str] = []
        self.headings: list[str] = []
        self._heading: list[str] | None = None
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag in ("h1", "h2", "h3"):
            self._heading = []

    def handle_endtag(self, tag):
        if tag in ("h1", "h2", "h3") and self._heading is not None:
            self.headings.append(" ".join("".join(self._heading).split()))
            self._heading = None

    def handle_data(self, data):
        self.chunks.append(data)
        if self._heading is not None:
            self._heading.append(data)

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.chunks).split())

    @property
    def ids(self) -> set[str]:
        return {a["id"] for _, a in self.tags if "id" in a}


def run(args: list[str], capsys) -> tuple[int, str, str]:
    code = main(args)
    out = capsys.readouterr()
    return code, out.out, out.err


def digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


# --- a whole class ------------------------------------------------------------------------------------------


def test_a_class_of_32_logs_gives_one_self_contained_page_in_six_phases(klass, content, tmp_path, capsys):
    _, folder, paths = klass
    assert len(paths) == 32
    before = digest(folder)
    code, out, err = run(["report", str(folder), "--out", str(tmp_path / "out"), "--lang", "es"], capsys)
    assert code == 0, err
    assert err == ""
    report = tmp_path / "out" / "report.html"
    assert f"Se escribió {report}: 32 partidas." in out
    text = report.read_text(encoding="utf-8")
    page = Page(text)

    # self-contained: no scripts, no links or sources outside the page, no address at all
    assert "<script" not in text.lower() and "http" not in text.lower()
    for tag, attrs in page.tags:
        assert "src" not in attrs, tag
        assert attrs.get("href", "#").startswith("#"), attrs
        assert tag not in ("link", "img", "iframe", "object", "embed")
    assert "<style>" in text and text.count("<svg") >= 30

    # every group, every phase, in Spanish by default
    for group in GROUPS:
        assert group in page.text
    for phase in PHASES:
        assert f"s1-{phase}" in page.ids
        assert any(content.strings[f"class_report.phase.{phase}"].es in h for h in page.headings), phase
    assert "Ciudad Frontera" in page.text and "Semilla 7" in page.text

    # how the choices split: an event every group met, with each option's share and the minority view
    met_by_all = re.findall(r"Lo enfrentaron (\d+) de 32 grupos · (\d+) decisiones", page.text)
    assert met_by_all and max(int(n) for n, _ in met_by_all) >= 16
    assert re.search(r"\d+ · \d+%", page.text)
    assert "postura minoritaria" in page.text

    # outcomes on the debrief's metrics, the paper's dynamics with a passage, a what if, prompts, exit ticket
    for name in ("Control criminal", "Represalias conocidas", "Cifra negra"):
        assert name in page.text
    assert "Payan (2015)" in page.text and "traducción libre" in page.text
    assert "Como se jugó" in page.text and "¿Y si…?" in page.text
    assert "Boleto de salida" in page.text
    assert digest(folder) == before  # the students' logs are untouched


def test_same_logs_same_page_and_a_different_report_never_overwrites(klass, tmp_path, capsys):
    _, folder, _ = klass
    out = tmp_path / "out"
    assert run(["report", str(folder), "--out", str(out), "--lang", "es"], capsys)[0] == 0
    first = (out / "report.html").read_bytes()
    code, printed, _ = run(["report", str(folder), "--out", str(out), "--lang", "es"], capsys)
    assert code == 0 and "no cambió (ya estaba ahí el mismo informe)" in printed
    assert sorted(p.name for p in out.iterdir()) == ["report.html"]
    code, printed, _ = run(["report", str(folder), "--out", str(out), "--lang", "en"], capsys)
    assert code == 0 and "report-2.html" in printed
    assert (out / "report.html").read_bytes() == first
    english = Page((out / "report-2.html").read_text(encoding="utf-8"))
    assert any("What happened" in h for h in english.headings)
    assert "Met by" in english.text and "Exit ticket" in english.text


def test_the_report_in_process_matches_what_the_logs_say(klass, content):
    _, folder, _ = klass
    logs, problems = read_class_logs([folder], content)
    assert problems == []
    report = make_report(logs, content, "en")
    assert (report.games, report.scenarios, report.problems) == (32, 1, [])
    w = report.whatifs[0]
    assert w.taken != w.instead and not w.same  # a what-if that changed something was found and shown
    assert "Here is the same game with" in report.html


def test_batched_replay_gives_the_same_numbers_as_one_game_at_a_time(klass, content):
    _, folder, _ = klass
    logs, _ = read_class_logs([folder], content)
    logs = logs[:8]
    games = [(str(log.path), log.header, log.turns[: 12 - i]) for i, log in enumerate(logs)]  # some stop early
    together = replay_class(content, games)
    for (name, header, turns), trajectory in zip(games, together, strict=True):
        alone = replay_trajectory(content, header, turns, name)
        assert trajectory.metrics == alone.metrics and trajectory.events == alone.events
        assert len(trajectory.metrics) == len(turns) + 1


def test_what_ifs_played_in_the_class_batch_are_the_games_played_alone(klass, content):
    _, folder, _ = klass
    logs, _ = read_class_logs([folder], content)
    logs = logs[:6]
    games = [(str(log.path), log.header, log.turns) for log in logs]
    tries = [
        Try(i, turn["turn"], e["event"], o.id)
        for i, log in enumerate(logs)
        for turn in log.turns[:6]
        for e in turn["events"]
        for o in content.events[e["event"]].options
        if o.id != e["option"]
    ]
    together, played = replay_with_whatifs(content, games, tries)
    assert set(played) == set(tries)  # every log reproduced: every try played in the batch
    kinds = set()
    for w in tries:
        log, got = logs[w.game], played[w]
        try:
            alone = start_whatif(content, log, w.turn, w.event, w.option, together[w.game]).finish()
        except WhatIfError as exc:
            assert got.error is not None and (got.error.kind, str(got.error)) == (exc.kind, str(exc))
            kinds.add("not open")
            continue
        assert got.error is None and got.fallbacks == alone.fallbacks
        a, b = alone.alternative, got.trajectory
        assert (a.metrics, a.events, a.commands, a.rejected) == (b.metrics, b.events, b.commands, b.rejected)
        kinds.add("fell back" if got.fallbacks else "played")
    assert kinds >= {"played", "fell back"}, kinds


def test_logs_of_another_model_version_are_left_out_with_the_reason(klass, content):
    _, folder, _ = klass
    logs, _ = read_class_logs([folder], content)
    games = [(str(log.path), log.header, log.turns[:3]) for log in logs[:4]]
    for i in (1, 2):  # one scenario, content unchanged: only the model's version differs
        games[i] = (games[i][0], {k: v for k, v in games[i][1].items() if k != "model"}, games[i][2])
    together = replay_class(content, games)
    for i in (1, 2):
        assert isinstance(together[i], LogError)
        assert (
            f"this log was made with model version 1 (Plaza {__version__}); this Plaza plays model version "
            f"{MODEL_VERSION}, so its numbers cannot be reproduced" in str(together[i])
        )
    for i in (0, 3):
        assert together[i].metrics == replay_trajectory(content, *games[i][1:], games[i][0]).metrics


# --- votes, scenarios -----------------------------------------------------------------------------------------


def test_class_vote_logs_show_the_ballots(content, tmp_path, capsys):
    session = new_session(content, "hot_valley", "organizer", seed=11, groups=["3A", "3B", "3C"], mode="class_vote")
    write_bot_class(content, session, tmp_path / "logs", seats=28)
    code, _, err = run(["report", str(tmp_path / "logs"), "--out", str(tmp_path / "out"), "--lang", "en"], capsys)
    assert code == 0, err
    page = Page((tmp_path / "out" / "report.html").read_text(encoding="utf-8"))
    assert re.search(r"Ballots \(\d+\)", page.text)
    assert "one projected game, the class votes" in page.text
    assert "by majority" in page.text


def test_logs_of_other_seeds_are_reported_separately(content, klass, tmp_path, capsys):
    _, folder, _ = klass
    other = new_session(content, "border_city", "official", seed=8, groups=["Tarde 1", "Tarde 2"])
    write_bot_class(content, other, tmp_path / "afternoon")
    code, printed, err = run(
        ["report", str(folder), str(tmp_path / "afternoon"), "--out", str(tmp_path / "out"), "--lang", "es"], capsys
    )
    assert code == 0, err
    assert "34 partidas. Son 2 escenarios, cada uno por separado en el informe." in printed
    page = Page((tmp_path / "out" / "report.html").read_text(encoding="utf-8"))
    assert any(h.startswith("Escenario 1:") and "semilla 7 · 32 partidas" in h for h in page.headings)
    assert any(h.startswith("Escenario 2:") and "semilla 8 · 2 partidas" in h for h in page.headings)
    assert {f"s{n}-{p}" for n in (1, 2) for p in PHASES} <= page.ids


# --- bad input ----------------------------------------------------------------------------------------------


def test_bad_files_are_named_and_every_good_log_is_still_reported(content, klass, tmp_path, capsys):
    _, _, paths = klass
    mixed = tmp_path / "mixed"
    mixed.mkdir()
    good = paths[:6]
    for p in good:
        shutil.copy(p, mixed / p.name)
    lines = paths[6].read_text(encoding="utf-8").splitlines(keepends=True)
    (mixed / "cut.jsonl").write_text("".join(lines[:5]) + lines[5][:40], encoding="utf-8")  # crashed mid-write
    shutil.copy(paths[0], mixed / "copy-of-first.jsonl")  # a duplicate
    edited = [json.loads(line) for line in paths[7].read_text(encoding="utf-8").splitlines()]
    turn = next(t for t in edited[1:] if any(len(content.events[e["event"]].options) > 1 for e in t["events"]))
    event = next(e for e in turn["events"] if len(content.events[e["event"]].options) > 1)
    event["option"] = next(o.id for o in content.events[event["event"]].options if o.id != event["option"])
    (mixed / "edited.jsonl").write_text("".join(json.dumps(x) + "\n" for x in edited), encoding="utf-8")
    old = [json.loads(line) for line in paths[8].read_text(encoding="utf-8").splitlines()]
    old[0]["content_hash"] = "0123456789abcdef"
    (mixed / "old-version.jsonl").write_text("".join(json.dumps(x) + "\n" for x in old), encoding="utf-8")
    (mixed / "notes.jsonl").write_text("these are my notes\n", encoding="utf-8")
    (mixed / "empty.jsonl").write_text("", encoding="utf-8")
    rural = new_session(content, "hot_valley", "official", seed=7, groups=["Rural"])
    write_bot_class(content, rural, mixed)
    before = digest(mixed)

    code, printed, err = run(["report", str(mixed), "--out", str(tmp_path / "out"), "--lang", "es"], capsys)
    assert code == 1
    for name in (
        "copy-of-first.jsonl",
        "edited.jsonl",
        "old-version.jsonl",
        "notes.jsonl",
        "empty.jsonl",
        "Rural.jsonl",
        "cut.jsonl",
    ):
        assert name in err, name
    assert "no se pudo reproducir" in err and "contenido distinto" in err and "hot_valley" in err
    assert "Traceback" not in err
    text = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    page = Page(text)
    problems = text[text.index('class="problems"') : text.index("</div>", text.index('class="problems"'))]
    for name in ("copy-of-first.jsonl", "edited.jsonl", "old-version.jsonl", "notes.jsonl", "Rural.jsonl"):
        assert name in problems, name
    for p in [*good, paths[6]]:  # the cut-off log keeps its complete turns
        group = json.loads(p.read_text(encoding="utf-8").splitlines()[0])["group"]
        assert f"{group}:" in page.text
    assert "Equipo 7: 4 de 12 trimestres" in page.text
    assert "7 partidas" in printed
    assert digest(mixed) == before  # nothing a student wrote was touched


def test_nothing_usable_exits_2_without_a_report(tmp_path, capsys):
    (tmp_path / "empty").mkdir()
    code, _, err = run(["report", str(tmp_path / "empty"), "--out", str(tmp_path / "out"), "--lang", "en"], capsys)
    assert code == 2 and str(tmp_path / "empty") in err and "no decision logs" in err
    assert not (tmp_path / "out" / "report.html").exists()

    code, _, err = run(["report", str(tmp_path / "nowhere"), "--out", str(tmp_path / "out"), "--lang", "en"], capsys)
    assert code == 2 and "no such file or folder" in err

    (tmp_path / "a.jsonl").write_text('{"format": "plaza-save"}\n', encoding="utf-8")
    code, _, err = run(["report", str(tmp_path / "a.jsonl"), "--out", str(tmp_path / "out"), "--lang", "en"], capsys)
    assert code == 2 and "a.jsonl" in err and "Traceback" not in err


def test_out_must_be_a_folder(klass, tmp_path, capsys):
    _, folder, _ = klass
    (tmp_path / "taken").write_text("mine", encoding="utf-8")
    code, _, err = run(["report", str(folder), "--out", str(tmp_path / "taken"), "--lang", "en"], capsys)
    assert code == 2 and "is a file" in err
    assert (tmp_path / "taken").read_text(encoding="utf-8") == "mine"


def test_group_labels_are_escaped(content, tmp_path, capsys):
    session = new_session(content, "first_steps", "official", seed=5, groups=['<b>"x"&y', "Equipo 2"])
    write_bot_class(content, session, tmp_path / "logs")
    assert run(["report", str(tmp_path / "logs"), "--out", str(tmp_path / "out"), "--lang", "es"], capsys)[0] == 0
    text = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert '<b>"x"' not in text and "&lt;b&gt;&#34;x&#34;&amp;y" in text  # Jinja2's autoescape (markupsafe)
    assert '<b>"x"&y' in Page(text).text


# --- the paper's passages -----------------------------------------------------------------------------------


def test_every_section_events_and_measures_cite_has_a_passage(content):
    titles = {
        text.en
        for key, text in content.strings.items()
        if re.fullmatch(r"class_report\.section\.[a-z0-9_]+\.title", key)
    }
    cited = {e.paper for e in content.events.values()} | {m.paper for m in content.measures.values()}
    assert cited <= titles, sorted(cited - titles)
    for key in content.strings:
        m = re.fullmatch(r"class_report\.section\.([a-z0-9_]+)\.title", key)
        if m:
            for part in ("quote", "prompt"):
                assert f"class_report.section.{m.group(1)}.{part}" in content.strings


def test_every_quotation_is_verbatim_from_its_section_of_the_paper(content):
    if not PAPER.is_file():
        pytest.skip(f"the paper's text is not at {PAPER} (set PLAZA_PAPER=FILE to check the quotations)")
    paper = PAPER.read_text(encoding="utf-8")
    lines = [line.strip() for line in paper.splitlines()]
    slugs = [
        m.group(1) for key in content.strings if (m := re.fullmatch(r"class_report\.section\.([a-z0-9_]+)\.title", key))
    ]
    titles = {content.strings[f"class_report.section.{s}.title"].en for s in slugs}
    headings = [
        i
        for i, line in enumerate(lines)
        if line in titles
        or line in ("Conclusion", "Bibliography")
        or (
            line
            and len(line) < 90
            and not line.endswith(".")
            and line[0].isupper()
            and i > 28
            and lines[i - 1] == ""
            and i + 1 < len(lines)
            and lines[i + 1] == ""
        )
    ]

    def flat(text: str) -> str:
        return " ".join(text.replace("*", "").split())

    for slug in slugs:
        title = content.strings[f"class_report.section.{slug}.title"].en
        quote = content.strings[f"class_report.section.{slug}.quote"].en
        start = lines.index(title)
        end = next(
            (i for i in headings if i > start and lines[i] in titles | {"Conclusion", "Bibliography"}), len(lines)
        )
        assert flat(quote) in flat("\n".join(lines[start:end])), slug


def test_a_practice_run_of_simulated_logs_is_labelled_by_bot(tmp_path, capsys):
    for bot in ("citizen_campaign", "gated"):
        assert (
            main(
                [
                    "simulate",
                    "first_steps",
                    "--bot",
                    bot,
                    "--runs",
                    "1",
                    "--seed",
                    "42",
                    "--log-dir",
                    str(tmp_path / "practice"),
                ]
            )
            == 0
        )
    capsys.readouterr()
    code, _, err = run(["report", str(tmp_path / "practice"), "--out", str(tmp_path / "out"), "--lang", "en"], capsys)
    assert code == 0, err
    page = Page((tmp_path / "out" / "report.html").read_text(encoding="utf-8"))
    assert "citizen_campaign: 6 of 6 quarters" in page.text and "gated: 6 of 6 quarters" in page.text
    assert "individual games (no class session)" in page.text
