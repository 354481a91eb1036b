"""Fixtures shared by the classroom tests."""

import pytest

from game.content.loader import load_content


@pytest.fixture(scope="session")
def content():
    """The shipped content, loaded once for every classroom test."""
    result = load_content()
    assert result.ok, result.errors
    return result.content
