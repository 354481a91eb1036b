"""The follow-up graph: which event or measure schedules which event. The checks read it for cycles that never
end (E166, W206) and for events no level can reach (W200); batch runs and tools ask it what can fire in a level."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from game.content import schemas
from game.content.checker import Checker
from game.content.content_set import ContentSet
from game.content.diagnostic_text import msg
from game.content.pools import pool_events


@dataclass
class FollowUps:
    """Who schedules whom: event -> [(target, smallest delay, chance, from on_fire?)], measure -> targets."""

    edges: dict[str, list[tuple[str, int, float, bool]]]
    by_measures: dict[str, set[str]]


def follow_ups(content: ContentSet) -> FollowUps:
    def schedules(effects: list[schemas.Effect]) -> list[schemas.Schedule]:
        return [e.schedule for e in effects if e.schedule is not None]  # the lines whose verb is `schedule`

    edges: dict[str, list[tuple[str, int, float, bool]]] = {}
    for event_id, event in content.events.items():
        lines = [(x, True) for x in schedules(event.on_fire)]
        lines += [(x, False) for o in event.options for x in schedules(o.effects)]
        edges[event_id] = [(x.event, x.delay_range[0], x.chance, on_fire) for x, on_fire in lines]
    by_measures = {m_id: {x.event for x in schedules(m.effects)} for m_id, m in content.measures.items()}
    return FollowUps(edges, by_measures)


def reachable_events(content: ContentSet, level: schemas.Level, role: str) -> set[str]:
    """Events that can ever fire in this level for this role (from pools, measures and follow-ups)."""
    graph = follow_ups(content)
    return _reachable(content, level, role, graph.edges, graph.by_measures)


def _reachable(content: ContentSet, level: schemas.Level, role: str, edges: dict, by_measures: dict) -> set[str]:
    roots = {e for pool in level.pools for e in pool_events(content, pool, level.id)}
    setup = level.roles.get(role)
    assert setup is not None  # the caller passes only the roles the level sets up
    for measure_id in setup.measures:
        roots |= by_measures.get(measure_id, set())
    todo = [e for e in roots if e in content.events and role in content.events[e].roles]
    seen = set(todo)
    while todo:
        for target, *_ in edges.get(todo.pop(), []):
            if target not in seen and target in content.events and role in content.events[target].roles:
                seen.add(target)
                todo.append(target)
    return seen


def cycles(ck: Checker) -> None:
    """Zero-delay cycles are errors (they would fire without end within one turn); forced endless ones warn."""
    zero = {src: [t for t, lo, _, _ in edges if lo == 0] for src, edges in ck.edges.items()}
    for cycle in _cycles(zero):
        origin = ck.content.origins[("event", cycle[0])]
        ck.report(
            "E166",
            msg("graph.zero_delay_cycle", cycle=_chain([*cycle, cycle[0]])),
            origin.location(("id",)),
        )
    forced = {
        src: [t for t, lo, chance, on_fire in edges if lo > 0 and chance >= 1 and on_fire]
        for src, edges in ck.edges.items()
        if not ck.content.events[src].once
    }
    for cycle in _cycles(forced):
        if any(ck.content.events[e].once or ck.content.events[e].when for e in cycle):
            continue
        origin = ck.content.origins[("event", cycle[0])]
        ck.report(
            "W206",
            msg("graph.forced_cycle", cycle=_chain([*cycle, cycle[0]])),
            origin.location(("id",)),
        )


def _chain(ids: list[str]) -> str:
    """`a → b → a`: ids and arrows, the same in every language."""
    return " → ".join(ids)


def _cycles(graph: dict[str, list[str]]) -> list[list[str]]:
    """One representative cycle per strongly connected group (iterative DFS; content may be large)."""
    found: list[list[str]] = []
    groups: set[frozenset[str]] = set()  # the members of each cycle found, to skip its rotations at once
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    for start in sorted(graph):
        if state.get(start):
            continue
        stack: list[tuple[str, Iterator[str]]] = [(start, iter(graph.get(start, [])))]
        path = [start]
        state[start] = 1
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                stack.pop()
                path.pop()
                state[node] = 2
            elif state.get(child) == 1:
                cycle = path[path.index(child) :]
                if frozenset(cycle) not in groups:
                    groups.add(frozenset(cycle))
                    found.append(cycle)
            elif not state.get(child):
                state[child] = 1
                path.append(child)
                stack.append((child, iter(graph.get(child, []))))
    return found


def reachability(ck: Checker) -> None:
    content = ck.content
    if not content.levels:
        return  # without any level nothing is reachable; validating an events file alone is fine
    if content.broken or "level" in content.failed_kinds:
        return  # a broken entry may be the one that reaches an event: fix it first, then judge reachability
    # Reachable in some level for some role: from its pools and its measures for that role, then through
    # follow-ups; an event meant only for the other role is dropped when it falls due, so it does not count.
    reached: set[str] = set()
    for level in content.levels.values():
        for role in schemas.ROLES:
            if level.roles.get(role) is not None:
                reached |= _reachable(content, level, role, ck.edges, ck.scheduled_by_measures)
    unreached = [e for e in content.events if e not in reached]
    # Report each unreachable chain once, at its start: its follow-ups are unreachable because of it.
    targeted = {t for e in unreached for t, *_ in ck.edges.get(e, []) if t != e}
    covered: set[str] = set()
    for event_id in [e for e in unreached if e not in targeted] + unreached:  # roots first, then cycles
        if event_id in covered:
            continue
        chain = _followers(ck, event_id)
        covered |= chain
        rest = sorted(chain - {event_id})
        never = (
            msg("graph.unreachable_chain", event=event_id, rest=tuple(rest))
            if rest
            else msg("graph.unreachable", event=event_id)
        )
        origin = content.origins[("event", event_id)]
        ck.report("W200", never, origin.location(("id",)))


def _followers(ck: Checker, start: str) -> set[str]:
    seen, todo = {start}, [start]
    while todo:
        for target, *_ in ck.edges.get(todo.pop(), []):
            if target not in seen and target in ck.content.events:  # a missing target is E161 already
                seen.add(target)
                todo.append(target)
    return seen
