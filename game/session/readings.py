"""What a finished quarter says, as data the screens only draw.

Which values the turn report explains comes from the declarations (`reported: true` in content/state.yaml, the
city's and the districts' values; a player's resources are shown, not explained). The causes of each change are the
terms the model's ledger recorded this quarter — mechanisms, measures and events alike — the largest few by name
and the rest together as `term.other`, so that the causes of a change always add up to the change.
"""

from __future__ import annotations

from collections.abc import Sequence

from game.content.content_set import ContentSet
from game.session import meaning
from game.sim.ledger import Ledger

OTHER = "term.other"  # the smaller terms of a change, together

Causes = dict[tuple[str, int | None], list[tuple[str, float]]]  # (value name, district index) -> (cause, amount)


def explained(content: ContentSet) -> tuple[str, ...]:
    """The values whose causes the report explains: the declared reported ones, districts' first, in the order
    content/state.yaml declares them."""
    names = [n for n in meaning.reported(content) if not n.startswith("player.")]
    return tuple(sorted(names, key=lambda n: not n.startswith("district.")))  # a stable sort keeps the order


def causes(
    ledger: Ledger, names: Sequence[str], run: int, districts: int, top: int = 4, threshold: float = 1e-4
) -> Causes:
    """Each explained value's causes this quarter, largest first, at most `top` by name plus the rest together."""
    out: Causes = {}
    for name in names:
        local = name.startswith("district.")
        everywhere = ledger.causes_everywhere(name, run, districts if local else None)
        for d, terms in zip(range(districts) if local else [None], everywhere, strict=True):
            if not terms:
                continue
            shown = [(key, amount) for key, amount in terms[:top] if abs(amount) >= threshold]
            rest = sum(amount for _, amount in terms) - sum(amount for _, amount in shown)
            if rest != 0.0 and abs(rest) >= threshold:
                shown.append((OTHER, rest))
            if shown:
                out[(name, d)] = shown
    return out
