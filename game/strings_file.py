"""The `strings:` of one content/ui/*.yaml file, read without loading the whole content, and the language the
environment asks for.

The command line (game.cli_language, content/ui/cli.yaml) and the diagnostics (game.content.diagnostic_text,
content/ui/diagnostics.yaml) need their texts before, or instead of, the content: a help line or a verdict answered
from the cache must not wait for pydantic and the checker. So the file is read directly with PyYAML's safe loader,
once per change of its bytes, and kept as JSON in the user's cache (importing PyYAML cost a third of a cached
`plaza validate`'s own time). The content loader still reads these files as `kind: strings` and checks them with
the other strings (both languages, placeholders that parse and match).

In the lowest layer, beside game.resources and game.user_cache, so the content layer and the command line share it.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Mapping
from contextlib import suppress
from pathlib import Path

from game.user_cache import cache_dir, write_whole

LANGS = ("en", "es")


def environment_language(environ: Mapping[str, str] = os.environ) -> str:
    """The language the environment asks for: `PLAZA_LANG`, else the system's (the first of `LC_ALL`,
    `LC_MESSAGES`, `LANG` that is set: Spanish when it starts with `es`), else English."""
    asked = environ.get("PLAZA_LANG", "").strip().lower()[:2]
    if asked in LANGS:
        return asked
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):  # POSIX order: the first one set decides
        value = environ.get(name, "")
        if value:
            return "es" if value.lower().startswith("es") else "en"
    return "en"


def read_strings(path: Path) -> dict:
    """`key -> {"en": …, "es": …}` from the file's `strings:`; {} when the file cannot be read or parsed (the
    content check names the problem; callers show keys instead of texts)."""
    try:
        raw = path.read_bytes()
    except OSError:
        return {}
    kept = cache_dir() / "cli_strings" / f"{hashlib.sha256(raw).hexdigest()[:16]}.json"
    try:
        with open(kept, encoding="utf-8") as file:
            strings = json.load(file)
        if isinstance(strings, dict):
            return strings
    except (OSError, ValueError):
        pass  # not kept yet, or damaged: parse again
    strings = _parse_strings(raw)
    with suppress(OSError):  # a read-only cache: parsed again next time
        write_whole(kept, json.dumps(strings, ensure_ascii=False))
    return strings


def _parse_strings(raw: bytes) -> dict:
    import yaml

    try:
        data = yaml.load(raw.decode("utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (UnicodeDecodeError, yaml.YAMLError):
        return {}
    strings = data.get("strings") if isinstance(data, dict) else None
    return strings if isinstance(strings, dict) else {}
