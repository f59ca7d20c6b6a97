"""Named service facts with a timestamp (last poll, tickers loaded …), shared by all replicas."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Engine, Table
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session

from bot.storage.models import StateRow

STATE: Table = StateRow.__table__  # type: ignore[attr-defined]

REFUSED_KEY = "slack_refused"  # the state key delivery saves Slack's credentials error under


def save_state(engine: Engine, key: str, value: str, now: datetime) -> None:
    """Set `key` to `value`, stamped `now`: one upsert, so processes saving the same new key
    at once never collide (SQLite, PostgreSQL; other databases read then write)."""
    name = engine.dialect.name
    if name in ("sqlite", "postgresql"):
        insert = sqlite_insert if name == "sqlite" else postgresql_insert
        statement = insert(STATE).values(key=key, value=value, updated_at=now)
        statement = statement.on_conflict_do_update(
            index_elements=["key"], set_={"value": value, "updated_at": now}
        )
        with engine.begin() as connection:
            connection.execute(statement)
        return
    with Session(engine) as session:
        row = session.get(StateRow, key) or StateRow(key=key)
        row.value, row.updated_at = value, now
        session.add(row)
        session.commit()


def load_state(engine: Engine, key: str) -> StateRow | None:
    """The stored fact, or None."""
    with Session(engine) as session:
        return session.get(StateRow, key)


def load_state_json(engine: Engine, key: str) -> dict[str, Any]:
    """The stored fact decoded as a JSON object ({} when absent, empty or not an object)."""
    row = load_state(engine, key)
    try:
        value = json.loads(row.value) if row is not None and row.value else {}
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def is_due(engine: Engine, key: str, every: timedelta, now: datetime) -> bool:
    """True when `key` was never stamped or was stamped at least `every` ago."""
    row = load_state(engine, key)
    return row is None or row.updated_at is None or now - row.updated_at >= every


def delete_state(engine: Engine, key: str) -> None:
    """Forget `key` (nothing happens when it is not stored)."""
    with engine.begin() as connection:
        connection.execute(STATE.delete().where(STATE.c.key == key))
