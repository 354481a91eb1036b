"""The fidelity suite's `slow` marker: fuller runs, skipped unless asked for.

Run them with `PLAZA_SLOW=1 uv run pytest tests/fidelity`, or `uv run pytest tests/fidelity --runslow` (the
option exists only when tests/fidelity is named on the command line, since pytest reads a subfolder's options
only then).
"""

import os

import pytest


def pytest_addoption(parser):
    parser.addoption(
        "--runslow",
        action="store_true",
        default=False,
        help="also run the slow, fuller fidelity tests (or set PLAZA_SLOW=1)",
    )


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "slow: a fuller fidelity run (more seeds); skipped unless --runslow or PLAZA_SLOW=1"
    )


def run_slow(config) -> bool:
    try:
        option = config.getoption("--runslow")
    except ValueError:  # the option was not registered (tests/fidelity not named on the command line)
        option = False
    return bool(option) or os.environ.get("PLAZA_SLOW", "") not in ("", "0")


def pytest_collection_modifyitems(config, items):
    if run_slow(config):
        return
    skip = pytest.mark.skip(reason="slow fidelity run: use --runslow or PLAZA_SLOW=1")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)
