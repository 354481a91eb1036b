"""The model's state: declared values as numpy arrays with a leading run axis, household agents and their network.

`values["district.fear"]` has shape (R, D); `values["city.corruption"]` and `values["player.budget"]` have shape
(R,). Households are arrays of shape (R, D, H). Running R games side by side costs little more than one,
which is how `plaza simulate` plays a thousand games in seconds.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from statistics import NormalDist
from types import MappingProxyType

import numpy as np

from game.content.loader import ContentSet
from game.content.schemas import Level
from game.sim import network
from game.sim.randomness import RunRandom


class Params:
    """Model parameters by name (`p.e_h`), from content/model.yaml, then the level's, then explicit overrides."""

    def __init__(self, content: ContentSet, level: Level | None = None, overrides: dict[str, float] | None = None):
        values = {name: p.value for name, p in content.parameters.items()}
        if level is not None:
            values |= dict(level.parameters)
        unknown = set(overrides or {}) - set(values)
        if unknown:
            raise KeyError(f"unknown model parameters: {', '.join(sorted(unknown))}")
        values |= dict(overrides or {})
        self._values = MappingProxyType(values)

    def __getattr__(self, name: str) -> float:
        try:
            return self._values[name]
        except KeyError:
            raise AttributeError(f"no model parameter {name!r} (declare it in content/model.yaml)") from None


@dataclass
class Households:
    """Household agents of every district, shape (R, D, H). Booleans are stored as 0/1 floats."""

    wealth: np.ndarray
    risk: np.ndarray  # risk aversion, U(0, 1)
    watch_tau: np.ndarray  # share of watching neighbours needed before joining
    protest_tau: np.ndarray  # share of mobilised households needed before joining
    lock: np.ndarray  # hardened home
    watch: np.ndarray  # takes part in the watch
    protest: np.ndarray  # mobilised: petitions, marches
    att: np.ndarray  # responsibility placed on the state (1) rather than oneself (0)
    gated: np.ndarray  # lives on a gated street with guards
    present: np.ndarray  # still living in the district (1) or gone (0)
    theta: np.ndarray  # personal threshold for reporting: what it takes before this household reports
    rho: np.ndarray  # believed risk of reprisal for reporting organized crime, 0..1
    fear: np.ndarray  # feels insecure (1) or not (0)
    willing: np.ndarray  # would report organized crime if it met it (1) or keeps quiet (0)
    pending: np.ndarray  # its report leaked: the group will retaliate next quarter (1)
    lookout: np.ndarray  # a watcher the group has recruited to report on the watch (a halcón), not yet found out
    militia: np.ndarray  # belongs to the district's self-defense group (militia_members)
    inside: np.ndarray  # a member who works for the criminals: infiltrated or bought
    # how far it still believes a reporting campaign's promise that a report leads somewhere, 0..1 (1 until it learns
    # otherwise from the reports it knows of: reporting.learn_what_reports_achieve)
    promise: np.ndarray
    # (the `present` array it was counted from, its count, it as booleans): see present_count
    _count: tuple = field(default=(None, None, None), init=False, repr=False, compare=False)

    def present_count(self) -> np.ndarray:
        """Households still living in each district, at least 1: (R, D). Counted again when `present` is replaced
        (households.update), or after `moved()` says it was changed in place (an event moved families)."""
        return self._counted()[1]

    def present_mask(self) -> np.ndarray:
        """`present` as booleans (R, D, H), kept as long as present_count's count."""
        return self._counted()[2]

    def moved(self, run: int | None = None, district: int | None = None) -> None:
        """`present` was changed in place: count it again when next asked; only one district of one run when they
        are named (an event moved its families), so the rest of a thousand games' count is kept."""
        present, n, mask = self._count
        if run is None or district is None or present is not self.present:
            self._count = (None, None, None)
            return
        row = self.present[run, district]
        n[run, district] = max(row.sum(), 1.0)
        mask[run, district] = row > 0

    def _counted(self) -> tuple:
        if self._count[0] is not self.present:
            n = np.maximum(self.present.sum(axis=-1), 1.0)
            self._count = (self.present, n, self.present > 0)
        return self._count


@dataclass
class State:
    values: dict[str, np.ndarray]
    households: Households
    bounds: dict[str, tuple[float, float]]
    types: dict[str, str]
    district_ids: list[str]
    district_kinds: list[str]
    runs: int
    nbr: np.ndarray  # (D * H, k) who each household hears from (game.sim.network)
    borders: np.ndarray  # (D, D) which districts border which
    homes: np.ndarray  # (D, H) booleans: the slot is one of the district's households (the level's count of them)
    # the level's starting values: the standing policy levers fade to, the criminals' hold recruits come from
    start: dict[str, np.ndarray] = field(default_factory=dict)
    inner: dict[str, np.ndarray] = field(default_factory=dict)  # undeclared stocks (a militia's money, turf…)

    def __getitem__(self, name: str) -> np.ndarray:
        return self.values[name]

    def take(self, rows: np.ndarray) -> State:
        """A state of len(rows) runs, run i a copy of this state's run rows[i] (the network and bounds shared)."""
        pick = lambda arrays: {k: v[rows] for k, v in arrays.items()}  # noqa: E731 - three dicts alike
        hh = self.households
        households = Households(**{f.name: getattr(hh, f.name)[rows] for f in fields(hh) if f.init})
        return replace(
            self,
            values=pick(self.values),
            households=households,
            runs=len(rows),
            start=pick(self.start),
            inner=pick(self.inner),
        )


def initial_state(
    content: ContentSet, level: Level, role: str, households: int | None, rng: RunRandom, p: Params
) -> State:
    """Declared defaults, then the level's starting values; households drawn around each district's values."""
    d = len(level.districts)
    runs = len(rng)
    values: dict[str, np.ndarray] = {}
    bounds: dict[str, tuple[float, float]] = {}
    types: dict[str, str] = {}
    setup = level.roles.get(role)
    for scope, decls in content.state.items():
        for name, decl in decls.items():
            key = f"{scope}.{name}"
            types[key] = decl.type
            if decl.type == "bool":
                bounds[key] = (0.0, 1.0)
            else:
                assert decl.min is not None and decl.max is not None, key  # the content checks require both
                bounds[key] = (float(decl.min), float(decl.max))
            default = float(decl.default)
            if scope == "district":
                column = [float(dist.start(name, default)) for dist in level.districts]
                values[key] = np.tile(np.array(column), (runs, 1))
            else:
                start = (
                    level.city.start(name, default)
                    if scope == "city"
                    else (setup.resources.get(name, default) if setup else default)
                )
                values[key] = np.full(runs, float(start))
    values["district.informer_protection"] = informer_protection(values)
    counts = household_counts([dist.households for dist in level.districts], households)
    n = int(counts.max())
    homes = np.arange(n)[None, :] < counts[:, None]
    ids = [x.id for x in level.districts]
    borders = network.border_matrix([list(getattr(x, "borders", []) or []) for x in level.districts], ids)
    nbr = network.build(
        borders,
        counts,
        n,
        int(p.network_k),
        p.network_rewire,
        p.network_cross,
        np.random.default_rng(int(p.network_seed)),
    )
    hh = _households(values, runs, counts, homes, rng, p, nbr)
    inner = {
        "earning_capacity": hh.wealth.copy(),
        "militia_volunteers": np.full((runs, d), p.volunteer_start),
        "militia_turf": np.zeros((runs, d)),
        "militia_members": np.zeros((runs, d)),  # the group's shares when it last acted (militia_members)
        "militia_captured": np.zeros((runs, d)),
        "militia_predation": np.zeros((runs, d)),
        "tax_rate": values["city.budget"] / np.maximum((hh.wealth * hh.present).reshape(runs, -1).sum(-1), 1e-9),
        # (R, D) households living in each district at the start: the level's count less the families gone
        "households_at_start": hh.present.sum(axis=-1),
    }
    return State(
        values,
        hh,
        bounds,
        types,
        ids,
        [x.kind for x in level.districts],
        runs,
        nbr,
        borders,
        homes,
        {k: v.copy() for k, v in values.items()},
        inner,
    )


def household_counts(declared: list[int], households: int | None) -> np.ndarray:
    """How many households each district simulates: the level's counts, or, with `households` given (a smaller
    city for tests and quick runs), the counts scaled so the largest district has that many (at least 4 each)."""
    counts = np.array(declared, dtype=np.int64)
    if households:
        counts = np.maximum(np.rint(counts * (households / counts.max())).astype(np.int64), 4)
    return counts


def _households(
    values: dict[str, np.ndarray],
    runs: int,
    counts: np.ndarray,
    homes: np.ndarray,
    rng: RunRandom,
    p: Params,
    nbr: np.ndarray,
) -> Households:
    d, n = homes.shape
    shape = (runs, d, n)
    mean_w = values["district.wealth"][:, :, None]
    # Each district's households are a stratified sample: the quantiles of each trait's distribution, as many as the
    # district has households, dealt out in random order, so a district's sample has the distribution the level
    # declares (its mean wealth, its share of thresholds below any value) and games differ by what people do, not by
    # a lucky draw of who lives there. Slots beyond a district's count hold nobody (never present).
    quantiles = {c: _normal_quantiles(c) for c in set(counts.tolist())}  # once per district size
    z = _per_district(counts, n, quantiles.__getitem__)
    u = _per_district(counts, n, lambda c: (np.arange(c) + 0.5) / c)
    sigma = p.wealth_sigma  # lognormal wealth, sigma chosen for a Gini near the city's inequality
    shape_w = _per_district(counts, n, lambda c: _unit_mean(np.exp(sigma * quantiles[c])))
    wealth = mean_w * rng.dealt(shape_w, counts)
    risk = rng.dealt(u, counts)
    watch_tau = np.clip(p.watch_tau_mean + p.threshold_sd * rng.dealt(z, counts), 0, 1)
    protest_tau = np.clip(p.protest_tau_mean + p.protest_sd * rng.dealt(z, counts), 0, 1)
    theta = p.report_sd * rng.dealt(z, counts)
    # The families the level says have already left (`displaced`) are gone from the start: those who could
    # afford to move (above the poverty line, as households.update lets leave), at random.
    can_leave = homes & (wealth > p.poor_line)
    order = ranks(np.where(can_leave, rng.dealt(u, counts), np.inf))
    gone = can_leave & (order < np.rint(values["district.displaced"] * counts)[:, :, None])
    here = homes & ~gone
    living = here.sum(axis=-1, keepdims=True)
    present = here.astype(float)
    # The level's wealth is that of the district as the game finds it: those still living there.
    wealth *= mean_w / np.maximum((wealth * present).sum(axis=-1, keepdims=True) / living, 1e-12)
    # Starting shares, of those still living there: the richest households are the hardened ones; watchers, the
    # mobilised and the fearful at random, in the shares the level gives.
    top = np.maximum(living - 1, 1)
    rank = ranks(np.where(here, wealth, np.inf)) / top
    lock = (here & (rank >= 1 - values["district.hardened"][:, :, None])).astype(float)
    gated = (here & (rank >= 1 - values["district.gated"][:, :, None])).astype(float)
    # Those already watching are the ones who needed fewest watching neighbours to join (Granovetter).
    tau_rank = ranks(np.where(here, watch_tau, np.inf)) / top
    watch = (here & (tau_rank < values["district.watch"][:, :, None])).astype(float)
    protest = (_spread(rng.dealt(u, counts), here, living) < values["city.pressure"][:, None, None]).astype(float)
    fear = (_spread(rng.dealt(u, counts), here, living) < values["district.fear"][:, :, None]).astype(float)
    att = np.clip(values["city.attribution"][:, None, None] + 0.1 * rng.dealt(z, counts), 0, 1)
    hh = Households(
        wealth,
        risk,
        watch_tau,
        protest_tau,
        lock,
        watch,
        protest,
        att,
        gated,
        present,
        theta,
        np.zeros(shape),
        fear,
        np.zeros(shape),
        np.zeros(shape),
        np.zeros(shape),
        np.zeros(shape),  # self-defense members, seated by militia.warm_start
        np.zeros(shape),
        np.ones(shape),
    )
    # Beliefs, willingness and last quarter's leaks start where the households' own rules put them in the starting
    # city: the reprisals they would have heard of at its rate of reporting, and the general threat.
    leak = leak_probability(values, p)
    o = values["district.oc_control"]
    reach = 0.5 * o + 0.5 * o.mean(axis=-1, keepdims=True)
    general = p.psi * reach * leak
    meet = np.clip(p.a_oc * o + p.witness * o, 0, 1)
    k = nbr.shape[1]
    # who hears of one retaliation, weighted: along the ties, and the district's talk (talk_per_retaliation, below)
    audience = k * (1 + p.second_hand * k) + talk_per_retaliation(homes, p) * living[..., 0]
    hh.rho = np.broadcast_to(1 - np.exp(-general), (runs, d))[..., None] * np.ones(shape)
    punished = np.zeros((runs, d))
    for _ in range(12):
        hh.willing = (would_report(values, hh, p, nbr) & here).astype(float)
        willing = hh.willing.sum(axis=-1) / living[..., 0]  # the share of those living there
        punished = meet * willing * p.w_max * leak * np.clip(p.k_retaliation * o, 0, 1)
        heard = audience * punished
        hh.rho = np.broadcast_to(1 - np.exp(-(p.s_heard * heard + general)), (runs, d))[..., None] * np.ones(shape)
    hh.pending = (here & (rng.uniform((d, n)) < punished[..., None])).astype(float)
    return hh


def informer_protection(values: dict[str, np.ndarray]) -> np.ndarray:
    """The protection a district's informers get: the city's program, which reaches every district alike, plus a
    protection office's caseworkers where one works (`district.protection`), at most 1. (R, D)."""
    return np.clip(values["city.protection"][:, None] + values["district.protection"], 0, 1)


def talk_per_retaliation(homes: np.ndarray, p: Params) -> np.ndarray:
    """What each household of a district hears of one retaliation there from the district's talk (gossip, the local
    press; reporting.hear): `news_reach` per unit of the share of the district's households it struck, the level's
    declared count of them (`homes`, (D, H)). (D,)"""
    return p.news_reach / homes.sum(axis=-1)


def leak_probability(values: dict[str, np.ndarray], p: Params) -> np.ndarray:
    """Chance, per district, that an informer's identity reaches the criminal group: lambda0 + lambda1 C (1 - Q),
    Q being `district.informer_protection` (see informer_protection). (R, D)."""
    q = values["district.informer_protection"]
    return np.clip(p.lambda0 + p.lambda1 * values["city.corruption"][:, None] * (1 - q), 0, 1)


def _normal_quantiles(n: int) -> np.ndarray:
    """The n midpoint quantiles of the standard normal, (i + 0.5) / n for i = 0 .. n - 1."""
    dist = NormalDist()
    return np.array([dist.inv_cdf((i + 0.5) / n) for i in range(n)])


def _per_district(counts: np.ndarray, slots: int, values) -> np.ndarray:
    """(D, slots): row d holds `values(counts[d])` in its first counts[d] places and zeros after."""
    rows = np.zeros((len(counts), slots))
    for i, c in enumerate(counts):
        rows[i, :c] = values(int(c))
    return rows


def _spread(keys: np.ndarray, here: np.ndarray, living: np.ndarray) -> np.ndarray:
    """Each present household's place among its district's present households by `keys`, as the midpoint
    quantile (i + 0.5) / n: a share f of them falls below f to within one household."""
    return (ranks(np.where(here, keys, np.inf)) + 0.5) / living


def _unit_mean(x: np.ndarray) -> np.ndarray:
    return x / x.mean()


def ranks(x: np.ndarray) -> np.ndarray:
    """Each value's place in its row, from 0: np.argsort(np.argsort(x)), with the second sort made a scatter. Equal
    values keep their order (a stable sort): thresholds clipped at 0 tie, and numpy's default sort breaks ties one way
    on processors with AVX-512 and another way without, so the same seed would start a different city."""
    order = np.argsort(x, axis=-1, kind="stable")
    places = np.empty_like(order)
    np.put_along_axis(places, order, np.broadcast_to(np.arange(x.shape[-1]), x.shape), axis=-1)
    return places


def campaign_pull(values: dict[str, np.ndarray], hh: Households, p: Params) -> np.ndarray:
    """What a reporting campaign adds to a household's willingness to report (organized or petty crime): b_camp times
    the campaign, as far as the household still believes its promise that a report leads somewhere. (R, D, H)"""
    return p.b_camp * values["district.report_campaign"][..., None] * hh.promise


def would_report(values: dict[str, np.ndarray], hh: Households, p: Params, nbr: np.ndarray) -> np.ndarray:
    """Who would report organized crime (booleans): trust in the police, minus the reprisal they fear (weighed by
    their own risk aversion), plus what their neighbours would do, plus any campaign, above their own threshold."""
    return report_pull(values, hh, p, nbr, parts=False)[0] > hh.theta


def report_pull(
    values: dict[str, np.ndarray], hh: Households, p: Params, nbr: np.ndarray, parts: bool = True
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """What pulls each household toward reporting organized crime, u (would_report: u above its threshold), with two
    of its parts apart for the explanation: the reprisal it fears (subtracted) and the campaign's pull (added). Without
    `parts` the reprisal's array is spent on u (one array fewer), and the parts returned are not to be read."""
    # What the neighbours would do: the share of one's ties willing (and still here).
    seen = network.gather_counts((hh.willing != 0) & hh.present_mask(), nbr) / nbr.shape[1]
    # u = b_g G - b_rho (0.5 + risk) rho + b_s seen + b_camp campaign promise - c0, in that order, in as few arrays
    reprisal = 0.5 + hh.risk
    reprisal *= p.b_rho
    reprisal *= hh.rho
    u = np.subtract(p.b_g * values["district.gov_trust"][..., None], reprisal, out=None if parts else reprisal)
    seen *= p.b_s
    u += seen
    pull = campaign_pull(values, hh, p)
    u += pull
    u -= p.c0
    return u, reprisal, pull
