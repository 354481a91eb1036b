"""The dynamics of Payan (2015) that events are written about, and which dynamic an event belongs to.

An event's *first* tag names its dynamic (its other tags say what else it touches). The balance table and the
content counts group events this way; `plaza validate` warns (W208) when a tagged event's first tag is not one of them.
"""

from __future__ import annotations

# In the order the content issue lists them.
DYNAMICS = (
    "retaliation",
    "infiltration",
    "exclusion",
    "distrust",
    "militia",
    "fear",
    "programmes",
    "costs",
    "pressure",
)

# Tags that stand for a dynamic besides its own name.
ALIASES = {
    "displacement": "exclusion",
    "gated": "exclusion",
    "watch": "distrust",
    "statistics": "fear",
    "budget": "costs",
    "accountability": "pressure",
    "extortion": "costs",
}

NAMES = {
    "retaliation": "retaliation against informers",
    "infiltration": "police infiltration and betrayal",
    "exclusion": "exclusion, gated streets and displacement",
    "distrust": "distrust among neighbors",
    "militia": "militia emergence, deputization and capture",
    "fear": "fear versus crime and hidden statistics",
    "programmes": "culture and public-space programmes as a red herring",
    "costs": "costs to households and the public budget",
    "pressure": "political pressure and accountability",
}


def dynamic_of_tag(tag: str) -> str | None:
    if tag in DYNAMICS:
        return tag
    return ALIASES.get(tag)


def dynamic_of(event: object) -> str | None:
    """The dynamic an event belongs to: that of its first tag (None when it has no tag or an unknown one)."""
    tags = list(getattr(event, "tags", None) or ())
    return dynamic_of_tag(tags[0]) if tags else None
