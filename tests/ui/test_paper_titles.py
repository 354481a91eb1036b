"""Citations of the paper read in the player's language (content/paper.yaml), on every screen that shows them."""

from __future__ import annotations

from pathlib import Path

from game.content.loader import load_content
from game.ui.texts import Texts

SCENES = Path(__file__).resolve().parents[2] / "game" / "ui" / "scenes"


def test_paper_citations_read_in_the_players_language():
    content = load_content().content
    es, en = Texts(content, "es"), Texts(content, "en")
    cited = {e.paper for e in content.events.values()} | {m.paper for m in content.measures.values()}
    for section in sorted(c for c in cited if c):
        assert en.paper(section) == section
        assert es.paper(section) != section, f"no Spanish title for {section!r} in content/paper.yaml"
    assert es.paper("Not a section of the paper") == "Not a section of the paper"


def test_every_screen_that_cites_the_paper_translates_the_citation():
    raw = [
        f"{p.name}: {line.strip()}"
        for p in sorted(SCENES.glob("*.py"))
        for line in p.read_text(encoding="utf-8").splitlines()
        if "section=" in line and ".paper" in line and ".paper(" not in line
    ]
    assert not raw, raw
