"""Third-party libraries stay behind one module each, so their types never leak out."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

WATCHERS = Path(__file__).resolve().parents[2] / "watchers"
HOMES = {
    "feedparser": {"feeds.py"},
    "httpx": {"client.py", "ctgov.py"},  # one HTTP client module per service: EDGAR, the registry
    "httpcore": {"client.py", "deadline.py"},  # httpx's own transport layer, for the deadline
    "selectolax": {"index.py", "text.py"},
}


def top_level_imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("library", sorted(HOMES))
def test_library_is_imported_only_in_its_module(library: str) -> None:
    users = {p.name for p in WATCHERS.glob("*.py") if library in top_level_imports(p)}
    assert users <= HOMES[library]


def test_no_beautifulsoup_anywhere_in_watchers() -> None:
    assert not any("bs4" in top_level_imports(p) for p in WATCHERS.glob("*.py"))
