"""Payan's claims (a)–(i) as Monte Carlo experiments: every experiment, by id.

Shared by the fidelity tests (tests/fidelity, a reduced run) and `bench/fidelity.py` (the full run).

An experiment compares two bots on the level `border_city`, run by run on the same seeds (common random numbers:
run r of both arms meets the same households and the same draws until the policies make them differ). Its
statistic is one number per seed (a paired difference); the effect is the mean over seeds with a 95% percentile
bootstrap interval. A prediction holds when the interval lies on the predicted side:

- "lower" / "higher": the interval excludes 0 on that side;
- "unchanged": the interval lies inside ±`margin` (a relative change; anchors-model §4 (a) counts a change under 5%
  as no change);
- "not lower": the interval's lower end is above −`margin`.

Each claim's main experiment has an ablation: parameter overrides that switch its mechanism off (applied to both
arms; the model recalibrates its status quo under them). The rule, registered here before the runs:

- "vanish": the ablated effect's interval includes 0, or the ablated effect keeps less than half the full effect
  (`KEEP`), counted in the predicted direction (a reversed effect keeps a negative share);
- "smaller": the ablated effect is smaller than the full one, the per-seed difference of the two effects having an
  interval that excludes 0 (for a claim whose brief says the effect should fall, not vanish);
- for an "unchanged" prediction, the ablation switches off what keeps the quantity unchanged, so it "vanishes" when
  the quantity no longer stays within the margin.

An experiment the model does not reproduce carries `xfail` (or `xfail_ablation`): the reason says what is missing.

The parts: what an experiment is (experiment.py), the experiments (claims_a_to_d.py, claims_e_to_i.py), the paired
statistics they read (statistics.py), running the arms (lab.py), judging an effect (judging.py) and the
calibration targets (targets.py).
"""

from __future__ import annotations

from tests.fidelity.claims_a_to_d import A_TO_D
from tests.fidelity.claims_e_to_i import E_TO_I
from tests.fidelity.experiment import A1_MISSING, E3_MISSING, Experiment

EXPERIMENTS: list[Experiment] = [*A_TO_D, *E_TO_I]

BY_ID = {e.id: e for e in EXPERIMENTS}

# Experiments that hold at 12 quarters (or are known misses there) and do not hold at the end of a 40-quarter game
# on the quick run's seeds (0-49; tests/fidelity/test_claims_40.py), with the figures (model version 19) and what
# we think is missing. An experiment read inside the first quarters (Statistic.within_term) is judged at 12 only.
RETREAT_FADES = (
    "the campaign's retreat is gone by quarter 40: taking part in its watches calms fear (fear.py: `control`), "
    "which offsets what its retaliations add to believed reprisal, and with reports never leaking the campaign "
    "lowers the retreat; a household that gave up the street does not yet keep the habit"
)
AT_40_MISSES: dict[str, str] = {
    "a1-official": A1_MISSING + " (at 40 quarters: +0.053, interval +0.023 to +0.081)",
    "a1-organizer": A1_MISSING + " (at 40 quarters: +0.035, interval +0.011 to +0.058)",
    "a2-official": "criminal control ends 3.2% lower (interval -5.2% to -1.3%), its interval reaching past the ±5% "
    "that 'roughly unchanged' allows: the hotline's reports keep reaching honest investigators (model version 30, "
    "the quick run's 50 seeds, the bots answering events as their policy would since 8 December 2026; it held "
    "under version 30's first answers)",
    "a3-official": "extortion ends 8.5% lower (interval -11.7% to -5.2%), with criminal control (a2-official)",
    "c1": "closing the rich districts' streets widens the gap by +0.0011 at quarter 40, its interval reaching "
    "-0.0001 (-0.0001 to +0.0023; model version 28, the quick run's 50 seeds; it held under 27): they start gated",
    "c1-delta0": "without displacement the gap is -0.0012 (interval -0.0022 to -0.0002; model version 20; -0.0004 "
    "under 19): the guards' own protection of the rich districts is too small to "
    "see after the gates they already had, and the sign wanders with the settled start",
    "b5-retreat-organizer": RETREAT_FADES + " (organizer: -0.0119, interval -0.0218 to -0.0028; model version 30, "
    "the quick run's 50 seeds: households learn that most reports go nowhere and the campaign persuades fewer, so its "
    "watches' calm outweighs its fewer retaliations; +0.0004 under 29)",
    "b5-retreat-official": RETREAT_FADES + " (official: -0.0090, interval -0.0183 to -0.0002; model version 30, as "
    "for the organizer; +0.0020 under 27)",
    "e3": E3_MISSING,
    "i5-concentrated": "criminal control in the worst district ends -0.003 under concentrated against spread "
    "(interval -0.019 to +0.007) at quarter 40 (model version 22; it held under 21): by quarter 40 the spread "
    "arm's district has caught up",
    "i5-concentrated-organizer": "the organizer's pressure with a reporting drive in the worst district ends +0.003 "
    "against spread (interval -0.035 to +0.041) at quarter 40 (model version 30, the quick run's 50 seeds; it held "
    "under 29, -0.049): the drive persuades fewer once its households learn that most reports go nowhere "
    "(campaign_learning), and by quarter 40 the spread arm's district has caught up",
    "f1-official": "fear falls more than twice crime's fall by -0.020, but its interval reaches +0.003 (-0.043 to "
    "+0.003) at quarter 40 (model version 20; it held under 19, -0.036): the official's reassurance fades over the "
    "long game; so does the organizer's since version 21 (f1-organizer)",
    "f1-organizer": "the organizer's fear management lowers fear by more than twice crime's fall by -0.0115, its "
    "interval reaching +0.006 (-0.0271 to +0.0059) at quarter 40 (model version 21; -0.015 under 20, holding by a "
    "hair). Version 21 changed only what members an event or a measure adds to a group bring with them; how that "
    "reaches this difference we have not traced",
    "g3-official": "under the cultural programmes corruption ends 8.9% higher (interval +7.8% to +10.1%): political "
    "pressure, which drives reform, is lower (g2), and the brief expects C unchanged",
    "g3-organizer": "under the cultural events corruption ends 6.7% higher (interval +5.9% to +7.5%): political "
    "pressure is lower (g2), so reform slows; the brief expects C unchanged",
    "g4-organizer": "criminal control ends 8.0% higher (interval +5.3% to +10.8%), following corruption (g3)",
    "i6-tipped": "by quarter 40 the worst district has tipped in every game under both bots (1.0 against 1.0); "
    "concentrating tips it within the term (i6 at 12 quarters), spreading after it",
}
