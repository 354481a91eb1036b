"""The debrief at the end of the term, on four tabs (keys 1–4):

  Districts   — every district at the start and the end of the term: who was protected, who was left exposed,
                well-off against poor districts, and a chart of crime by kind of district;
  Dynamics    — the dynamics of Payan (2015) that showed up in this game (from the events that fired and from the
                end-of-term figures), each with a short explanation and the passage it comes from;
  Comparison  — where this term sits among simulated games of the same level and role played by the built-in
                bots (game.runs.comparison, computed in a background thread while the other tabs are read);
  Questions   — questions to think about, the first ones chosen from what happened.
Buttons: History (H), New game (N), Title screen (T or Esc). The game is over and autosaved, so nothing asks to
confirm leaving.

Its modules: `analysis` (what happened, read from the game's history; no pygame, tested on its own, and the names
it exports are importable from here), `texts` (the tabs' text), `charts` (the charts, the comparison's progress
and summary, and where they sit beside the text) and `scene` (DebriefScene, which game.ui.routes opens by name).
"""

from game.ui.scenes.debrief.analysis import (
    DEBRIEF_DYNAMIC,
    DISTRICT_VALUES,
    DYNAMICS,
    district_outcomes,
    dynamic_of,
    dynamics,
    question_keys,
)

__all__ = [
    "DEBRIEF_DYNAMIC",
    "DISTRICT_VALUES",
    "DYNAMICS",
    "district_outcomes",
    "dynamic_of",
    "dynamics",
    "question_keys",
]
