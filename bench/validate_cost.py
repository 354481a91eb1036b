"""The cost of validating content full of misspelt names (issue 13): wall time and peak memory.

An author's events file of about 310 KB holds 1,000 misspelt event references (`schedule:` follow-ups and
`fired("...")` / `turns_since("...")` in conditions), plus misspelt state names in conditions and effects; a level
beside it offers misspelt measure ids. Each misspelling is a different one (a letter dropped, doubled or swapped
in a real id), so a suggestion cache alone cannot hide the cost of the search.

uv run python bench/validate_cost.py [--repeat N]

Prints, for the shipped content alone (the baseline), one such file and four of them: the median wall time of
`load_content` over N runs and the peak memory Python allocated while doing it (tracemalloc, measured on a
separate run so that tracing does not slow the timed ones).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game.content.check_conditions import forget  # noqa: E402
from game.content.loader import SHIPPED_CONTENT, load_content  # noqa: E402

REFERENCES = 1000  # misspelt event references in one file
EVENTS = 250  # events in one file: four references each


def misspell(word: str, rng: random.Random) -> str:
    """One typo in `word`: a letter dropped, doubled, replaced, or two neighbours swapped."""
    i = rng.randrange(1, len(word) - 1)
    how = rng.choice(("drop", "double", "swap", "replace"))
    if how == "drop":
        return word[:i] + word[i + 1 :]
    if how == "double":
        return word[:i] + word[i] + word[i:]
    if how == "swap":
        return word[: i - 1] + word[i] + word[i - 1] + word[i + 1 :]
    letter = rng.choice([c for c in "abcdefghijklmnopqrstuvwxyz" if c != word[i]])
    return word[:i] + letter + word[i + 1 :]


def _unique_typos(words: list[str], known: set[str], n: int, rng: random.Random) -> list[str]:
    out: list[str] = []
    seen = set(known)
    while len(out) < n:
        typo = misspell(rng.choice(words), rng)
        if typo not in seen and typo[0].isalpha():
            seen.add(typo)
            out.append(typo)
    return out


def misspelt_files(
    event_ids: list[str],
    state_names: list[str],
    measure_ids: list[str],
    *,
    tag: str = "a",
    seed: int = 0,
    references: int = REFERENCES,
    events: int = EVENTS,
) -> dict[str, str]:
    """File name -> text: `<tag>_events.yaml` (about 310 KB, `references` misspelt event references) and
    `<tag>_level.yaml` (a small level whose official is offered misspelt measures).

    `state_names` are `scope.name` strings. The events' own ids are `<tag>_event_NNN`; references are typos of
    these and of `event_ids`, so the candidate list the suggestions search grows with every file loaded."""
    rng = random.Random(f"{tag}{seed}")
    own = [f"{tag}_event_{i:03d}" for i in range(events)]
    per_event = max(1, references // events)
    refs = _unique_typos(event_ids + own, set(event_ids) | set(own), per_event * events, rng)
    numbers = [s for s in state_names if s.startswith(("city.", "district.")) and "." in s]
    state_typos = _unique_typos(numbers, set(state_names), events, rng)
    lines = ["schema_version: 1", "kind: events", "", "events:"]
    for i, event_id in enumerate(own):
        r = refs[i * per_event : (i + 1) * per_event]
        fired = r[0]
        follow = r[1:]
        lines += [
            f"  - id: {event_id}",
            "    title:",
            f"      en: A generated event number {i} about a misspelt follow-up",
            f"      es: Un suceso generado número {i} sobre un seguimiento mal escrito",
            "    text:",
            "      en: This event was written by a generator to measure how long validation takes when many names"
            " are misspelt; it says nothing about the city, and it repeats words so that it weighs what a real"
            " event weighs.",
            "      es: Este suceso lo escribió un generador para medir cuánto tarda la validación cuando muchos"
            " nombres están mal escritos; no dice nada de la ciudad y repite palabras para que pese lo que pesa"
            " un suceso real.",
            "    paper: Generated",
            "    scope: district",
            "    cooldown_turns: 2",
            "    when:",
            f"      - 'fired(\"{fired}\")'",
            f"      - '{state_typos[i]} > 0.5'",
            "    options:",
            "      - id: go_on",
            "        label: {en: Go on and schedule the follow-ups, es: Seguir y programar los seguimientos}",
            "        effects:",
        ]
        lines += [f"          - schedule: {{event: {f}, delay: [1, 2], chance: 0.5}}" for f in follow]
        lines += [
            "      - id: stop",
            "        label: {en: Stop here and schedule nothing else, es: Parar aquí y no programar nada más}",
            "    tags: [fear]",
        ]
    measures = _unique_typos(measure_ids, set(measure_ids), 20, rng)
    level = (
        (ROOT / "levels" / "template.yaml")
        .read_text(encoding="utf-8")
        .replace("id: template", f"id: {tag}_generated", 1)
        .replace("      - street_lighting", "\n".join(f"      - {m}" for m in measures), 1)
    )
    return {f"{tag}_events.yaml": "\n".join(lines) + "\n", f"{tag}_level.yaml": level}


def known_names() -> tuple[list[str], list[str], list[str]]:
    """Event ids, `scope.name` state names and measure ids of the shipped content."""
    c = load_content().content
    states = [f"{s}.{n}" for s, names in c.state.items() for n in names]
    return sorted(c.events), states, sorted(c.measures)


def write_files(folder: Path, copies: int) -> list[Path]:
    events, states, measures = known_names()
    paths = []
    for k in range(copies):
        for name, text in misspelt_files(events, states, measures, tag="abcdefgh"[k]).items():
            (folder / name).write_text(text, encoding="utf-8")
            paths.append(folder / name)
    return paths


def _measure(paths: list[Path] | None, repeat: int) -> tuple[float, float, int]:
    """Median seconds over `repeat` runs, peak MB (tracemalloc, one more run) and the number of diagnostics."""
    given = None if paths is None else [SHIPPED_CONTENT, *paths]
    times = []
    for _ in range(repeat):
        forget()  # each run starts as a new process would: nothing compiled or parsed before
        start = time.perf_counter()
        result = load_content(given)
        times.append(time.perf_counter() - start)
    tracemalloc.start()
    load_content(given)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return statistics.median(times), peak / 1e6, len(result.diagnostics)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--copies", type=int, nargs="*", default=[1, 4])
    args = parser.parse_args()
    seconds, peak, n = _measure(None, args.repeat)
    print(f"{'shipped content alone':34} {seconds * 1000:8.0f} ms  peak {peak:7.1f} MB  {n:5d} diagnostics")
    with tempfile.TemporaryDirectory() as tmp:
        for copies in args.copies:
            folder = Path(tmp) / f"x{copies}"
            folder.mkdir()
            paths = write_files(folder, copies)
            size = sum(p.stat().st_size for p in paths if p.name.endswith("_events.yaml")) / 1000
            seconds, peak, n = _measure(paths, args.repeat)
            label = f"+ {copies} misspelt file{'s' if copies > 1 else ''} ({size:.0f} KB)"
            print(f"{label:34} {seconds * 1000:8.0f} ms  peak {peak:7.1f} MB  {n:5d} diagnostics")


if __name__ == "__main__":
    main()
