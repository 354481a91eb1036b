"""The teacher guide (docs/teacher-guide.md) and its Spanish version (docs/guia-docente.md) stay true to the game and
to the paper:

- both exist and link to each other, and every relative link in them points to a file that exists;
- every `uv run plaza ...` command they show parses with the real `plaza` command line (build_parser), so a renamed
  option or subcommand breaks this test; a command whose subcommand this Plaza does not have yet is skipped, with
  the reason;
- every quotation marked as from the paper — written `“quote” — Payan (2015), *Section title*` — appears verbatim
  (whitespace-normalised) in that section of Payan (2015); both guides quote the same passages, at least eight.

The paper's text lives beside the repository (`../shared/paper/`, as docs say); PLAZA_PAPER=FILE points elsewhere.
Without it, the quotation checks are skipped with that reason.
"""

from __future__ import annotations

import argparse
import os
import re
import shlex
from pathlib import Path

import pytest

from game.cli import build_parser

ROOT = Path(__file__).resolve().parent.parent
GUIDES = {"en": ROOT / "docs" / "teacher-guide.md", "es": ROOT / "docs" / "guia-docente.md"}
OTHER = {"en": "guia-docente.md", "es": "teacher-guide.md"}
PAPER = Path(
    os.environ.get("PLAZA_PAPER") or ROOT.parent / "shared" / "paper" / "payan-2015-coproduction-of-public-safety.txt"
)

QUOTE = re.compile(r"“(?P<quote>[^\n]+?)” — Payan \(2015\), \*(?P<section>[^*\n]+)\*")
FENCE = re.compile(r"```[\w-]*\n(?P<body>.*?)```", re.S)
INLINE = re.compile(r"`(uv run plaza(?: [^`\n]*)?)`")
# the students' guides to joining from their phones (issue 16), linked from the teacher guides while they are being
# written; once they exist, their links are checked like every other
BEING_WRITTEN = {"students-join.md", "estudiantes-se-unen.md"}
LINK = re.compile(r"\]\((?P<target>[^)\s]+)\)")


def text(lang: str) -> str:
    return GUIDES[lang].read_text(encoding="utf-8")


def squash(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


# --- the two files --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", sorted(GUIDES))
def test_guide_exists_and_links_to_the_other(lang):
    assert GUIDES[lang].is_file(), f"{GUIDES[lang]} is missing"
    targets = [m.group("target") for m in LINK.finditer(text(lang))]
    assert OTHER[lang] in targets, f"{GUIDES[lang].name} does not link to {OTHER[lang]}"


@pytest.mark.parametrize("lang", sorted(GUIDES))
def test_relative_links_point_to_files(lang):
    for m in LINK.finditer(text(lang)):
        target = m.group("target").split("#")[0]
        if not target or re.match(r"[a-z]+:", target):
            continue
        if target in BEING_WRITTEN and not (GUIDES[lang].parent / target).exists():
            continue
        assert (GUIDES[lang].parent / target).exists(), f"{GUIDES[lang].name}: broken link {m.group('target')}"


# --- the commands ---------------------------------------------------------------------------------------------------


def commands(lang: str) -> list[tuple[int, str]]:
    """Every `uv run plaza ...` command: whole lines in code blocks (with `\\` continuations), and inline code."""
    doc = text(lang)
    found = []
    for block in FENCE.finditer(doc):
        body = block.group("body").replace("\\\n", " ")
        for line in body.splitlines():
            line = line.split(" #", 1)[0].strip()
            if line.startswith("uv run plaza"):
                found.append((doc.count("\n", 0, block.start()) + 1, line))
    for m in INLINE.finditer(doc):
        found.append((doc.count("\n", 0, m.start()) + 1, m.group(1)))
    return found


def all_commands() -> list:
    return [
        pytest.param(lang, line, cmd, id=f"{lang}:{line}:{cmd[len('uv run plaza ') :][:60]}")
        for lang in sorted(GUIDES)
        for line, cmd in commands(lang)
    ]


def subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser] | None:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return None


def test_the_guides_show_the_classroom_commands():
    for lang in GUIDES:
        shown = {cmd.split()[3] if len(cmd.split()) > 3 else "" for _, cmd in commands(lang)}
        assert {"classroom", "report", "whatif", "replay"} <= shown, f"{GUIDES[lang].name} shows only {shown}"


@pytest.mark.parametrize(("lang", "line", "cmd"), all_commands())
def test_command_parses_with_the_real_cli(lang, line, cmd, capsys):
    words = shlex.split(cmd)[3:]  # after `uv run plaza`
    parser = build_parser()
    level, path = parser, []
    for word in words:  # walk down the subcommands the command names
        choices = subcommands(level)
        if choices is None or word.startswith("-"):
            break
        if word not in choices:
            pytest.skip(
                f"`plaza {' '.join([*path, word])}` is not in this Plaza yet ({GUIDES[lang].name}:{line} shows it)"
            )
        level, path = choices[word], [*path, word]
    try:
        parser.parse_args(words)
    except SystemExit as exc:  # --help exits 0; a usage error exits 2 with the reason on stderr
        assert exc.code in (0, None), (
            f"{GUIDES[lang].name}:{line}: `{cmd}` does not parse: {capsys.readouterr().err.strip()}"
        )


# --- the quotations -------------------------------------------------------------------------------------------------


def paper_sections() -> dict[str, str]:
    """The paper's sections by title: heading lines (short, unpunctuated, between Introduction and Bibliography)."""
    if not PAPER.is_file():
        pytest.skip(f"the paper's text is not at {PAPER} (set PLAZA_PAPER=FILE to check the quotations)")
    lines = PAPER.read_text(encoding="utf-8").splitlines()
    start = lines.index("Introduction")
    end = lines.index("Bibliography")
    heads = [
        i
        for i in range(start, end)
        if lines[i].strip()
        and len(lines[i]) < 110
        and not re.search(r"[.,;:]$", lines[i].strip())
        and (i == 0 or not lines[i - 1].strip())
        and (i + 1 >= len(lines) or not lines[i + 1].strip())
        and lines[i][0].isupper()
    ]
    ends = [*heads[1:], end]
    return {lines[h].strip(): squash("\n".join(lines[h + 1 : nxt])) for h, nxt in zip(heads, ends, strict=True)}


def quotes(lang: str) -> list[tuple[int, str, str]]:
    doc = text(lang)
    return [
        (doc.count("\n", 0, m.start()) + 1, squash(m.group("quote")), m.group("section").strip())
        for m in QUOTE.finditer(doc)
    ]


@pytest.mark.parametrize("lang", sorted(GUIDES))
def test_every_paper_quote_is_verbatim_in_its_section(lang):
    sections = paper_sections()
    assert "Conclusion" in sections and len(sections) > 15, f"headings not found in {PAPER}: {list(sections)}"
    doc = text(lang)
    marked = doc.count("” — Payan (2015)")
    found = quotes(lang)
    assert len(found) == marked, f"{GUIDES[lang].name}: a quotation is not written “…” — Payan (2015), *Section*"
    assert len({q for _, q, _ in found}) >= 8, f"{GUIDES[lang].name}: fewer than 8 quotations from the paper"
    for line, quote, section in found:
        where = f"{GUIDES[lang].name}:{line}"
        assert section in sections, f"{where}: the paper has no section “{section}”"
        assert quote in sections[section], f"{where}: not found verbatim in “{section}”: {quote}"


def test_both_guides_quote_the_same_passages():
    en = [(q, s) for _, q, s in quotes("en")]
    es = [(q, s) for _, q, s in quotes("es")]
    assert en == es
