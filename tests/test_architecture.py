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


# bot/ in layers. Each package may import only the bot packages listed for it; the composition
# root (bot/*.py: cli, commands, runtime, service, settings, demo…) may import any of them.
LAYERS: dict[str, set[str]] = {
    "domain": {"domain"},
    "storage": {"domain", "storage"},
    "web": {"web"},
    "views": {"domain", "storage", "views"},
    "slack": {"domain", "storage", "views", "slack"},
    "usecases": {"domain", "storage", "views", "slack", "usecases"},
}
# Packages of the composition root: like bot/*.py, they may import every layer.
ROOT_PACKAGES = {"cli"}
# Third-party libraries that belong to one layer only.
OWNED = {
    "sqlmodel": "storage",
    "sqlalchemy": "storage",
    "alembic": "storage",
    "psycopg": "storage",
    "slack_sdk": "slack",
    "slack_bolt": "slack",
}


def _layer_of(path: Path) -> str | None:
    """The bot package a module belongs to (None for the composition root)."""
    parts = path.relative_to(REPO / "bot").parts
    return parts[0] if len(parts) > 1 and parts[0] not in ROOT_PACKAGES else None


def layer_violations() -> list[str]:
    """Every import in bot/ that crosses a layer rule, as 'module imports name'."""
    found = []
    for path in sorted((REPO / "bot").rglob("*.py")):
        layer = _layer_of(path)
        for name in sorted(imported_modules(path)):
            top, _, rest = name.partition(".")
            if top == "bot" and layer is not None:
                target = rest.split(".")[0]
                if target in LAYERS and target not in LAYERS[layer]:
                    found.append(f"{path.relative_to(REPO)} imports {name}")
                elif target not in LAYERS:
                    found.append(f"{path.relative_to(REPO)} imports the composition root ({name})")
            elif top in OWNED and OWNED[top] != layer:
                found.append(f"{path.relative_to(REPO)} imports {name}")
    return found


def test_bot_packages_keep_their_layers() -> None:
    """domain < storage < views < slack < usecases < the composition root; libraries stay home."""
    assert layer_violations() == []


def test_every_bot_module_is_in_a_layer_or_the_root() -> None:
    """A new package under bot/ must be given its place in LAYERS."""
    packages = {p.name for p in (REPO / "bot").iterdir() if (p / "__init__.py").exists()}
    assert packages == set(LAYERS) | ROOT_PACKAGES


# A kind's name is spelled in its own module (bot/domain/kinds/) and in the migrations that
# stored it; everywhere else names it through KINDS or the kind module's NAME.
KIND_NAME_HOMES = ("domain/kinds/", "storage/migrations/")
# String constants equal to a kind's name that name something else: the pipeline contract's
# MTD/RP2D dose field.
NOT_A_KIND = {("bot/views/pipeline.py", "mtd")}


def kind_literals() -> list[str]:
    """Every string constant in bot/ outside the kinds' homes that is a kind's name."""
    from bot.domain.kinds import KINDS

    found = []
    for path in sorted((REPO / "bot").rglob("*.py")):
        where = path.relative_to(REPO).as_posix()
        if any(where.startswith("bot/" + home) for home in KIND_NAME_HOMES):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Constant)
                and node.value in KINDS
                and (where, node.value) not in NOT_A_KIND
            ):
                found.append(f"{where}:{node.lineno} spells {node.value!r}")
    return found


def test_only_the_kinds_spell_their_names() -> None:
    """A kind is named by its module's NAME or the KINDS registry, never by a literal."""
    assert kind_literals() == []
