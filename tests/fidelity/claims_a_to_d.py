"""Experiments of claims (a) to (d): coproduction and petty crime, retaliation and reporting, exclusion, distrust."""

from __future__ import annotations

from tests.fidelity.experiment import (
    A1_MISSING,
    CHILL_LHS_SEEDS,
    Experiment,
)

# The chill's ablations switch off hearing of reprisals as a mechanism: what the news does to beliefs (s_heard) and
# the reconsidering it prompts along the ties (news_revise, model version 29). Until the parameter existed they
# switched the beliefs only, and the reconsidering carried the local chill on (0.68 of it on the slow run's seeds).
HEARD_OFF = (
    "s_heard = news_revise = 0: a retaliation heard of changes no one's fear of reporting, nor makes anyone reconsider"
)
HEARD_AND_TALK_OFF = (
    "s_heard = news_reach = news_revise = 0: a retaliation heard of, from a neighbour or the district's talk, changes "
    "no one's fear of reporting, nor makes anyone reconsider"
)

# Model version 30: households learn what their reports achieve while a campaign runs (campaign_learning), and in a
# city whose police clear about one report in five the campaign soon persuades fewer of them. Fewer reports, fewer
# leaks, fewer retaliations heard: the retreat the campaign caused through them within the term is gone.
RETREAT_UNPERSUADED = (
    "model version 30: once households learn that most reports go nowhere (campaign_learning), the campaign persuades "
    "fewer of them to report, so fewer reports leak and fewer retaliations are heard, and the retreat they brought "
    "is gone within the term (border_city, official: -0.0007, interval -0.0081 to +0.0070 on the quick run's 50 "
    "seeds, +0.0013, -0.0055 to +0.0081 on the tables' 60; +0.0092 under version 29, clear of 0; the organizer's "
    "still holds on the quick run's seeds, not on the tables' 60: +0.0031, -0.0048 to +0.0115; campaign_learning = 0 "
    "plays version 29's rules)"
)

A_TO_D: list[Experiment] = [
    # (a) citizen coproduction cuts petty crime, not organized crime
    Experiment(
        "a1-official",
        "a",
        "petty crime falls more than organized crime",
        "official",
        "citizen_campaign",
        "status_quo",
        "petty_minus_oc",
        "lower",
        ablation=(("e_h", 0.0), ("e_a", 0.0), ("l_sanction", 0.0)),
        ablation_text="situational deterrence off: locks, watches and sanctions stop deterring petty crime",
        xfail=A1_MISSING,
    ),
    Experiment(
        "a1-organizer",
        "a",
        "petty crime falls more than organized crime",
        "organizer",
        "citizen_campaign",
        "status_quo",
        "petty_minus_oc",
        "lower",
        ablation=(("e_h", 0.0), ("e_a", 0.0), ("l_sanction", 0.0)),
        ablation_text="situational deterrence off: locks, watches and sanctions stop deterring petty crime",
        xfail=A1_MISSING,
    ),
    Experiment(
        "a2-official",
        "a",
        "criminal control roughly unchanged",
        "official",
        "citizen_campaign",
        "status_quo",
        "rel_organized_crime",
        "unchanged",
    ),
    Experiment(
        "a2-organizer",
        "a",
        "criminal control roughly unchanged",
        "organizer",
        "citizen_campaign",
        "status_quo",
        "rel_organized_crime",
        "unchanged",
        ablation=(("e_ao", 0.5),),
        ablation_text="no complementarity: watches push organized crime back directly (e_ao = 0.5)",
    ),
    Experiment(
        "a3-official",
        "a",
        "extortion roughly unchanged",
        "official",
        "citizen_campaign",
        "status_quo",
        "rel_extortion",
        "unchanged",
        ablation=(("e_ho", 0.4),),
        ablation_text="e_ho = e_h = 0.4: locks deter extortion like petty crime",
        xfail_ablation="the ablation does not engage: no citizen_campaign measure hardens homes, so letting locks "
        "stop extortion "
        "changes nothing",
    ),
    # (b) reporting without protection brings retaliation; protection makes reporting safer
    Experiment(
        "b1-official",
        "b",
        "reporting without protection raises retaliations",
        "official",
        "citizen_campaign",
        "status_quo",
        "retaliations",
        "higher",
        ablation=(("k_retaliation", 0.0),),
        ablation_text="leaks carry no retaliation (k_retaliation = 0)",
    ),
    Experiment(
        "b1-organizer",
        "b",
        "reporting without protection raises retaliations",
        "organizer",
        "citizen_campaign",
        "status_quo",
        "retaliations",
        "higher",
        ablation=(("k_retaliation", 0.0),),
        ablation_text="leaks carry no retaliation (k_retaliation = 0)",
    ),
    Experiment(
        "b1-lambda0",
        "b",
        "the same, with only lambda0 = 0 (the leak is mostly corruption)",
        "official",
        "citizen_campaign",
        "status_quo",
        "retaliations",
        "higher",
        setting=(("lambda0", 0.0),),
    ),
    Experiment(
        "b2-official",
        "b",
        "accountability raises OC reporting more",
        "official",
        "accountability",
        "citizen_campaign",
        "oc_reporting",
        "higher",
    ),
    Experiment(
        "b2-organizer",
        "b",
        "accountability raises OC reporting more",
        "organizer",
        "accountability",
        "citizen_campaign",
        "oc_reporting",
        "higher",
    ),
    Experiment(
        "b4-rise",
        "b",
        "a year's reporting drive without protection first raises OC reporting (peak in quarters 1-5)",
        "official",
        "reporting_drive",
        "status_quo",
        "chill_peak",
        "higher",
    ),
    Experiment(
        "b4-chill-official",
        "b",
        "then OC reporting falls below the status quo's (its low in quarters 5-8: the chilling effect)",
        "official",
        "reporting_drive",
        "status_quo",
        "chill_low",
        "lower",
        ablation=(("s_heard", 0.0), ("news_revise", 0.0)),
        ablation_text=HEARD_OFF,
        runs=200,
        lhs_seeds=CHILL_LHS_SEEDS,
    ),
    Experiment(
        "b4-chill-organizer",
        "b",
        "then OC reporting falls below the status quo's (its low in quarters 5-8: the chilling effect)",
        "organizer",
        "reporting_drive",
        "status_quo",
        "chill_low",
        "lower",
        ablation=(("s_heard", 0.0), ("news_revise", 0.0)),
        ablation_text=HEARD_OFF,
        runs=200,
        lhs_seeds=CHILL_LHS_SEEDS,
    ),
    *(
        Experiment(
            f"b4-chill-local-{role}",
            "b",
            f"where the {what} ran, OC reporting then falls below the status quo's (its low in quarters 5-8)",
            role,
            "reporting_drive",
            "status_quo",
            "chill_low_local",
            "lower",
            ablation=(("s_heard", 0.0), ("news_reach", 0.0), ("news_revise", 0.0)),
            ablation_text=HEARD_AND_TALK_OFF,
            # The two districts hold 3-8 willing households each: on 50 seeds the interval (about +-0.075) is
            # as wide as the effect, and the verdict flipped between two settles of the same level.
            runs=200,
            lhs_seeds=CHILL_LHS_SEEDS,
        )
        for role, what in (("official", "hotline"), ("organizer", "drive"))
    ),
    *(
        Experiment(
            f"b4-chill-leaks{suffix}",
            "b",
            "the chilling effect, with leaks switched off",
            role,
            "reporting_drive",
            "status_quo",
            "chill_low",
            "lower",
            ablation=(("lambda0", 0.0), ("lambda1", 0.0)),
            ablation_text="lambda0 = lambda1 = 0: reports never leak",
            runs=200,
        )
        for role, suffix in (("official", ""), ("organizer", "-organizer"))
    ),
    # (b) households retreat to passive protection (anchors-model §4 (b): "H rises"), read on ENVIPE's habit
    # changes, the brief's "retreat" indicator (model version 27): it should rest on the reprisals people hear of
    *(
        Experiment(
            f"b5-retreat-{role}",
            "b",
            "households retreat: more of them give up the street (stay in at night, keep the children in)",
            role,
            "citizen_campaign",
            "status_quo",
            "retreat",
            "higher",
            ablation=(("lambda0", 0.0), ("lambda1", 0.0)),
            ablation_text="lambda0 = lambda1 = 0: reports never leak, so nobody's believed reprisal rises",
            # on the quick run's 50 seeds the organizer's still holds (not on the tables' 60)
            xfail=RETREAT_UNPERSUADED if role == "official" else "",
        )
        for role in ("official", "organizer")
    ),
    Experiment(
        "b3-official",
        "b",
        "accountability: fewer retaliations per report",
        "official",
        "accountability",
        "citizen_campaign",
        "retaliations_per_report",
        "lower",
        ablation=(("k_retaliation", 0.0),),
        ablation_text="leaks carry no retaliation (k_retaliation = 0)",
    ),
    Experiment(
        "b3-organizer",
        "b",
        "accountability: fewer retaliations per report",
        "organizer",
        "accountability",
        "citizen_campaign",
        "retaliations_per_report",
        "lower",
        ablation=(("k_retaliation", 0.0),),
        ablation_text="leaks carry no retaliation (k_retaliation = 0)",
    ),
    # (c) exclusion: those who can pay buy protection, the rest are left with the risk (organizer buys guards)
    Experiment(
        "c1",
        "c",
        "victimisation gap poor - rich widens",
        "organizer",
        "gated",
        "status_quo",
        "victimisation_gap",
        "higher",
        ablation=(("e_g", 0.0),),
        ablation_text="e_g = 0: gated streets protect nobody",
    ),
    Experiment(
        "c2-delta0",
        "c",
        "poor districts' victimisation, no displacement",
        "organizer",
        "gated",
        "status_quo",
        "rel_victimisation_poor",
        "unchanged",
        setting=(("travel", 0.0),),
    ),
    Experiment(
        "c2-delta1",
        "c",
        "poor districts' victimisation, full displacement",
        "organizer",
        "gated",
        "status_quo",
        "rel_victimisation_poor",
        "higher",
        setting=(("travel", 1.0),),
        xfail_quick="model version 29: +0.09% (interval -0.12% to +0.30%) on the quick run's 50 seeds; it holds on "
        "the slow run's 200 (+0.15%, +0.03% to +0.27%), not on the claims table's 60 in border_city (+0.06%, -0.16% "
        "to +0.27%): the rich districts start gated, so little crime is left to move next door",
    ),
    Experiment(
        "c1-delta0",
        "c",
        "victimisation gap widens without displacement",
        "organizer",
        "gated",
        "status_quo",
        "victimisation_gap",
        "higher",
        setting=(("travel", 0.0),),
        xfail="model version 28: +0.00010 (interval -0.00025 to +0.00045) on the quick run's 50 seeds, -0.00005 "
        "(-0.00025 to +0.00018) on seeds 1000-1199 (version 14: +0.00004 and +0.00034, holding on the slow run): "
        "without displacement the gap widens only by what the rich gain, and their streets are already gated at the "
        "start (0.57-0.72 of households)",
    ),
    Experiment(
        "c1-delta1",
        "c",
        "victimisation gap widens with full displacement",
        "organizer",
        "gated",
        "status_quo",
        "victimisation_gap",
        "higher",
        setting=(("travel", 1.0),),
    ),
    # (d) watching erodes social trust where criminal control is high, not where it is low
    Experiment(
        "d1",
        "d",
        "watching lowers trust where O is high",
        "organizer",
        "citizen_campaign",
        "status_quo",
        "trust_high_oc",
        "lower",
        ablation=(("k_watch", 0.0), ("k_lookout", 0.0)),
        ablation_expect="smaller",
        ablation_text="k_watch = 0, k_lookout = 0: the group neither threatens watch members nor recruits lookouts "
        "among them (model version 11)",
    ),
    Experiment(
        "d1-watch",
        "d",
        "the same, with retaliation's hold on trust off (s4 = 0)",
        "organizer",
        "citizen_campaign",
        "status_quo",
        "trust_high_oc",
        "lower",
        setting=(("s4", 0.0),),
        ablation=(("k_watch", 0.0), ("k_lookout", 0.0)),
        ablation_text="k_watch = 0, k_lookout = 0: the group neither threatens watchers nor recruits lookouts "
        "among them",
    ),
    Experiment(
        "d2",
        "d",
        "watching builds trust where O is low",
        "organizer",
        "fear_management",
        "status_quo",
        "trust_low_oc",
        "higher",
        ablation=(("s1", 0.0),),
        ablation_expect="smaller",
        ablation_text="s1 = 0: cooperation in a watch builds no trust",
    ),
]
