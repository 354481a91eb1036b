"""Save a screenshot of every screen of the game, at each size, text scale and language, and list layout problems.

    uv run python tools/screenshots.py OUT_DIR [--quick | --at 1280x720:200:es] [--screen city]

By default every combination of 1024×768, 1280×720 and 1920×1080, 100%, 150% and 200% text, English and Spanish,
both roles. --quick takes only 1280×720 at 100% in English and 150% in Spanish; --at takes one size, text scale and
language (several --at may be given); --screen keeps only the screens whose name starts with it (the tour still
plays every screen, and their layout problems are still listed). Runs headless (dummy video and audio drivers).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
os.environ.setdefault("PLAZA_COMPARISON_RUNS", "1000")


def main(argv: list[str]) -> int:
    if not argv or argv[0].startswith("-"):
        print(__doc__)
        return 2
    out = Path(argv[0])
    os.environ["PLAZA_SCREENSHOTS"] = str(out)
    os.environ["PLAZA_HOME"] = tempfile.mkdtemp(prefix="plaza-shots-")
    from game.ui.app import App
    from game.ui.layout_check import problems
    from game.ui.settings import Settings
    from game.ui.tour import tour

    combos = (
        [((1280, 720), 100, "en"), ((1280, 720), 150, "es")]
        if "--quick" in argv
        else [
            (size, scale, lang)
            for size in ((1024, 768), (1280, 720), (1920, 1080))
            for scale in (100, 150, 200)
            for lang in ("en", "es")
        ]
    )
    if "--at" in argv:  # one combination each, e.g. --at 1280x720:200:es --at 1024x768:150:en
        try:
            specs = [argv[i + 1] for i, a in enumerate(argv) if a == "--at"]
            combos = []
            for spec in specs:
                wh, scale, lang = spec.split(":")
                combos.append((tuple(int(x) for x in wh.split("x")), int(scale), lang))
        except (IndexError, ValueError):
            print("--at wants WIDTHxHEIGHT:SCALE:LANGUAGE, e.g. --at 1280x720:200:es", file=sys.stderr)
            return 2
    keep = tuple(argv[i + 1] for i, a in enumerate(argv) if a == "--screen" and i + 1 < len(argv))
    total = 0
    app = None
    for size, scale, lang in combos:
        settings = Settings(language=lang, text_scale=scale, window=size)
        app = App(size=size, settings=settings) if app is None else app
        app.screen = __import__("pygame").display.set_mode(size)
        app.size = size
        app.apply_settings(settings)
        for role in ("official", "organizer"):
            for screen in tour(app, role=role):
                name = f"{screen}-{role}-{size[0]}x{size[1]}-{scale}-{lang}"
                if not keep or screen.startswith(keep):
                    app.screenshot(name)
                for problem in problems(app):
                    print(f"{name}: {problem}")
                    total += 1
    print(f"screenshots in {out}; {total} layout problem(s)")
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
