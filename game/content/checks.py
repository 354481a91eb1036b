"""Checks that need more than one file: names, ids, ranges, conditions, placeholders, reachability, cycles.

Each check reports its root cause once: a reference to an entry that exists but failed validation is not
reported again, and when the state declarations themselves are broken, no name is judged against them.
Conditions are compiled once (check_conditions) and stored on the ContentSet for the event engine.

`run_checks` runs the parts below in a fixed order, which is the order of the diagnostics it returns:
- checker: the Checker every part reports to, and the checks of effect lines;
- check_conditions, check_texts: `when:` lists and en/es texts, wherever they appear;
- check_events, check_measures, check_levels: each kind of entry against the others;
- follow_up_graph: zero-delay cycles and events that no level can reach;
- author_checks: the traps authors fall into (issue 13).
"""

from __future__ import annotations

from game.content import author_checks, check_events, check_levels, check_measures, check_texts, follow_up_graph
from game.content.check_conditions import namespace as namespace  # re-exported: the refusal tests build scopes
from game.content.checker import Checker
from game.content.content_set import ContentSet
from game.content.diagnostic_text import msg
from game.content.diagnostics import Diagnostic
from game.content.follow_up_graph import reachable_events as reachable_events  # re-exported for runs and tools
from game.content.schema_errors import did_you_mean


def run_checks(content: ContentSet) -> list[Diagnostic]:
    ck = Checker(content)
    # When the state declarations are broken, names are not judged against them (one root cause, one report).
    ck.state_ok = "state" not in content.failed_kinds and any(content.state.values())
    graph = follow_up_graph.follow_ups(content)
    ck.edges, ck.scheduled_by_measures = graph.edges, graph.by_measures
    if ck.state_ok:
        author_checks.state_inputs(ck)
    check_events.events(ck)
    check_measures.measures(ck)
    check_levels.levels(ck)
    author_checks.level_keeping(ck)
    author_checks.papers(ck)
    check_texts.strings(ck)
    follow_up_graph.cycles(ck)
    follow_up_graph.reachability(ck)
    # A broken event or measure may be the one that sets a flag: judge flags only when all entries loaded.
    if ck.state_ok and not any(kind in ("event", "measure") for kind, _ in content.broken):
        for name, places in sorted(ck.flags_read.items()):
            if name not in ck.flags_set:
                d = Diagnostic(
                    "W202",
                    msg("check.flag_never_set", name=name),
                    places[0](),
                    did_you_mean(name, ck.names("flag")) or "",
                    tuple(place() for place in places[1:]),
                )
                ck.out.append(d)
    return ck.finished()
