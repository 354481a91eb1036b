"""Every cause the model can name has a name in both languages (content/terms.yaml)."""

import re
from pathlib import Path

from game.content.loader import load_content

SIM = Path(__file__).resolve().parent.parent / "game" / "sim"


def test_every_term_has_a_bilingual_name():
    strings = load_content().content.strings
    used = {m for path in SIM.glob("*.py") for m in re.findall(r'"(term\.[a-z_]+)"', path.read_text())}
    assert len(used) > 40
    missing = sorted(used - set(strings))
    assert not missing, f"add these to content/terms.yaml: {missing}"
    for key in used:
        assert strings[key].en and strings[key].es
