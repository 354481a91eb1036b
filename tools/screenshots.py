"""Save a screenshot of every screen of the game, at each size, text scale and language, and list layout problems.

    uv run python tools/screenshots.py OUT_DIR [--quick | --at 1280x720:200:es] [--screen city] [--city-layers]

By default every combination of 1024×768, 1280×720 and 1920×1080, 100%, 150% and 200% text, English and Spanish,
both roles. --quick takes only 1280×720 at 100% in English and 150% in Spanish; --at takes one size, text scale and
language (several --at may be given); --screen keeps only the screens whose name starts with it (the tour still
plays every screen, and their layout problems are still listed). After both roles' tours, a report with a story card
(report_story, and report_story-causes: how it came about), and the event card whose option labels are longest in
the language (event_card_longest: labels wrap, never cut). Runs headless (dummy video and audio drivers).
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
        if "--city-layers" in argv:  # no tour: the city screen on every map layer (see city_layers)
            total += city_layers(app, f"{size[0]}x{size[1]}-{scale}-{lang}", problems)
            continue
        # both roles' tours, then a report with a story card (looked at as each is shown: the tours are lazy)
        tours = [("official", tour(app, role="official")), ("organizer", tour(app, role="organizer"))]
        for role, screens in [*tours, ("official", story_report(app)), ("official", longest_options(app))]:
            for screen in screens:
                name = f"{screen}-{role}-{size[0]}x{size[1]}-{scale}-{lang}"
                if not keep or screen.startswith(keep):
                    app.screenshot(name)
                for problem in problems(app):
                    print(f"{name}: {problem}")
                    total += 1
    print(f"screenshots in {out}; {total} layout problem(s)")
    return 1 if total else 0


def story_report(app):
    """The report of a quarter with a story card: first_steps as the official, an anonymous tip line in La Ladera
    in the first quarter, the first open option on every card, on the first seed below 60 whose game exposes an
    informer (a retaliation); then how it came about (C)."""
    from game.session.commands import AdoptMeasure
    from game.ui.flow import show_current

    def retaliated(play) -> bool:
        return play.stage == "report" and any(e.event == "informer_exposed" for e in play.report.events)

    for seed in range(60):
        play = app.new_game("first_steps", "official", seed)
        play.start()
        while play.stage != "over" and not retaliated(play):
            if play.stage == "events":
                play.answer(next((o.option.id for o in play.pending.options if o.enabled), None))
            elif play.stage == "plan":
                if play.turn == 1:
                    play.plan(AdoptMeasure("anonymous_hotline", "la_ladera"))
                play.end_turn()
            else:
                play.next_turn()
        if retaliated(play):
            break
    else:
        return
    show_current(app)
    app.dirty = True
    app.frame([], 0.05)
    yield "report_story"
    app.top.show_headline(0)
    app.dirty = True
    app.frame([], 0.05)
    yield "report_story-causes"


def longest_options(app):
    """The event card whose longest option label is longest in the game's language, over the border city's first
    quarter (shown as the card waiting; answering it is not part of the tour)."""
    from types import SimpleNamespace

    from game.events.occurrence import Occurrence
    from game.ui.flow import show_current

    play = app.new_game("border_city", "official", 3)
    play.start()
    lang = app.texts.lang
    events = [e for e in app.content.events.values() if e.options and e.scope == "district"]
    event = max(events, key=lambda e: max(len(getattr(o.label, lang)) for o in e.options))
    engine = play.session.engine
    states = engine.option_states(event, engine.context(play.world, 0))
    waiting = play._run
    play._run, play._shown = (
        SimpleNamespace(pending=Occurrence(event, 0, play.world.district_ids[0], states, [], "")),
        None,
    )
    play.stage = "events"
    show_current(app)
    app.dirty = True
    app.frame([], 0.05)
    yield "event_card_longest"
    play._run, play._shown = waiting, None


def city_layers(app, tag: str, problems) -> int:
    """The city screen on each map layer and with a story card, for both roles; returns the layout problems."""
    from game.session.commands import AdoptMeasure
    from game.ui.tour import walk_to

    def plan(play) -> None:
        for measure in play.session.offered():
            district = play.world.district_ids[2] if measure.target == "district" else None
            command = AdoptMeasure(measure.id, district)
            if measure.target == "district" and play.check(command) is None:
                play.plan(command)
                return

    found = 0
    for role in ("official", "organizer"):
        app.new_game("border_city", role, 5)
        walk_to(app, ("report",), plan)
        walk_to(app, ("plan",))
        plan(app.play)
        scene = app.top
        scene.rebuild()
        shots = [(layer, None) for layer in ("crime", "fear", "trust", "control")] + [("control", 2)]
        for layer, story in shots:
            scene.set_layer(layer)
            scene.hovered = story
            for _ in range(20):  # past the colours' easing
                app.frame([], 0.05)
            name = f"city-{role}-{layer}{'-story' if story is not None else ''}-{tag}"
            app.screenshot(name)
            for problem in problems(app):
                print(f"{name}: {problem}")
                found += 1
    return found


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
