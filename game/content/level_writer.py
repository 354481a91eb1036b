"""Write starting values into a level file the author keeps editing (and fitted values into content/model.yaml):
their comments, order and layout stay.

`plaza settle` (and `tools/calibrate.py settle`) put where the model's rules hold a level back into its file, under
each district's and the city's `initial:` and `computed_start:`. The file is read with ruamel.yaml's round-trip
loader, which keeps comments, key order, flow maps (`{a: 1, b: 2}`) and quoting, and is written whole or not at all.
The file has already passed the checker (no tags, anchors or merge keys), and the round-trip loader builds plain
maps, lists and scalars only, never objects named in a file.
"""

from __future__ import annotations

import io
import os
import stat
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.tokens import CommentToken
from ruamel.yaml.util import load_yaml_guess_indent

from game.user_cache import write_whole

# section ("initial" or "computed_start") -> name -> value
Sections = dict[str, dict[str, float]]


class NotWritable(Exception):
    """The level file may not be changed (read-only, or not a regular file)."""


# Indentation layouts tried in turn (mapping, sequence, offset): Plaza's own first. ruamel.yaml cannot tell a
# file's mapping indentation by itself, so the first layout that gives the file back unchanged is used.
LAYOUTS = ((2, 4, 2), (2, 2, 0), (4, 4, 2), (4, 6, 4), (4, 4, 0), (2, 2, 2), (4, 4, 4))


def with_start_values(text: str, districts: dict[str, Sections], city: Sections) -> tuple[str, bool]:
    """`text` (a level file) with each value set: `districts` by district id, `city` for the city block, and
    whether the file's own layout was kept (else it is written in Plaza's: two spaces a level, list items indented
    under their key). A value already written is replaced where it stands; a new one goes at the end of its map; a
    missing `computed_start:` map goes right after `initial:`, in the same style (flow or block)."""
    yaml, doc, kept = _round_tripper(text)
    for block in doc.get("districts") or []:
        if block.get("id") in districts:
            _set(block, districts[block["id"]])
    if city:
        if doc.get("city") is None:
            doc["city"] = CommentedMap()
        _set(doc["city"], city)
    return _dump(yaml, doc), kept


def _round_tripper(text: str) -> tuple[YAML, CommentedMap, bool]:
    """The file read once, and a writer set to the first layout that gives it back unchanged (else Plaza's)."""
    _, sequence, offset = load_yaml_guess_indent(text)
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096  # never fold a long line the author wrote on one
    doc = yaml.load(text)
    for mapping, seq, off in (*LAYOUTS, (2, sequence, offset), (4, sequence, offset)):
        yaml.indent(mapping=mapping, sequence=seq, offset=off)
        if _dump(yaml, doc) == text:
            return yaml, doc, True
    yaml.indent(mapping=LAYOUTS[0][0], sequence=LAYOUTS[0][1], offset=LAYOUTS[0][2])
    return yaml, doc, False


def _dump(yaml: YAML, doc) -> str:
    out = io.StringIO()
    yaml.dump(doc, out)
    return out.getvalue()


def with_parameter_values(text: str, values: dict[str, float]) -> tuple[str, bool]:
    """`text` (content/model.yaml) with each named parameter's `value:` set where it stands, and whether the file's
    own layout was kept (tools/calibrate.py fit --write)."""
    yaml, doc, kept = _round_tripper(text)
    parameters = doc["parameters"]
    for name, value in values.items():
        parameters[name]["value"] = value
    return _dump(yaml, doc), kept


def write_start_values(path: Path, districts: dict[str, Sections], city: Sections) -> bool:
    """Set the values in the level file at `path` (a link is followed to the file it names), keeping its
    permissions; whether its layout was kept (with_start_values). Raises NotWritable when the file may not be
    changed, OSError when writing fails (the file is then as it was: it is replaced whole or not at all)."""
    return _rewrite(path, lambda text: with_start_values(text, districts, city))


def write_parameter_values(path: Path, values: dict[str, float]) -> bool:
    """Set parameter values in the model file at `path`, as write_start_values sets a level's."""
    return _rewrite(path, lambda text: with_parameter_values(text, values))


def _rewrite(path: Path, edit) -> bool:
    real = path.resolve()
    info = os.stat(real)
    if not stat.S_ISREG(info.st_mode) or not os.access(real, os.W_OK):
        raise NotWritable(str(path))
    new, kept = edit(real.read_text(encoding="utf-8"))
    write_whole(real, new)
    os.chmod(real, stat.S_IMODE(info.st_mode))
    return kept


def _set(block: CommentedMap, sections: Sections) -> None:
    tail = _detach_tail(block)
    _set_values(block, sections)
    if tail is not None:
        _attach_tail(block, tail)


def _last_block_map(node: CommentedMap) -> CommentedMap:
    """The block map (not a `{...}` one) that holds the last value written inside `node`."""
    while node and not node.fa.flow_style():
        value = node[next(reversed(node))]
        if not (isinstance(value, CommentedMap) and value and not value.fa.flow_style()):
            break
        node = value
    return node


def _detach_tail(block: CommentedMap) -> CommentToken | None:
    """The blank lines and comment lines after the block's last value, taken off it: values added at the end of the
    block would otherwise land below them, away from their map (ruamel.yaml keeps such lines with the value before
    them). That value's own end-of-line comment stays with it."""
    node = _last_block_map(block)
    if not node or node.fa.flow_style():
        return None
    entry = node.ca.items.get(next(reversed(node)))
    if not entry or len(entry) < 3 or entry[2] is None:
        return None
    token = entry[2]
    head, _, rest = token.value.partition("\n")
    if not rest:
        return None
    if head:
        token.value = head + "\n"
    else:
        entry[2] = None
    return CommentToken("\n" + rest, token.start_mark)


def _attach_tail(block: CommentedMap, tail: CommentToken) -> None:
    node = _last_block_map(block)
    last = next(reversed(node))
    entry = node.ca.items.setdefault(last, [None, None, None, None])
    if entry[2] is None:
        entry[2] = tail
    else:  # the new last value has an end-of-line comment of its own: the lines follow it
        entry[2].value = entry[2].value.rstrip("\n") + tail.value


def _set_values(block: CommentedMap, sections: Sections) -> None:
    initial = block.get("initial")
    for section, values in sections.items():
        target = block.get(section)
        if target is None:
            target = CommentedMap()
            if isinstance(initial, CommentedMap) and initial.fa.flow_style():
                target.fa.set_flow_style()
            keys = list(block.keys())
            where = keys.index("initial") + 1 if "initial" in keys else len(keys)
            block.insert(where, section, target)
        for name, value in values.items():
            target[name] = value
