"""The two roles a level can offer, defined once: everything that lists, checks or offers roles reads this.

Their names as players read them are strings in content/ui (`role.official`, `role.organizer`), not here.
"""

from __future__ import annotations

from typing import Literal

Role = Literal["official", "organizer"]
ROLES: tuple[Role, ...] = ("official", "organizer")
