"""How often the turn report's headlines name one of the player's measures: bots play whole games through the
session API (GameSession.play_turn), and the session's own records (TurnRecord.headlines) are counted.

    uv run python -m bench.headlines [--seeds N]

Prints, over every game: the quarters played, the headlines, the share of quarters with a headline whose choice is
a measure, the retaliation headlines that say "without protection", and the headlines by kind.
"""

from __future__ import annotations

import argparse
import collections
import statistics

from game.bots import BOTS
from game.content.loader import load_content
from game.session.session import GameSession

# (level, role, bot): both roles, the levels with reporting measures, bots that use them and bots that do not
GAMES = (
    ("first_steps", "official", "reporting_drive"),
    ("first_steps", "official", "random"),
    ("first_steps", "official", "culture"),
    ("border_city", "official", "accountability"),
    ("border_city", "organizer", "citizen_campaign"),
    ("hot_valley", "organizer", "reporting_drive"),
)


def count(seeds: int) -> dict:
    content = load_content().content
    kinds: collections.Counter[str] = collections.Counter()
    games = quarters = with_measure = total = unprotected = 0
    shares: list[float] = []  # per game: the share of its quarters with a measure headline
    for level, role, name in GAMES:
        for seed in range(seeds):
            session = GameSession(content, level, role, seed)
            bot = BOTS[name]()
            games += 1
            found = 0
            while not session.finished:
                record = session.play_turn(bot.decide(session, session.bot_rng), bot.choose)
                quarters += 1
                total += len(record.headlines)
                kinds.update(h.kind for h in record.headlines)
                told = any((h.choice or "").startswith("measure:") for h in record.headlines)
                with_measure += told
                found += told
                unprotected += sum(h.protected is False for h in record.headlines)
            shares.append(found / max(1, session.turn))
    return {
        "games": games,
        "quarters": quarters,
        "headlines": total,
        "quarters_with_measure_headline": with_measure,
        "share": round(with_measure / max(quarters, 1), 3),
        "median_share_per_game": round(statistics.median(shares), 3),
        "without_protection": unprotected,
        "kinds": dict(kinds),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=3)
    print(count(parser.parse_args().seeds))


if __name__ == "__main__":
    main()
