"""The debrief's comparison with simulated terms, started before the debrief needs it.

Which 1,000 games a term is compared with depends only on the content, level, role, term and the player's seed (the
simulated seeds avoid it), all known once the game begins. The first time on a machine they take several seconds
of both cores (later, the disk cache answers at once), so the comparison starts in the background as the player
ends the first quarter, in worker processes at low priority, and the debrief usually finds it done. It never
runs in the game's own process, which would slow the screens; PLAZA_COMPARISON_PREFETCH=0 turns this off (the
tests do), and the debrief then starts it on entering, as before. Closing the window stops it (game.runs.background).
"""

from __future__ import annotations

import os

from game.runs.comparison import Comparer, runs_wanted, worker_count

PREFETCH_ENV = "PLAZA_COMPARISON_PREFETCH"

# The comparison of the game being played or debriefed, kept while the player moves between the debrief's tabs and
# the history: only one, so a sitting of many games does not keep every game's simulated results (issue 15's memory).
_COMPARERS: dict[tuple, Comparer] = {}


def comparer_for(play) -> Comparer:
    """The comparison of this game: the one already started (by `prefetch` or an earlier visit to the debrief),
    else a new one started now. One that failed is started again."""
    session = play.session
    runs = runs_wanted()
    key = (play.content.content_hash, session.level.id, session.role, session.turns, runs, session.seed)
    comparer = _COMPARERS.get(key)
    if comparer is None or comparer.error:
        _COMPARERS.clear()
        comparer = _COMPARERS[key] = Comparer(
            play.content, session.level.id, session.role, session.turns, runs=runs, avoid_seed=session.seed
        ).start()
    return comparer


def prefetch(play) -> None:
    """Start this game's comparison in the background, if it is not started yet and worker processes can play it.
    Not for a class voting on the projector: its debrief compares no simulated games."""
    if os.environ.get(PREFETCH_ENV, "1") == "0" or worker_count() == 0 or play.class_vote:
        return
    comparer_for(play)
