"""pytest fixtures for the fake EDGAR server; import them into conftest.py or a test module.

from edgar_fixtures import edgar  # noqa: F401  (pytest finds it by name)
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

try:  # tests/ is not a package: pytest puts tests/ itself on sys.path
    from edgar_server import FakeEdgar
except ImportError:  # in case tests/ becomes a package
    from tests.edgar_server import FakeEdgar


@pytest.fixture
def edgar() -> Iterator[FakeEdgar]:
    """A started FakeEdgar on 127.0.0.1 with no routes; stopped after the test."""
    with FakeEdgar() as server:
        yield server
