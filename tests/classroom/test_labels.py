"""Labels that agree (issue 16): one source for the role names (each level's role titles, content), for the minutes
a quarter takes (classroom.minutes_per_quarter, quoted by both guides), and counts with each language's plurals."""

from __future__ import annotations

import re
from pathlib import Path

from game.classfiles.names import role_title
from game.classfiles.plurals import plural_key
from game.content.templates import render

DOCS = Path(__file__).resolve().parents[2] / "docs"
GUIDES = {"en": DOCS / "teacher-guide.md", "es": DOCS / "guia-docente.md"}
UI = Path(__file__).resolve().parents[2] / "content" / "ui"


def test_the_guides_quote_the_minutes_per_quarter_the_game_says(content):
    for lang, guide in GUIDES.items():
        minutes = content.strings["classroom.minutes_per_quarter"].get(lang)
        text = re.sub(r"\s+", " ", guide.read_text(encoding="utf-8"))
        assert minutes in text, (lang, minutes)
        assert not re.search(r"(about|unos) 3 (minutes|minutos) (each|cada)", text)
        hint = content.strings["classroom.turns_hint"].get(lang)
        assert "{minutes}" in hint and not re.search(r"\d+ (minutes|minutos)", hint)


def test_every_role_title_is_named_by_the_guides(content):
    for lang, guide in GUIDES.items():
        text = re.sub(r"\s+", " ", guide.read_text(encoding="utf-8"))
        for level_id in ("first_steps", "border_city", "metropolis", "hot_valley"):
            for role in ("official", "organizer"):
                title = role_title(content, level_id, role, lang)
                assert f"**{title}**" in text, (lang, level_id, title)


def test_class_screens_name_the_role_by_the_levels_title(content):
    assert role_title(content, "first_steps", "official", "es") == "Titular de Seguridad Pública"
    assert role_title(content, "nowhere", "official", "en") == content.strings["role.official"].en
    pages = (Path(__file__).resolve().parents[2] / "game/ui/scenes/classroom/pages.py").read_text(encoding="utf-8")
    assert 'role=t(f"role.' not in pages


def test_counts_on_the_class_screens_follow_plural_rules(content):
    for lang, one in (("es", "1 bitácora"), ("en", "1 log")):
        key = plural_key(content.strings, "classroom.n_logs", lang, 1)
        text = render(content.strings[key].get(lang), {"count": 1})
        assert text == one, text
        key = plural_key(content.strings, "classroom.facts", lang, 1)
        assert "{turns} trimestre " in content.strings[key].get(lang) or "{turns} quarter " in content.strings[key].get(
            lang
        )


def test_no_fixed_count_of_quarters_in_words():
    words = r"(one|two|three|four|five|six|eight|ten|twelve|uno|dos|tres|cuatro|cinco|seis|ocho|diez|doce)"
    root = UI.parents[1]  # the levels' summaries are shown for sessions of any length too
    for path in [*UI.glob("*.yaml"), *(root / "game/classroom/templates").glob("*"), *(root / "levels").glob("*")]:
        text = path.read_text(encoding="utf-8").lower()
        assert not re.search(rf"\b{words} (quarters|trimestres)\b", text), path
