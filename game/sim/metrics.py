"""End-of-game metrics, one number per run: what `plaza simulate` reports and the fidelity tests compare.

Each is a household-weighted city figure unless its name says otherwise (docs/model.md defines them).
"""

from __future__ import annotations

import numpy as np

from game.sim.common import city_mean
from game.sim.state import State

METRICS = (
    "organized_crime",
    "petty_crime",
    "fear",
    "social_trust",
    "trust_in_government",
    "reporting_rate_petty",
    "reporting_rate_organized",
    "retaliations",
    "victimisation_gap",
    "militia_strength",
    "militia_capture",
    "corruption",
    "statistics_gap",
    "political_pressure",
    "wealth",
    "cifra_negra",
    "victimisation",
    "predation",
    "retreat",
)


def metrics(s: State) -> dict[str, np.ndarray]:
    n = s.households.present.sum(axis=-1)
    mean = lambda name: city_mean(s[name], n)  # noqa: E731 - a local shorthand keeps the table readable
    kinds = np.array(s.district_kinds)
    poor, rich = kinds == "poor", kinds == "rich"
    victim = s["district.victimisation"]
    gap = (
        (victim[:, poor].mean(axis=-1) - victim[:, rich].mean(axis=-1))
        if poor.any() and rich.any()
        else np.zeros(s.runs)
    )
    militia = s["district.militia"]
    capture = (militia * s["district.militia_capture"]).sum(axis=-1) / np.maximum(militia.sum(axis=-1), 1e-9)
    crimes = s["district.petty_crime"] + s["district.extortion"]
    reported = (
        s["district.petty_crime"] * s["district.report_petty"] + s["district.extortion"] * s["district.report_oc"]
    )
    return {
        "organized_crime": mean("district.oc_control"),
        "petty_crime": mean("district.petty_crime"),
        "fear": mean("district.fear"),
        "social_trust": mean("district.social_trust"),
        "trust_in_government": mean("district.gov_trust"),
        "reporting_rate_petty": mean("district.report_petty"),
        "reporting_rate_organized": mean("district.report_oc"),
        "retaliations": s["district.retaliations"].sum(axis=-1),
        "victimisation_gap": gap,
        "militia_strength": militia.max(axis=-1),
        "militia_capture": np.where(militia.max(axis=-1) > 0.05, capture, 0.0),
        "corruption": s["city.corruption"].copy(),
        "statistics_gap": s["city.survey_crime"] - s["city.official_crime"],
        "political_pressure": s["city.pressure"].copy(),
        "wealth": mean("district.wealth"),
        "cifra_negra": 1 - city_mean(reported, n) / np.maximum(city_mean(crimes, n), 1e-9),
        "victimisation": mean("district.victimisation"),
        # Total predation: criminal control plus what self-defense groups take (levies, captured members'
        # extortion, seized rents in captured hands) — anchors-mechanisms §5.
        "predation": city_mean(s["district.oc_control"] + s.inner["militia_predation"], n),
        # Households that gave up the street out of fear (ENVIPE's habit changes; households.stays_in).
        "retreat": mean("district.retreat"),
    }
