"""Data flows one way (issue 14; docs/architecture.md): a module under game/ imports only its own layer and those
below it, and no two modules of one package import each other in a circle.

Every import counts: at module level, inside functions, under `if TYPE_CHECKING:` (a type-only import still ties
a lower layer to a higher one). The arrows not fixed yet are listed below, one reason each; an entry that no
longer matches the code fails too, so the lists only shrink.
"""

from __future__ import annotations

import ast
from pathlib import Path

GAME = Path(__file__).resolve().parent.parent / "game"

# Lowest first. A module belongs to the layer of the longest name listed that is it or contains it (`game` itself
# only by name: the package's __init__, which holds __version__). Peers share a layer and may not import each
# other (PEER_BANS): classroom and ui; the language server and the cli (the cli may start the server).
LAYERS: list[tuple[str, tuple[str, ...]]] = [
    (
        "base",
        ("game", "game.roles", "game.resources", "game.user_cache", "game.strings_file"),
    ),  # roles, defined once; where shipped files are
    ("content", ("game.content",)),
    ("sim", ("game.sim",)),
    ("events", ("game.events",)),
    ("session", ("game.session", "game.paths")),  # paths: where saves, logs and class sessions live
    ("bots", ("game.bots",)),
    ("runs", ("game.runs",)),  # many games at once: batches, `plaza simulate`, the debrief's comparison, what-ifs
    ("class files", ("game.classfiles",)),  # class sessions, class logs, exports: read and written by both peers
    # Students join: the web server phones vote through; it needs only the vote's data, the projector (ui) runs it.
    ("class web", ("game.classweb",)),
    ("classroom and ui", ("game.classroom", "game.ui")),
    # `plaza classroom` and `plaza class-report` are command-line front-ends kept beside the class tools.
    (
        "cli",
        (
            "game.cli",
            "game.cli_support",
            "game.cli_language",
            "game.cli_simulate",
            "game.cli_settle",
            "game.cli_replay",
            "game.lsp",
            "game.classroom.cli_classroom",
            "game.classroom.cli_report",
        ),
    ),
]
PEER_BANS = {("game.classroom", "game.ui"), ("game.ui", "game.classroom"), ("game.lsp", "game.cli")}

# (importer, imported) -> why this arrow against the flow (upward, or between peers) is still there.
KNOWN_UPWARD: dict[tuple[str, str], str] = {}

# Circles of imports inside one package: the modules in each, and why it is still there.
KNOWN_CYCLES: dict[frozenset[str], str] = {}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(GAME.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {module_name(p): p for p in sorted(GAME.rglob("*.py"))}


def imports(module: str, source: str, known: set[str] | dict[str, Path]) -> list[tuple[str, int]]:
    """(imported game module, line) for every import in `source`, at any depth. `from game.ui import paths` is the
    module game.ui.paths when there is one, else the package game.ui."""
    is_package = module == "game" or MODULES.get(module, Path()).name == "__init__.py"
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(a.name, node.lineno) for a in node.names if a.name == "game" or a.name.startswith("game.")]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                package = module.split(".")[: len(module.split(".")) - node.level + (1 if is_package else 0)]
                base = ".".join(package + ([base] if base else []))
            if base != "game" and not base.startswith("game."):
                continue
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                found.append((sub if sub in known else base, node.lineno))
    return found


def layer_of(module: str) -> tuple[int, str]:
    """(rank, the name that placed it)."""
    best: tuple[int, int, str] | None = None
    for rank, (_, names) in enumerate(LAYERS):
        for name in names:
            inside = module == name or (name != "game" and module.startswith(name + "."))
            if inside and (best is None or len(name) > best[1]):
                best = (rank, len(name), name)
    assert best is not None, f"{module} is in no layer: add it to LAYERS in tests/test_layers.py"
    return best[0], best[2]


def package(module: str) -> str:
    return ".".join(module.split(".")[:2])


def edges() -> dict[tuple[str, str], int]:
    """(importer, imported) -> first line, for every import of one game module by another."""
    out: dict[tuple[str, str], int] = {}
    for module, path in MODULES.items():
        for target, line in imports(module, path.read_text(encoding="utf-8"), MODULES):
            if target != module and target in MODULES:
                out.setdefault((module, target), line)
    return out


def family(module: str) -> str:
    """Its package, for the peer rule; in the cli layer, `game.lsp` or `game.cli` (the commands and their helpers)."""
    rank, place = layer_of(module)
    if LAYERS[rank][0] == "cli":
        return "game.lsp" if place == "game.lsp" else "game.cli"
    return package(place)


def forbidden(importer: str, imported: str) -> bool:
    mine, theirs = layer_of(importer)[0], layer_of(imported)[0]
    return theirs > mine or (theirs == mine and (family(importer), family(imported)) in PEER_BANS)


def cycles(graph: dict[str, set[str]]) -> list[frozenset[str]]:
    """The strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[frozenset[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = set()
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.add(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(frozenset(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_every_module_has_a_layer():
    for module in MODULES:
        layer_of(module)


def test_no_module_imports_a_higher_layer():
    found = edges()
    wrong = [
        f"{MODULES[a].relative_to(GAME.parent)}:{line}: {a} ({LAYERS[layer_of(a)[0]][0]}) imports {b} "
        f"({LAYERS[layer_of(b)[0]][0]})"
        for (a, b), line in sorted(found.items())
        if forbidden(a, b) and (a, b) not in KNOWN_UPWARD
    ]
    assert not wrong, "imports against the flow (move the code down, or see docs/architecture.md):\n" + "\n".join(wrong)


def test_known_upward_imports_still_exist():
    """A fixed arrow leaves the list, so the list only shrinks."""
    found = edges()
    stale = [f"{a} -> {b}" for a, b in KNOWN_UPWARD if (a, b) not in found or not forbidden(a, b)]
    assert not stale, "fixed: remove from KNOWN_UPWARD in tests/test_layers.py:\n" + "\n".join(stale)


def test_no_import_cycles_inside_a_package():
    graph: dict[str, set[str]] = {}
    for a, b in edges():
        if package(a) == package(b):
            graph.setdefault(a, set()).add(b)
    found = set(cycles(graph))
    new = [sorted(c) for c in found - set(KNOWN_CYCLES)]
    gone = [sorted(c) for c in set(KNOWN_CYCLES) - found]
    assert not new, "modules that import each other in a circle (or a known circle that changed):\n" + "\n".join(
        " <-> ".join(c) for c in new
    )
    assert not gone, "circles broken or changed: update KNOWN_CYCLES in tests/test_layers.py:\n" + "\n".join(
        " <-> ".join(c) for c in gone
    )


def test_imports_are_found_at_any_depth():
    source = (
        "from typing import TYPE_CHECKING\n"
        "import game.sim.model\n"
        "from . import world\n"
        "if TYPE_CHECKING:\n"
        "    from game.ui.app import App\n"
        "def f():\n"
        "    def g():\n"
        "        from game.ui import paths\n"
        "    from ..content.loader import ContentSet\n"
    )
    known = {"game.sim.model", "game.events.world", "game.ui.app", "game.ui.paths", "game.content.loader"}
    assert sorted(imports("game.events.engine", source, known), key=lambda found: found[1]) == [
        ("game.sim.model", 2),
        ("game.events.world", 3),
        ("game.ui.app", 5),
        ("game.ui.paths", 8),
        ("game.content.loader", 9),
    ]
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [frozenset("abc")]


def test_the_engine_does_not_import_the_checker():
    """Playing needs the content, not the validator: the engine reads pools through game.content.pools."""
    found = edges()
    assert not [(a, b) for a, b in found if package(a) == "game.events" and b == "game.content.checks"]
