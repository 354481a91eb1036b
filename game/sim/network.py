"""Who hears whom: each household's neighbours, a small-world network inside its district with a few ties to
households in bordering districts (Watts & Strogatz 1998; anchors-mechanisms §2).

News of a retaliation, fear and the willingness to report travel along these ties. The network is a rectangular
array `nbr` of shape (N, k): row n lists the k households household n hears from, by flat index d * H + h. One
network is shared by every game of a batch (it is part of the level's city, drawn from a generator seeded by the
model's `network_seed`), so a game plays the same alone or in a batch.
"""

from __future__ import annotations

import numpy as np


def build(
    borders: np.ndarray, counts: np.ndarray, slots: int, k: int, rewire: float, cross: float, rng: np.random.Generator
) -> np.ndarray:
    """A ring lattice of k neighbours per household inside each district; each tie is rewired with chance
    `rewire` to a random household of the same district, or with chance `cross` to one of a bordering district.
    `borders` is a (D, D) boolean matrix; district d has `counts[d]` households, in its first slots of `slots`
    (the level's largest district). No tie reaches a slot beyond a district's count; those slots hear from the
    district's households (nobody lives there, and nobody hears from them). Returns int32 (D * slots, k)."""
    d, h = borders.shape[0], slots
    counts = np.asarray(counts, dtype=np.int64)
    k = max(2, min(k, int(counts.min()) - 1) // 2 * 2)
    offsets = np.concatenate([np.arange(1, k // 2 + 1), -np.arange(1, k // 2 + 1)])
    # (D, H, k) ring inside each district, of the district's own size
    local = (np.arange(h)[None, :, None] + offsets[None, None, :]) % counts[:, None, None]
    nbr = (np.arange(d)[:, None, None] * h + local).reshape(d * h, k)
    home = np.repeat(np.arange(d), h)
    roll = rng.random((d * h, k))
    inside = roll < rewire
    towns = home[np.nonzero(inside)[0]]  # the district of each tie rewired inside it
    nbr[inside] = towns * h + rng.integers(0, counts[towns])
    outside = (roll >= rewire) & (roll < rewire + cross)
    rows = np.nonzero(outside)[0]
    for i, n in zip(rows, np.nonzero(outside)[1], strict=True):
        choices = np.flatnonzero(borders[home[i]])
        if choices.size:
            there = rng.choice(choices)
            nbr[i, n] = there * h + rng.integers(0, counts[there])
    return nbr.astype(np.int32)


def border_matrix(district_borders: list[list[str]], ids: list[str]) -> np.ndarray:
    """Symmetric (D, D) booleans from each district's declared `borders` (one side is enough)."""
    index = {x: i for i, x in enumerate(ids)}
    m = np.zeros((len(ids), len(ids)), dtype=bool)
    for i, names in enumerate(district_borders):
        for name in names:
            j = index.get(name)
            if j is not None and j != i:
                m[i, j] = m[j, i] = True
    return m


def gather_counts(flags: np.ndarray, nbr: np.ndarray) -> np.ndarray:
    """For every household, the sum over the households it hears from of `flags`, booleans or int8 whole numbers
    (R, D, H): int16 (R, D, H), exact (k ties of at most 127 each cannot overflow)."""
    r, d, h = flags.shape
    small = flags.reshape(r, d * h)
    if small.dtype == np.bool_:
        small = small.view(np.int8)
    # A byte per household instead of eight, households first and runs last: each gather copies whole contiguous
    # rows (one per household) that stay in the processor's cache.
    ties = np.ascontiguousarray(small.T)
    counts = ties[nbr[:, 0]].astype(np.int16)
    for j in range(1, nbr.shape[1]):
        counts += ties[nbr[:, j]]
    # Transposed back as int16 (a quarter of float64's bytes); callers widen it if they need floats.
    return np.ascontiguousarray(counts.T).reshape(r, d, h)


def word_of_mouth(events: np.ndarray, nbr: np.ndarray, present: np.ndarray, second_hand: float) -> np.ndarray:
    """How much each household hears of `events` (R, D, H booleans): first-hand from its own ties, and with weight
    `second_hand` from ties who heard first-hand (news of a reprisal, of a lookout found out). `present` is the
    households' presence as booleans; only those present hear."""
    first = gather_counts(events, nbr)
    first *= present
    second = gather_counts(first > 0, nbr)
    second *= present
    # The counts are whole numbers, so widening them to float64 gives the same values summing floats would.
    heard = first.astype(np.float64)
    heard += second_hand * second
    return heard
