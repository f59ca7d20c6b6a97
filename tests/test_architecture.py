"""One direction of dependency: classifiers and watchers import nothing of ours; bot wires them."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
FORBIDDEN = {
    "classifiers": {
        "bot",
        "watchers",
        "httpx",
        "slack_sdk",
        "slack_bolt",
        "sqlmodel",
        "sqlalchemy",
        "feedparser",
        "requests",
        "urllib",
        "socket",
        "os",  # classifiers is pure: text in, events out, no I/O library at all
        "pathlib",
        "subprocess",
        "io",
    },
    "watchers": {"bot", "classifiers", "slack_sdk", "slack_bolt", "sqlmodel", "sqlalchemy"},
}


def imported_modules(path: Path) -> set[str]:
    """Every module name an import statement in `path` names."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_package_imports_nothing_forbidden(package: str) -> None:
    """No module of the package imports a forbidden package (or a submodule of one)."""
    files = sorted((REPO / package).rglob("*.py"))
    assert files, f"{package} has no modules"
    for path in files:
        for name in imported_modules(path):
            banned = {f for f in FORBIDDEN[package] if name == f or name.startswith(f + ".")}
            assert not banned, f"{path.relative_to(REPO)} imports {name}"


@pytest.mark.parametrize("path", sorted((REPO / "classifiers").rglob("*.py")), ids=lambda p: p.name)
def test_classifiers_do_no_io(path: Path) -> None:
    """No classifiers module calls open(), print() or input()."""
    calls = {
        node.func.id
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
    }
    assert not calls & {"open", "print", "input"}
