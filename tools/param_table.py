"""Rewrite the parameter appendix of docs/model.md from content/model.yaml (run after changing parameters).

uv run python tools/param_table.py
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.docs_block import update_page  # noqa: E402
from game.content.loader import load_content  # noqa: E402

HEAD = "| parameter | value | used in | meaning | source |\n|---|---|---|---|---|\n"


def main(argv: list[str] | None = None) -> None:
    argparse.ArgumentParser(description=__doc__.split("\n\n")[0]).parse_args(argv)
    content = load_content().content
    sim = {p.stem: p.read_text() for p in (ROOT / "game" / "sim").glob("*.py")}
    rows = []
    for name, param in content.parameters.items():
        used = sorted(m for m, text in sim.items() if re.search(rf"\bp\.{name}\b", text))
        value = int(param.value) if float(param.value).is_integer() else param.value
        cells = [f"`{name}`", str(value), ", ".join(used) or "—", param.meaning, param.source]
        rows.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")

    def appendix(doc: str) -> str:
        start = doc.index(HEAD)
        end = doc.find("\n\n", start)
        return doc[:start] + HEAD + "\n".join(rows) + ("\n" if end == -1 else doc[end:])

    update_page(ROOT / "docs" / "model.md", appendix)
    print(f"wrote {len(rows)} parameters to docs/model.md")


if __name__ == "__main__":
    main()
