"""Small pictograms for the city map, drawn with pygame's shapes (the project's own art, no image files).

Landmarks (a plaza, a market, a school, a factory, houses, a park, a clinic, fields, a water tank) show what kind
of place a district is; markers (an event pin, a measure's shield, a planned measure's dashed square) show what
happened and what acts there. Each is drawn in `ink` inside a square of side `s` centred on `c`.
"""

from __future__ import annotations

import zlib

import pygame

# What a district of each kind shows, most telling first; a district takes two or three, turned by its id.
LANDMARKS = {
    "rich": ("park", "houses", "school", "clinic"),
    "middle": ("market", "plaza", "school", "clinic"),
    "poor": ("houses", "school", "tank", "factory"),
    "rural": ("field", "tree", "tank", "field"),
}
OTHER = ("plaza", "houses", "school", "market")


def landmarks(district_id: str, kind: str, count: int) -> list[str]:
    """The `count` landmarks of a district: its kind's list, turned by a checksum of its id (the same every run)."""
    pool = LANDMARKS.get(kind, OTHER)
    turn = zlib.crc32(district_id.encode()) % len(pool)
    out = [pool[(turn + i) % len(pool)] for i in range(len(pool))]
    # the kind's first landmark always shows (a rural area always has its fields)
    out.remove(pool[0])
    return ([pool[0], *out])[:count]


def draw_landmark(surface: pygame.Surface, name: str, c: tuple[int, int], s: int, ink, paper) -> None:
    """A landmark on a round light badge, so it reads on any colour of the map."""
    x, y = c
    r = s // 2
    pygame.draw.circle(surface, paper, c, r + 2)
    pygame.draw.circle(surface, ink, c, r + 2, width=1)
    u = max(2, s // 8)  # one drawing unit
    w = max(1, s // 14)
    if name == "plaza":
        box = pygame.Rect(0, 0, 5 * u, 5 * u)
        box.center = c
        pygame.draw.rect(surface, ink, box, width=w)
        pygame.draw.circle(surface, ink, c, u)
        for dx, dy in ((-1, -1), (1, -1), (-1, 1), (1, 1)):
            pygame.draw.circle(surface, ink, (x + dx * 2 * u, y + dy * 2 * u), max(1, u // 2))
    elif name == "market":
        pygame.draw.rect(surface, ink, (x - 2 * u, y, 4 * u, 2 * u), width=w)
        pygame.draw.polygon(
            surface, ink, [(x - 3 * u, y), (x + 3 * u, y), (x + 2 * u, y - 2 * u), (x - 2 * u, y - 2 * u)]
        )
        for i in range(-2, 3, 2):
            pygame.draw.line(surface, paper, (x + i * u // 2 * 2 // 2, y - 2 * u), (x + i * u // 2 * 2 // 2, y), w)
    elif name == "school":
        pygame.draw.polygon(surface, ink, [(x - 3 * u, y), (x, y - 2 * u), (x + 3 * u, y)])
        pygame.draw.rect(surface, ink, (x - 2 * u, y, 4 * u, 2 * u + u // 2), width=w)
        pygame.draw.line(surface, ink, (x, y - 2 * u), (x, y - 4 * u + u // 2), w)
        pygame.draw.polygon(surface, ink, [(x, y - 4 * u + u // 2), (x + 2 * u, y - 3 * u), (x, y - 3 * u + u // 2)])
    elif name == "factory":
        base = y + 2 * u
        pts = [(x - 3 * u, base), (x - 3 * u, y), (x - u, y - u), (x - u, y), (x + u, y - u), (x + u, y)]
        pts += [(x + 2 * u, y), (x + 2 * u, y - 3 * u), (x + 3 * u, y - 3 * u), (x + 3 * u, base)]
        pygame.draw.polygon(surface, ink, pts)
    elif name == "houses":
        for dx in (-u - u // 2, u + u // 2):
            pygame.draw.polygon(
                surface, ink, [(x + dx - 3 * u // 2, y), (x + dx, y - 3 * u // 2), (x + dx + 3 * u // 2, y)]
            )
            pygame.draw.rect(surface, ink, (x + dx - u, y, 2 * u, 2 * u))
    elif name in ("park", "tree"):
        pygame.draw.rect(surface, ink, (x - w, y, 2 * w + 1, 3 * u))
        pygame.draw.circle(surface, ink, (x, y - u // 2), 2 * u)
        if name == "park":
            pygame.draw.line(surface, ink, (x - 3 * u, y + 2 * u), (x + 3 * u, y + 2 * u), w)
    elif name == "clinic":
        pygame.draw.rect(surface, ink, (x - 3 * u // 2 * 2 // 2 - u, y - 2 * u, 4 * u, 4 * u), width=w)
        pygame.draw.rect(surface, ink, (x - u // 2 - 1, y - 3 * u // 2, u + 2, 3 * u))
        pygame.draw.rect(surface, ink, (x - 3 * u // 2, y - u // 2 - 1, 3 * u, u + 2))
    elif name == "field":
        for i in range(-2, 3):
            pygame.draw.line(
                surface, ink, (x - 3 * u + abs(i) * u // 2, y + i * u), (x + 3 * u - abs(i) * u // 2, y + i * u), w + 1
            )
    elif name == "tank":
        pygame.draw.ellipse(surface, ink, (x - 2 * u, y - 3 * u, 4 * u, 3 * u))
        for dx in (-u - u // 2, u + u // 2):
            pygame.draw.line(surface, ink, (x + dx, y - u), (x + dx, y + 2 * u + u // 2), w + 1)


def draw_marker(surface: pygame.Surface, kind: str, c: tuple[int, int], s: int, ink, paper) -> None:
    """An event pin (a circle with !), a measure at work (a shield) or a planned one (a dashed square with +)."""
    x, y = c
    r = s // 2
    w = max(1, s // 10)
    if kind == "event":
        pygame.draw.circle(surface, ink, c, r)
        pygame.draw.rect(surface, paper, (x - w, y - r * 6 // 10, 2 * w + 1, r))
        pygame.draw.circle(surface, paper, (x, y + r * 6 // 10), max(1, w))
    elif kind == "measure":
        pts = [(x - r, y - r), (x + r, y - r), (x + r, y), (x, y + r), (x - r, y)]
        pygame.draw.polygon(surface, ink, pts)
        pygame.draw.line(surface, paper, (x, y - r + 2 * w), (x, y + r - 3 * w), w + 1)
    else:
        box = pygame.Rect(x - r, y - r, 2 * r, 2 * r)
        pygame.draw.rect(surface, paper, box)
        step = max(3, r // 2)
        for i in range(0, 2 * r, step * 2):  # dashed edges
            seg = min(step, 2 * r - i)
            pygame.draw.line(surface, ink, (box.x + i, box.y), (box.x + i + seg, box.y), w)
            pygame.draw.line(surface, ink, (box.x + i, box.bottom - 1), (box.x + i + seg, box.bottom - 1), w)
            pygame.draw.line(surface, ink, (box.x, box.y + i), (box.x, box.y + i + seg), w)
            pygame.draw.line(surface, ink, (box.right - 1, box.y + i), (box.right - 1, box.y + i + seg), w)
        pygame.draw.line(surface, ink, (x - r // 2, y), (x + r // 2, y), w + 1)
        pygame.draw.line(surface, ink, (x, y - r // 2), (x, y + r // 2), w + 1)
