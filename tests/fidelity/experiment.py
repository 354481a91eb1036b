"""What a fidelity experiment is (`Experiment`), and the reasons and ablations several experiments share.

The experiments themselves, one per line of the brief's tests, are in tests/fidelity/claims_a_to_d.py and
claims_e_to_i.py, gathered in tests/fidelity/claims.py.
"""

from __future__ import annotations

from dataclasses import dataclass

from tests.fidelity.statistics import MARGIN, Overrides


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
    "the deputized groups are the more captured, within the term (model version 19, seeds 0-49: -0.095, interval "
    "-0.102 to -0.088) and since model version 17 at quarter 40 too (-0.018, -0.029 to -0.007): deputizing thins the "
    "checks the district's police can make on the group (oversight_load) and enrols its men wholesale, open to the "
    "criminals' offers however well it pays them (openness; both anchors-model D8). The paper blames the capture on "
    "groups that 'had to finance their own operations'; the brief's own sketch and its T4 (anchors-mechanisms §5) "
    "have a subsidy without vetting no better (0.61 captured against 0.49 at quarter 40). Asked of groups deputized "
    "alike, with and without pay, the claim needs a pair of bots that differ in the subsidy alone, which we do not "
    "have"
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
    "crime only through disorder; the organizer's watch campaign lifts the watch from about 2% to 8-11% of the "
    "households of the districts it targets, under 2% of their opportunity at e_a = 0.2, and their petty crime falls "
    "about 1% (border_city, 60 seeds, quarter 12). Model version 19, the quick run's 50 seeds, quarter 12: official "
    "+0.0104 (interval -0.0000 to +0.0215), organizer +0.0094 (-0.0017 to +0.0200); the brief's campaign for locks "
    "is not among the official's measures"
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
