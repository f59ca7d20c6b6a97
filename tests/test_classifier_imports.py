"""classifiers/ is pure: it imports nothing of ours, no network/database/Slack library, no I/O."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parents[1] / "classifiers"
FORBIDDEN = {
    "bot",
    "watchers",
    "httpx",
    "slack_sdk",
    "slack_bolt",
    "sqlmodel",
    "sqlalchemy",
    "requests",
    "urllib",
    "socket",
    "os",
    "pathlib",
    "subprocess",
    "io",
}


def _imports(path: Path) -> set[str]:
    """Top-level module names imported by one source file."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("path", sorted(PACKAGE.glob("*.py")), ids=lambda p: p.name)
def test_classifier_module_imports_nothing_forbidden(path: Path) -> None:
    """No classifiers module imports bot/, watchers/, an I/O library or a client library."""
    assert not _imports(path) & FORBIDDEN


@pytest.mark.parametrize("path", sorted(PACKAGE.glob("*.py")), ids=lambda p: p.name)
def test_classifier_module_does_not_open_files(path: Path) -> None:
    """No classifiers module calls open() or print()."""
    calls = {
        node.func.id
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
    }
    assert not calls & {"open", "print", "input"}
