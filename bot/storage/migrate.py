"""Schema migrations (Alembic), applied at start.

On PostgreSQL an advisory lock serialises replicas that start together, so exactly one of them
upgrades the schema and the others find it current.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine, text

MIGRATIONS = Path(__file__).with_name("migrations")
MIGRATION_LOCK = 0x7068_6173  # "phas": the advisory lock id for schema upgrades


def alembic_config(connection: Connection) -> Config:
    """An Alembic config for our migrations, bound to `connection`."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def upgrade(engine: Engine) -> None:
    """Bring the database schema to the latest revision."""
    with engine.connect() as connection:
        postgres = connection.dialect.name == "postgresql"
        if postgres:
            connection.execute(text("SELECT pg_advisory_lock(:k)"), {"k": MIGRATION_LOCK})
        try:
            command.upgrade(alembic_config(connection), "head")
            connection.commit()
        finally:
            if postgres:
                connection.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": MIGRATION_LOCK})
                connection.commit()


def autogenerate(engine: Engine, message: str) -> None:
    """Write a new revision from the difference between the models and the database (dev tool)."""
    with engine.connect() as connection:
        command.revision(alembic_config(connection), message=message, autogenerate=True)
