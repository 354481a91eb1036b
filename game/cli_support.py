"""What every `plaza` command shares: the shipped content, or a message saying why it cannot be used."""

from __future__ import annotations

import sys


def shipped_content():
    """The shipped content; None (after printing its first errors to stderr) when it does not load cleanly."""
    from game.content.diagnostics import SourceLines, format_text
    from game.content.loader import load_content

    loaded = load_content()
    if not loaded.ok:
        sources = SourceLines()
        print("plaza: the content has errors; fix them first (`plaza validate`):", file=sys.stderr)
        for d in loaded.errors[:10]:
            print(format_text(d, sources), file=sys.stderr)
        return None
    return loaded.content
