"""Official statistics and their manipulation (rule C2).

True crime is what a victim survey would find. Official figures count only reported, opened cases, minus what
is reclassified. A government under pressure with little outside scrutiny bends them; with transparency, bent
figures are found out, and the scandal costs trust and feeds pressure.
"""

from __future__ import annotations

import numpy as np

from game.sim.common import city_mean
from game.sim.ledger import Ledger, apply_terms
from game.sim.scratch import Turn
from game.sim.state import Params, State


def update(s: State, p: Params, ledger: Ledger, t: Turn, draw: np.ndarray) -> None:
    n = s.households.present.sum(axis=-1)
    crimes = s["district.petty_crime"] + s["district.extortion"]
    survey = city_mean(crimes, n) * 100
    reported = (
        city_mean(
            s["district.petty_crime"] * s["district.report_petty"] + s["district.extortion"] * s["district.report_oc"],
            n,
        )
        * 100
    )
    m = s["city.manipulation"]
    # The government's own response: bend the figures when pressure rises and few can check; bent figures are
    # set straight again over time (new staff, audits, the next administration).
    m_terms = {
        "term.pressure_to_look_good": p.m_ai * s["city.pressure"] * (1 - s["city.transparency"]) * (1 - m),
        "term.figures_corrected": -p.m_decay * m,
    }
    m = apply_terms(m, m_terms, 0, 1, "city.manipulation", ledger)
    s.values["city.manipulation"] = m
    s.values["city.survey_crime"] = apply_terms(
        s["city.survey_crime"],
        {"term.true_crime": survey - s["city.survey_crime"]},
        0,
        100,
        "city.survey_crime",
        ledger,
    )
    official = reported * p.q_open * (1 - m)
    s.values["city.official_crime"] = apply_terms(
        s["city.official_crime"],
        {"term.recorded_crime": official - s["city.official_crime"]},
        0,
        50,
        "city.official_crime",
        ledger,
    )
    # Found out: the chance grows with transparency and with how much is bent.
    chance = np.clip(p.detect * s["city.transparency"] * m, 0, 1)
    found = (draw < chance).astype(float)
    sc = s["city.scandal"]
    s.values["city.scandal"] = apply_terms(
        sc,
        {"term.revelations": found * p.scandal_size, "term.scandal_fades": -p.scandal_decay * sc},
        0,
        1,
        "city.scandal",
        ledger,
    )
    t.extras["found_out"] = found
