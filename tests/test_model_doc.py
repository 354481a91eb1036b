"""docs/model.md keeps up with the model: every parameter listed with its value, every parameter used, every
metric of `plaza simulate` defined."""

import re
from pathlib import Path

from game.content.loader import load_content
from game.sim.metrics import METRICS

ROOT = Path(__file__).resolve().parent.parent
DOC = (ROOT / "docs" / "model.md").read_text(encoding="utf-8")
SIM = {p.stem: p.read_text() for p in (ROOT / "game" / "sim").glob("*.py")}


def test_every_parameter_is_documented_with_its_value_and_used():
    for name, param in load_content().content.parameters.items():
        value = int(param.value) if float(param.value).is_integer() else param.value
        assert re.search(rf"^\| `{name}` \| {re.escape(str(value))} \|", DOC, re.M), (
            f"docs/model.md appendix: `{name}` missing or not at {value} (run tools/param_table.py)"
        )
        assert any(re.search(rf"\bp\.{name}\b", text) for text in SIM.values()), f"{name} is read by no mechanism"


def test_every_metric_is_defined():
    for name in METRICS:
        assert f"`{name}`" in DOC, f"docs/model.md does not define the metric {name}"
