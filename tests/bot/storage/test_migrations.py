"""Migrations: the Alembic history builds exactly the schema the models describe."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect
from sqlmodel import SQLModel

from bot.storage.store import create_db


def test_migrations_match_the_models(db_url: str) -> None:
    """After `upgrade head`, autogenerate finds nothing left to change."""
    engine = create_db(db_url)
    with engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), SQLModel.metadata)
    assert diff == []


def test_upgrading_twice_is_harmless(db_url: str) -> None:
    """A restart (or a second replica) finds the schema current and changes nothing."""
    create_db(db_url)
    engine = create_db(db_url)
    tables = set(inspect(engine).get_table_names())
    assert {"filings", "events", "deliveries", "watches", "alembic_version"} <= tables


def test_a_fresh_sqlite_file_is_created_on_first_use(tmp_path: Path) -> None:
    """The default embedded database needs no set-up step: the file and tables appear."""
    path = tmp_path / "fresh" / "phasewatch.db"
    path.parent.mkdir()
    create_db(f"sqlite:///{path}")
    assert path.is_file()
    assert "filings" in inspect(create_engine(f"sqlite:///{path}")).get_table_names()
