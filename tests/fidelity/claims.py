"""Payan's claims (a)–(i) as Monte Carlo experiments: the experiments as data, and functions to run and judge them.

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
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np

from game.content.loader import ContentSet
from game.runs.batch import run_batch
from game.sim.common import city_mean
from game.sim.metrics import metrics

LEVEL = "border_city"
MARGIN = 0.05  # relative change counted as "unchanged" (anchors-model §4 (a): "change < 5%")
KEEP = 0.5  # an ablated effect that keeps less than this share of the full effect has vanished
BOOTSTRAP = 2000
HIGH_OC, LOW_OC = 0.45, 0.2  # districts by criminal control at the start: >= 0.45 high, <= 0.2 low

Outcome = dict[str, np.ndarray]  # per-run values (metrics and extras), paired by seed
Overrides = tuple[tuple[str, float], ...]


# --- statistics: one paired number per seed ---------------------------------------------------------------


@dataclass(frozen=True)
class Statistic:
    text: str  # what it measures, for the tables
    fn: Callable[[Outcome, Outcome], np.ndarray]
    relative: bool = False  # a relative change (margins apply to it)
    within_term: bool = False  # read inside the first quarters (the chill's window): the same at 12 and at 40


LOW_CORRUPTION = 0.3  # the brief's low-corruption basin (anchors-model §4 (i): C < 0.3 by turn 40)


def _diff(name: str) -> Callable[[Outcome, Outcome], np.ndarray]:
    return lambda a, b: a[name] - b[name]


def _rel(name: str) -> Callable[[Outcome, Outcome], np.ndarray]:
    return lambda a, b: (a[name] - b[name]) / np.maximum(np.abs(b[name]), 1e-9)


def _per_report(o: Outcome) -> np.ndarray:
    return o["retaliations_total"] / np.maximum(o["oc_reports_total"], 1e-9)


STATISTICS: dict[str, Statistic] = {
    "petty_minus_oc": Statistic(
        "relative change in petty crime minus relative change in criminal control O",
        lambda a, b: _rel("petty_crime")(a, b) - _rel("organized_crime")(a, b),
        relative=True,
    ),
    "rel_organized_crime": Statistic("relative change in criminal control O", _rel("organized_crime"), True),
    "rel_extortion": Statistic("relative change in extortion (OC victimisation)", _rel("extortion"), True),
    "rel_petty_crime": Statistic("relative change in petty crime", _rel("petty_crime"), True),
    "retaliations": Statistic("retaliations, cumulative over the game (city)", _diff("retaliations_total")),
    "oc_reporting": Statistic("reporting rate of organized crime R_O", _diff("reporting_rate_organized")),
    "retaliations_per_report": Statistic(
        "retaliations per organized-crime report", lambda a, b: _per_report(a) - _per_report(b)
    ),
    "victimisation_gap": Statistic("victimisation gap, poor minus rich districts", _diff("victimisation_gap")),
    "rel_victimisation_poor": Statistic(
        "relative change in victimisation, poor districts", _rel("victimisation_poor"), True
    ),
    "trust_high_oc": Statistic(
        f"social trust S in districts with O >= {HIGH_OC} at the start", _diff("social_trust_high_oc")
    ),
    "trust_low_oc": Statistic(
        f"social trust S in districts with O <= {LOW_OC} at the start", _diff("social_trust_low_oc")
    ),
    "militia_strength": Statistic("strongest self-defense group M", _diff("militia_strength")),
    "militia_capture": Statistic("share of militia captured K (strength-weighted)", _diff("militia_capture")),
    "fear_vs_crime": Statistic(
        "relative change in fear minus twice the relative change in victimisation",
        lambda a, b: _rel("fear")(a, b) - 2 * _rel("victimisation")(a, b),
        relative=True,
    ),
    "official_share": Statistic("official figures as a share of survey crime", _diff("official_share")),
    "fear": Statistic("fear F", _diff("fear")),
    "chill_low": Statistic(
        "OC reporting's low in quarters 5-8, as a ratio to its start", _diff("oc_reporting_low"), within_term=True
    ),
    "chill_low_local": Statistic(
        "OC reporting's low in quarters 5-8 where the drive ran (the two districts of highest control at the "
        "start), as a ratio to its start",
        _diff("local_oc_reporting_low"),
        within_term=True,
    ),
    "chill_peak_local": Statistic(
        "OC reporting's peak in quarters 1-5 where the drive ran, as a ratio to its start",
        _diff("local_oc_reporting_peak"),
        within_term=True,
    ),
    "chill_peak": Statistic(
        "OC reporting's peak in quarters 1-5, as a ratio to its start", _diff("oc_reporting_peak"), within_term=True
    ),
    "worst_control": Statistic(
        "criminal control in the district where it was worst at the start", _diff("worst_control")
    ),
    "worst_tipped": Statistic(
        "share of games where the worst district's control fell below half its start", _diff("worst_tipped")
    ),
    "predation": Statistic(
        "total predation (criminal control plus militia levies and captured predation)", _diff("predation")
    ),
    "predation_rural": Statistic(
        "total predation in the rural districts (the brief's rural fringe, where groups form)", _diff("predation_rural")
    ),
    "pressure": Statistic("political pressure Π", _diff("political_pressure")),
    "corruption": Statistic("police corruption C", _diff("corruption")),
    "rel_corruption": Statistic("relative change in police corruption C", _rel("corruption"), True),
    "rel_wealth": Statistic("relative change in mean wealth W", _rel("wealth"), True),
    "trust_in_government": Statistic("trust in government G", _diff("trust_in_government")),
    "hardened": Statistic("share of households with hardened homes H", _diff("hardened")),
    "low_corruption": Statistic(
        "share of games whose police corruption C ends below 0.3 (the low-corruption basin)",
        lambda a, b: (a["corruption"] < LOW_CORRUPTION).astype(float) - (b["corruption"] < LOW_CORRUPTION),
    ),
}


# --- experiments ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Experiment:
    id: str
    claim: str
    title: str
    role: str
    bot: str
    versus: str
    statistic: str
    expect: str  # "lower" | "higher" | "unchanged" | "not lower"
    margin: float = MARGIN
    setting: Overrides = ()  # parameters both arms (and the ablation) run with
    versus_role: str | None = None  # the comparison arm plays another role
    ablation: Overrides = ()
    ablation_expect: str = "vanish"  # "vanish" | "smaller"
    ablation_text: str = ""
    xfail: str = ""  # the model does not reproduce the effect: what is missing
    xfail_ablation: str = ""  # the effect survives its ablation: why
    # A small effect whose interval sits at the edge of 0 can hold on one set of seeds and not on another:
    xfail_quick: str = ""  # not reproduced on the quick run's seeds, reproduced on the slow run's: the figures
    xfail_slow: str = ""  # reproduced on the quick run's seeds but not on the slow run's: the figures
    xfail_ablation_quick: str = ""  # the ablation leaves the effect on the quick run's seeds, not the slow run's
    runs: int = 0  # paired seeds a quick test needs at least (a small, noisy effect)
    lhs_seeds: int = 0  # paired seeds a Latin-hypercube point needs at least (bench/fidelity.py; the same reason)
    quarter: int = 12  # when the brief reads the claim: 40 = judged (with its ablation) at quarter 40 only
    unjudged: bool = False  # not yet run against model version 2: only the slow run checks it

    @property
    def arms(self) -> str:
        right = f"{self.versus} ({self.versus_role})" if self.versus_role else self.versus
        text = f"{self.bot} vs {right}, {self.role}"
        if self.setting:
            text += " [" + ", ".join(f"{k}={v:g}" for k, v in self.setting) + "]"
        return text


E3_MISSING = (
    "the deputized groups are the more captured, within the term (-0.094, interval -0.101 to -0.088, seeds 0-49) "
    "and since model version 17 at quarter 40 too (-0.033, -0.046 to -0.021): deputizing thins the checks the "
    "district's police can make on the group (oversight_load) and enrols its men wholesale, open to the criminals' "
    "offers however well it pays them (openness; both anchors-model D8). The paper blames the capture on groups "
    "that 'had to finance their own operations'; the brief's own sketch and its T4 (anchors-mechanisms §5) have a "
    "subsidy without vetting no better (0.61 captured against 0.49 at quarter 40). Asked of groups deputized "
    "alike, with and without pay, the claim needs a pair of bots that differ in the subsidy alone, which we do "
    "not have"
)
# Seeds per Latin-hypercube point for the chilling experiments. The chill is read in the few districts where the
# drive ran (3-8 willing households each) or in a city-wide rate those districts barely move: at 20 seeds a point its
# interval is as wide as the effect, so the hypercube measured the noise. At 20 / 60 / 120 seeds a point on
# border_city (version 17), the local chills held at 32% / 74% / 85% (official) and 50% / 74% / 87% (organizer) of
# 200 points while their sign held at 90-100% at every count.
CHILL_LHS_SEEDS = 120
A1_MISSING = (
    "citizen measures do not lower petty crime measurably more than criminal control within 12 quarters: "
    "offending saturates with the opportunity in reach and deterred offenders move to bordering districts, "
    "so watches shift petty crime more than they cut it, and since model version 14 street light reaches petty "
    "crime only through disorder (the official's campaign, a hotline and lights: +0.0238 on the quick run's 50 "
    "seeds, +0.0173 on seeds 1000-1199); the brief's campaign for locks is not among the official's measures"
)
# What lets fear move apart from crime (rule D5 and the paper's section on fear): visible measures, figures that keep
# crime out of the news, and the feeling of control that taking part gives.
F1_ABLATION = (("v_story", 0.0), ("v_fade", 0.0), ("silencing", 0.0), ("control", 0.0))
F1_ABLATION_TEXT = (
    "visible measures stop calming fear, bent figures stop keeping crime out of the news and taking part no longer "
    "gives a feeling of control (v_story = v_fade = silencing = control = 0)"
)
ETA_OFF = (("eta", 0.0),)
ETA_OFF_TEXT = "eta = 0: information reaching honest enforcement does not push criminal control back"
# Criminals enter a self-defense group two ways: among its new recruits (chi, Weinstein) and by buying members
# already inside where the group cannot pay them (k_buy, anchors-model D8). Switching off buy-in means both.
NO_BUY_IN = (("chi", 0.0), ("k_buy", 0.0))
NO_BUY_IN_TEXT = "chi = k_buy = 0: criminals never buy into the group"
I2_ABLATION = "c2 = 0: reform no longer cleans up the police"

EXPERIMENTS: list[Experiment] = [
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
        ablation=(("s_heard", 0.0),),
        ablation_text="s_heard = 0: a retaliation heard of changes no one's fear of reporting",
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
        ablation=(("s_heard", 0.0),),
        ablation_text="s_heard = 0: a retaliation heard of changes no one's fear of reporting",
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
            ablation=(("s_heard", 0.0), ("news_reach", 0.0)),
            ablation_text="s_heard = news_reach = 0: a retaliation heard of changes no one's fear of reporting",
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
        xfail_quick="model version 14: the poor districts' victimisation under the organizer's gating with full "
        "displacement moves by +0.0009 (interval -0.0014 to +0.0040) on the quick run's 50 seeds, +0.0015 (+0.0005 "
        "to +0.0025) on seeds 1000-1199. The rich districts are already gated and watched at the start: little "
        "petty crime is left for gates and guards to push next door",
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
        xfail_quick="model version 14: +0.00004 (interval -0.00031 to +0.00048) on the quick run's 50 seeds, "
        "+0.00034 (+0.00016 to +0.00053) on seeds 1000-1199 (version 13: +0.00025 and +0.00008, both across 0): "
        "without displacement the gap widens only by what the rich gain, and their streets are already gated at the "
        "start (0.57-0.67 of households)",
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
    # (e) militias grow and are captured; capture follows the funding gap and lax vetting
    Experiment(
        "e1-official",
        "e",
        "militias reach strength",
        "official",
        "militia",
        "accountability",
        "militia_strength",
        "higher",
        "deputizing needs a group of 0.05 first, and groups form only where O(1-G) exceeds theta_m",
    ),
    Experiment(
        "e1-organizer",
        "e",
        "militias reach strength",
        "organizer",
        "militia",
        "accountability",
        "militia_strength",
        "higher",
    ),
    Experiment(
        "e2-official",
        "e",
        "militias are captured",
        "official",
        "militia",
        "accountability",
        "militia_capture",
        "higher",
        ablation=NO_BUY_IN,
        ablation_text=NO_BUY_IN_TEXT,
    ),
    Experiment(
        "e2-organizer",
        "e",
        "militias are captured",
        "organizer",
        "militia",
        "accountability",
        "militia_capture",
        "higher",
        ablation=NO_BUY_IN,
        ablation_text=NO_BUY_IN_TEXT,
        xfail_ablation="chi = 0 leaves most of it (+0.103 of +0.129): the accountability bot vets, and vetting purges "
        "the captured members a group already has, so this comparison measures vetting as much as buy-in",
    ),
    Experiment(
        "e3",
        "e",
        "self-financed militias are captured more than subsidised ones",
        "organizer",
        "militia",
        "militia",
        "militia_capture",
        "higher",
        versus_role="official",
        xfail=E3_MISSING,
        ablation=(("k_buy", 0.0),),
        ablation_text="k_buy = 0: criminals do not buy the members a group cannot pay (no shortfall channel)",
    ),
    Experiment(
        "e4-predation",
        "e",
        "self-financed, unvetted militias: more total predation than the status quo",
        "organizer",
        "militia",
        "status_quo",
        "predation",
        "higher",
        ablation=(("kappa_m", 0.0),),
        ablation_text="kappa_m = 0: members cost nothing, so there is no levy and no unpaid member to buy",
    ),
    Experiment(
        "e4-predation-rural",
        "e",
        "self-financed, unvetted militias: more total predation than the status quo on the rural fringe",
        "organizer",
        "militia",
        "status_quo",
        "predation_rural",
        "higher",
        ablation=(("kappa_m", 0.0),),
        ablation_text="kappa_m = 0: members cost nothing, so there is no levy and no unpaid member to buy",
    ),
    Experiment(
        "e4-deputized",
        "e",
        "deputized, subsidised, unvetted militias (the brief's MIL): more total predation than the status quo",
        "official",
        "militia",
        "status_quo",
        "predation",
        "higher",
        ablation=NO_BUY_IN,
        ablation_text=NO_BUY_IN_TEXT,
    ),
    Experiment(
        "e4-deputized-checks",
        "e",
        "deputized, unvetted militias after ten years: more total predation than the status quo, because the "
        "police cannot check the men the city deputized",
        "official",
        "militia",
        "status_quo",
        "predation",
        "higher",
        ablation=(("oversight_load", 0.0),),
        ablation_text="oversight_load = 0: the city's vetting reaches a deputized group as fully as any other",
        quarter=40,
    ),
    Experiment(
        "e4-deputized-open",
        "e",
        "deputized, unvetted militias after ten years: more total predation than the status quo, because the men "
        "the city enrols wholesale are open to the criminals' offers even when it pays them",
        "official",
        "militia",
        "status_quo",
        "predation",
        "higher",
        ablation=(("openness", 0.0),),
        ablation_text="openness = 0: a deputized group the city pays is bought only for what it still levies",
        ablation_expect="smaller",
        quarter=40,
    ),
    # (f) fear can be managed apart from crime; statistics can be bent
    Experiment(
        "e5-vetting",
        "e",
        "vetting plus a subsidy: less total predation than unvetted militias",
        "official",
        "vetted_militia",
        "militia",
        "predation",
        "lower",
        ablation=NO_BUY_IN,
        ablation_text=NO_BUY_IN_TEXT + ", so vetting has nothing to stop",
    ),
    Experiment(
        "f1-official",
        "f",
        "fear falls by more than twice crime's relative fall",
        "official",
        "fear_management",
        "status_quo",
        "fear_vs_crime",
        "lower",
        ablation=F1_ABLATION,
        ablation_text=F1_ABLATION_TEXT,
    ),
    Experiment(
        "f1-organizer",
        "f",
        "fear falls by more than twice crime's relative fall",
        "organizer",
        "fear_management",
        "status_quo",
        "fear_vs_crime",
        "lower",
        ablation=F1_ABLATION,
        ablation_text=F1_ABLATION_TEXT,
    ),
    Experiment(
        "f2",
        "f",
        "official figures fall behind true crime under manipulation",
        "official",
        "fear_management",
        "status_quo",
        "official_share",
        "lower",
    ),
    # (g) culture calms fear and pressure, leaves corruption and organized crime alone; accountability does not
    Experiment(
        "g1-official", "g", "culture lowers fear", "official", "culture", "status_quo", "fear", "lower", unjudged=True
    ),
    Experiment(
        "g1-organizer", "g", "culture lowers fear", "organizer", "culture", "status_quo", "fear", "lower", unjudged=True
    ),
    Experiment(
        "g2-official",
        "g",
        "culture lowers political pressure",
        "official",
        "culture",
        "status_quo",
        "pressure",
        "lower",
        ablation=(("a2", 0.0), ("a3", 0.0)),
        ablation_expect="smaller",
        ablation_text="a2 = a3 = 0: no responsibilisation (pressure still falls with fear, but less)",
    ),
    Experiment(
        "g2-organizer",
        "g",
        "culture lowers political pressure",
        "organizer",
        "culture",
        "status_quo",
        "pressure",
        "lower",
        ablation=(("a2", 0.0), ("a3", 0.0)),
        ablation_expect="smaller",
        ablation_text="a2 = a3 = 0: no responsibilisation (pressure still falls with fear, but less)",
    ),
    Experiment(
        "g3-official",
        "g",
        "culture leaves corruption unchanged",
        "official",
        "culture",
        "status_quo",
        "rel_corruption",
        "unchanged",
    ),
    Experiment(
        "g3-organizer",
        "g",
        "culture leaves corruption unchanged",
        "organizer",
        "culture",
        "status_quo",
        "rel_corruption",
        "unchanged",
    ),
    Experiment(
        "g4-official",
        "g",
        "culture leaves organized crime unchanged",
        "official",
        "culture",
        "status_quo",
        "rel_organized_crime",
        "unchanged",
    ),
    Experiment(
        "g4-organizer",
        "g",
        "culture leaves organized crime unchanged",
        "organizer",
        "culture",
        "status_quo",
        "rel_organized_crime",
        "unchanged",
    ),
    Experiment(
        "g5-official",
        "g",
        "accountability lowers corruption, culture does not",
        "official",
        "accountability",
        "culture",
        "corruption",
        "lower",
        ablation=(("c2", 0.0),),
        ablation_text="c2 = 0: pressure and transparency no longer clean up",
    ),
    Experiment(
        "g5-organizer",
        "g",
        "accountability lowers corruption, culture does not",
        "organizer",
        "accountability",
        "culture",
        "corruption",
        "lower",
        ablation=(("c2", 0.0),),
        ablation_text="c2 = 0: pressure and transparency no longer clean up",
    ),
    # (h) security spending costs growth and does not push organized crime back
    Experiment(
        "h1",
        "h",
        "security spending lowers wealth",
        "official",
        "security_spending",
        "status_quo",
        "rel_wealth",
        "lower",
        ablation=(("gamma_i", 0.0),),
        ablation_text="gamma_i = 0: investment does not grow wealth",
    ),
    Experiment(
        "h2",
        "h",
        "organized crime not lower (within 5%)",
        "official",
        "security_spending",
        "status_quo",
        "rel_organized_crime",
        "not lower",
    ),
    Experiment(
        "h3",
        "h",
        "organized crime not lower at all (strict)",
        "official",
        "security_spending",
        "status_quo",
        "rel_organized_crime",
        "not lower",
        margin=0.0,
    ),
    # (i) accountability beats citizen campaigns on the things that matter for organized crime
    *(
        Experiment(
            experiment_id,
            "i",
            f"{what} concentrated where control is worst push that district back more than the same money spread",
            role,
            "concentrated",
            "spread",
            "worst_control",
            "lower",
            ablation=ETA_OFF,
            ablation_text=ETA_OFF_TEXT,
        )
        for experiment_id, role, what in (
            ("i5-concentrated", "official", "protection and vetting with the hotline"),
            ("i5-concentrated-organizer", "organizer", "pressure for protection and vetting with a reporting drive"),
        )
    ),
    Experiment(
        "i6-tipped",
        "i",
        "concentrated, more games see the worst district's control fall below half its start within the term",
        "official",
        "concentrated",
        "spread",
        "worst_tipped",
        "higher",
        ablation=ETA_OFF,
        ablation_text=ETA_OFF_TEXT,
    ),
    # The brief reads (i)'s basin at turn 40: "more runs end in the low-corruption basin (C < 0.3 by turn 40)"
    *[
        Experiment(
            f"i7-basin-{role}",
            "i",
            "accountability: more games end in the low-corruption basin by quarter 40",
            role,
            "accountability",
            "citizen_campaign",
            "low_corruption",
            "higher",
            ablation=(("c2", 0.0),),
            ablation_text=I2_ABLATION,
            quarter=40,
        )
        for role in ("official", "organizer")
    ],
    Experiment(
        "i1-official",
        "i",
        "accountability: lower corruption",
        "official",
        "accountability",
        "citizen_campaign",
        "corruption",
        "lower",
        ablation=(("c2", 0.0),),
        ablation_text="c2 = 0: pressure and transparency no longer clean up",
    ),
    Experiment(
        "i1-organizer",
        "i",
        "accountability: lower corruption",
        "organizer",
        "accountability",
        "citizen_campaign",
        "corruption",
        "lower",
        ablation=(("c2", 0.0),),
        ablation_text="c2 = 0: pressure and transparency no longer clean up",
    ),
    Experiment(
        "i2-official",
        "i",
        "accountability: lower organized crime",
        "official",
        "accountability",
        "citizen_campaign",
        "rel_organized_crime",
        "lower",
        ablation=(("c2", 0.0),),
        ablation_text=I2_ABLATION,
    ),
    Experiment(
        "i2-organizer",
        "i",
        "accountability: lower organized crime",
        "organizer",
        "accountability",
        "citizen_campaign",
        "rel_organized_crime",
        "lower",
        ablation=(("c2", 0.0),),
        ablation_text=I2_ABLATION,
    ),
    Experiment(
        "i2-c2-only",
        "i",
        "the same, ablating c2 alone",
        "official",
        "accountability",
        "citizen_campaign",
        "rel_organized_crime",
        "lower",
        ablation=(("c2", 0.0),),
        ablation_text="c2 = 0 alone",
    ),
    Experiment(
        "i3-official",
        "i",
        "accountability: more OC reporting",
        "official",
        "accountability",
        "citizen_campaign",
        "oc_reporting",
        "higher",
    ),
    Experiment(
        "i3-organizer",
        "i",
        "accountability: more OC reporting",
        "organizer",
        "accountability",
        "citizen_campaign",
        "oc_reporting",
        "higher",
    ),
    Experiment(
        "i4-official",
        "i",
        "accountability: more trust in government",
        "official",
        "accountability",
        "citizen_campaign",
        "trust_in_government",
        "higher",
    ),
    Experiment(
        "i4-organizer",
        "i",
        "accountability: more trust in government",
        "organizer",
        "accountability",
        "citizen_campaign",
        "trust_in_government",
        "higher",
    ),
]

BY_ID = {e.id: e for e in EXPERIMENTS}

# Experiments that hold at 12 quarters (or are known misses there) and do not hold at the end of a 40-quarter game
# on the quick run's seeds (0-49; tests/fidelity/test_claims_40.py), with the figures (model versions 14 to 17) and what
# we think is missing. An experiment read inside the first quarters (Statistic.within_term) is judged at 12 only.
AT_40_MISSES: dict[str, str] = {
    "a1-official": A1_MISSING + " (at 40 quarters: +0.040, interval +0.012 to +0.068)",
    "a1-organizer": A1_MISSING + " (at 40 quarters: +0.037, interval +0.014 to +0.061)",
    "a2-official": "the campaign's hotline keeps reaching honest investigators: criminal control ends 6.6% lower "
    "(interval -9.4% to -3.8%), past the ±5% that 'roughly unchanged' allows",
    "a2-organizer": "criminal control ends 4.7% lower (interval -7.3% to -2.3%), its interval reaching past the ±5% "
    "that 'roughly unchanged' allows: the campaign's reports keep reaching honest investigators",
    "a3-official": "extortion ends 6.8% lower (interval -9.5% to -3.9%), with criminal control (a2-official)",
    "c2-delta1": "poor districts' victimisation +0.1% (interval -0.5% to +0.7%): the rich districts start gated, so "
    "little crime is left to move next door, at 40 quarters as at 12",
    "c1-delta0": "without displacement the gap is -0.0006 (interval -0.0017 to +0.0003): the guards' own "
    "protection of the rich districts is too small to see after the gates they already had",
    "e3": E3_MISSING,
    "g3-official": "under the cultural programmes corruption ends 8.1% higher (0.716 against 0.664): political "
    "pressure, which drives reform, is lower (0.130 against 0.163; g2), and the brief expects C unchanged",
    "g3-organizer": "under the cultural events corruption ends 6.5% higher (interval +5.6% to +7.5%): political "
    "pressure is lower (g2), so reform slows; the brief expects C unchanged",
    "g4-official": "criminal control ends 8.1% higher (interval +5.6% to +10.6%), following corruption (g3)",
    "g4-organizer": "criminal control ends 6.3% higher (interval +4.3% to +8.3%), following corruption (g3)",
    "i5-concentrated": "model version 16: by quarter 40 the worst district has tipped under both bots (control "
    "0.0084 against 0.0149; -0.0065, interval -0.0155 to +0.0007): concentrating gets there within the term (i5 and "
    "i6 at 12 quarters), spreading years later, and no further",
    "i6-tipped": "model version 16: by quarter 40 the worst district has tipped in every game under both bots (1.0 "
    "against 1.0); concentrating tips it within the term (i6 at 12 quarters), spreading after it",
}


# --- running ----------------------------------------------------------------------------------------------


def simulate(
    content: ContentSet,
    role: str,
    bot: str,
    seeds: list[int],
    turns: int | None = None,
    overrides: Overrides = (),
    level: str = LEVEL,
) -> Outcome:
    """One arm: the end-of-game metrics plus the extras the experiments need, one value per seed."""
    box: dict = {}
    totals = {"oc_reports_total": 0.0, "retaliations_total": 0.0}
    local: list[np.ndarray] = []  # OC reporting where the drives run, quarter by quarter

    def on_start(session) -> None:
        if "model" not in box:
            box["model"] = session.model
            local.append(_where_drives_run(session.model.state))

    def on_turn(turn: int) -> None:
        model = box["model"]
        t = model.last
        local.append(_where_drives_run(model.state))
        totals["oc_reports_total"] = totals["oc_reports_total"] + t.oc_report_count.sum(axis=-1)
        totals["retaliations_total"] = totals["retaliations_total"] + t.retaliations.sum(axis=-1)

    result = run_batch(
        content,
        level,
        role,
        bot,
        list(seeds),
        turns=turns,
        overrides=dict(overrides),
        on_start=on_start,
        on_turn=on_turn,
    )
    model = box["model"]
    out: Outcome = dict(result.metrics)
    out.update({k: np.asarray(v, dtype=float) for k, v in totals.items()})
    out.update(_extras(model))
    out.update(_path(result.trajectory))
    out.update(_path({"reporting_rate_organized": np.array(local)}, "local_"))
    return out


def _where_drives_run(s) -> np.ndarray:
    """OC reporting in the two districts where criminal control was highest at the start: the districts a
    reporting drive targets ("{contested}"), the same districts in every arm so that arms stay paired."""
    worst = np.argsort(-s.start["district.oc_control"][0], kind="stable")[:2]
    return s["district.report_oc"][:, worst].mean(axis=-1)


def _path(trajectory: dict[str, np.ndarray], prefix: str = "") -> Outcome:
    """Per-run figures of a game's course (rows are quarters 0..T): OC reporting's peak in quarters 1-5 and its low
    in quarters 5-8, each as a ratio to its start (anchors-mechanisms §10 T2, the chilling test)."""
    r = trajectory["reporting_rate_organized"]
    start = np.maximum(r[0], 1e-9)
    out = {f"{prefix}oc_reporting_peak": r[1:6].max(axis=0) / start}
    if r.shape[0] > 8:
        out[f"{prefix}oc_reporting_low"] = r[5:9].min(axis=0) / start
        out[f"{prefix}oc_reporting_q8"] = r[8] / start
    return out


def _mean_of(values: np.ndarray, columns: np.ndarray) -> np.ndarray:
    """Mean over the chosen districts, or NaN for a level that has none of them."""
    return values[:, columns].mean(axis=-1) if columns.any() else np.full(values.shape[0], np.nan)


def _extras(model) -> Outcome:
    s = model.state
    n = s.households.present.sum(axis=-1)
    kinds = np.array(s.district_kinds)
    start_oc = s.start["district.oc_control"][0]
    high, low = start_oc >= HIGH_OC, start_oc <= LOW_OC
    worst = int(np.argmax(start_oc))
    trust = s["district.social_trust"]
    victim = s["district.victimisation"]
    return {
        "extortion": city_mean(s["district.extortion"], n),
        "watch": city_mean(s["district.watch"], n),
        "hardened": city_mean(s["district.hardened"], n),
        "social_trust_high_oc": trust[:, high].mean(axis=-1) if high.any() else np.full(s.runs, np.nan),
        "social_trust_low_oc": trust[:, low].mean(axis=-1) if low.any() else np.full(s.runs, np.nan),
        "victimisation_poor": _mean_of(victim, kinds == "poor"),
        "victimisation_rich": _mean_of(victim, kinds == "rich"),
        "predation_rural": _mean_of(s["district.oc_control"] + s.inner["militia_predation"], kinds == "rural"),
        "official_share": s["city.official_crime"] / np.maximum(s["city.survey_crime"], 1e-9),
        "worst_control": s["district.oc_control"][:, worst],
        "worst_tipped": (s["district.oc_control"][:, worst] < 0.5 * start_oc[worst]).astype(float),
    }


def start_values(
    content: ContentSet, role: str, seeds: list[int], overrides: Overrides = (), level_id: str = LEVEL
) -> Outcome:
    """The metrics of the level's starting state (before the first quarter), as the status quo starts."""
    from game.sim.model import CityModel

    level = content.levels[level_id]
    rngs = [np.random.default_rng(np.random.SeedSequence(int(s)).spawn(3)[0]) for s in seeds]
    model = CityModel(content, level, role, rngs, overrides=dict(overrides))
    out = dict(metrics(model.state))
    out.update(_extras(model))
    return out


class Lab:
    """Runs arms once each and keeps them: experiments that share an arm share its runs."""

    def __init__(self, content: ContentSet, seeds: Iterable[int], turns: int | None = None, level: str = LEVEL):
        self.content = content
        self.seeds = list(seeds)
        self.turns = turns
        self.level = level
        self._arms: dict[tuple, Outcome] = {}

    def arm(self, role: str, bot: str, overrides: Overrides = ()) -> Outcome:
        key = (role, bot, tuple(sorted(overrides)))
        if key not in self._arms:
            self._arms[key] = simulate(self.content, role, bot, self.seeds, self.turns, key[2], self.level)
        return self._arms[key]

    def store(self, key: tuple, outcome: Outcome) -> None:
        """Keep an arm computed elsewhere (bench/fidelity.py runs arms in parallel processes)."""
        self._arms[key] = outcome

    @staticmethod
    def arm_keys(exp: Experiment, ablated: bool = False) -> list[tuple]:
        """The two arms an experiment compares, as (role, bot, overrides) keys."""
        overrides = dict(exp.setting)
        if ablated:
            overrides |= dict(exp.ablation)
        ov = tuple(sorted(overrides.items()))
        return [(exp.role, exp.bot, ov), (exp.versus_role or exp.role, exp.versus, ov)]

    def values(self, exp: Experiment, ablated: bool = False) -> np.ndarray:
        a, b = (self.arm(*key) for key in self.arm_keys(exp, ablated))
        return STATISTICS[exp.statistic].fn(a, b)

    def same_games(self, exp: Experiment) -> bool:
        """Whether the two arms played the very same games (every metric equal in every seed): the level offers
        none of the bot's measures (first_steps has no rich district to gate, no militia), so there is nothing
        to compare, rather than an effect of 0."""
        a, b = (self.arm(*key) for key in self.arm_keys(exp))
        return a.keys() == b.keys() and all(np.array_equal(a[k], b[k], equal_nan=True) for k in a)

    def measurable(self, exp: Experiment) -> bool:
        """Whether the experiment's metric exists on this level: one that reads districts of a kind or a starting
        control the level has none of (d2 reads districts with O <= 0.2 at the start) is NaN in every game, which
        says nothing about the claim, rather than that it fails."""
        return not bool(np.all(np.isnan(self.values(exp))))

    def judge(self, exp: Experiment, ablation: bool = True) -> Judgement:
        """The effect, and (when the experiment has one and `ablation`) the effect under its ablation."""
        full = self.values(exp)
        if not (ablation and exp.ablation):
            return Judgement(exp, Effect.of(full), None, None)
        ablated = self.values(exp, ablated=True)
        return Judgement(exp, Effect.of(full), Effect.of(ablated), Effect.of(full - ablated))


# --- judging ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Effect:
    mean: float
    lo: float
    hi: float
    n: int

    @classmethod
    def of(cls, values: np.ndarray, resamples: int = BOOTSTRAP, seed: int = 12345) -> Effect:
        """Mean and 95% percentile bootstrap interval (deterministic: a fixed generator)."""
        values = np.asarray(values, dtype=float)
        if values.size < 2 or np.all(values == values[0]):
            m = float(values.mean()) if values.size else 0.0
            return cls(m, m, m, int(values.size))
        rng = np.random.default_rng(seed)
        idx = rng.integers(0, values.size, (resamples, values.size))
        means = values[idx].mean(axis=1)
        lo, hi = np.percentile(means, [2.5, 97.5])
        return cls(float(values.mean()), float(lo), float(hi), int(values.size))

    def includes_zero(self) -> bool:
        return self.lo <= 0 <= self.hi


SIGN = {"lower": -1, "higher": 1}


@dataclass
class Judgement:
    exp: Experiment
    full: Effect
    ablated: Effect | None
    shrink: Effect | None  # per-seed full minus ablated effect

    @property
    def holds(self) -> bool:
        e, x = self.full, self.exp
        if x.expect == "lower":
            return e.hi < 0
        if x.expect == "higher":
            return e.lo > 0
        if x.expect == "unchanged":
            return -x.margin < e.lo and e.hi < x.margin
        if x.expect == "not lower":
            return e.lo > -x.margin
        raise ValueError(f"unknown expectation {x.expect!r}")

    @property
    def kept(self) -> float | None:
        """Share of the full effect left under the ablation (negative when it reverses)."""
        if self.ablated is None or self.full.mean == 0:
            return None
        return self.ablated.mean / self.full.mean

    @property
    def vanishes(self) -> bool | None:
        if self.ablated is None:
            return None
        x = self.exp
        if x.ablation_expect == "smaller":
            sign = SIGN.get(x.expect, 1)
            s = self.shrink
            return (s.lo > 0) if sign > 0 else (s.hi < 0)
        if x.expect == "unchanged":  # ablating makes the unchanged quantity move: "vanish" means it stops holding
            a = self.ablated
            return not (-x.margin < a.lo and a.hi < x.margin)
        return self.ablated.includes_zero() or (self.kept is not None and self.kept < KEEP)

    @property
    def verdict(self) -> str:
        x = self.exp
        if not self.holds:
            return "not reproduced" + (" (known)" if x.xfail else "")
        if self.ablated is None:
            return "reproduced"
        if self.vanishes:
            return (
                "reproduced; ablation removes it"
                if x.ablation_expect == "vanish" or x.expect == "unchanged"
                else "reproduced; ablation shrinks it"
            )
        return "reproduced; survives ablation" + (" (known)" if x.xfail_ablation else "")

    def describe(self) -> str:
        x = self.exp
        text = f"{x.id} ({x.arms}): {STATISTICS[x.statistic].text} expected {x.expect}; effect {fmt(self.full)}"
        if self.ablated is not None:
            text += (
                f"; ablated {fmt(self.ablated)}, kept {self.kept:.2f}"
                if self.kept is not None
                else f"; ablated {fmt(self.ablated)}"
            )
        return text


def fmt(e: Effect, digits: int = 4) -> str:
    scale = max(abs(e.mean), abs(e.lo), abs(e.hi))
    if scale and scale < 10 ** -(digits - 1):
        return f"{e.mean:+.2e} [{e.lo:+.2e}, {e.hi:+.2e}]"
    return f"{e.mean:+.{digits}f} [{e.lo:+.{digits}f}, {e.hi:+.{digits}f}]"


# --- calibration ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    name: str
    text: str
    value: str  # the empirical figure (anchors-model §2)
    lo: float
    hi: float
    source: str
    read: Callable[[Outcome], np.ndarray]
    xfail: str = ""  # the status quo misses this target: why


def _annual(o: Outcome) -> np.ndarray:
    """Households victimised in a year from the quarterly chance: 1 - (1 - v)^4."""
    return 1 - (1 - o["victimisation"]) ** 4


TARGETS: list[Target] = [
    Target(
        "cifra_negra",
        "cifra negra (share of crimes not reported)",
        "0.928 (2014); 0.924–0.937",
        0.90,
        0.95,
        "ENVIPE 2015–2023",
        lambda o: o["cifra_negra"],
    ),
    Target(
        "trust_in_government",
        "trust in municipal police G",
        "0.482",
        0.45,
        0.52,
        "ENVIPE 2018",
        lambda o: o["trust_in_government"],
    ),
    Target(
        "reporting_rate_organized",
        "reporting of organized crime (extortion) R_O",
        "0.029 (cifra negra 97.1%)",
        0.02,
        0.04,
        "ENVIPE 2019–2023",
        lambda o: o["reporting_rate_organized"],
    ),
    Target(
        "reporting_rate_petty",
        "reporting of petty crime R_P",
        "0.105",
        0.09,
        0.12,
        "ENVIPE 2015",
        lambda o: o["reporting_rate_petty"],
    ),
    Target("fear", "fear F (perceived insecurity)", "0.70–0.75", 0.68, 0.77, "ENVIPE 2016–2024", lambda o: o["fear"]),
    Target(
        "victimised_per_year",
        "households victimised in a year, 1 − (1 − v)^4 from the quarterly v",
        "0.275–0.356",
        0.275,
        0.36,
        "ENVIPE 2017, 2023",
        _annual,
    ),
    Target(
        "watch",
        "households in a neighbourhood watch A",
        "0.112",
        0.08,
        0.14,
        "ENVIPE 2025",
        lambda o: o["watch"],
    ),
    Target(
        "corruption",
        "police corruption C (perceived)",
        "0.647–0.691",
        0.63,
        0.72,
        "ENVIPE 2018, 2023",
        lambda o: o["corruption"],
    ),
]


def calibration(o: Outcome) -> list[tuple[Target, float, float, float, bool]]:
    """(target, mean, 5th percentile, 95th percentile, mean within band) for each target."""
    rows = []
    for t in TARGETS:
        v = np.asarray(t.read(o), dtype=float)
        m = float(v.mean())
        rows.append((t, m, float(np.percentile(v, 5)), float(np.percentile(v, 95)), t.lo <= m <= t.hi))
    return rows
